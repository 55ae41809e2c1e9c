"""`babelwire eval`: replay a gold folder through the production path and score it.

The stream is replayed twice into fresh stores: once as the online linker
alone decides it (the top-level scores), once with consolidation running as
it does in production, every so many articles and at the end of the batch
(`consolidated`, with the number of splits and merges it made).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from babelwire.evaluate.dataset import load_gold
from babelwire.evaluate.metrics import score
from babelwire.pipeline import NEVER, Cadence, Pipeline, Status
from babelwire.readers import read_paths
from babelwire.store import SQLiteStore

# The production default, without the clock: a replay's result must not
# depend on how fast the machine is.
REPLAY_CADENCE = Cadence(200, share=None)


def evaluate(
    folder: Path,
    make_pipeline: type[Pipeline] = Pipeline,
    consolidated: bool = True,
    **options: Any,
) -> dict:
    """Ingest `folder/docs` as a stream into a fresh store; score its events."""
    gold = load_gold(folder)
    result: dict[str, Any] = _replay(folder, gold, make_pipeline, NEVER, options)
    if consolidated:
        result["consolidated"] = _replay(folder, gold, make_pipeline, REPLAY_CADENCE, options)
    return result


def _replay(
    folder: Path,
    gold: dict[str, str],
    make_pipeline: type[Pipeline],
    cadence: Cadence,
    options: dict[str, Any],
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="babelwire-eval-") as scratch:
        store = SQLiteStore(Path(scratch) / "eval.db")
        pipeline = make_pipeline(store, cadence=cadence, **options)
        started = time.perf_counter()
        outcomes = list(pipeline.ingest_all(read_paths([str(folder / "docs")])))
        pipeline.finish()
        elapsed = time.perf_counter() - started
        predicted = {
            e_article: event.id for event in store.events() for e_article in event.article_ids
        }
        changes = store.db.execute(
            "SELECT kind, count(*) FROM event_history WHERE kind IN ('split_into', 'merge_into') "
            "AND json_extract(evidence, '$.by') = 'consolidation' GROUP BY kind"
        ).fetchall()
        store.close()
    result: dict[str, Any] = score(predicted, gold)
    ingested = sum(o.status is Status.INGESTED for o in outcomes)
    result["articles"] = ingested
    result["articles_per_s"] = ingested / elapsed if elapsed else 0.0
    if cadence.articles:
        made = {row[0]: row[1] for row in changes}
        result["splits"], result["merges"] = made.get("split_into", 0), made.get("merge_into", 0)
    return result
