"""Every error is JSON {"error", "detail"} with the right status; bad input never 500s."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.service.conftest import AUTH, QUAKE, TOKEN


def _assert_error(answer, status: int, words: str = "") -> None:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == {"error", "detail"}, body
    assert words.lower() in body["detail"].lower()


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"[{", "malformed JSON"),
        (b"", "malformed JSON"),
        (b"\xff\xfe\x00garbage", "malformed JSON"),
        (b"[" * 100_000, "malformed JSON"),
        (b'{"text": "one article, not in an array"}', "array"),
        (b'"just a string"', "array"),
    ],
)
def test_bad_bodies_are_400(client: TestClient, body: bytes, words: str):
    answer = client.post(
        "/api/articles", content=body, headers={**AUTH, "Content-Type": "application/json"}
    )
    _assert_error(answer, 400, words)


@pytest.mark.parametrize(
    "article",
    [
        {"text": 5},
        {"text": "   "},
        {"text": "ok text about something", "date": "2020-13-45"},
        {"text": "ok text about another thing", "id": ["list"]},
        {"text": "x" * 1000, "lang": 12, "title": {"a": 1}, "url": None},
    ],
)
def test_odd_articles_never_fail_the_request(client: TestClient, article: dict):
    answer = client.post("/api/articles", json=[article], headers=AUTH)
    assert answer.status_code == 200, answer.text
    assert answer.json()[0]["status"] in {"ingested", "rejected"}


def test_lone_surrogates_are_replaced(client: TestClient):
    body = b'[{"text": "a lone surrogate \\ud800 in the text about Valparaiso"}]'
    answer = client.post("/api/articles", content=body, headers=AUTH)
    assert answer.status_code == 200 and answer.json()[0]["status"] == "ingested"


def test_body_over_the_limit_is_413(make_client):
    client = make_client(max_body=1000)
    big = [{"text": "word " * 400}]
    _assert_error(client.post("/api/articles", json=big, headers=AUTH), 413, "over 1000 bytes")


def test_body_over_the_limit_without_length_is_413(make_client):
    client = make_client(max_body=1000)

    def chunks():
        for _ in range(10):
            yield b"[" + b" " * 200

    answer = client.post("/api/articles", content=chunks(), headers=AUTH)
    _assert_error(answer, 413)


@pytest.mark.parametrize(
    "path",
    [
        "/api/events/ev-nothing",
        "/api/articles/nothing",
        "/api/articles/a/b/c",
        "/api/nowhere",
        "/events/ev-nothing",
        "/articles/nothing",
    ],
)
def test_unknown_things_are_404(client: TestClient, path: str):
    _assert_error(client.get(path), 404)


@pytest.mark.parametrize(
    "query", ["limit=abc", "limit=0", "limit=100000", "since=yesterday", "until=2020-02-30"]
)
def test_bad_queries_are_400(client: TestClient, query: str):
    _assert_error(client.get(f"/api/events?{query}"), 400)
    if not query.startswith("limit"):  # the page has no limit
        _assert_error(client.get(f"/?{query}"), 400)


def test_wrong_method_is_405(client: TestClient):
    _assert_error(client.delete("/api/events"), 405)


def test_a_browser_gets_an_html_error_page(client: TestClient):
    answer = client.get("/events/ev-nothing", headers={"Accept": "text/html"})
    assert answer.status_code == 404
    assert "text/html" in answer.headers["content-type"]
    assert "no event" in answer.text
    # The API stays JSON whatever the client accepts.
    api = client.get("/api/events/ev-nothing", headers={"Accept": "text/html"})
    assert api.json()["error"] == "not found"


def test_no_500_for_any_of_these(client: TestClient):
    client.post("/api/articles", json=QUAKE, headers=AUTH)
    for path in ["/api/events?q=%00", "/api/events?q=%25%5F", "/?q=<script>", "/?lang=%22"]:
        assert client.get(path).status_code == 200, path
    assert TOKEN
