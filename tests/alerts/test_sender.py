"""The sender against a real receiver on 127.0.0.1: signed deliveries, retries while
the receiver is down or failing, and giving up within bounds."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from babelwire.alerts.sender import RetryPolicy, Sender
from babelwire.alerts.subscriptions import new_subscription
from babelwire.store import Store, open_store
from tests.alerts.receiver import Receiver
from tests.store.helpers import _add, _article

FAST = RetryPolicy(first=0.05, factor=2, longest=0.2, give_up_after=30, timeout=5, lease=5)


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(str(tmp_path / "alerts.db"))
    yield opened
    opened.close()


def _subscribe(store: Store, url: str, **wanted: object):
    made = new_subscription({"url": url, **wanted}, allow_private=True)
    return store.add_subscription(made)


def _sender(store: Store, policy: RetryPolicy = FAST, allow_private: bool = True) -> Sender:
    return Sender(store.key, "https://news.example.org", allow_private, policy)


def _send_until(sender: Sender, store: Store, sub_id: str, timeout: float = 20) -> dict:
    """Send passes until nothing is pending for the subscription; its delivery counts."""
    deadline = time.monotonic() + timeout
    while store.delivery_counts(sub_id)["pending"] and time.monotonic() < deadline:
        if not sender.send_due():
            time.sleep(0.02)
    return store.delivery_counts(sub_id)


def test_each_delivery_arrives_signed_with_the_event_and_a_link_to_it(store):
    with Receiver() as receiver:
        sub = _subscribe(store, receiver.url)
        event = _add(store, _article(1))
        _add(store, _article(2, lang="nb"), event)
        sender = _sender(store)
        try:
            assert _send_until(sender, store, sub.id) == {
                "pending": 0,
                "delivered": 3,
                "failed": 0,
            }
        finally:
            sender.close()
    assert all(r.signed_by(sub.secret) for r in receiver.received)
    assert not any(r.signed_by("another secret") for r in receiver.received)
    # Sent side by side: they may arrive in any order (each says when it happened: `at`).
    bodies = {b["kind"]: b for b in receiver.bodies()}
    assert sorted(bodies) == ["event.grew", "event.new_language", "event.opened"]
    last = bodies["event.new_language"]
    assert last["subscription_id"] == sub.id
    assert last["event"] == {
        "id": event,
        "headline": "Title 1",
        "languages": ["en", "nb"],
        "article_ids": ["a1", "a2"],
    }
    assert last["changed"]["language"] == "nb"
    assert last["url"] == f"https://news.example.org/events/{event}"
    ids = {d["id"] for d in store.deliveries_of(sub.id)}
    assert {b["id"] for b in bodies.values()} == ids
    first = receiver.received[0]
    assert first.headers["X-Babelwire-Delivery"] == first.json["id"]


def test_a_failing_receiver_gets_the_same_delivery_again_until_it_answers(store):
    with Receiver(answers=[503, 500, 429]) as receiver:
        sub = _subscribe(store, receiver.url)
        _add(store, _article(1))
        sender = _sender(store)
        try:
            sender.send_due()
            (failed,) = store.deliveries_of(sub.id)
            assert failed["status"] == "pending" and failed["last_status_code"] == 503
            assert failed["next_attempt_at"] is not None
            assert _send_until(sender, store, sub.id)["delivered"] == 1
        finally:
            sender.close()
    (body,) = receiver.bodies()
    (shown,) = store.deliveries_of(sub.id)
    assert body["id"] == shown["id"] and shown["attempts"] == 4


def test_a_receiver_down_then_up_gets_every_delivery(store):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens there once closed
    url = f"http://127.0.0.1:{port}/hook"
    sub = _subscribe(store, url)
    event = _add(store, _article(1))
    _add(store, _article(2), event)
    sender = _sender(store)
    try:
        sender.send_due()
        assert store.delivery_counts(sub.id)["pending"] == 2
        assert all("ConnectError" in d["last_error"] for d in store.deliveries_of(sub.id))
        with Receiver(port=port) as receiver:
            assert _send_until(sender, store, sub.id)["delivered"] == 2
    finally:
        sender.close()
    assert sorted(b["kind"] for b in receiver.bodies()) == ["event.grew", "event.opened"]


def test_a_refusal_fails_at_once_and_a_long_outage_gives_up_in_bounded_time(store):
    with Receiver(answers=[404] + [503] * 1000) as receiver:
        refused = _subscribe(store, receiver.url)
        _add(store, _article(1))
        sender = _sender(store)
        try:
            sender.send_due()
            (shown,) = store.deliveries_of(refused.id)
            assert shown["status"] == "failed" and shown["last_status_code"] == 404
            store.remove_subscription(refused.id)
            patient = _subscribe(store, receiver.url)
            _add(store, _article(2))
            sender.policy = RetryPolicy(first=0.05, longest=0.05, give_up_after=0.5)
            started = time.monotonic()
            assert _send_until(sender, store, patient.id)["failed"] == 1
            assert time.monotonic() - started < 5
        finally:
            sender.close()
    (given_up,) = store.deliveries_of(patient.id)
    assert given_up["last_status_code"] == 503 and given_up["attempts"] > 2


def test_a_private_target_is_not_sent_to_without_the_allowance(store):
    with Receiver() as receiver:
        sub = _subscribe(store, receiver.url)
        _add(store, _article(1))
        sender = _sender(store, allow_private=False)
        try:
            sender.send_due()
        finally:
            sender.close()
    (shown,) = store.deliveries_of(sub.id)
    assert shown["status"] == "failed" and "non-public address" in shown["last_error"]
    assert receiver.received == []


def test_the_back_off_grows_up_to_its_longest_wait():
    policy = RetryPolicy(first=5, factor=2, longest=60)
    assert [policy.wait(n) for n in range(1, 7)] == [5, 10, 20, 40, 60, 60]
