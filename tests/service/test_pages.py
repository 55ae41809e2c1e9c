"""The web pages, read as HTML without a browser (the browser test is apart)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from babelwire.service import pages
from tests.service.conftest import AUTH, QUAKE


def _event_id(client: TestClient) -> str:
    return str(client.get("/api/articles/quake-en").json()["event_id"])


def test_list_shows_each_event(seeded: TestClient):
    page = seeded.get("/").text
    assert "Earthquake shakes Valparaiso harbour" in page
    assert "Lantern festival draws record crowds in Kaunas" in page
    assert '<svg class="chart"' in page  # articles over time
    assert 'name="q"' in page and 'name="lang"' in page and 'name="since"' in page
    # When each event last changed, to the minute, in UTC (the exact time in the tag).
    assert re.search(r'<time datetime="[\d-]+T[\d:]+Z">\d{4}-\d\d-\d\d \d\d:\d\d UTC</time>', page)


def test_list_filters(seeded: TestClient):
    assert "Kaunas" not in seeded.get("/?q=valparaiso").text
    assert "Kaunas" in seeded.get("/?lang=en&since=2021-05-01").text
    assert "Valparaiso" not in seeded.get("/?since=2021-05-01").text
    assert "No events match" in seeded.get("/?q=tsunami").text


def test_empty_store_says_what_to_do(client: TestClient):
    assert "No events yet" in client.get("/").text


def test_event_page_shows_articles_by_language_with_why(seeded: TestClient):
    event_id = _event_id(seeded)
    page = seeded.get(f"/events/{event_id}").text
    assert "Earthquake shakes Valparaiso harbour" in page
    assert 'class="lang">en' in page
    assert "why:" in page and "opened this event" in page


DESCRIBED: dict[str, Any] = {
    "summary": [
        {"text": "A strong earthquake hit the harbour.", "article_id": "quake-en", "lang": "en"}
    ],
    "timeline": [
        {
            "date": "2021-03-10",
            "precision": "day",
            "text": "The quake struck.",
            "article_id": "quake-es",
        }
    ],
    "entities": [
        {
            "name": "Valparaiso",
            "kind": "place",
            "aliases": ["Valparaíso", "Вальпараисо"],
            "article_ids": ["quake-en"],
            "mentions": 5,
        }
    ],
    "figures": [
        {
            "what": "injured",
            "disagreement": True,
            "values": [
                {"low": 12, "high": 12, "text": "12 people were injured", "article_id": "quake-en"},
                {"low": 200, "high": 999, "text": "hundreds injured", "article_id": "quake-nb"},
            ],
        },
        {
            "what": "dead",
            "disagreement": False,
            "values": [
                {"low": 1, "high": 1, "text": "one died", "article_id": "quake-es"},
                {"low": 2301, "high": None, "text": "more than 2,300", "article_id": "quake-en"},
            ],
        },
    ],
    "sources": [{"name": "Harbour Herald", "articles": ["a1"], "independent_reports": 1}],
}


def test_event_page_renders_the_description(seeded: TestClient, monkeypatch: pytest.MonkeyPatch):
    real = pages.describe_event
    monkeypatch.setattr(pages, "describe_event", lambda store, i: {**real(store, i), **DESCRIBED})
    page = seeded.get(f"/events/{_event_id(seeded)}").text
    for text in [
        "A strong earthquake hit the harbour.",
        "[Harbour Herald, en]",
        "The quake struck.",
        "Вальпараисо",
        "200\u2013999",
        "2,301+",
        "sources disagree",
        "<strong>Harbour Herald</strong>: 1 article, 1 independent",
    ]:
        assert text in page, text
    assert page.count('class="disagreement"') == 1


def test_event_page_tolerates_odd_fields(seeded: TestClient, monkeypatch: pytest.MonkeyPatch):
    odd = {
        "summary": "Just a string.",
        "timeline": ["plain"],
        "entities": [None, "x"],
        "figures": [{"what": "w"}, 3],
        "sources": ["A"],
    }
    real = pages.describe_event
    monkeypatch.setattr(pages, "describe_event", lambda store, i: {**real(store, i), **odd})
    answer = seeded.get(f"/events/{_event_id(seeded)}")
    assert answer.status_code == 200 and "Just a string." in answer.text


def test_article_page(seeded: TestClient):
    page = seeded.get("/articles/quake-nb").text
    assert "Jordskjelv rister havnen i Valparaiso" in page
    assert "Et kraftig jordskjelv" in page


def test_new_article_appears(client: TestClient):
    client.post("/api/articles", json=QUAKE[:1], headers=AUTH)
    assert "Valparaiso" in client.get("/").text


def test_links_to_odd_ids_work(client: TestClient):
    odd = {**QUAKE[0], "id": "odd id #1?/x"}
    client.post("/api/articles", json=[odd], headers=AUTH)
    event_id = client.get("/api/articles/odd%20id%20%231%3F/x").json()["event_id"]
    page = client.get(f"/events/{event_id}").text
    assert 'href="/articles/odd%20id%20%231%3F/x"' in page
    assert client.get("/articles/odd%20id%20%231%3F/x").status_code == 200


def test_event_page_shows_merges_and_splits_with_links(
    seeded: TestClient, monkeypatch: pytest.MonkeyPatch
):
    split = {
        "at": "2031-03-12T08:00:00Z",
        "kind": "split_into",
        "event_id": "ev-part",
        "article_ids": ["quake-nb"],
        "evidence": {"by": "consolidation", "with_rest_of_event": 0.31},
    }
    real = pages.describe_event
    monkeypatch.setattr(
        pages, "describe_event", lambda store, i: {**real(store, i), "history": [split]}
    )
    page = seeded.get(f"/events/{_event_id(seeded)}").text
    assert 'id="history"' in page and "1 article split off into" in page
    assert 'href="/events/ev-part"' in page and "by consolidation, mean score 0.31" in page


def test_the_list_counts_the_sources_the_event_names(client: TestClient):
    plain = [{k: v for k, v in article.items() if k != "source"} for article in QUAKE]
    assert client.post("/api/articles", json=plain, headers=AUTH).status_code == 200
    event = client.get(f"/api/events/{_event_id(client)}").json()
    assert [s["name"] for s in event["sources"]] == ["unknown outlet"]
    (listed,) = client.get("/api/events").json()
    assert listed["sources"] == ["unknown outlet"]
    row = client.get("/").text.split("<tbody>")[1]
    counts = re.search(r'<td class="num">(\d+)</td>\s*<td class="num">(\S+)</td>', row)
    assert counts is not None and counts.groups() == (str(len(QUAKE)), "1")  # articles, sources
