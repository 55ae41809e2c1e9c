"""The in-memory index of live events agrees with the store on disk, whoever wrote.

On both backends (tests/store/conftest.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from babelwire.cluster.base import Candidates, Decision, EventState
from babelwire.cluster.events import Change
from babelwire.model import PartialDate
from babelwire.pipeline import NEVER, Pipeline
from babelwire.readers import read_paths
from babelwire.represent import Features
from babelwire.store import Store, open_store
from babelwire.store.live import REACH_WINDOWS, LiveEvents
from babelwire.store.sql import CANDIDATE_WINDOW_DAYS
from tests.conftest import HashingEncoder
from tests.store.helpers import _add, _article, _features

CROSSLINGUAL = Path(__file__).resolve().parents[2] / "bench" / "crosslingual" / "docs"

WINDOW = dt.timedelta(days=CANDIDATE_WINDOW_DAYS)


def _probe(date: str) -> Features:
    return Features(np.zeros(4, np.float32), date=PartialDate.parse(date))


def _seen(store: Store, date: str) -> list[tuple]:
    """What the linker sees for an article of `date`: ids, sizes, languages, centroids."""
    return [
        (e.id, e.size, sorted(e.languages), e.last_day, e.centroid.tolist())
        for e in store.candidates(_probe(date))
    ]


def _from_disk(store, date: str) -> list[tuple]:
    fresh = open_store(store.location)  # a new connection has no index yet
    try:
        since = PartialDate.parse(date).start - WINDOW
        return [
            (e.id, e.size, sorted(e.languages), e.last_day, e.centroid.tolist())
            for e in fresh._candidates_from_disk(since)
        ]
    finally:
        fresh.close()


def test_the_index_follows_adds_and_merges(store):
    first = _add(store, _article(1, date="2020-10-04"))
    assert _seen(store, "2020-10-06") == _from_disk(store, "2020-10-06")
    _add(store, _article(2, lang="nb", date="2020-10"), first)  # grows, a month-precise date
    second = _add(store, _article(3, lang="ru", date="2020-10-05"))
    assert _seen(store, "2020-10-06") == _from_disk(store, "2020-10-06")
    with store.transaction():
        store.merge(second, first)
    seen = _seen(store, "2020-10-06")
    assert seen == _from_disk(store, "2020-10-06")
    assert [(event_id, size, langs) for event_id, size, langs, *_ in seen] == [
        (first, 3, ["en", "nb", "ru"])
    ]


def test_another_connection_s_writes_are_seen(location):
    mine, theirs = open_store(location), open_store(location)
    _add(mine, _article(1))
    assert len(_seen(mine, "2020-10-06")) == 1  # the index is built now
    _add(theirs, _article(2))
    assert len(_seen(mine, "2020-10-06")) == 2
    assert _seen(mine, "2020-10-06") == _from_disk(mine, "2020-10-06")


def test_a_rolled_back_article_leaves_no_trace_in_the_index(store):
    _add(store, _article(1))
    _seen(store, "2020-10-06")
    with pytest.raises(RuntimeError), store.transaction():
        article = _article(2)
        store.add(article, *_decision(article))
        raise RuntimeError("the process fails before the commit")
    assert [e[0] for e in _seen(store, "2020-10-06")] == [store.article("a1").event_id]


def _decision(article):
    features = _features(article)
    return features, Decision(None, None, features.vector, {})


def test_quiet_events_leave_the_index_and_stragglers_still_find_them(store):
    old = _add(store, _article(1, date="2020-01-01"))
    assert [e[0] for e in _seen(store, "2020-01-02")] == [old]  # builds the index
    later = dt.date(2020, 1, 1) + (REACH_WINDOWS + 2) * WINDOW
    _add(store, _article(2, date=later.isoformat()))
    live = store._live
    assert live is not None and old not in live.events, "a quiet event leaves"
    assert live.floor is not None and live.floor > dt.date(2020, 1, 1)
    # A late article about the old event is answered from disk and finds it.
    assert old in [e[0] for e in _seen(store, "2020-01-02")]
    assert _seen(store, "2020-01-02") == _from_disk(store, "2020-01-02")


def test_undated_articles_see_the_most_recent_events_however_old(store):
    old = _add(store, _article(1, date="2019-01-01"))
    _seen(store, "2019-01-02")
    later = dt.date(2019, 1, 1) + (REACH_WINDOWS + 2) * WINDOW
    new = _add(store, _article(2, date=later.isoformat()))
    undated = Features(np.zeros(4, np.float32))
    assert {e.id for e in store.candidates(undated)} == {old, new}
    assert store._live is not None and old in store._live.resting, "read once, then from memory"


def _rows(store: Store) -> list[list[tuple]]:
    """Every event's row and every running sum, as stored."""
    fresh = open_store(store.location)
    try:
        with fresh.snapshot():
            events = fresh.db.execute("SELECT * FROM events ORDER BY id").fetchall()
            sums = fresh.db.execute("SELECT * FROM language_stats ORDER BY lang").fetchall()
            stream = fresh.db.execute("SELECT * FROM stream_stats").fetchall()
        return [sorted(zip(row.keys(), row, strict=True)) for row in [*events, *sums, *stream]]
    finally:
        fresh.close()


