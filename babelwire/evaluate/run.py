"""`babelwire eval`: replay a gold folder through the production path and score it."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from babelwire.evaluate.dataset import load_gold
from babelwire.evaluate.metrics import score
from babelwire.pipeline import Pipeline, Status
from babelwire.readers import read_paths
from babelwire.store import SQLiteStore


def evaluate(folder: Path, make_pipeline: type[Pipeline] = Pipeline, **options: Any) -> dict:
    """Ingest `folder/docs` as a stream into a fresh store; score its events."""
    gold = load_gold(folder)
    with tempfile.TemporaryDirectory(prefix="babelwire-eval-") as scratch:
        store = SQLiteStore(Path(scratch) / "eval.db")
        pipeline = make_pipeline(store, **options)
        started = time.perf_counter()
        outcomes = list(pipeline.ingest_all(read_paths([str(folder / "docs")])))
        elapsed = time.perf_counter() - started
        predicted = {
            e_article: event.id for event in store.events() for e_article in event.article_ids
        }
        store.close()
    result: dict[str, Any] = score(predicted, gold)
    ingested = sum(o.status is Status.INGESTED for o in outcomes)
    result["articles"] = ingested
    result["articles_per_s"] = ingested / elapsed if elapsed else 0.0
    return result
