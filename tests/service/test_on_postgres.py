"""The service and the CLI on a PostgreSQL store: every command works on both backends."""

from __future__ import annotations

import json

from click.testing import CliRunner
from fastapi.testclient import TestClient

from babelwire.cli import main
from babelwire.service.app import create_app
from tests.service.conftest import AUTH, FESTIVAL, QUAKE, TOKEN, fast_pipeline


def test_post_search_and_read_back_on_postgres(postgres_server):
    url = postgres_server.new_database()
    app = create_app(url, token=TOKEN, pipeline_factory=fast_pipeline)
    with TestClient(app) as client:
        posted = client.post("/api/articles", json=[*QUAKE, FESTIVAL], headers=AUTH).json()
        assert [p["status"] for p in posted] == ["ingested"] * 4
        quake = posted[0]["event_id"]
        found = client.get("/api/events", params={"q": "valparaiso", "lang": "nb"}).json()
        assert [e["id"] for e in found] == [quake]
        assert client.get(f"/api/events/{quake}").json()["id"] == quake
        assert client.get("/api/articles/quake-es").json()["event_id"] == quake
        assert "Valparaiso" in client.get("/").text
        again = client.post("/api/articles", json=[QUAKE[0]], headers=AUTH).json()
        assert again[0]["status"] == "known" and again[0]["event_id"] == quake
    runner = CliRunner()
    listed = json.loads(runner.invoke(main, ["events", "--db", url, "--json"]).output)
    assert quake in [e["id"] for e in listed]
    described = json.loads(runner.invoke(main, ["event", quake, "--db", url, "--json"]).output)
    assert {a["id"] for a in described["articles"]} == {q["id"] for q in QUAKE}
    exported = runner.invoke(main, ["export", "--db", url, "--format", "md"])
    assert exported.exit_code == 0 and "Valparaiso" in exported.output