def test_sums_added_in_memory_are_those_read_back_from_disk(tmp_path, location):
    """A join adds to the index's copy of the event and of the running sums; a
    store whose index is dropped before every article reads them from disk."""
    remembering, forgetting = open_store(location), open_store(str(tmp_path / "other.db"))
    for store in (remembering, forgetting):
        event = None
        for number, lang in enumerate(["en", "nb", "en", "ru", "nb"]):
            store.candidates(_probe("2020-10-06"))  # the index is built, as the linker does
            if store is forgetting:
                store._live = None
            event = _add(store, _article(number, lang, f"2020-10-0{number + 1}"), event)
    assert remembering._live is not None and remembering._live.totals, "joined in memory"
    assert _rows(remembering) == _rows(forgetting)
    assert _seen(remembering, "2020-10-06") == _from_disk(remembering, "2020-10-06")


def test_running_sums_follow_another_connection(location):
    mine, theirs = open_store(location), open_store(location)
    _add(mine, _article(1))
    assert mine.language_counts() == {"en": 1}
    _add(theirs, _article(2, lang="nb"))
    _add(theirs, _article(3))
    assert mine.language_counts() == {"en": 2, "nb": 1}
    assert mine.stream_stats().n == 3
    n, mean = mine.language_mean("en")
    assert n == 2 and mean is not None and mean.tolist() == [1.0, 0.0, 0.0, 0.0]


def test_the_index_catches_up_with_another_connection_s_changes(location):
    """Joins, new events, merges, copies and consolidation's splits made by
    another connection are read into the index without rebuilding it."""
    mine, theirs = open_store(location), open_store(location)
    first = _add(mine, _article(1, date="2020-10-04"))
    _add(mine, _article(2, date="2020-10-05"), first)
    _seen(mine, "2020-10-06")
    index = mine._live
    _add(theirs, _article(3, lang="nb", date="2020-10-05"), first)  # a join, another language
    second = _add(theirs, _article(4, lang="ru", date="2020-10-06"))  # a new event
    third = _add(theirs, _article(5, lang="de"))  # undated
    with theirs.transaction():
        theirs.merge(third, second)
    with theirs.transaction():
        theirs.add_copy(dataclasses.replace(_article(6, lang="fr"), content_hash="hash1"), "a1")
    _caught_up_exactly(mine)
    # A split that leaves the source's latest article (and updated_seq) where it was.
    with theirs.transaction():
        theirs.move(Change("split", first, "ev-split", ["a1"]), {"by": "consolidation"})
    _caught_up_exactly(mine)
    assert mine._live is index, "caught up, not rebuilt"


def _caught_up_exactly(mine: Store) -> None:
    """What `mine` reads from its index is what a new connection reads, from disk
    and from an index of its own built anew."""
    fresh = open_store(mine.location)
    try:
        for date in ("2020-10-06", "2020-12-01"):
            assert _seen(mine, date) == _from_disk(mine, date) == _seen(fresh, date)
        undated = Features(np.zeros(4, np.float32))
        assert _brief(mine.candidates(undated)) == _brief(fresh.candidates(undated))
        assert mine.language_counts() == fresh.language_counts()
        ours, theirs = mine.stream_stats(), fresh.stream_stats()
        assert ours.n == theirs.n and ours.raw_total.tolist() == theirs.raw_total.tolist()
    finally:
        fresh.close()


