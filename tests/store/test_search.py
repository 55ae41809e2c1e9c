"""Search through the text index, run on every backend: what a word finds, kept in
step with every write that changes it (joins, copies, merges, splits, headlines)."""

from __future__ import annotations

import dataclasses
from collections import Counter

import numpy as np
import pytest

from babelwire.cluster.base import Decision
from babelwire.cluster.events import Change
from babelwire.represent.features import fold
from babelwire.store import EventFilter
from tests.store.helpers import _article, _features


def _put(store, number, title, names=(), event_id=None, lang="en", text=None, vector=(1, 0, 0, 0)):
    article = _article(number, lang=lang)
    article.title, article.text = title, text or f"text {number}"
    features = _features(article)
    features.names = Counter(fold(name) for name in names)
    features.vector = np.array(vector, np.float32)
    with store.transaction():
        return store.add(article, features, Decision(event_id, None, features.vector, {}))


def _found(store, q: str) -> set[str]:
    return {event.id for event in store.find_events(EventFilter(q=q, limit=1000))}


def _by_definition(store, q: str) -> set[str]:
    """What search means, read from each event as the alerts' filters see it."""
    keys = [fold(word) for word in q.split() if fold(word)]
    views = [store.event_view(event.id) for event in store.events()]
    return {view.id for view in views if all(view.keys.has(key) for key in keys)}


WORDS = [
    "Bishkek", "Бишкек", "shke", "bish", "Kyrgyz", "Kirgisistan", "rgyz", "Lyon", "yon",
    "flood", "Flut", "Rhone", "hone", "vote", "ote", "in", "a", "y", "zz", "Atambayev",
    "tambayev", "Dschaparow", "Japarov", "apar", "earthquake", "quake", "Erdbeben", "nowhere",
    "Bishkek vote", "Lyon Bishkek", "rhône", "Protests", "tests", "2020", "20",
]  # fmt: skip


@pytest.fixture
def stream(store):
    """Events with titles in three scripts, names, an untitled article, a copy."""
    bishkek = _put(
        store, 1, "Protests in Бишкек after the vote", ["Atambayev"], vector=(1, 0, 0, 0)
    )
    _put(store, 2, "Протесты в Бишкеке", ["Бишкек", "Japarov"], bishkek, lang="ru")
    lyon = _put(store, 3, "Flood in Lyon", ["Rhône"], vector=(0, 1, 0, 0))
    _put(store, 4, None, ["Lyon"], lyon, lang="de", text="Die Flut erreicht Lyon. Mehr dazu.")
    quake = _put(store, 5, None, ["Kirgisistan"], lang="de", text="Erdbeben in Kirgisistan 2020.")
    copy = dataclasses.replace(_article(6), content_hash="hash5", title="Earthquake strikes")
    with store.transaction():
        store.add_copy(copy, "a5")
    return {"bishkek": bishkek, "lyon": lyon, "quake": quake}


def test_search_finds_words_inside_titles_and_headlines_and_at_the_start_of_names(store, stream):
    assert _found(store, "Bishkek") == _found(store, "Бишкек") == {stream["bishkek"]}
    assert _found(store, "shke") == {stream["bishkek"]}  # inside a title
    assert _found(store, "tambayev") == set()  # inside a name, not at its start
    assert _found(store, "Atamba") == {stream["bishkek"]}  # a name's start
    assert _found(store, "Dschaparow") == {stream["bishkek"]}  # a name in another spelling
    assert _found(store, "Erdbeben") == {stream["quake"]}  # an untitled article's lead
    assert _found(store, "quake") == {stream["quake"]}  # a copy's title
    assert _found(store, "Lyon Bishkek") == set()  # every word must be found
    assert _found(store, "in") == set(stream.values())  # short: looked for event by event


def test_search_answers_as_its_definition_for_every_word(store, stream):
    for q in WORDS:
        assert _found(store, q) == _by_definition(store, q), q


def test_search_follows_merges_splits_and_headline_changes(store, stream):
    with store.transaction():
        store.merge(stream["lyon"], stream["quake"], {"article": "test"})
    assert _found(store, "Rhone") == _found(store, "Lyon") == {stream["quake"]}
    # An English title joining takes the headline: the German lead is no longer it.
    _put(store, 7, "Earthquake in Kyrgyzstan", event_id=stream["quake"])
    assert _found(store, "Erdbeben") == _by_definition(store, "Erdbeben")
    with store.transaction():
        store.move(Change("split", stream["bishkek"], "ev-split", ["a2"]), {"by": "test"})
    assert _found(store, "Japarov") == {"ev-split"}
    assert _found(store, "Bishkek") == {stream["bishkek"], "ev-split"}
    for q in WORDS:
        assert _found(store, q) == _by_definition(store, q), q


def test_a_write_rolled_back_is_not_found(store, stream):
    with pytest.raises(RuntimeError), store.transaction():
        article = dataclasses.replace(_article(8), title="Volcano erupts")
        features = _features(article)
        store.add(article, features, Decision(None, None, features.vector, {}))
        raise RuntimeError("the linker failed")
    assert _found(store, "volcano") == set()
    _put(store, 8, "Volcano erupts")
    assert len(_found(store, "volcano")) == 1
