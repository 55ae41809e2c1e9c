"""What only the SQLite backend does: a file, WAL, and the migrations of old stores."""

import dataclasses
import sqlite3
from collections import Counter

import numpy as np
import pytest

from babelwire.cluster.base import Decision
from babelwire.errors import StoreError
from babelwire.model import Article
from babelwire.represent import Features
from babelwire.store import EventFilter, SQLiteStore
from babelwire.store.schema import MIGRATIONS
from babelwire.store.sql import _fold_or_empty
from tests.store.helpers import _article, _features


def _decided(article: Article) -> tuple[Features, Decision]:
    features = _features(article)
    return features, Decision(None, None, features.vector, {})


def test_a_new_store_is_migrated_and_in_wal_mode(tmp_path):
    store = SQLiteStore(tmp_path / "new.db")
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    reopened = SQLiteStore(tmp_path / "new.db")
    assert reopened.count_articles() == 0


def test_a_file_that_is_not_a_store_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(StoreError, match="--db"):
        _ = SQLiteStore(path).db
    assert path.read_bytes().startswith(b"these are my notes")


def test_a_store_built_before_encoders_were_recorded_is_an_e5_store(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:6]:
        db.executescript(script)
    db.execute("PRAGMA user_version = 6")
    db.execute(
        "INSERT INTO articles (id, content_hash, event_id, raw_text, text, lang, "
        "lang_confidence, evidence, names) VALUES ('a0', 'h0', 'ev', 'r', 't', 'en', 1, '{}', '{}')"
    )
    db.commit()
    db.close()
    store = SQLiteStore(path)
    features = _features(_article(1))  # its encoder's name is not e5's
    with pytest.raises(StoreError, match="e5-small-q4-query"), store.transaction():
        store.add(_article(1), features, Decision(None, None, features.vector, {}))


def _store_at_version(path, version: int) -> sqlite3.Connection:
    """A store made by the first `version` migrations, as an older babelwire left it."""
    db = sqlite3.connect(path)
    db.create_function("bw_fold", 1, _fold_or_empty, deterministic=True)
    for script in MIGRATIONS[:version]:
        db.executescript(script)
    db.execute(f"PRAGMA user_version = {version}")
    return db


def test_a_store_of_schema_9_gains_the_columns_of_10(tmp_path):
    path = tmp_path / "old.db"
    db = _store_at_version(path, 9)
    db.execute(
        "INSERT INTO events (id, headline, headline_lang, updated_seq, size, centroid, names) "
        "VALUES ('ev-old', 'Old', 'en', 1, 1, ?, '{}')",
        (np.zeros(4, np.float32).tobytes(),),
    )
    db.commit()
    db.close()
    store = SQLiteStore(path)
    (event,) = store.candidates(_features(_article(1, date=None)))
    assert event.id == "ev-old" and event.terms == {} and event.numbers == Counter()
    assert event.aligned is None


def test_feed_entries_seen_before_are_kept_per_feed(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:7]:
        db.executescript(script)
    db.execute("PRAGMA user_version = 7")
    db.execute("INSERT INTO feed_entries (entry, feed, article_id) VALUES ('1', 'http://a/', 'x')")
    db.commit()
    db.close()
    store = SQLiteStore(path)
    rows = store.db.execute("SELECT feed, entry, article_id FROM feed_entries").fetchall()
    assert [tuple(row) for row in rows] == [("http://a/", "1", "x")]
    store.db.execute("INSERT INTO feed_entries (feed, entry) VALUES ('http://b/', '1')")


def test_a_schema_newer_than_this_babelwire_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer than this babelwire"):
        SQLiteStore(path).connect()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) + 1


def test_a_store_of_schema_10_keeps_its_articles_and_may_hold_copies(tmp_path):
    path = tmp_path / "old.db"
    db = _store_at_version(path, 10)
    db.execute(
        "INSERT INTO articles (seq, id, content_hash, event_id, raw_text, text, lang, "
        "lang_confidence, evidence, names) VALUES (7, 'a0', 'hash1', 'ev', 'r', 't', 'en', 1, "
        "'{}', '{}')"
    )
    db.execute("DELETE FROM articles")  # the high-water mark stays: seq is never reused
    db.execute(
        "INSERT INTO articles (seq, id, content_hash, event_id, raw_text, text, lang, "
        "lang_confidence, evidence, names) VALUES (3, 'a1', 'hash1', 'ev', 'r', 't', 'en', 1, "
        "'{}', '{}')"
    )
    db.commit()
    db.close()
    store = SQLiteStore(path)
    old = store.article("a1").article
    assert old.warnings == [] and old.copy_of is None and store.original("hash1") == "a1"
    with store.transaction():
        store.add_copy(dataclasses.replace(_article(2), content_hash="hash1"), "a1")
    (seq,) = store.db.execute("SELECT seq FROM articles WHERE id = 'a2'").fetchone()
    assert seq == 8
    with pytest.raises(StoreError, match="already stored"), store.transaction():
        store.add(dataclasses.replace(_article(3), content_hash="hash1"), *_decided(_article(3)))


def test_a_store_of_schema_12_is_indexed_for_search_and_keeps_its_events(tmp_path):
    path = tmp_path / "old.db"
    db = _store_at_version(path, 12)
    for number, (event_id, title, names, merged_into) in enumerate(
        [
            ("ev-a", "Protests in Bishkek", '{"atambaiev": 1}', None),
            ("ev-b", "Flood in Lyon", '{"rhone": 2}', "ev-a"),
            ("ev-c", "Earthquake", '{"kirgisistan": 1}', None),
        ]
    ):
        db.execute(
            "INSERT INTO events (id, headline, headline_key, headline_lang, updated_seq, size, "
            "centroid, names, merged_into) VALUES (?, ?, bw_fold(?), 'en', ?, 1, ?, ?, ?)",
            (event_id, title, title, number + 1, bytes(16), names, merged_into),
        )
        db.execute(
            "INSERT INTO articles (id, content_hash, event_id, raw_text, text, title, title_key, "
            "lang, lang_confidence, evidence, names) VALUES (?, ?, ?, 'r', 't', ?, bw_fold(?), "
            "'en', 1, '{}', ?)",
            (f"a{number}", f"h{number}", merged_into or event_id, title, title, names),
        )
    db.commit()
    db.close()
    store = SQLiteStore(path)

    def found(q: str) -> list[str]:
        return [e.id for e in store.find_events(EventFilter(q=q))]

    assert found("bishkek") == found("rhone") == found("atamba") == ["ev-a"]
    assert found("quake") == ["ev-c"] and found("nowhere") == []
    assert store.resolve("ev-b") == "ev-a"
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    with store.transaction():
        store.add(_article(5), *_decided(_article(5)))
    assert found("title 5") == [store.article("a5").event_id]


def test_search_is_answered_by_the_text_index(tmp_path):
    store = SQLiteStore(tmp_path / "new.db")
    search = store.db.execute("EXPLAIN QUERY PLAN " + store.SEARCH, ['"abc"', '"abc"']).fetchall()
    plan = " ".join(row["detail"] for row in search)
    assert "VIRTUAL TABLE INDEX" in plan and "SCAN articles" not in plan, plan


def test_in_memory_stores_never_share_a_key_even_once_gone():
    # Descriptions are cached by store key: a key reused by a new store would serve
    # it another store's descriptions (id() is reused once an object is freed).
    keys = set()
    for _ in range(50):
        store = SQLiteStore(":memory:")
        keys.add(store.key)
        del store
    assert len(keys) == 50
