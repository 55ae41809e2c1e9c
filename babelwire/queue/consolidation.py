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

from babelwire.consolidate import Report
from babelwire.pipeline import Pipeline
from babelwire.store.queue import QueueRecords

log = logging.getLogger("babelwire.consolidate")


def consolidate_when_due(queue: QueueRecords, pipeline: Pipeline) -> Report | None:
    """Consolidate under the link lock if the cluster's count is due; the report if it ran."""
    if not _due(queue, pipeline):  # read without the lock: cheap, and usually not due
        return None
    try:
        with queue.store.transaction():
            if not _due(queue, pipeline):  # another worker consolidated meanwhile
                return None
            return _consolidate(queue, pipeline)
    except Exception:  # a consolidation that fails must not stop linking
        log.exception("consolidation failed; the next is due after as many articles again")
        queue.restart_count(seconds=0.0)
        return None


def consolidate_now(queue: QueueRecords, pipeline: Pipeline) -> Report:
    """Consolidate under the link lock whatever the count (the end of a batch)."""
    with queue.store.transaction():
        return _consolidate(queue, pipeline)


def _due(queue: QueueRecords, pipeline: Pipeline) -> bool:
    return pipeline.cadence.due(*queue.cadence())


def _consolidate(queue: QueueRecords, pipeline: Pipeline) -> Report:
    report = pipeline.consolidator.run(held=True)
    queue.restart_count(report.seconds)
    log.info("%s", report.summary())
    return report
