"""What `babelwire queue` (and `GET /api/queue`, the /queue page) shows: where the
queued articles are, and who works on them; and where one queued article is.

An article's state, as shown: `queued` (its job waits for a worker),
`in_progress` (a worker took it, or it is encoded and waits for its turn to
link), then `linked`, `copy`, `known`, `rejected` or `failed` (with the reason).
"""

from __future__ import annotations

from typing import Any

from babelwire.queue.tables import DONE_STATES
from babelwire.store import Store
from babelwire.store.postgres import PostgresStore

# Workers whose last sign of life is older than this are no longer listed.
RECENT_WORKER_SECONDS = 300

COUNTS = """
SELECT
  count(*) FILTER (WHERE q.state = 'queued' AND coalesce(j.status, 'todo') = 'todo') AS queued,
  count(*) FILTER (WHERE q.state = 'encoded'
                      OR (q.state = 'queued' AND j.status = 'doing')) AS in_progress,
  count(*) FILTER (WHERE q.state = 'linked') AS linked,
  count(*) FILTER (WHERE q.state = 'copy') AS copies,
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
        " q.state = ANY(?)) AS articles "
        "FROM queue_workers w WHERE last_seen > now() - make_interval(secs => ?) "
        "ORDER BY name",
        (list(DONE_STATES), RECENT_WORKER_SECONDS),
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


def queue_of(store: Store) -> PostgresStore | None:
    """The store itself when it holds a queue (a PostgreSQL store that
    `ingest --queue`, `serve --queue` or a worker has used), else None."""
    if not isinstance(store, PostgresStore):
        return None
    found = store.db.execute("SELECT to_regclass('queued_articles') IS NOT NULL").fetchone()
    return store if found[0] else None


ARTICLE = """
SELECT q.article_id, q.state, j.status AS job, q.event_id, q.reason, q.tries,
       q.enqueued_at, q.done_at
FROM queued_articles q LEFT JOIN procrastinate_jobs j ON j.id = q.job_id
WHERE q.article_id = ?
"""


def queued_article(store: PostgresStore, article_id: str) -> dict[str, Any] | None:
    """Where the article put on the queue under `article_id` is; None if it never was."""
    row = store.db.execute(ARTICLE, (article_id,)).fetchone()
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
