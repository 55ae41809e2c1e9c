"""`babelwire` in its own process with the fast test encoder: the workers the
queue tests start and kill.

    python tests/queue/queue_cli.py worker --db URL ...

An article whose text holds POISON makes the encoder raise (a poison article);
BABELWIRE_TEST_ENCODE_SECONDS slows each encoding down, so a worker can be
killed while it is busy.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np

import babelwire.api
import babelwire.queue.worker
from babelwire import config
from babelwire.cli import main
from babelwire.pipeline import Cadence, Pipeline
from babelwire.store import Store
from tests.conftest import HashingEncoder

POISON = "POISON"


class TestEncoder(HashingEncoder):
    def encode(self, texts: list[str]) -> np.ndarray:
        if any(POISON in text for text in texts):
            raise ValueError("this article poisons the encoder")
        time.sleep(float(os.environ.get("BABELWIRE_TEST_ENCODE_SECONDS", "0")))
        return super().encode(texts)


def fast_pipeline(store: Store) -> Pipeline:
    # Consolidation on the articles' count alone, never on the machine's speed:
    # workers and the single-process reference then consolidate at the same articles.
    cadence = Cadence(config.consolidate_every(), config.consolidate_seconds(), share=None)
    return Pipeline(store, encoder=TestEncoder(), cadence=cadence)


def use_test_encoder() -> None:
    babelwire.api.Pipeline = fast_pipeline  # type: ignore[misc, assignment]
    babelwire.queue.worker.PIPELINE_FACTORY = fast_pipeline  # type: ignore[assignment]


if __name__ == "__main__":
    use_test_encoder()
    main(sys.argv[1:])
