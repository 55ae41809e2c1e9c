"""The store contract, run on every backend (tests/store/conftest.py: SQLite and PostgreSQL)."""

import dataclasses
import datetime as dt
from collections import Counter

import numpy as np
import pytest

from babelwire.cluster.base import Decision
from babelwire.cluster.events import Change
from babelwire.errors import InputError, NotFound, StoreError
from babelwire.store import EventFilter, open_store
from tests.store.helpers import _add, _article, _features


def test_articles_join_events_and_events_widen_their_dates(store):
    event_id = _add(store, _article(1, date="2020-10-06"))
    assert _add(store, _article(2, lang="nb", date="2020-10"), event_id) == event_id
    event = store.event(event_id)
    assert event.article_ids == ["a1", "a2"]
    assert event.languages == ["en", "nb"]
    assert (str(event.first_date), str(event.last_date)) == ("2020-10-06", "2020-10-06")


def test_the_same_input_is_known_by_its_id_or_its_text_source_and_link(store):
    _add(store, dataclasses.replace(_article(1), url="http://x.example/1", source="X"))
    same_id = dataclasses.replace(_article(1), content_hash="other")
    assert store.known(same_id) == "a1"
    relinked = dataclasses.replace(_article(2), content_hash="hash1", url="http://x.example/1")
    assert store.known(dataclasses.replace(relinked, source="X")) == "a1"
    # The same text under another link or source is not the same input: a copy.
    assert store.known(dataclasses.replace(relinked, source="Y")) is None
    assert store.known(dataclasses.replace(relinked, source="X", url=None)) is None
    assert store.original("hash1") == "a1" and store.original("hash2") is None
    # Known, or its text stored: asked in one question before encoding.
    assert store.stored(same_id) and store.stored(dataclasses.replace(relinked, source="Y"))
    assert not store.stored(_article(2))


def test_a_copy_joins_its_originals_event_and_is_no_new_evidence(store):
    event_id = _add(store, _article(1))
    before = store.stream_stats().n, store.language_counts()
    copy = dataclasses.replace(
        _article(2, lang="de"), content_hash="hash1", copy_of="a1", warnings=["w: date dropped"]
    )
    with store.transaction():
        assert store.add_copy(copy, "a1") == event_id
    stored = store.article("a2")
    assert stored.article.copy_of == "a1" and stored.event_id == event_id
    assert stored.article.warnings == ["w: date dropped"]
    assert store.event(event_id).article_ids == ["a1", "a2"]
    assert (store.stream_stats().n, store.language_counts()) == before
    assert store.article_ids_of(event_id) == ["a1"]
    assert [m.id for m in store.window(30, 1000)] == ["a1"]  # consolidation: originals only
    assert store.original("hash1") == "a1"
    assert store.languages() == ["de", "en"]  # a copy's language is a stored article's too


def test_a_copy_follows_its_original_when_consolidation_moves_it(store):
    source = _comparable(store, 1, [1, 0, 0, 0])
    _comparable(store, 2, [0, 1, 0, 0], source)
    with store.transaction():
        store.add_copy(dataclasses.replace(_article(3), content_hash="hash2"), "a2")
    with store.transaction():
        store.move(Change("split", source, "ev-new", ["a2"]), {"by": "consolidation"})
    assert store.event("ev-new").article_ids == ["a2", "a3"]
    assert store.event(source).article_ids == ["a1"]


def test_warnings_are_kept_with_the_article(store):
    _add(store, dataclasses.replace(_article(1), warnings=["x.txt: encoding guessed"]))
    assert store.article("a1").article.warnings == ["x.txt: encoding guessed"]
    assert store.event_articles(store.article("a1").event_id)[0].article.warnings == [
        "x.txt: encoding guessed"
    ]


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
    first, second, wordless = _article(1), _article(2), _article(3)
    for article, words in (
        (first, {"quake": 0.8, "izmir": 0.6}),
        (second, {"quake": 1.0}),
        (wordless, {}),
    ):
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


def test_the_words_the_encoder_read_are_recorded_and_a_different_count_refused(store):
    article = _article(1)
    features = _features(article)
    features.recipe = {"embed_words": "150"}
    with store.transaction():
        store.add(article, features, Decision(None, None, features.vector, {}))
    other = _article(2)
    features = _features(other)
    features.recipe = {"embed_words": "40"}
    with pytest.raises(StoreError, match="BABELWIRE_EMBED_WORDS=150") as error, store.transaction():
        store.add(other, features, Decision(None, None, features.vector, {}))
    assert "BABELWIRE_EMBED_WORDS=40" in str(error.value)
    assert store.count_articles() == 1


def _titled(store, number: int, title: str, event_id=None, lang="en", date="2020-10-06"):
    article = _article(number, lang=lang, date=date)
    article.title = title
    features = _features(article)
    features.names = Counter()  # found by its title alone
    with store.transaction():
        return store.add(article, features, Decision(event_id, None, features.vector, {}))


