"""Consolidation in the workers: on the pipeline's cadence, counted across the cluster.

An in-process pipeline counts the articles it linked since it last
consolidated; workers share one count, kept in the store's database
(`queue_consolidation`, one row) and bumped in each article's link
transaction. Whoever links next when the count is due consolidates first,
in one transaction that holds the link lock: no article is decided and
written while the events are being mended, and a worker killed meanwhile
leaves nothing half done (its transaction is rolled back, the count stays
due, the next linker consolidates). So the cluster consolidates between the
same two articles as a single `babelwire ingest` would.
"""

from __future__ import annotations

import logging
from typing import Any

from babelwire.consolidate import Report
from babelwire.pipeline import Pipeline
from babelwire.store.postgres import PostgresStore

log = logging.getLogger("babelwire.consolidate")

CADENCE = """
SELECT pending, extract(epoch FROM clock_timestamp() - last_at) AS waited, last_seconds
FROM queue_consolidation WHERE id = 1
"""


def count_linked(store: PostgresStore) -> None:
    """One more article linked since the last consolidation; in its link transaction."""
    store.db.execute("UPDATE queue_consolidation SET pending = pending + 1 WHERE id = 1")


def consolidate_when_due(store: PostgresStore, pipeline: Pipeline) -> Report | None:
    """Consolidate under the link lock if the cluster's count is due; the report if it ran."""
    if not _due(store, pipeline):  # read without the lock: cheap, and usually not due
        return None
    try:
        with store.transaction():
            if not _due(store, pipeline):  # another worker consolidated meanwhile
                return None
            return _consolidate(store, pipeline)
    except Exception:  # a consolidation that fails must not stop linking
        log.exception("consolidation failed; the next is due after as many articles again")
        _restart_count(store, seconds=0.0)
        return None


def consolidate_now(store: PostgresStore, pipeline: Pipeline) -> Report:
    """Consolidate under the link lock whatever the count (the end of a batch)."""
    with store.transaction():
        return _consolidate(store, pipeline)


def _due(store: PostgresStore, pipeline: Pipeline) -> bool:
    row: Any = store.db.execute(CADENCE).fetchone()
    return pipeline.cadence.due(row["pending"], float(row["waited"]), row["last_seconds"])


def _consolidate(store: PostgresStore, pipeline: Pipeline) -> Report:
    report = pipeline.consolidator.run(held=True)
    _restart_count(store, report.seconds)
    log.info("%s", report.summary())
    return report


def _restart_count(store: PostgresStore, seconds: float) -> None:
    store.db.execute(
        "UPDATE queue_consolidation SET pending = 0, last_at = clock_timestamp(), "
        "last_seconds = ? WHERE id = 1",
        (seconds,),
    )