def _brief(events: list) -> list[tuple]:
    return [(e.id, e.size, sorted(e.languages), e.updated_seq) for e in events]


def test_an_erased_store_rebuilds_the_index(location):
    mine, theirs = open_store(location), open_store(location)
    _add(mine, _article(1))
    _seen(mine, "2020-10-06")
    theirs.erase()
    _add(theirs, _article(2))
    assert [e[0] for e in _seen(mine, "2020-10-06")] == [theirs.article("a2").event_id]
    assert mine.language_counts() == {"en": 1}


def test_connections_taking_turns_make_the_events_one_makes(location, tmp_path, request):
    """A multilingual stream linked by two connections in turns (each consolidating
    in its turn, every 7 articles) gives the events one connection gives."""
    if "://" in location:
        elsewhere = request.getfixturevalue("postgres_server").new_database()
    else:
        elsewhere = str(tmp_path / "alone.db")
    alone = _replay([elsewhere])
    assert len(alone) > 5
    assert _replay([location, location]) == alone


def _replay(locations: list[str]) -> list[tuple]:
    stores = [open_store(location) for location in locations]
    fast = {"encoder": HashingEncoder(), "aligner": HashingEncoder(), "cadence": NEVER}
    pipelines = [Pipeline(store, **fast) for store in stores]
    try:
        for number, item in enumerate(read_paths([str(CROSSLINGUAL)])):
            pipeline = pipelines[number % len(pipelines)]
            pipeline.ingest(item)
            if number % 7 == 6:
                pipeline.consolidate()
        return [
            (event.id, event.article_ids, event.languages, str(event.last_date))
            for event in stores[0].events()
        ]
    finally:
        for store in stores:
            store.close()


def _state(number: int, day: dt.date, rng: np.random.Generator) -> EventState:
    centroid = rng.normal(size=16).astype(np.float32) * rng.uniform(0.5, 9)
    return EventState(f"ev{number}", centroid, 1, Counter(), day, day, updated_seq=number)


def test_candidates_carry_their_centroids_and_lengths_as_the_linker_would_copy_them():
    """Rows are reused as events leave and come; what the linker is given is what
    copying each candidate's centroid and finding the lengths gives, to the bit."""
    live, rng = LiveEvents(window_days=30, max_candidates=50), np.random.default_rng(7)
    start = dt.date(2024, 1, 1)
    for number in range(400):
        day = start + dt.timedelta(days=number // 4)
        live.put(_state(number, day, rng), None)  # type: ignore[arg-type]
        grown = live.events.get(f"ev{number // 2}")
        if number % 3 == 0 and grown is not None:  # an older event grows: its row changes
            live.follow(dataclasses.replace(grown, centroid=grown.centroid * 2), None)  # type: ignore[arg-type]
        if number % 7 == 0:
            live.drop(f"ev{number - 5}")
        live.advance(day)
    assert live.centroids.free, "events left the index: their rows are reused"
    candidates = live.candidates(start + dt.timedelta(days=80))
    assert isinstance(candidates, Candidates) and candidates.centroids is not None
    copied = np.array([event.centroid for event in candidates])
    assert candidates.centroids.tobytes() == copied.tobytes()
    assert candidates.lengths is not None
    assert candidates.lengths.tobytes() == np.linalg.norm(copied, axis=1).tobytes()


def test_the_store_s_candidates_come_with_their_rows(store):
    first = _add(store, _article(1, date="2020-10-04"))
    _add(store, _article(2, date="2020-10-05"), first)
    _add(store, _article(3, date="2020-10-05"))
    candidates = store.candidates(_probe("2020-10-06"))
    assert isinstance(candidates, Candidates) and candidates.centroids is not None
    assert candidates.centroids.tolist() == [e.centroid.tolist() for e in candidates]