def test_search_meets_names_across_scripts_and_filters_narrow(store):
    bishkek = _titled(store, 1, "Protests in Бишкек after the vote")
    _titled(store, 2, "Протесты в Бишкеке", bishkek, lang="ru")
    flood = _titled(store, 3, "Flood in Lyon", date="2021-05-02")
    found = {e.id for e in store.find_events(EventFilter(q="Bishkek"))}
    assert found == {bishkek}
    assert [e.id for e in store.find_events(EventFilter(q="lyon"))] == [flood]
    assert [e.id for e in store.find_events(EventFilter(lang="ru"))] == [bishkek]
    assert [e.id for e in store.find_events(EventFilter(since="2021"))] == [flood]
    assert [e.id for e in store.find_events(EventFilter(until="2020-10"))] == [bishkek]
    assert [e.id for e in store.find_events(EventFilter(limit=1))] == [flood]
    with pytest.raises(InputError, match="YYYY"):
        store.find_events(EventFilter(since="last week"))
    assert store.languages() == ["en", "ru"]
    assert store.article_days(bishkek) == [dt.date(2020, 10, 6)] * 2
    assert store.last_update(store.event(flood))  # when its latest article arrived


def test_a_list_read_in_one_snapshot_answers_as_each_event_read_alone(store):
    """The events page lists events, then asks each one's last update and
    article days: within the snapshot, the rows the list read answer."""
    first = _titled(store, 1, "Protests in Bishkek", date="2020-10-06")
    _titled(store, 2, "Bishkek again", first, date="2020-10")
    _titled(store, 3, "Flood in Lyon", date="2021-05-02")
    _titled(store, 4, "No date", date=None)

    def activity() -> list[tuple]:
        events = store.find_events(EventFilter())
        return [(e.id, store.last_update(e), store.article_days(e.id)) for e in events]

    alone = activity()
    with store.snapshot():
        assert activity() == alone
        assert store.events() == [store.event(e.id) for e in store.events()]
    assert [days for *_, days in alone] == [[], [dt.date(2021, 5, 2)], [dt.date(2020, 10, 1),
                                            dt.date(2020, 10, 6)]]  # fmt: skip
    assert all(when for _, when, _ in alone)


def test_a_merged_event_resolves_to_the_one_it_joined_and_says_so(store):
    first, second = _add(store, _article(1)), _add(store, _article(2))
    with store.transaction():
        store.merge(second, first, {"article": "a2"})
    assert store.resolve(second) == first
    assert store.event(second).article_ids == ["a1", "a2"]
    assert [(h["kind"], h["event_id"]) for h in store.history(first)] == [("merge_from", second)]
    assert store.article("a2").relinked == {"by": "arrival", "kind": "merge", "from": second,
                                            "article": "a2"}  # fmt: skip
    assert store.consolidation_counts() == {"split": 0, "merge": 0}  # not consolidation's


def _comparable(store, number: int, vector: list[float], event_id: str | None = None) -> str:
    article = _article(number)
    features = _features(article)
    features.vector = np.array(vector, np.float32)
    with store.transaction():
        return store.add(article, features, Decision(event_id, None, features.vector, {}))


def test_consolidation_splits_and_merges_with_history_and_sums_rebuilt(store):
    first = _comparable(store, 1, [1, 0, 0, 0])
    _comparable(store, 2, [0, 1, 0, 0], first)
    other = _comparable(store, 3, [0, 0, 1, 0])
    assert {m.id for m in store.window(30, 10_000)} == {"a1", "a2", "a3"}
    why = {"by": "consolidation", "kind": "split", "from": first}
    with store.transaction():
        store.move(Change("split", first, "ev-new", ["a2"]), why)
    assert store.event("ev-new").article_ids == ["a2"]
    assert store.article("a2").relinked == why
    with store.transaction():
        store.move(Change("merge", other, first, ["a3"]), why | {"kind": "merge"})
    assert store.resolve(other) == first
    assert store.event(first).article_ids == ["a1", "a3"]
    (state,) = [e for e in store.candidates(_features(_article(9))) if e.id == first]
    assert state.size == 2 and state.centroid.tolist() == [1, 0, 1, 0]
    assert store.consolidation_counts() == {"split": 1, "merge": 1}
    assert [h["kind"] for h in store.history(first)] == ["split_into", "merge_from"]


def test_a_snapshot_reads_and_writes_go_on(location, store):
    _add(store, _article(1))
    writer = open_store(location)
    try:
        with store.snapshot():
            assert store.count_articles() == 1
            _add(writer, _article(2))  # another connection commits meanwhile
            assert store.count_articles() == 1, "the snapshot does not move"
        assert store.count_articles() == 2
    finally:
        writer.close()


def test_feed_entries_are_remembered_per_feed(location, store):
    store.mark_entry_seen("http://a/", "1", "a1")
    store.mark_entry_seen("http://a/", "1", "a1")  # twice is once
    reopened = open_store(location)
    try:
        assert reopened.entry_seen("http://a/", "1")
        assert not reopened.entry_seen("http://b/", "1")
    finally:
        reopened.close()


def test_erasing_leaves_an_empty_store_with_no_settings(store):
    _add(store, _article(1))
    store.erase()
    assert store.count_articles() == 0 and store.events() == [] and store.space() == ""


def test_the_key_is_stable_across_connections_and_holds_no_password(location, store):
    again = open_store(location)
    try:
        assert again.key == store.key
    finally:
        again.close()
    assert "***" not in store.key or ":***@" in store.key
