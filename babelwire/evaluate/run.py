"""`babelwire eval`: replay a gold folder through the production path and score it.

The stream is replayed twice into fresh stores: once as the online linker
alone decides it (the top-level scores), once with consolidation running as
it does in production, every so many articles and at the end of the batch
(`consolidated`, with the number of splits and merges it made). The stores
are throwaway SQLite files unless `db` names one (a file or a postgresql://
URL): it must hold no articles, each replay starts it empty, and the last
replay is left in it.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from babelwire.errors import InputError
from babelwire.evaluate.dataset import load_gold
from babelwire.evaluate.metrics import score
from babelwire.pipeline import NEVER, Cadence, Pipeline, Status
from babelwire.readers import read_paths
from babelwire.store import Store, open_store, shown

# The production default, without the clock: a replay's result must not
# depend on how fast the machine is.
REPLAY_CADENCE = Cadence(200, share=None)


def evaluate(
    folder: Path,
    make_pipeline: type[Pipeline] = Pipeline,
    consolidated: bool = True,
    db: str | None = None,
    **options: Any,
) -> dict:
    """Ingest `folder/docs` as a stream into a fresh store; score its events."""
    gold = load_gold(folder)
    if db is not None:
        _refuse_used(db)
    result: dict[str, Any] = _replay(folder, gold, make_pipeline, NEVER, options, db)
    if consolidated:
        result["consolidated"] = _replay(folder, gold, make_pipeline, REPLAY_CADENCE, options, db)
    return result


def _refuse_used(db: str) -> None:
    """A store that holds articles is someone's data: a replay would mix with it."""
    store = open_store(db)
    try:
        if store.count_articles():
            raise InputError(
                f"the store {shown(db)} already holds articles",
                hint="evaluation replays into an empty store: name a new one with --db",
            )
    finally:
        store.close()


@contextmanager
def _empty_store(db: str | None) -> Iterator[Store]:
    """A throwaway store, or `db` emptied (it held nothing but an earlier replay)."""
    with tempfile.TemporaryDirectory(prefix="babelwire-eval-") as scratch:
        store = open_store(db or str(Path(scratch) / "eval.db"))
        try:
            if db is not None:
                store.erase()
            yield store
        finally:
            store.close()


def _replay(
    folder: Path,
    gold: dict[str, str],
    make_pipeline: type[Pipeline],
    cadence: Cadence,
    options: dict[str, Any],
    db: str | None = None,
) -> dict[str, Any]:
    with _empty_store(db) as store:
        pipeline = make_pipeline(store, cadence=cadence, **options)
        started = time.perf_counter()
        outcomes = list(pipeline.ingest_all(read_paths([str(folder / "docs")])))
        pipeline.finish()
        elapsed = time.perf_counter() - started
        predicted = {
            e_article: event.id for event in store.events() for e_article in event.article_ids
        }
        changes = store.consolidation_counts()
    result: dict[str, Any] = score(predicted, gold)
    ingested = sum(o.status is Status.INGESTED for o in outcomes)
    result["articles"] = ingested
    result["articles_per_s"] = ingested / elapsed if elapsed else 0.0
    if cadence.articles:
        result["splits"], result["merges"] = changes["split"], changes["merge"]
    return result
