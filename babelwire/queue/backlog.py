"""What `babelwire queue` shows: where the queued articles are, and who works on them."""

from __future__ import annotations

from typing import Any

from babelwire.store.postgres import PostgresStore

# Workers whose last sign of life is older than this are no longer listed.
RECENT_WORKER_SECONDS = 300

COUNTS = """
SELECT
  count(*) FILTER (WHERE q.state = 'queued' AND coalesce(j.status, 'todo') = 'todo') AS queued,
  count(*) FILTER (WHERE q.state = 'encoded'
                      OR (q.state = 'queued' AND j.status = 'doing')) AS in_progress,
  count(*) FILTER (WHERE q.state = 'linked') AS linked,
  count(*) FILTER (WHERE q.state = 'known') AS known,
  count(*) FILTER (WHERE q.state = 'rejected') AS rejected,
  count(*) FILTER (WHERE q.state = 'failed') AS failed,
  extract(epoch FROM now() - min(q.enqueued_at) FILTER (WHERE q.state IN ('queued', 'encoded')))
    AS oldest_waiting_seconds
FROM queued_articles q LEFT JOIN procrastinate_jobs j ON j.id = q.job_id
"""


def backlog(store: PostgresStore) -> dict[str, Any]:
    """Counts by state, the oldest waiting article's age, the failures and the recent workers."""
    row = store.db.execute(COUNTS).fetchone()
    summary: dict[str, Any] = dict(zip(row.keys(), row, strict=True))
    age = summary["oldest_waiting_seconds"]
    summary["oldest_waiting_seconds"] = None if age is None else round(float(age), 1)
    summary["failures"] = _failures(store)
    summary["workers"] = _workers(store)
    return summary


def _failures(store: PostgresStore, limit: int = 20) -> list[dict[str, Any]]:
    rows = store.db.execute(
        "SELECT article_id, reason FROM queued_articles WHERE state = 'failed' "
        "ORDER BY done_at DESC LIMIT ?",
        (limit,),
    )
    return [{"article_id": r["article_id"], "reason": r["reason"]} for r in rows]


def _workers(store: PostgresStore) -> list[dict[str, Any]]:
    rows = store.db.execute(
        "SELECT name, host, pid, concurrency, "
        "extract(epoch FROM now() - last_seen) AS seen_seconds_ago, "
        "(SELECT count(*) FROM queued_articles q WHERE q.worker = w.name AND "
        " q.state IN ('linked', 'known', 'rejected', 'failed')) AS articles "
        "FROM queue_workers w WHERE last_seen > now() - make_interval(secs => ?) "
        "ORDER BY name",
        (RECENT_WORKER_SECONDS,),
    )
    return [
        {
            "name": r["name"],
            "host": r["host"],
            "pid": r["pid"],
            "concurrency": r["concurrency"],
            "seen_seconds_ago": round(float(r["seen_seconds_ago"]), 1),
            "articles": r["articles"],
        }
        for r in rows
    ]
