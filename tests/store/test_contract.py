"""The store contract, run on every backend (tests/store/conftest.py: SQLite and PostgreSQL)."""

from collections import Counter

import numpy as np
import pytest

from babelwire.cluster.base import Decision
from babelwire.errors import NotFound, StoreError
from tests.store.helpers import _add, _article, _features


def test_articles_join_events_and_events_widen_their_dates(store):
    event_id = _add(store, _article(1, date="2020-10-06"))
    assert _add(store, _article(2, lang="nb", date="2020-10"), event_id) == event_id
    event = store.event(event_id)
    assert event.article_ids == ["a1", "a2"]
    assert event.languages == ["en", "nb"]
    assert (str(event.first_date), str(event.last_date)) == ("2020-10-06", "2020-10-06")


def test_identity_by_id_or_by_text(store):
    _add(store, _article(1))
    assert store.known("a1", "other") == "a1"
    assert store.known("other", "hash1") == "a1"
    assert store.known("a2", "hash2") is None


def test_a_duplicate_insert_fails_whole_and_keeps_the_store_intact(store):
    _add(store, _article(1))
    with pytest.raises(StoreError, match="already stored"):
        _add(store, _article(1))
    assert store.count_articles() == 1
    assert len(store.events()) == 1


def test_events_are_listed_most_recent_activity_first(store):
    first = _add(store, _article(1))
    second = _add(store, _article(2))
    _add(store, _article(3), first)
    assert [e.id for e in store.events()] == [first, second]


def test_unknown_event_and_article_say_what_to_do(store):
    with pytest.raises(NotFound, match="babelwire events"):
        store.event("nope")
    with pytest.raises(NotFound):
        store.article("nope")


def test_language_statistics_accumulate(store):
    _add(store, _article(1))
    _add(store, _article(2))
    n, mean = store.language_mean("en")
    assert n == 2
    assert mean is not None and mean[0] == pytest.approx(1.0)


def test_a_precise_date_narrows_a_partial_one_it_falls_in(store):
    event_id = _add(store, _article(1, date="2023-02"))
    _add(store, _article(2, date="2023-02-06"), event_id)
    _add(store, _article(3, date="2023-02-09"), event_id)
    event = store.event(event_id)
    assert (str(event.first_date), str(event.last_date)) == ("2023-02-06", "2023-02-09")


def test_words_are_counted_per_article_and_summed_per_event(store):
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


def test_a_merge_keeps_an_english_headline_whichever_event_had_it(store):
    spanish = _add(store, _article(1, lang="es"))
    english = _add(store, _article(2, lang="en"))
    with store.transaction():
        store.merge(english, spanish)
    assert store.event(spanish).headline == "Title 2"


def test_figures_are_summed_per_event_and_kept_through_a_merge(store):
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


def test_aligned_vectors_are_summed_per_event_where_articles_have_them(store):
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


def test_an_event_without_aligned_vectors_has_none(store):
    _add(store, _article(1, lang="nb"))
    (event,) = store.candidates(_features(_article(2)))
    assert event.aligned is None


def test_a_store_refuses_vectors_of_another_encoder_and_keeps_what_it_has(store):
    _add(store, _article(1))
    article = _article(2)
    features = _features(article)
    features.space = "use-m3-denoise"
    with pytest.raises(StoreError, match="use-m3-denoise") as error, store.transaction():
        store.add(article, features, Decision(None, None, features.vector, {}))
    assert "BABELWIRE_ENCODER" in str(error.value)
    assert store.count_articles() == 1
