"""`babelwire worker` with a stand-in encoder: it sleeps as long as the real
encoders take per article, then gives a cheap hashed bag of words. Many such
workers on two cores behave like workers on as many machines: the sleep
stands for a machine of its own busy encoding.

    .venv/bin/python bench/queue_worker.py SECONDS worker --db URL [...]

With REBUILD_LIVE_INDEX=1 in its environment, the worker reads its index of
live events anew whenever another has committed, as before issue 15's
catch-up (bench/queue_scaling.py --rebuilt-too compares the two in one run).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a script: make `babelwire` and `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import babelwire.queue.worker
from babelwire.cli import main
from babelwire.pipeline import Pipeline
from babelwire.store import Store
from babelwire.store.sql import SQLStore
from tests.conftest import HashingEncoder


class StandIn(HashingEncoder):
    """Sleeps `seconds` a text, then hashes its words."""

    name = "stand-in"

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def encode(self, texts: list[str]) -> np.ndarray:
        time.sleep(self.seconds * len(texts))
        return super().encode(texts)


def stand_in_pipeline(seconds: float) -> Callable[[Store], Pipeline]:
    def make(store: Store) -> Pipeline:
        encoder = StandIn(seconds)
        # One encoder for both roles: the sleep is the whole per-article encode time.
        return Pipeline(store, encoder=encoder, aligner=encoder)

    return make


def never_caught_up(store: SQLStore, live: object) -> bool:
    return False


if __name__ == "__main__":
    if os.environ.get("REBUILD_LIVE_INDEX") == "1":
        SQLStore._caught_up = never_caught_up  # type: ignore[method-assign,assignment]
    babelwire.queue.worker.PIPELINE_FACTORY = stand_in_pipeline(float(sys.argv[1]))
    main(sys.argv[2:])
