"""The queue's records in a PostgreSQL store: its tables and every statement on them.

babelwire/queue/ says what happens to a queued article; this module is where
that is read and written, so that no SQL lives outside the store. Two
schemas sit beside the store's own tables: procrastinate's (its jobs and
workers; `procrastinate_*`) and babelwire's: `queued_articles`, one row per
article put on the queue, `queue_workers`, and `queue_consolidation`, the
workers' shared count toward the next consolidation. The row is the
article's record until it is linked: its payload, its place in the arrival
order (`seq`), its state, and once a worker has encoded it, the encoded work
waiting for the linker.

They are not store migrations (postgres_schema.py): the store works without
a queue, and SQLite has none. They are made under an advisory lock, so
workers starting together make them once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from babelwire import config
from babelwire.errors import StoreError
from babelwire.store import Store, is_server, open_store, shown
from babelwire.store.postgres import PostgresStore

QUEUE_SCHEMA_LOCK = 0x62616265_6C03  # "babel" + 3: beside the store's own lock keys

# States an article ends in; the others (queued, encoded) are still waiting.
DONE_STATES = ("linked", "copy", "known", "rejected", "failed")

QUEUE_TABLES = """
CREATE TABLE IF NOT EXISTS queued_articles (
    seq          BIGSERIAL PRIMARY KEY,
    article_id   TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    payload      TEXT NOT NULL,
    job_id       BIGINT,
    state        TEXT NOT NULL DEFAULT 'queued',
    tries        INTEGER NOT NULL DEFAULT 0,
    work         BYTEA,
    event_id     TEXT,
    reason       TEXT,
    worker       TEXT,
    enqueued_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    done_at      TIMESTAMPTZ
);
-- The same text under another name is the linker's to judge (a copy, or known),
-- in arrival order; the first queues made it unique.
ALTER TABLE queued_articles DROP CONSTRAINT IF EXISTS queued_articles_content_hash_key;
CREATE INDEX IF NOT EXISTS queued_articles_waiting ON queued_articles (seq)
    WHERE state IN ('queued', 'encoded');
