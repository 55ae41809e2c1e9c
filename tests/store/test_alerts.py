"""The store's side of alerts, on both backends: every change logged, each matching
subscription's delivery written in the change's own transaction, and the outbox
leased to one sender at a time."""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pytest

from babelwire.alerts.subscriptions import new_subscription
from babelwire.cluster.base import Decision
from babelwire.cluster.events import Change
from babelwire.errors import NotFound
from babelwire.store import Store, open_store
from babelwire.store.alerts import Recorded
from tests.store.helpers import _add, _article, _features


def _subscribe(store: Store, **wanted: object):
    return store.add_subscription(
        new_subscription({"url": "http://127.0.0.1:9/hook", **wanted}, allow_private=True)
    )


def _kinds(store: Store) -> list[tuple[str, str]]:
    return [(change["kind"], change["event"]["id"]) for _, change in store.changes_after(0)]


def _pending(store: Store, sub_id: str) -> list[str]:
    return [d["kind"] for d in reversed(store.deliveries_of(sub_id)) if d["status"] == "pending"]


def test_articles_arriving_are_logged_as_opened_grew_and_new_language(store):
    event = _add(store, _article(1))
    _add(store, _article(2), event)
    _add(store, _article(3, lang="nb"), event)
    assert _kinds(store) == [
        ("event.opened", event),
        ("event.grew", event),
        ("event.grew", event),
        ("event.new_language", event),
    ]
    _, last = store.changes_after(0)[-1]
    assert last["event"]["languages"] == ["en", "nb"]
    assert last["event"]["article_ids"] == ["a1", "a2", "a3"]
    assert last["changed"]["language"] == "nb" and last["changed"]["article"]["id"] == "a3"


def test_merges_and_splits_are_logged_on_the_event_that_remains(store):
    first, second = _add(store, _article(1)), _add(store, _article(2))
    with store.transaction():
        store.merge(second, first)
    _, merged = store.changes_after(0)[-1]
    assert merged["kind"] == "event.merged" and merged["event"]["id"] == first
    assert merged["changed"] == {"merged_from": second, "article_ids": ["a2"]}
    vectors = {4: [1, 0, 0, 0], 5: [0, 1, 0, 0]}
    event = None
    for number, vector in vectors.items():
        article = _article(number)
        features = dataclasses.replace(_features(article), vector=np.array(vector, np.float32))
        with store.transaction():
            event = store.add(article, features, Decision(event, None, features.vector, {}))
    assert event is not None
    with store.transaction():
        store.move(Change("split", event, "ev-part", ["a5"]), {"by": "consolidation"})
    _, split = store.changes_after(0)[-1]
    assert split["kind"] == "event.split" and split["event"]["id"] == event
    assert split["changed"] == {"split_into": "ev-part", "article_ids": ["a5"]}


def test_each_matching_subscription_gets_one_delivery_per_change(store):
    everything = _subscribe(store)
    norwegian = _subscribe(store, languages=["nb"], kinds=["event.new_language"])
    searched = _subscribe(store, q="title 1")  # the first article's title
    event = _add(store, _article(1))
    _add(store, _article(2, lang="nb"), event)
    _add(store, _article(7))
    assert _pending(store, everything.id) == [
        "event.opened",
        "event.grew",
        "event.new_language",
        "event.opened",
    ]
    assert _pending(store, norwegian.id) == ["event.new_language"]
    assert _pending(store, searched.id) == ["event.opened", "event.grew", "event.new_language"]
    assert store.delivery_counts(everything.id) == {"pending": 4, "delivered": 0, "failed": 0}


def test_a_change_rolled_back_leaves_no_log_and_no_delivery(store):
    sub = _subscribe(store)
    article = _article(1)
    features = _features(article)
    with pytest.raises(RuntimeError), store.transaction():
        store.add(article, features, Decision(None, None, features.vector, {}))
        raise RuntimeError("killed before commit")
    assert store.changes_after(0) == [] and store.deliveries_of(sub.id) == []
    _add(store, article)  # and the next transaction notes only its own change
    assert _kinds(store) == [("event.opened", "ev-hash1")]


