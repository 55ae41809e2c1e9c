"""What `babelwire queue` (and `GET /api/queue`, the /queue page) shows: where the
queued articles are, and who works on them; and where one queued article is.

An article's state, as shown: `queued` (its job waits for a worker),
`in_progress` (a worker took it, or it is encoded and waits for its turn to
link), then `linked`, `copy`, `known`, `rejected` or `failed` (with the reason).
"""

from __future__ import annotations

from typing import Any

from babelwire.store import Store
from babelwire.store.queue import QueueRecords, queue_records

# Workers whose last sign of life is older than this are no longer listed.
RECENT_WORKER_SECONDS = 300


def backlog(queue: QueueRecords) -> dict[str, Any]:
    """Counts by state, the oldest waiting article's age, the failures and the recent workers."""
    summary = queue.counts()
    age = summary["oldest_waiting_seconds"]
    summary["oldest_waiting_seconds"] = None if age is None else round(float(age), 1)
    summary["failures"] = [
        {"article_id": r["article_id"], "reason": r["reason"]} for r in queue.failures(limit=20)
    ]
    summary["workers"] = [
        {
            "name": r["name"],
            "host": r["host"],
            "pid": r["pid"],
            "concurrency": r["concurrency"],
            "seen_seconds_ago": round(float(r["seen_seconds_ago"]), 1),
            "articles": r["articles"],
        }
        for r in queue.workers(RECENT_WORKER_SECONDS)
    ]
    return summary


def queue_of(store: Store) -> QueueRecords | None:
    """The store's queue when it holds one (a PostgreSQL store that `ingest
    --queue`, `serve --queue` or a worker has used), else None."""
    queue = queue_records(store)
    return queue if queue is not None and queue.exists() else None


def queued_article(queue: QueueRecords, article_id: str) -> dict[str, Any] | None:
    """Where the article put on the queue under `article_id` is; None if it never was."""
    row = queue.article(article_id)
    if row is None:
        return None
    return {
        "id": row["article_id"],
        "state": shown_state(row["state"], row["job"]),
        "event_id": row["event_id"],
        "reason": row["reason"],
        "tries": row["tries"],
        "enqueued_at": _utc(row["enqueued_at"]),
        "done_at": _utc(row["done_at"]),
    }


def shown_state(state: str, job: str | None) -> str:
    """The queue row's state as users see it: a row still `queued` whose job a
    worker holds, or one encoded and waiting to link, is `in_progress`."""
    if state == "encoded" or (state == "queued" and job == "doing"):
        return "in_progress"
    return state


def _utc(moment: Any) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")