CREATE TABLE IF NOT EXISTS queue_workers (
    name        TEXT PRIMARY KEY,
    host        TEXT NOT NULL,
    pid         INTEGER NOT NULL,
    concurrency INTEGER NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen   TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- The workers' consolidation cadence, counted across the cluster (queue/consolidation.py).
CREATE TABLE IF NOT EXISTS queue_consolidation (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    pending      INTEGER NOT NULL DEFAULT 0,
    last_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seconds DOUBLE PRECISION NOT NULL DEFAULT 0
);
INSERT INTO queue_consolidation (id) VALUES (1) ON CONFLICT DO NOTHING
"""

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

WORKERS = """
SELECT name, host, pid, concurrency,
       extract(epoch FROM now() - last_seen) AS seen_seconds_ago,
       (SELECT count(*) FROM queued_articles q WHERE q.worker = w.name AND q.state = ANY(?))
         AS articles
FROM queue_workers w WHERE last_seen > now() - make_interval(secs => ?)
ORDER BY name
"""

ARTICLE = """
SELECT q.article_id, q.state, j.status AS job, q.event_id, q.reason, q.tries,
       q.enqueued_at, q.done_at
FROM queued_articles q LEFT JOIN procrastinate_jobs j ON j.id = q.job_id
WHERE q.article_id = ?
"""

CADENCE = """
SELECT pending, extract(epoch FROM clock_timestamp() - last_at) AS waited, last_seconds
FROM queue_consolidation WHERE id = 1
"""

# Run by procrastinate's connector (psycopg's named parameters), from the workers' loop.
REGISTER_WORKER = """
INSERT INTO queue_workers (name, host, pid, concurrency)
VALUES (%(name)s, %(host)s, %(pid)s, %(concurrency)s) ON CONFLICT (name) DO UPDATE
SET started_at = now(), last_seen = now(), concurrency = EXCLUDED.concurrency
"""
WORKER_SEEN = "UPDATE queue_workers SET last_seen = now() WHERE name = %(name)s"
FORGET_ARTICLES = """
DELETE FROM queued_articles
WHERE state = ANY(%(done)s) AND done_at < now() - make_interval(hours => %(hours)s)
"""
FORGET_WORKERS = """
DELETE FROM queue_workers WHERE last_seen < now() - make_interval(hours => %(hours)s)
"""


def open_queue(db: str | None, *, make_tables: bool = True) -> QueueRecords:
    """The queue in the PostgreSQL store at `db` (else $BABELWIRE_DB), its tables
    made if missing (a worker's further connections pass make_tables=False)."""
    location = config.db_location(db)
    if not is_server(location):
        raise StoreError(
            f"the queue lives in a PostgreSQL store, and {shown(location)} is an SQLite file",
            hint="give --db postgresql://user@host:port/dbname, or ingest without --queue",
        )
    queue = queue_records(open_store(location))
    assert queue is not None  # a server's store is a PostgresStore
    if make_tables:
        queue.ensure_tables()
    return queue


def queue_records(store: Store) -> QueueRecords | None:
    """The queue's records in `store`, or None when it cannot hold a queue (SQLite)."""
    return QueueRecords(store) if isinstance(store, PostgresStore) else None


class QueueRecords:
    """The queue's rows in one PostgreSQL store, through the store's connection:
    what a statement writes inside `store.transaction()` commits with the link."""

    def __init__(self, store: PostgresStore) -> None:
        self.store = store

    @property
    def location(self) -> str:
        return self.store.location

    def close(self) -> None:
        self.store.close()

    # The tables

    def ensure_tables(self) -> None:
        """Make procrastinate's schema and the queue's tables unless they exist."""
        from procrastinate.schema import SchemaManager

        with self._raw_transaction() as connection:
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (QUEUE_SCHEMA_LOCK,))
            if not _exists(connection, "procrastinate_jobs"):
                # Without parameters psycopg sends the text as it is, '%' included.
                connection.execute(SchemaManager.get_schema())
            connection.execute(QUEUE_TABLES)

    def exists(self) -> bool:
        """Whether a queue was ever used on this store (`ingest --queue`, a worker)."""
        found = self.store.db.execute("SELECT to_regclass('queued_articles') IS NOT NULL")
        return bool(found.fetchone()[0])

    # Putting an article on the queue

    def enqueue(
        self, article_id: str, content_hash: str, payload: str, defer: Callable[[Any], int]
    ) -> int | None:
        """Queue the article and its job (`defer(connection)` makes it, on this
        connection) in one transaction; its place, or None when its id is queued already."""
        with self._raw_transaction() as connection:
            row = connection.execute(
                "INSERT INTO queued_articles (article_id, content_hash, payload) "
                "VALUES (%s, %s, %s) ON CONFLICT DO NOTHING RETURNING seq",
                (article_id, content_hash, payload),
            ).fetchone()
            if row is None:
                return None
            seq = int(row[0])
            job_id = defer(connection)
            connection.execute(
                "UPDATE queued_articles SET job_id = %s WHERE seq = %s", (job_id, seq)
            )
            return seq

    # A worker's try

    def start_try(self, article_id: str, worker: str) -> Any:
        """Count the try before working, so a try that kills its worker counts too."""
        return self.store.db.execute(
            "UPDATE queued_articles "
            "SET tries = tries + CASE WHEN state = 'queued' THEN 1 ELSE 0 END, worker = ? "
            "WHERE article_id = ? RETURNING seq, state, tries, payload, reason",
            (worker, article_id),
        ).fetchone()

    def note_failure(self, seq: int, reason: str) -> None:
        """Why the last try failed, kept for the try that gives up."""
        self.store.db.execute("UPDATE queued_articles SET reason = ? WHERE seq = ?", (reason, seq))

    def keep_encoded(self, seq: int, work: bytes) -> None:
        """The encoded article, waiting for its turn to link."""
        self.store.db.execute(
            "UPDATE queued_articles SET state = 'encoded', work = ? "
            "WHERE seq = ? AND state = 'queued'",
            (work, seq),
        )

    # Linking in arrival order

    def head(self) -> Any:
        """The waiting article put on the queue first: its `seq` and `state`."""
        return self.store.db.execute(
            "SELECT seq, state FROM queued_articles WHERE state IN ('queued', 'encoded') "
            "ORDER BY seq LIMIT 1"
        ).fetchone()

    def encoded_work(self, seq: int) -> bytes | None:
        """The article's encoded work if it is still waiting to link."""
        row = self.store.db.execute(
            "SELECT work FROM queued_articles WHERE seq = ? AND state = 'encoded'", (seq,)
        ).fetchone()
        return None if row is None else bytes(row["work"])

    def finish(self, seq: int, state: str, event_id: str | None, reason: str | None) -> None:
        """Where the article ended. Its payload is emptied: the store holds it now."""
        self.store.db.execute(
            "UPDATE queued_articles SET state = ?, event_id = ?, reason = ?, work = NULL, "
            "payload = '', done_at = now() WHERE seq = ?",
            (state, event_id, reason, seq),
        )

    def fail(self, seq: int, reason: str, from_state: str) -> None:
        """The article ends as failed, with the reason, unless it moved on meanwhile."""
        self.store.db.execute(
            "UPDATE queued_articles SET state = 'failed', reason = ?, work = NULL, "
            "done_at = now() WHERE seq = ? AND state = ?",
            (reason, seq, from_state),
        )

    # The cluster's consolidation count

    def count_linked(self) -> None:
        self.store.db.execute("UPDATE queue_consolidation SET pending = pending + 1 WHERE id = 1")

    def cadence(self) -> tuple[int, float, float]:
        """Articles linked since the last consolidation, seconds since it, and its length."""
        row = self.store.db.execute(CADENCE).fetchone()
        return int(row["pending"]), float(row["waited"]), float(row["last_seconds"])

    def restart_count(self, seconds: float) -> None:
        self.store.db.execute(
            "UPDATE queue_consolidation SET pending = 0, last_at = clock_timestamp(), "
            "last_seconds = ? WHERE id = 1",
            (seconds,),
        )

    # What `babelwire queue` and `ingest --queue --wait` read

    def counts(self) -> dict[str, Any]:
        row = self.store.db.execute(COUNTS).fetchone()
        return dict(zip(row.keys(), row, strict=True))

    def failures(self, limit: int) -> list[Any]:
        return list(
            self.store.db.execute(
                "SELECT article_id, reason FROM queued_articles WHERE state = 'failed' "
                "ORDER BY done_at DESC LIMIT ?",
                (limit,),
            )
        )

    def workers(self, seen_within_seconds: float) -> list[Any]:
        """The workers seen lately, with how many articles each has done."""
        return list(self.store.db.execute(WORKERS, (list(DONE_STATES), seen_within_seconds)))

    def any_worker(self, seen_within_seconds: float) -> bool:
        row = self.store.db.execute(
            "SELECT count(*) FROM queue_workers WHERE last_seen > now() - make_interval(secs => ?)",
            (seen_within_seconds,),
        ).fetchone()
        return bool(row[0])

    def article(self, article_id: str) -> Any:
        return self.store.db.execute(ARTICLE, (article_id,)).fetchone()

    def finished(self, seqs: Sequence[int]) -> list[Any]:
        """Those of `seqs` that are done, with the stored article's `copy_of`."""
        return list(
            self.store.db.execute(
                "SELECT q.seq, q.article_id, q.state, q.event_id, q.reason, a.copy_of "
                "FROM queued_articles q LEFT JOIN articles a ON a.id = q.article_id "
                "WHERE q.seq = ANY(?) AND q.state = ANY(?)",
                (list(seqs), list(DONE_STATES)),
            )
        )

    @contextmanager
    def _raw_transaction(self) -> Iterator[Any]:
        """A transaction on the store's psycopg connection itself, which procrastinate
        can also use (its job is deferred in the same transaction as the article)."""
        connection = self.store.db._connection
        with connection.transaction():
            yield connection


def _exists(connection: Any, table: str) -> bool:
    row = connection.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()
    return bool(row[0])


# The workers' own loop talks through procrastinate's connector (asynchronous).


async def register_worker(connector: Any, name: str, concurrency: int) -> None:
    host, pid = name.rsplit(":", 1)
    await connector.execute_query_async(
        REGISTER_WORKER, name=name, host=host, pid=int(pid), concurrency=concurrency
    )


async def worker_seen(connector: Any, name: str) -> None:
    await connector.execute_query_async(WORKER_SEEN, name=name)


async def forget_done(connector: Any, keep_hours: int) -> None:
    """Forget the articles done and the workers gone for longer than `keep_hours`."""
    await connector.execute_query_async(FORGET_ARTICLES, done=list(DONE_STATES), hours=keep_hours)
    await connector.execute_query_async(FORGET_WORKERS, hours=keep_hours)
