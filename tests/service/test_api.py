"""The JSON API's contract: ingest, list, read, and every error as JSON."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from babelwire.cli import main
from tests.service.conftest import AUTH, FESTIVAL, QUAKE


def _event_of(client: TestClient, article_id: str) -> str:
    return str(client.get(f"/api/articles/{article_id}").json()["event_id"])


def test_post_answers_each_article(client: TestClient):
    answer = client.post("/api/articles", json=[QUAKE[0], {"title": "no text"}, 7], headers=AUTH)
    assert answer.status_code == 200
    first, no_text, not_object = answer.json()
    assert first["status"] == "ingested"
    assert first["id"] == "quake-en"
    assert first["event_id"].startswith("ev-")
    assert no_text["status"] == "rejected" and "text" in no_text["reason"]
    assert not_object["status"] == "rejected" and "object" in not_object["reason"]


def test_posting_again_says_known_and_where(client: TestClient):
    first = client.post("/api/articles", json=[QUAKE[0]], headers=AUTH).json()[0]
    again = client.post("/api/articles", json=[QUAKE[0]], headers=AUTH).json()
    assert [(a["status"], a["id"], a["event_id"]) for a in again] == [
        ("known", "quake-en", first["event_id"])
    ]


def test_the_same_text_under_another_name_is_stored_as_a_copy(client: TestClient):
    first = client.post("/api/articles", json=[QUAKE[0]], headers=AUTH).json()[0]
    same_text = {**QUAKE[0], "id": "another-name", "source": "Wire Desk"}
    (copy,) = client.post("/api/articles", json=[same_text], headers=AUTH).json()
    assert (copy["status"], copy["id"], copy["copy_of"]) == ("copy", "another-name", "quake-en")
    assert copy["event_id"] == first["event_id"]
    stored = client.get("/api/articles/another-name").json()
    assert stored["copy_of"] == "quake-en" and stored["event_id"] == first["event_id"]
    event = client.get(f"/api/events/{first['event_id']}").json()
    wire = next(s for s in event["sources"] if s["name"] == "Wire Desk")
    assert wire["copies"] == [{"article_id": "another-name", "repeats": "quake-en"}]
    assert wire["independent_reports"] == 0
    herald = next(s for s in event["sources"] if s["name"] == "Harbour Herald")
    assert herald["independent_reports"] == 1
    entry = next(a for a in event["articles"] if a["id"] == "another-name")
    assert entry["copy_of"] == "quake-en" and entry["repeats"] == "quake-en"


def test_warnings_are_answered_and_kept_with_the_article(client: TestClient):
    future = {**QUAKE[0], "date": "2999-01-01", "lang": "xx-not"}
    (answer,) = client.post("/api/articles", json=[future], headers=AUTH).json()
    assert len(answer["warnings"]) == 2
    stored = client.get("/api/articles/quake-en").json()
    assert stored["warnings"] == answer["warnings"]
    assert any("in the future" in w for w in stored["warnings"])
    event = client.get(f"/api/events/{answer['event_id']}").json()
    assert event["articles"][0]["warnings"] == answer["warnings"]
    page = client.get(f"/events/{answer['event_id']}").text
    assert "is in the future" in page
    assert "is in the future" in client.get("/articles/quake-en").text


def test_empty_array_is_fine(client: TestClient):
    answer = client.post("/api/articles", json=[], headers=AUTH)
    assert answer.status_code == 200 and answer.json() == []


def test_events_lists_like_the_cli(seeded: TestClient, db: Path):
    events = seeded.get("/api/events").json()
    cli = CliRunner().invoke(main, ["events", "--db", str(db), "--json"])
    assert events == json.loads(cli.output)
    assert {"id", "headline", "article_ids", "languages", "first_date", "last_date"} <= set(
        events[0]
    )


def test_event_is_exactly_the_cli_json(seeded: TestClient, db: Path):
    event_id = _event_of(seeded, "quake-en")
    cli = CliRunner().invoke(main, ["event", event_id, "--db", str(db), "--json"])
    assert cli.exit_code == 0, cli.output
    assert seeded.get(f"/api/events/{event_id}").json() == json.loads(cli.output)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=valparaiso", "quake-en"),  # headline
        ("q=VALPARAÍSO", "quake-en"),  # case and accents do not matter
        ("q=Вальпараисо", "quake-en"),  # the same name in another script
        ("q=tsunami", None),
        ("q=jordskjelv", "quake-nb"),  # an article title in the event
        ("q=kaunas", "festival-en"),  # a name in the text (entity)
        ("lang=es", "quake-es"),
        ("since=2021-04", "festival-en"),
        ("until=2021-03", "quake-en"),
        ("since=2021-03-11&until=2021-03-11", "quake-en"),
    ],
)
def test_event_filters(seeded: TestClient, query: str, expected: str | None):
    found = seeded.get(f"/api/events?{query}").json()
    ids = {event_id for event in found for event_id in event["article_ids"]}
    if expected is None:
        assert found == []
    else:
        assert expected in ids
    other = "quake-en" if expected == "festival-en" else "festival-en"
    assert other not in ids


def test_limit(seeded: TestClient):
    assert len(seeded.get("/api/events?limit=1").json()) == 1


def test_article_has_raw_and_clean_text_and_event(seeded: TestClient):
    article = seeded.get("/api/articles/quake-es").json()
    assert article["raw_text"].startswith("Un fuerte terremoto")
    assert article["text"] and article["lang"] == "es" and article["date"] == "2021-03-10"
    assert article["event_id"] in {e["id"] for e in seeded.get("/api/events").json()}
    assert article["why"]


def test_merged_event_redirects_to_the_live_one(seeded: TestClient, db: Path):
    live = _event_of(seeded, "quake-en")
    with sqlite3.connect(db) as connection:
        connection.execute(
            "INSERT INTO events (id, headline, headline_lang, updated_seq, size, names, "
            "merged_into) VALUES ('ev-old', 'old', 'en', 0, 0, '{}', ?)",
            (live,),
        )
    answer = seeded.get("/api/events/ev-old", follow_redirects=False)
    assert answer.status_code in (301, 308)
    assert answer.headers["location"].endswith(f"/api/events/{live}")
    assert seeded.get("/api/events/ev-old").json()["id"] == live
    page = seeded.get("/events/ev-old", follow_redirects=False)
    assert page.headers["location"].endswith(f"/events/{live}")


def test_openapi_docs(client: TestClient):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/articles", "/api/events", "/api/events/{event_id}"} <= set(paths)


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_api_docs_work_offline(client: TestClient, page: str):
    html = client.get(page).text
    assert not re.findall(r"https?://[^\s\"'<>]+", html)  # no CDN, no web fonts
    assets = re.findall(r"""(?:src|href)=["'](/[^"']+)["']""", html)
    assert any(a.endswith(".js") for a in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_store_created_on_start_and_said(make_client, tmp_path: Path, caplog):
    caplog.set_level("INFO", logger="babelwire")
    make_client(db=tmp_path / "deep" / "new.db")
    assert (tmp_path / "deep" / "new.db").exists()
    assert f"no store at {tmp_path / 'deep' / 'new.db'}: creating a new" in caplog.text
    caplog.clear()
    make_client(db=tmp_path / "deep" / "new.db")
    assert "creating" not in caplog.text  # an existing store is simply opened


def test_post_logs_what_happened(client: TestClient, caplog: pytest.LogCaptureFixture):
    caplog.set_level("INFO", logger="babelwire.service")
    client.post("/api/articles", json=[QUAKE[0], {"id": "x"}], headers=AUTH)
    logged = caplog.text
    assert "quake-en" in logged and "ingested" in logged and "rejected" in logged


def test_festival_alone(seeded: TestClient):
    assert _event_of(seeded, "festival-en") != _event_of(seeded, "quake-en")
    assert FESTIVAL["id"] in seeded.get("/api/events?q=lantern").json()[0]["article_ids"]


def test_a_split_event_answers_with_the_part_it_kept_and_links_to_the_others(make_client, db: Path):
    from babelwire.consolidate import Consolidator
    from babelwire.model import RawArticle
    from babelwire.pipeline import NEVER, Pipeline
    from babelwire.store import SQLiteStore
    from tests.conftest import HashingEncoder
    from tests.test_consolidate import FERRY, VOTE, JoinFirst

    store = SQLiteStore(db)
    pipeline = Pipeline(store, encoder=HashingEncoder(), linker=JoinFirst(), cadence=NEVER)  # type: ignore[arg-type]
    for number, text in enumerate([FERRY[0], VOTE[0], FERRY[1], VOTE[1]]):
        pipeline.ingest(RawArticle(text=text, origin="t", id=f"a{number}", lang="en"))
    (chained,) = store.events()
    Consolidator(store).run()
    store.close()
    kept = make_client().get(f"/api/events/{chained.id}").json()
    assert kept["id"] == chained.id and kept["article_ids"] == ["a0", "a2"]
    (split,) = [h for h in kept["history"] if h["kind"] == "split_into"]
    part = make_client().get(f"/api/events/{split['event_id']}").json()
    assert part["article_ids"] == ["a1", "a3"]
    assert part["history"][0]["kind"] == "split_from"


def test_the_service_consolidates_as_articles_arrive(
    make_client, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("BABELWIRE_CONSOLIDATE_EVERY", "2")
    caplog.set_level("INFO", logger="babelwire.consolidate")
    client = make_client()
    client.post("/api/articles", json=QUAKE[:2], headers=AUTH)
    assert "consolidated 2 articles" in caplog.text


def test_a_post_the_embeddings_server_fails_is_a_502_naming_it(db):
    from babelwire.pipeline import Pipeline
    from babelwire.represent import OpenAIEncoder
    from babelwire.service.app import create_app
    from tests.embedding_server import FaultyServer

    with FaultyServer(lambda *_: (503, {"error": "warming up"}, 0.0)) as server:

        def through_server(store):
            return Pipeline(store, encoder=OpenAIEncoder(server.url, "m", retries=0))

        app = create_app(db=db, token="", pipeline_factory=through_server)
        with TestClient(app) as client:
            answer = client.post("/api/articles", json=[QUAKE[0]])
            assert answer.status_code == 502
            assert f"{server.url}/embeddings answered 503" in answer.json()["detail"]
            assert client.get("/api/events").json() == []
