"""Link the encoded articles in the order they were put on the queue.

Whoever finishes encoding an article (any worker, on any machine) then links
the head of the queue: the waiting article with the lowest `seq`, if it is
encoded, then the next, until the head is one still being encoded (its worker
will link it, and what follows, when it is done). Nobody waits for anybody:
a worker never holds a job open while an earlier article is encoded
elsewhere, so no set of workers can block each other, and a killed worker's
article holds back only the articles after it until its job is retried.

Each article is linked in the store's own write transaction (the link lock:
one article at a time across the cluster, the same step the in-process
pipeline takes), and its queue row is marked linked in that transaction, so
an article is linked exactly once whoever tries. Between two articles, the
linker consolidates when the cluster's count says so (consolidation.py).
"""

from __future__ import annotations

import logging
import pickle

from babelwire.pipeline import Outcome, Pipeline, Prepared, Status
from babelwire.queue.consolidation import consolidate_when_due
from babelwire.store.queue import QueueRecords

log = logging.getLogger("babelwire.queue")

# What the linker's outcome makes of a queue row.
DONE_AS = {
    Status.INGESTED: "linked",
    Status.COPY: "copy",
    Status.KNOWN: "known",
    Status.REJECTED: "rejected",
}


def link_ready(queue: QueueRecords, pipeline: Pipeline) -> int:
    """Link the encoded articles at the head of the queue; how many were linked."""
    linked = 0
    while True:
        # Between two articles, as an in-process ingest does, when the cluster's count is due.
        consolidate_when_due(queue, pipeline)
        head = queue.head()
        if head is None or head["state"] != "encoded":
            return linked
        if _link(queue, pipeline, head["seq"]):
            linked += 1


def _link(queue: QueueRecords, pipeline: Pipeline, seq: int) -> bool:
    """Link the article at `seq` unless another linker got there first."""
    try:
        with queue.store.transaction():
            work = queue.encoded_work(seq)
            if work is None:
                return False
            outcome = pipeline.link(_prepared(work))
            finish(queue, seq, outcome)
            if outcome.status is Status.INGESTED:
                queue.count_linked()
    except Exception as error:  # a poison article must not stop the queue behind it
        log.exception("linking the queued article %d failed", seq)
        queue.fail(seq, f"linking failed: {describe(error)}", from_state="encoded")
        return False
    return outcome.status is Status.INGESTED


def _prepared(work: bytes) -> Prepared:
    # Only babelwire writes this column, in the store's own database: whoever
    # can write it can already rewrite the store itself.
    prepared = pickle.loads(work)
    if not isinstance(prepared, Prepared):
        raise TypeError("the queued work is not a prepared article")
    return prepared


def finish(queue: QueueRecords, seq: int, outcome: Outcome) -> None:
    """Record where the article ended; inside the transaction that did it."""
    queue.finish(seq, DONE_AS[outcome.status], outcome.event_id, outcome.reason)


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"