def test_a_claimed_delivery_is_leased_to_one_sender_until_recorded(location, store):
    from babelwire.store import open_store

    sub = _subscribe(store)
    _add(store, _article(1))
    now = time.time() + 1
    other = open_store(location)
    try:
        (due,) = store.claim_deliveries(now=now, lease=60, limit=10)
        assert due.url == sub.url and due.secret == sub.secret
        assert due.change["kind"] == "event.opened"
        assert other.claim_deliveries(now=now, lease=60, limit=10) == []  # leased
        (again,) = other.claim_deliveries(now=now + 61, lease=60, limit=10)  # lease over
        assert again.id == due.id
        other.record_deliveries([Recorded(due.seq, "delivered", 200, None, now + 62, now + 62)])
        assert store.claim_deliveries(now=now + 1000, lease=60, limit=10) == []
    finally:
        other.close()
    (shown,) = store.deliveries_of(sub.id)
    assert shown["status"] == "delivered" and shown["attempts"] == 1
    assert shown["last_status_code"] == 200 and shown["next_attempt_at"] is None


def test_subscriptions_are_listed_and_removed_with_what_they_still_had_to_send(store):
    first, second = _subscribe(store, min_languages=3), _subscribe(store)
    assert [s.id for s in store.subscriptions()] == [first.id, second.id]
    assert store.subscription(first.id).filter.min_languages == 3
    _add(store, _article(1))
    store.remove_subscription(second.id)
    assert [s.id for s in store.subscriptions()] == [first.id]
    assert store.claim_deliveries(now=time.time() + 1, lease=60, limit=10) == []
    with pytest.raises(NotFound, match="no subscription"):
        store.subscription(second.id)
    with pytest.raises(NotFound, match="no subscription"):
        store.remove_subscription(second.id)
    _add(store, _article(2))  # a write after the change of subscribers sees it
    assert store.deliveries_of(second.id) == []


def _logged(store: Store) -> list[dict]:
    return [{k: v for k, v in body.items() if k != "at"} for _, body in store.changes_after(0)]


def _story(store: Store, forget: bool) -> None:
    """Joins in three languages, untitled articles, outlets, a copy, another process's
    write and a merge; `forget`: the views held in memory are dropped before each."""
    other = open_store(store.location)
    written: list[str] = []

    def put(number: int, lang: str, title: str | None, event: int | None, **more) -> None:
        if forget:
            store._views = None
        article = dataclasses.replace(_article(number, lang), title=title, **more)
        article.text = f"Lead sentence {number} of the article. More text."
        features = _features(article)
        decision = Decision(
            written[event] if event is not None else None, None, features.vector, {}
        )
        with store.transaction():
            written.append(store.add(article, features, decision))

    put(0, "nb", None, None, source="NRK")
    put(1, "nb", "Tittel", 0, url="https://vg.no/1")
    put(2, "de", None, 0)
    put(3, "en", None, 0, source="BBC")  # English: the headline moves to an untitled lead
    put(4, "en", "English title", 0)
    _add(other, _article(90), written[0])  # another process joins meanwhile
    put(5, "fr", "Titre", None)
    if forget:
        store._views = None
    with store.transaction():
        store.add_copy(dataclasses.replace(_article(6, "de"), content_hash="hash4"), "a4")
    put(7, "en", "Another", 0, source="NRK")
    with store.transaction():
        store.merge(written[5], written[0], {"article": "a7"})
    put(8, "fr", None, 0)
    other.close()


def test_the_views_held_in_memory_say_what_the_store_says(location, tmp_path):
    remembering, forgetting = open_store(location), open_store(str(tmp_path / "forgetting.db"))
    try:
        _story(remembering, forget=False)
        _story(forgetting, forget=True)
        assert remembering._views, "views were held"
        assert _logged(remembering) == _logged(forgetting)
        for event_id, held in remembering._views.items():
            assert held.view == remembering.event_view(event_id)
    finally:
        remembering.close()
        forgetting.close()
