"""Subscriptions over HTTP, their bad inputs, and the live stream of changes."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from babelwire.service.app import create_app
from tests.service.conftest import AUTH, FESTIVAL, QUAKE, TOKEN, LiveServer, fast_pipeline

HOOK = "http://127.0.0.1:9/hook"  # nothing is sent: these services send no webhooks


@pytest.fixture
def api(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client(allow_private_hooks=True, send_hooks=False)


def _subscribe(client: TestClient, **body: object) -> httpx.Response:
    return client.post("/api/subscriptions", json={"url": HOOK, **body}, headers=AUTH)


def test_a_subscription_is_made_shown_without_its_secret_and_removed(api: TestClient):
    made = _subscribe(api, q="Valparaiso", min_languages=2, kinds=["event.new_language"])
    assert made.status_code == 201, made.text
    sub = made.json()
    assert sub["id"].startswith("sub-") and len(sub["secret"]) == 64
    assert sub["q"] == "Valparaiso" and sub["min_languages"] == 2
    listed = api.get("/api/subscriptions", headers=AUTH).json()
    assert [s["id"] for s in listed] == [sub["id"]]
    assert "secret" not in listed[0] and sub["secret"] not in json.dumps(listed)
    api.post("/api/articles", json=[*QUAKE, FESTIVAL], headers=AUTH)
    shown = api.get(f"/api/subscriptions/{sub['id']}", headers=AUTH).json()
    assert "secret" not in shown
    assert shown["deliveries"] == {"pending": 2, "delivered": 0, "failed": 0}  # es, nb
    assert [d["kind"] for d in shown["last_deliveries"]] == ["event.new_language"] * 2
    assert shown["last_deliveries"][0]["next_attempt_at"] is not None
    assert api.delete(f"/api/subscriptions/{sub['id']}", headers=AUTH).status_code == 204
    assert api.get(f"/api/subscriptions/{sub['id']}", headers=AUTH).status_code == 404


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (b'{"url": "http://x.org/"', "malformed JSON"),
        (b'["http://x.org/"]', "expected a JSON object"),
        (b'{"q": "Bishkek"}', "`url` is required"),
        (b'{"url": "ftp://example.org/hook"}', "not an http(s) URL"),
        (b'{"url": "file:///etc/passwd"}', "not an http(s) URL"),
        (b'{"url": "http://example.org/", "colour": "red"}', "unknown filter 'colour'"),
        (b'{"url": "http://example.org/", "kinds": ["event.boom"]}', "unknown kind"),
        (b'{"url": "http://example.org/", "min_languages": -2}', "whole number"),
        (b'{"url": "http://example.org/", "languages": "en, nb, 3"}', None),
    ],
)
def test_bad_subscriptions_get_a_400_naming_the_problem(api: TestClient, body, named):
    answer = api.post("/api/subscriptions", content=body, headers=AUTH)
    if named is None:  # one language string where a list was meant: taken as one
        assert answer.status_code == 201
        return
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == "bad request" and named in answer.json()["detail"]


def test_a_private_target_needs_the_operator_s_allowance(make_client):
    strict = make_client(send_hooks=False, allow_private_hooks=False)
    answer = _subscribe(strict)
    assert answer.status_code == 400
    assert "non-public address" in answer.json()["detail"]
    assert "--allow-private-hooks" in answer.json()["detail"]
    assert strict.get("/api/subscriptions", headers=AUTH).json() == []


def test_every_subscription_request_needs_the_token_and_an_unknown_id_is_404(api: TestClient):
    assert api.post("/api/subscriptions", json={"url": HOOK}).status_code == 401
    assert api.get("/api/subscriptions").status_code == 401
    assert api.get("/api/subscriptions/sub-x").status_code == 401
    assert api.delete("/api/subscriptions/sub-x").status_code == 401
    for method in (api.get, api.delete):
        answer = method("/api/subscriptions/sub-nope", headers=AUTH)
        assert answer.status_code == 404
        assert "no subscription 'sub-nope'" in answer.json()["detail"]


def test_the_stream_refuses_unknown_kinds(api: TestClient):
    answer = api.get("/api/stream", params={"kinds": "event.boom"})
    assert answer.status_code == 400 and "unknown kind" in answer.json()["detail"]
    assert api.get("/api/stream", params={"min_languages": -1}).status_code == 400


@pytest.fixture
def server(db) -> Iterator[LiveServer]:
    app = create_app(db, token=TOKEN, pipeline_factory=fast_pipeline, send_hooks=False)
    with LiveServer(app) as running:
        yield running


def _changes(response: httpx.Response, count: int) -> list[dict]:
    """The first `count` changes a stream sends (a read timeout fails the test)."""
    found: list[dict] = []
    lines = response.iter_lines()
    for line in lines:
        if line.startswith("data: "):
            found.append(json.loads(line.removeprefix("data: ")))
            if len(found) == count:
                return found
    raise AssertionError(f"the stream ended after {len(found)} changes")


def _post_later(url: str, articles: list[dict]) -> threading.Thread:
    def post() -> None:
        httpx.post(f"{url}/api/articles", json=articles, headers=AUTH, timeout=60)

    thread = threading.Thread(target=post)
    thread.start()
    return thread


def test_the_stream_sends_new_changes_as_they_happen_filtered(server: LiveServer):
    params = {"languages": "nb", "kinds": ["event.new_language", "event.opened"]}
    with httpx.stream("GET", f"{server.url}/api/stream", params=params, timeout=30) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        poster = _post_later(server.url, [FESTIVAL, *QUAKE])
        (change,) = _changes(stream, 1)
        poster.join()
    assert change["kind"] == "event.new_language"
    assert change["changed"]["article"]["id"] == "quake-nb"
    assert change["event"]["languages"] == ["en", "es", "nb"]


def test_a_stream_resumes_after_the_last_change_it_saw(server: LiveServer):
    httpx.post(f"{server.url}/api/articles", json=[FESTIVAL, QUAKE[0]], headers=AUTH, timeout=60)
    headers = {"Last-Event-ID": "1"}
    with httpx.stream("GET", f"{server.url}/api/stream", headers=headers, timeout=30) as stream:
        (change,) = _changes(stream, 1)
    assert change["kind"] == "event.opened" and change["changed"]["article"]["id"] == "quake-en"
    with httpx.stream(
        "GET", f"{server.url}/api/stream", params={"after": 0, "q": "Kaunas"}, timeout=30
    ) as stream:
        (change,) = _changes(stream, 1)
    assert change["changed"]["article"]["id"] == "festival-en"
