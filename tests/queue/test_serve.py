"""`babelwire serve --queue`: posted articles go on the queue, and the API and the
pages follow them (queued, linked with their event, failed with the reason)
while real workers link them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from babelwire.errors import StoreError
from babelwire.service.app import create_app
from tests.queue.conftest import wait_until
from tests.service.conftest import AUTH, FESTIVAL, QUAKE, TOKEN

POISON = {"id": "poison-1", "text": "POISON " + "words enough to link here " * 3}


def test_posted_articles_are_queued_then_linked_or_failed(workers):
    app = create_app(workers.url, token=TOKEN, queued=True)
    with TestClient(app) as client:
        posted = client.post("/api/articles", json=[*QUAKE, POISON, {"title": "no text"}],
                             headers=AUTH).json()  # fmt: skip
        assert [(p["id"], p["status"]) for p in posted[:4]] == [
            ("quake-en", "queued"), ("quake-es", "queued"), ("quake-nb", "queued"),
            ("poison-1", "queued"),
        ]  # fmt: skip
        assert posted[4]["status"] == "rejected" and "text" in posted[4]["reason"]
        waiting = client.get("/api/articles/quake-en").json()
        assert (waiting["state"], waiting["event_id"]) == ("queued", None)
        assert client.get("/api/queue").json()["queued"] == 4
        again = client.post("/api/articles", json=[QUAKE[0]], headers=AUTH).json()
        assert [(a["id"], a["status"]) for a in again] == [("quake-en", "known")]

        workers.start()
        wait_until(lambda: client.get("/api/queue").json()["queued"] == 0, timeout=60)
        wait_until(lambda: client.get("/api/articles/poison-1").json()["state"] == "failed")
        failed = client.get("/api/articles/poison-1").json()
        assert "poisons the encoder" in failed["reason"] and failed["tries"] == 3
        wait_until(lambda: client.get("/api/articles/quake-nb").json()["state"] == "linked")
        linked = [client.get(f"/api/articles/{q['id']}").json() for q in QUAKE]
        assert len({article["event_id"] for article in linked}) == 1
        assert linked[0]["title"] == QUAKE[0]["title"]

        backlog = client.get("/api/queue").json()
        assert (backlog["linked"], backlog["failed"], backlog["in_progress"]) == (3, 1, 0)
        assert backlog["failures"][0]["article_id"] == "poison-1"
        assert len(backlog["workers"]) == 1
        page = client.get("/queue")
        assert page.status_code == 200
        assert "poisons the encoder" in page.text and workers.url not in page.text
        assert 'href="/queue"' in client.get("/").text
        shown = client.get("/articles/poison-1")
        assert shown.status_code == 200 and "failed" in shown.text


def test_posts_go_on_the_queue_only_when_asked(workers):
    app = create_app(workers.url, token=TOKEN)
    with TestClient(app) as client:
        (posted,) = client.post("/api/articles", json=[FESTIVAL], headers=AUTH).json()
        assert posted["status"] == "ingested"
        assert client.get("/api/articles/festival-en").json()["state"] == "linked"
        nothing = client.get("/api/queue")
        assert nothing.status_code == 404 and "no queue" in nothing.json()["detail"]
        assert 'href="/queue"' not in client.get("/").text


def test_the_queue_needs_a_postgresql_store(tmp_path):
    with pytest.raises(StoreError, match="PostgreSQL store"):
        create_app(tmp_path / "news.db", queued=True)
    assert not (tmp_path / "news.db").exists()
