"""figures.disagree: found after the fact, once per newly disputed figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from babelwire.alerts.figures import find_disputes
from babelwire.alerts.subscriptions import new_subscription
from babelwire.model import Article, PartialDate
from babelwire.store import Store, open_store
from tests.store.helpers import _add


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(str(tmp_path / "figures.db"))
    yield opened
    opened.close()


def _report(number: int, text: str, source: str) -> Article:
    return Article(
        id=f"r{number}",
        raw_text=text,
        text=text,
        content_hash=f"hash{number}",
        title=f"Flood report {number}",
        lang="en",
        date=PartialDate(2024, 5, 2),
        source=source,
    )


def _disputes(store: Store) -> list[dict]:
    return [c for _, c in store.changes_after(0) if c["kind"] == "figures.disagree"]


def test_a_figure_sources_disagree_on_is_alerted_once(store):
    sub = store.add_subscription(
        new_subscription({"url": "https://93.184.216.34/h", "kinds": ["figures.disagree"]})
    )
    find_disputes(store)  # the watch starts here
    event = _add(store, _report(1, "The flood in Porto Alegre: 12 people were killed.", "A"))
    find_disputes(store)
    assert _disputes(store) == []
    _add(store, _report(2, "The flood in Porto Alegre: 40 people were killed.", "B"), event)
    find_disputes(store)
    (dispute,) = _disputes(store)
    assert dispute["event"]["id"] == event
    (figure,) = dispute["changed"]["figures"]
    assert figure["what"] == "dead" and {v["low"] for v in figure["values"]} == {12, 40}
    assert [d["kind"] for d in store.deliveries_of(sub.id)] == ["figures.disagree"]
    _add(store, _report(3, "The flood in Porto Alegre: 12 people were killed.", "C"), event)
    find_disputes(store)
    assert len(_disputes(store)) == 1  # the same dispute again is no news


def test_nobody_asking_means_no_figures_are_read(store):
    store.add_subscription(
        new_subscription({"url": "https://93.184.216.34/h", "kinds": ["event.opened"]})
    )
    find_disputes(store)
    event = _add(store, _report(1, "The flood in Porto Alegre: 12 people were killed.", "A"))
    _add(store, _report(2, "The flood in Porto Alegre: 40 people were killed.", "B"), event)
    assert find_disputes(store) == 2  # opened, grew: read past
    assert _disputes(store) == []
    assert find_disputes(store) == 0
