"""The queue's tables, made on first use in the store's database.

Two schemas live beside the store's own tables: procrastinate's (its jobs and
workers; `procrastinate_*`) and babelwire's: `queued_articles`, one row per
article put on the queue, `queue_workers`, and `queue_consolidation`, the
workers' shared count toward the next consolidation. The row is the article's record until it is
linked: its payload, its place in the arrival order (`seq`), its state, and
once a worker has encoded it, the encoded work waiting for the linker.

They are not store migrations (postgres_schema.py): the store works without a
queue, and SQLite has none. They are made under an advisory lock, so workers
starting together make them once.
"""

from __future__ import annotations

from typing import Any

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
-- The workers' consolidation cadence, counted across the cluster (consolidation.py).
CREATE TABLE IF NOT EXISTS queue_consolidation (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    pending      INTEGER NOT NULL DEFAULT 0,
    last_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seconds DOUBLE PRECISION NOT NULL DEFAULT 0
);
INSERT INTO queue_consolidation (id) VALUES (1) ON CONFLICT DO NOTHING
"""


def raw_connection(store: PostgresStore) -> Any:
    """The store's psycopg connection itself, for procrastinate to defer jobs on."""
    return store.db._connection


def ensure_queue_tables(store: PostgresStore) -> None:
    """Make procrastinate's schema and the queue's tables unless they exist."""
    from procrastinate.schema import SchemaManager

    connection = raw_connection(store)
    connection.execute("BEGIN")
    try:
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (QUEUE_SCHEMA_LOCK,))
        if not _exists(connection, "procrastinate_jobs"):
            # Without parameters psycopg sends the text as it is, '%' included.
            connection.execute(SchemaManager.get_schema())
        connection.execute(QUEUE_TABLES)
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _exists(connection: Any, table: str) -> bool:
    row = connection.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()
    return bool(row[0])
