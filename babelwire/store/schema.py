"""The SQLite schema, as an ordered list of migrations.

`PRAGMA user_version` records how many have run; opening a store runs the
rest, each in its own transaction. Never edit a migration that has shipped:
append a new one. The PostgreSQL schema (postgres_schema.py) is numbered the
same way and ends at the same tables.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles, events and the merges between them.
    """
    CREATE TABLE articles (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT NOT NULL UNIQUE,
        content_hash    TEXT NOT NULL UNIQUE,
        event_id        TEXT NOT NULL,
        raw_text        TEXT NOT NULL,
        text            TEXT NOT NULL,
        title           TEXT,
        lang            TEXT NOT NULL,
        lang_confidence REAL NOT NULL,
        date            TEXT,
        date_inferred   INTEGER NOT NULL DEFAULT 0,
        url             TEXT,
        source          TEXT,
        origin          TEXT,
        link_score      REAL,
        evidence        TEXT NOT NULL,
        vector          BLOB,
        names           TEXT NOT NULL,
        ingested_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX articles_event ON articles(event_id, seq);

    CREATE TABLE events (
        id           TEXT PRIMARY KEY,
        headline     TEXT NOT NULL,
        headline_lang TEXT NOT NULL,
        first_date   TEXT,
        last_date    TEXT,
        updated_seq  INTEGER NOT NULL,
        size         INTEGER NOT NULL,
        centroid     BLOB,
        names        TEXT NOT NULL,
        merged_into  TEXT REFERENCES events(id)
    );
    CREATE INDEX events_recent ON events(updated_seq) WHERE merged_into IS NULL;
    CREATE INDEX events_last_date ON events(last_date) WHERE merged_into IS NULL;

    CREATE TABLE language_stats (
        lang   TEXT PRIMARY KEY,
        n      INTEGER NOT NULL,
        total  BLOB NOT NULL
    );
    """,
    # 2: feed entries the watcher has handled, so a restart resumes where it was.
    """
    CREATE TABLE feed_entries (
        entry       TEXT PRIMARY KEY,
        feed        TEXT NOT NULL,
        article_id  TEXT,
        seen_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    """,
    # 3: stream-wide statistics the linker reads (the mean over all languages).
    """
    CREATE TABLE stream_stats (
        key     TEXT PRIMARY KEY,
        n       INTEGER NOT NULL,
        total   BLOB NOT NULL
    );
    """,
    # 4: words as evidence: each event's term weights, each term's document frequency.
    """
    ALTER TABLE events ADD COLUMN terms TEXT NOT NULL DEFAULT '{}';
    CREATE TABLE term_stats (
        term  TEXT PRIMARY KEY,
        df    INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
    # 5: figures as evidence: the numbers each event's articles state.
    """
    ALTER TABLE events ADD COLUMN numbers TEXT NOT NULL DEFAULT '{}';
    """,
    # 6: the sum of each event's aligned vectors (USE), compared across languages.
    # Events stored before it have none and are compared with e5 alone.
    """
    ALTER TABLE events ADD COLUMN aligned BLOB;
    """,
    # 7: facts about the whole store; `space`: the encoder its vectors come from.
    # Stores from before it were all built with e5.
    """
    CREATE TABLE meta (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    );
    INSERT INTO meta (key, value)
        SELECT 'space', 'e5-small-q4-query' WHERE EXISTS (SELECT 1 FROM articles);
    """,
    # 8: a feed entry is known by its feed and its key: two feeds may both call
    # different stories "1".
    """
    CREATE TABLE feed_entries_per_feed (
        feed        TEXT NOT NULL,
        entry       TEXT NOT NULL,
        article_id  TEXT,
        seen_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        PRIMARY KEY (feed, entry)
    );
    INSERT INTO feed_entries_per_feed (feed, entry, article_id, seen_at)
        SELECT feed, entry, article_id, seen_at FROM feed_entries;
    DROP TABLE feed_entries;
    ALTER TABLE feed_entries_per_feed RENAME TO feed_entries;
    """,
    # 9: hindsight. Each article keeps the evidence its event absorbed, so an
    # event can be rebuilt from its articles when consolidation splits it, and
    # why it was moved; each event keeps its history of merges and splits.
    # Articles stored before it have no evidence and their events are left as
    # they are.
    """
    ALTER TABLE articles ADD COLUMN comparable BLOB;
    ALTER TABLE articles ADD COLUMN terms TEXT;
    ALTER TABLE articles ADD COLUMN numbers TEXT;
    ALTER TABLE articles ADD COLUMN aligned BLOB;
    ALTER TABLE articles ADD COLUMN relinked TEXT;
    CREATE TABLE event_history (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id     TEXT NOT NULL,
        kind         TEXT NOT NULL,
        other_id     TEXT NOT NULL,
        article_ids  TEXT NOT NULL,
        evidence     TEXT NOT NULL,
        at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX event_history_event ON event_history(event_id, seq);
    """,
    # 10: search keys, folded the way the linker folds names (bw_fold, registered
    # on every connection), so search reads columns instead of folding each row.
    # The words the encoder reads (BABELWIRE_EMBED_WORDS) are recorded in meta
    # by the first ingest after this, as the encoder is: the setting a store was
    # built with before cannot be known.
    """
    ALTER TABLE articles ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
    UPDATE articles SET title_key = bw_fold(title);
    ALTER TABLE events ADD COLUMN headline_key TEXT NOT NULL DEFAULT '';
    UPDATE events SET headline_key = bw_fold(headline);
    """,
    # 11: nothing is lost silently. Each article keeps its readers' warnings
    # (a guessed encoding, a dropped date, a page that could not be fetched),
    # and the same text under another id, link or source is kept as a copy of
    # the first article (`copy_of`), so the text is no longer unique: only
    # originals are. SQLite cannot drop a column's UNIQUE, so the table is
    # rebuilt (its AUTOINCREMENT high-water mark carried over first).
    """
    CREATE TABLE articles_new (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT NOT NULL UNIQUE,
        content_hash    TEXT NOT NULL,
        event_id        TEXT NOT NULL,
        raw_text        TEXT NOT NULL,
        text            TEXT NOT NULL,
        title           TEXT,
        lang            TEXT NOT NULL,
        lang_confidence REAL NOT NULL,
        date            TEXT,
        date_inferred   INTEGER NOT NULL DEFAULT 0,
        url             TEXT,
        source          TEXT,
        origin          TEXT,
        link_score      REAL,
        evidence        TEXT NOT NULL,
        vector          BLOB,
        names           TEXT NOT NULL,
        ingested_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        comparable      BLOB,
        terms           TEXT,
        numbers         TEXT,
        aligned         BLOB,
        relinked        TEXT,
        title_key       TEXT NOT NULL DEFAULT '',
        warnings        TEXT NOT NULL DEFAULT '[]',
        copy_of         TEXT
    );
    UPDATE sqlite_sequence SET name = 'articles_new' WHERE name = 'articles';
    INSERT INTO articles_new (seq, id, content_hash, event_id, raw_text, text, title, lang,
        lang_confidence, date, date_inferred, url, source, origin, link_score, evidence,
        vector, names, ingested_at, comparable, terms, numbers, aligned, relinked, title_key)
    SELECT seq, id, content_hash, event_id, raw_text, text, title, lang,
        lang_confidence, date, date_inferred, url, source, origin, link_score, evidence,
        vector, names, ingested_at, comparable, terms, numbers, aligned, relinked, title_key
    FROM articles;
    DROP TABLE articles;
    ALTER TABLE articles_new RENAME TO articles;
    CREATE INDEX articles_event ON articles(event_id, seq);
    CREATE INDEX articles_text ON articles(content_hash);
    CREATE UNIQUE INDEX articles_original ON articles(content_hash) WHERE copy_of IS NULL;
    CREATE INDEX articles_copies ON articles(copy_of) WHERE copy_of IS NOT NULL;
    """,
    # 12: alerts. Subscriptions (a webhook URL, its filter, the secret deliveries
    # are signed with); the change log every change to an event is written to
    # (GET /api/stream reads it); and the outbox: one delivery per change and
    # matching subscription, written in the same transaction as the change.
    # Times are Unix seconds. And `store_changes`, a count of committed write
    # transactions (as PostgreSQL's store keeps), so each connection's index of
    # live events knows when another has linked: SQLite's data_version would
    # also count the outbox's bookkeeping, and the index would be reloaded after
    # every webhook sent.
    """
    CREATE TABLE subscriptions (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL UNIQUE,
        url         TEXT NOT NULL,
        secret      TEXT NOT NULL,
        filter      TEXT NOT NULL,
        created_at  TEXT NOT NULL
    );
    CREATE TABLE changes (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        kind      TEXT NOT NULL,
        event_id  TEXT NOT NULL,
        body      TEXT NOT NULL,
        at        REAL NOT NULL
    );
    CREATE TABLE deliveries (
        seq              INTEGER PRIMARY KEY AUTOINCREMENT,
        id               TEXT NOT NULL,
        subscription_id  TEXT NOT NULL,
        change_seq       INTEGER NOT NULL,
        status           TEXT NOT NULL DEFAULT 'pending',
        attempts         INTEGER NOT NULL DEFAULT 0,
        created          REAL NOT NULL,
        next_at          REAL NOT NULL,
        last_at          REAL,
        last_code        INTEGER,
        last_error       TEXT
    );
    CREATE INDEX deliveries_due ON deliveries(next_at) WHERE status = 'pending';
    CREATE INDEX deliveries_of ON deliveries(subscription_id, change_seq);
    CREATE INDEX deliveries_change ON deliveries(change_seq);
    CREATE INDEX changes_event ON changes(event_id, kind, seq);
    CREATE TABLE store_changes (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
    INSERT INTO store_changes (id, n) VALUES (1, 0);
    """,
    # 13: a text index for search (FTS5's trigram tokenizer: any substring of
    # three letters or more is looked up, not scanned for). Search matches a
    # word inside an event's headline key or an article's title key, or at the
    # start of one of an article's names (an event's names are its articles'
    # names: cluster/events.py sums them). The articles' index is keyed by
    # their seq; an event's by a number of its own (`event_keys`: the rowid of
    # `events` is no column, and a VACUUM may renumber it). Triggers keep both
    # indexes in step with every write, in its transaction.
    """
    CREATE TABLE event_keys (num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
    CREATE VIRTUAL TABLE event_search USING fts5(headline_key, tokenize='trigram');
    CREATE TRIGGER event_search_insert AFTER INSERT ON events BEGIN
        INSERT INTO event_keys (id) VALUES (new.id);
        INSERT INTO event_search (rowid, headline_key)
            SELECT num, new.headline_key FROM event_keys WHERE id = new.id;
    END;
    CREATE TRIGGER event_search_update AFTER UPDATE OF headline_key ON events
    WHEN old.headline_key IS NOT new.headline_key BEGIN
        UPDATE event_search SET headline_key = new.headline_key
            WHERE rowid = (SELECT num FROM event_keys WHERE id = new.id);
    END;
    CREATE TRIGGER event_search_delete AFTER DELETE ON events BEGIN
        DELETE FROM event_search WHERE rowid = (SELECT num FROM event_keys WHERE id = old.id);
        DELETE FROM event_keys WHERE id = old.id;
    END;
    INSERT INTO event_keys (id) SELECT id FROM events ORDER BY rowid;
    INSERT INTO event_search (rowid, headline_key)
        SELECT k.num, e.headline_key FROM event_keys k JOIN events e ON e.id = k.id;

    CREATE VIRTUAL TABLE article_search USING fts5(
        title_key, names, content='articles', content_rowid='seq', tokenize='trigram'
    );
    CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN
        INSERT INTO article_search (rowid, title_key, names)
            VALUES (new.seq, new.title_key, new.names);
    END;
    CREATE TRIGGER article_search_update AFTER UPDATE OF title_key, names ON articles BEGIN
        INSERT INTO article_search (article_search, rowid, title_key, names)
            VALUES ('delete', old.seq, old.title_key, old.names);
        INSERT INTO article_search (rowid, title_key, names)
            VALUES (new.seq, new.title_key, new.names);
    END;
    CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN
        INSERT INTO article_search (article_search, rowid, title_key, names)
            VALUES ('delete', old.seq, old.title_key, old.names);
    END;
    INSERT INTO article_search (article_search) VALUES ('rebuild');
    """,
]
