"""The terminal and Markdown views of a description."""

from __future__ import annotations

from babelwire.describe.render import render_text, value_range


def test_figures_read_with_thousands_separators_and_open_ranges():
    assert value_range({"low": 590, "high": 590}) == "590"
    assert value_range({"low": 200, "high": 999}) == "200\u2013999"
    assert value_range({"low": 2301, "high": None}) == "2,301+"
    assert value_range({"low": 4.2, "high": 4.2}) == "4.2"


def test_the_terminal_lists_merges_and_splits_with_when_and_why():
    described = {
        "id": "ev-1",
        "headline": "Ferry aground",
        "article_ids": ["a", "b"],
        "languages": ["en"],
        "first_date": None,
        "last_date": None,
        "articles": [],
        "history": [
            {"at": "2024-03-01T10:00:00Z", "kind": "opened", "article_ids": ["a"]},
            {
                "at": "2024-03-02T10:00:00Z",
                "kind": "merge_from",
                "event_id": "ev-2",
                "article_ids": ["b"],
                "evidence": {"by": "consolidation", "with_event_joined": 0.91},
            },
        ],
    }
    text = render_text(described)
    assert "History" in text
    assert (
        "2024-03-02T10:00:00Z  took in 1 article from ev-2 (by consolidation, mean score 0.91)"
        in text
    )
    assert "opened" not in text.split("History")[1]  # arrivals are listed with the articles
