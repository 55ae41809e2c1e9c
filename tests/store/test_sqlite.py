import sqlite3
from collections import Counter

import numpy as np
import pytest

from babelwire.cluster.base import Decision
from babelwire.errors import NotFound, StoreError
from babelwire.model import Article, PartialDate
from babelwire.represent import Features
from babelwire.store import SQLiteStore
from babelwire.store.schema import MIGRATIONS


def _article(number: int, lang: str = "en", date: str | None = "2020-10-06") -> Article:
    return Article(
        id=f"a{number}",
        raw_text=f"raw {number}",
        text=f"text {number}",
        content_hash=f"hash{number}",
        title=f"Title {number}",
        lang=lang,
        date=PartialDate.parse(date) if date else None,
    )


def _features(article: Article) -> Features:
    vector = np.zeros(4, dtype=np.float32)
    vector[0] = 1.0
    return Features(vector, Counter({"bishkek": 1}), article.date, article.lang)


def _add(store: SQLiteStore, article: Article, event_id: str | None = None) -> str:
    features = _features(article)
    with store.transaction():
        return store.add(article, features, Decision(event_id, None, features.vector, {}))


def test_a_new_store_is_migrated_and_in_wal_mode(tmp_path):
    store = SQLiteStore(tmp_path / "new.db")
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    reopened = SQLiteStore(tmp_path / "new.db")
    assert reopened.count_articles() == 0


def test_articles_join_events_and_events_widen_their_dates():
    store = SQLiteStore(":memory:")
    event_id = _add(store, _article(1, date="2020-10-06"))
    assert _add(store, _article(2, lang="nb", date="2020-10"), event_id) == event_id
    event = store.event(event_id)
    assert event.article_ids == ["a1", "a2"]
    assert event.languages == ["en", "nb"]
    assert (str(event.first_date), str(event.last_date)) == ("2020-10-06", "2020-10-06")


def test_identity_by_id_or_by_text():
    store = SQLiteStore(":memory:")
    _add(store, _article(1))
    assert store.known("a1", "other") == "a1"
    assert store.known("other", "hash1") == "a1"
    assert store.known("a2", "hash2") is None


def test_a_duplicate_insert_fails_whole_and_keeps_the_store_intact():
    store = SQLiteStore(":memory:")
    _add(store, _article(1))
    with pytest.raises(sqlite3.IntegrityError):
        _add(store, _article(1))
    assert store.count_articles() == 1
    assert len(store.events()) == 1


def test_events_are_listed_most_recent_activity_first():
    store = SQLiteStore(":memory:")
    first = _add(store, _article(1))
    second = _add(store, _article(2))
    _add(store, _article(3), first)
    assert [e.id for e in store.events()] == [first, second]


def test_unknown_event_and_article_say_what_to_do():
    store = SQLiteStore(":memory:")
    with pytest.raises(NotFound, match="babelwire events"):
        store.event("nope")
    with pytest.raises(NotFound):
        store.article("nope")


def test_a_file_that_is_not_a_store_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(StoreError, match="--db"):
        _ = SQLiteStore(path).db
    assert path.read_bytes().startswith(b"these are my notes")


def test_language_statistics_accumulate():
    store = SQLiteStore(":memory:")
    _add(store, _article(1))
    _add(store, _article(2))
    n, mean = store.language_mean("en")
    assert n == 2
    assert mean is not None and mean[0] == pytest.approx(1.0)


def test_a_precise_date_narrows_a_partial_one_it_falls_in():
    store = SQLiteStore(":memory:")
    event_id = _add(store, _article(1, date="2023-02"))
    _add(store, _article(2, date="2023-02-06"), event_id)
    _add(store, _article(3, date="2023-02-09"), event_id)
    event = store.event(event_id)
    assert (str(event.first_date), str(event.last_date)) == ("2023-02-06", "2023-02-09")


def test_words_are_counted_per_article_and_summed_per_event():
    store = SQLiteStore(":memory:")
    first, second = _article(1), _article(2)
    for article, words in ((first, {"quake": 0.8, "izmir": 0.6}), (second, {"quake": 1.0})):
        features = _features(article)
        features.terms = Counter(words)
        event_id = store.stream_stats().n and store.article("a1").event_id
        with store.transaction():
            store.add(article, features, Decision(event_id or None, None, features.vector, {},
                                                  terms=words))  # fmt: skip
    assert store.document_frequencies(["quake", "izmir", "never"]) == {"quake": 2, "izmir": 1}
    (event,) = store.candidates(_features(first))
    assert event.terms == {"quake": 1.8, "izmir": 0.6}
    assert event.terms_norm == pytest.approx((1.8**2 + 0.6**2) ** 0.5)


def test_a_merge_keeps_an_english_headline_whichever_event_had_it():
    store = SQLiteStore(":memory:")
    spanish = _add(store, _article(1, lang="es"))
    english = _add(store, _article(2, lang="en"))
    with store.transaction():
        store.merge(english, spanish)
    assert store.event(spanish).headline == "Title 2"


def test_figures_are_summed_per_event_and_kept_through_a_merge():
    store = SQLiteStore(":memory:")
    ids = []
    for number, figures in ((1, {"2946": 1, "6.8": 1}), (2, {"2946": 2}), (3, {"300": 1})):
        article = _article(number)
        features = _features(article)
        features.numbers = Counter(figures)
        joining = ids[0] if number == 2 else None
        with store.transaction():
            ids.append(store.add(article, features, Decision(joining, None, features.vector, {})))
    with store.transaction():
        store.merge(ids[2], ids[0])
    (event,) = store.candidates(_features(_article(4)))
    assert event.numbers == Counter({"2946": 3, "6.8": 1, "300": 1})


def test_aligned_vectors_are_summed_per_event_where_articles_have_them():
    store = SQLiteStore(":memory:")
    ids = []
    for number, aligned in ((1, [1.0, 0.0]), (2, None), (3, [0.0, 1.0]), (4, [0.5, 0.5])):
        article = _article(number)
        features = _features(article)
        features.aligned = None if aligned is None else np.array(aligned, np.float32)
        joining = ids[0] if number in (2, 3) else None
        with store.transaction():
            ids.append(store.add(article, features, Decision(joining, None, features.vector, {})))
    states = {e.id: e for e in store.candidates(_features(_article(5)))}
    assert states[ids[0]].aligned == pytest.approx([1.0, 1.0])
    with store.transaction():
        store.merge(ids[3], ids[0])
    (event,) = store.candidates(_features(_article(5)))
    assert event.aligned == pytest.approx([1.5, 1.5])


def test_an_event_without_aligned_vectors_has_none():
    store = SQLiteStore(":memory:")
    _add(store, _article(1, lang="nb"))
    (event,) = store.candidates(_features(_article(2)))
    assert event.aligned is None


def test_a_store_refuses_vectors_of_another_encoder_and_keeps_what_it_has():
    store = SQLiteStore(":memory:")
    _add(store, _article(1))
    article = _article(2)
    features = _features(article)
    features.space = "use-m3-denoise"
    with pytest.raises(StoreError, match="use-m3-denoise") as error, store.transaction():
        store.add(article, features, Decision(None, None, features.vector, {}))
    assert "BABELWIRE_ENCODER" in str(error.value)
    assert store.count_articles() == 1


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


def test_a_store_of_the_previous_schema_gains_the_new_columns(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:-1]:
        db.executescript(script)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
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
