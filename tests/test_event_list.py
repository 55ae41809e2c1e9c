"""The events list and an event's description say the same thing about it.

A newcomer compares `babelwire events` with `babelwire event ID --json`: the
headline and the outlets must agree. Each case below is one where the list's
old rules (the store's first-article headline, the `source` field alone)
and the description's disagreed.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
from click.testing import CliRunner

from babelwire.cli import main
from babelwire.cluster.base import Decision
from babelwire.describe.event import describe_event
from babelwire.model import Article
from babelwire.represent import Features
from babelwire.store import SQLiteStore

LONG_LEAD = (
    "Rescuers searched the cold waters off Bergen through the night for two fishermen "
    "whose boat capsized in the storm, while the coastguard closed the harbour to traffic."
)


def _article(number: int, text: str, **fields: str | None) -> Article:
    values: dict = {"lang": "en", **fields}
    return Article(f"a{number}", text, text, f"hash{number}", **values)


def _one_event(store: SQLiteStore, articles: list[Article]) -> str:
    """Store the articles as one event, in this order (no linking decides)."""
    event_id = None
    for article in articles:
        features = Features(np.ones(4, dtype=np.float32), Counter(), None, article.lang)
        with store.transaction():
            event_id = store.add(article, features, Decision(event_id, None, features.vector, {}))
    assert event_id is not None
    return event_id


def _listed_and_described(articles: list[Article]) -> tuple[dict, dict]:
    store = SQLiteStore(":memory:")
    event_id = _one_event(store, articles)
    (listed,) = store.events()
    return listed.summary_dict(), describe_event(store, event_id)


def test_a_later_title_in_the_language_gives_the_headline_in_both():
    listed, described = _listed_and_described(
        [
            _article(1, LONG_LEAD),
            _article(
                2, "Two fishermen are missing off Bergen.", title="Storm sinks boat off Bergen"
            ),
        ]
    )
    assert listed["headline"] == described["headline"] == "Storm sinks boat off Bergen"


def test_the_most_common_language_gives_the_headline_in_both():
    listed, described = _listed_and_described(
        [
            _article(1, "Ein Boot ist gekentert.", lang="de", title="Boot vor Bergen gekentert"),
            _article(
                2, "Un bateau a chaviré.", lang="fr", title="Un bateau chavire près de Bergen"
            ),
            _article(3, "Deux pêcheurs disparus.", lang="fr", title="Deux pêcheurs disparus"),
        ]
    )
    assert listed["headline"] == described["headline"] == "Un bateau chavire près de Bergen"


def test_untitled_leads_give_the_same_cut_headline_in_both():
    shared = "The coastguard said two fishermen were missing after their boat capsized off Bergen."
    listed, described = _listed_and_described(
        [
            _article(1, LONG_LEAD + " " + shared),
            _article(2, shared + " Rescuers searched through the night."),
            _article(3, shared + " The harbour stayed closed on Friday."),
        ]
    )
    assert listed["headline"] == described["headline"]
    assert described["headline"].startswith("Rescuers searched the cold waters off Bergen")
    assert len(described["headline"]) <= 110


def test_the_list_counts_the_outlets_the_description_names():
    listed, described = _listed_and_described(
        [
            _article(1, LONG_LEAD, source="Harbour Herald"),
            _article(2, LONG_LEAD + " More.", url="https://www.fjordnews.no/storm"),
            _article(3, LONG_LEAD + " Even more."),  # names no outlet
        ]
    )
    named = [s["name"] for s in described["sources"]]
    assert listed["sources"] == [*sorted(named[:2]), "unknown outlet"]
    assert sorted(listed["sources"]) == sorted(named)


def test_the_cli_list_and_event_json_agree(tmp_path: Path):
    db = tmp_path / "news.db"
    store = SQLiteStore(db)
    event_id = _one_event(
        store,
        [
            _article(1, LONG_LEAD, url="https://www.fjordnews.no/storm"),
            _article(2, "Two missing.", title="Storm sinks boat off Bergen", source="fjordnews.no"),
        ],
    )
    store.close()
    (listed,) = json.loads(CliRunner().invoke(main, ["events", "--db", str(db), "--json"]).output)
    described = json.loads(
        CliRunner().invoke(main, ["event", event_id, "--db", str(db), "--json"]).output
    )
    assert listed["headline"] == described["headline"]
    assert listed["sources"] == [s["name"] for s in described["sources"]] == ["fjordnews.no"]
    line = CliRunner().invoke(main, ["events", "--db", str(db)]).output
    assert " 1 source " in line and "Storm sinks boat off Bergen" in line


def test_plain_text_files_are_counted_as_the_event_names_them(tmp_path: Path):
    db = tmp_path / "news.db"
    store = SQLiteStore(db)
    event_id = _one_event(store, [_article(1, LONG_LEAD), _article(2, LONG_LEAD + " More.")])
    store.close()
    (listed,) = json.loads(CliRunner().invoke(main, ["events", "--db", str(db), "--json"]).output)
    described = json.loads(
        CliRunner().invoke(main, ["event", event_id, "--db", str(db), "--json"]).output
    )
    assert listed["sources"] == [s["name"] for s in described["sources"]] == ["unknown outlet"]
    line = CliRunner().invoke(main, ["events", "--db", str(db)]).output
    assert " 1 source " in line and "?" not in line.split("source")[0]
