"""The PostgreSQL schema, as numbered migrations: (version, script).

Versions count as SQLite's do (schema.py): a PostgreSQL store at version 10
holds the same tables as an SQLite one at 10, so a later migration takes the
same number in both lists. The first script creates the tables of SQLite's
ten at once, since no PostgreSQL store predates them. Never edit a migration
that has shipped: append a new one.

The dialect: BYTEA for vectors, BIGSERIAL for arrival order, DOUBLE PRECISION
where SQLite's REAL is 8 bytes. JSON stays TEXT: the stored text is read back
exactly as written (JSONB would reorder keys, and the order of an event's
terms is the order its sums were made in). Dates are partial ISO strings
("2020-10") compared as text, so they sort bytewise (COLLATE "C") whatever
the database's locale.
"""

from __future__ import annotations

UTC_NOW = """to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""

MIGRATIONS: list[tuple[int, str]] = [
    (
        10,
        f"""
        CREATE TABLE articles (
            seq             BIGSERIAL PRIMARY KEY,
            id              TEXT NOT NULL UNIQUE,
            content_hash    TEXT NOT NULL UNIQUE,
            event_id        TEXT NOT NULL,
            raw_text        TEXT NOT NULL,
            text            TEXT NOT NULL,
            title           TEXT,
            title_key       TEXT NOT NULL DEFAULT '',
            lang            TEXT COLLATE "C" NOT NULL,
            lang_confidence DOUBLE PRECISION NOT NULL,
            date            TEXT COLLATE "C",
            date_inferred   INTEGER NOT NULL DEFAULT 0,
            url             TEXT,
            source          TEXT,
            origin          TEXT,
            link_score      DOUBLE PRECISION,
            evidence        TEXT NOT NULL,
            vector          BYTEA,
            names           TEXT NOT NULL,
            comparable      BYTEA,
            terms           TEXT,
            numbers         TEXT,
            aligned         BYTEA,
            relinked        TEXT,
            ingested_at     TEXT NOT NULL DEFAULT {UTC_NOW}
        );
        CREATE INDEX articles_event ON articles(event_id, seq);

        CREATE TABLE events (
            id            TEXT PRIMARY KEY,
            headline      TEXT NOT NULL,
            headline_key  TEXT NOT NULL DEFAULT '',
            headline_lang TEXT NOT NULL,
            first_date    TEXT COLLATE "C",
            last_date     TEXT COLLATE "C",
            updated_seq   BIGINT NOT NULL,
            size          INTEGER NOT NULL,
            centroid      BYTEA,
            names         TEXT NOT NULL,
            terms         TEXT NOT NULL DEFAULT '{{}}',
            numbers       TEXT NOT NULL DEFAULT '{{}}',
            aligned       BYTEA,
            merged_into   TEXT REFERENCES events(id)
        );
        CREATE INDEX events_recent ON events(updated_seq) WHERE merged_into IS NULL;
        CREATE INDEX events_last_date ON events(last_date) WHERE merged_into IS NULL;

        CREATE TABLE language_stats (
            lang TEXT PRIMARY KEY, n INTEGER NOT NULL, total BYTEA NOT NULL
        );
        CREATE TABLE stream_stats (
            key TEXT PRIMARY KEY, n INTEGER NOT NULL, total BYTEA NOT NULL
        );
        CREATE TABLE term_stats (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE feed_entries (
            feed        TEXT NOT NULL,
            entry       TEXT NOT NULL,
            article_id  TEXT,
            seen_at     TEXT NOT NULL DEFAULT {UTC_NOW},
            PRIMARY KEY (feed, entry)
        );

        CREATE TABLE event_history (
            seq          BIGSERIAL PRIMARY KEY,
            event_id     TEXT NOT NULL,
            kind         TEXT NOT NULL,
            other_id     TEXT NOT NULL,
            article_ids  TEXT NOT NULL,
            evidence     TEXT NOT NULL,
            at           TEXT NOT NULL DEFAULT {UTC_NOW}
        );
        CREATE INDEX event_history_event ON event_history(event_id, seq);

        -- Counts committed writes, so each connection's in-memory index of live
        -- events knows when another process has written (SQLite: data_version).
        CREATE TABLE store_changes (id INTEGER PRIMARY KEY, n BIGINT NOT NULL);
        INSERT INTO store_changes (id, n) VALUES (1, 0);
        """,
    ),
    # 11 (as SQLite's): each article's warnings, and copies of an original's text.
    (
        11,
        """
        ALTER TABLE articles ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE articles ADD COLUMN copy_of TEXT;
        ALTER TABLE articles DROP CONSTRAINT articles_content_hash_key;
        CREATE INDEX articles_text ON articles(content_hash);
        CREATE UNIQUE INDEX articles_original ON articles(content_hash) WHERE copy_of IS NULL;
        CREATE INDEX articles_copies ON articles(copy_of) WHERE copy_of IS NOT NULL;
        """,
    ),
    # 12 (as SQLite's): subscriptions, the change log, the outbox.
    (
        12,
        """
        CREATE TABLE subscriptions (
            seq         BIGSERIAL PRIMARY KEY,
            id          TEXT NOT NULL UNIQUE,
            url         TEXT NOT NULL,
            secret      TEXT NOT NULL,
            filter      TEXT NOT NULL,
            created_at  TEXT NOT NULL
        );
        CREATE TABLE changes (
            seq       BIGSERIAL PRIMARY KEY,
            kind      TEXT NOT NULL,
            event_id  TEXT NOT NULL,
            body      TEXT NOT NULL,
            at        DOUBLE PRECISION NOT NULL
        );
        CREATE TABLE deliveries (
            seq              BIGSERIAL PRIMARY KEY,
            id               TEXT NOT NULL,
            subscription_id  TEXT NOT NULL,
            change_seq       BIGINT NOT NULL,
            status           TEXT NOT NULL DEFAULT 'pending',
            attempts         INTEGER NOT NULL DEFAULT 0,
            created          DOUBLE PRECISION NOT NULL,
            next_at          DOUBLE PRECISION NOT NULL,
            last_at          DOUBLE PRECISION,
            last_code        INTEGER,
            last_error       TEXT
        );
        CREATE INDEX deliveries_due ON deliveries(next_at) WHERE status = 'pending';
        CREATE INDEX deliveries_of ON deliveries(subscription_id, change_seq);
        CREATE INDEX deliveries_change ON deliveries(change_seq);
        CREATE INDEX changes_event ON changes(event_id, kind, seq);
        """,
    ),
    # 13 (as SQLite's): a text index for search. pg_trgm's trigram indexes (GIN)
    # answer `LIKE '%word%'` from the index, with the same matches as SQLite's
    # FTS5 trigram index: a word inside an event's headline key or an article's
    # title key, or at the start of one of an article's names. pg_trgm ships
    # with PostgreSQL (contrib) and is a trusted extension: the database's
    # owner may create it.
    (
        13,
        """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX events_headline_search ON events USING gin (headline_key gin_trgm_ops);
        CREATE INDEX articles_title_search ON articles USING gin (title_key gin_trgm_ops);
        CREATE INDEX articles_names_search ON articles USING gin (names gin_trgm_ops);
        """,
    ),
]

LATEST = MIGRATIONS[-1][0]
