"""Write token, and article text that tries to be markup."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.service.conftest import AUTH, QUAKE, TOKEN

HOSTILE = {
    "id": "hostile",
    "title": "<script>window.pwned = 1</script> Valparaiso harbour update",
    "text": '<script>window.pwned = 2</script><img src=x onerror="window.pwned = 3"> '
    "<b>Bold claims</b> about the earthquake in Valparaiso harbour.",
    "url": "javascript:window.pwned = 4",
    "source": "<i>Evil</i> Daily",
}


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": TOKEN},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": f"Bearer {TOKEN}x"},
    ],
)
def test_writes_need_the_token(client: TestClient, headers: dict):
    answer = client.post("/api/articles", json=[QUAKE[0]], headers=headers)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"
    assert set(answer.json()) == {"error", "detail"}
    assert client.get("/api/events").json() == []  # nothing was written


def test_the_token_is_checked_before_the_body(make_client):
    client = make_client(max_body=10)
    assert client.post("/api/articles", content=b"[{", headers={}).status_code == 401


def test_token_from_the_environment(make_client, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BABELWIRE_TOKEN", "from-env")
    client = make_client(token=None)
    assert client.post("/api/articles", json=[], headers=AUTH).status_code == 401
    ok = client.post("/api/articles", json=[], headers={"Authorization": "Bearer from-env"})
    assert ok.status_code == 200


def test_without_a_token_writes_are_open(make_client):
    client = make_client(token="")
    assert client.post("/api/articles", json=[QUAKE[0]]).json()[0]["status"] == "ingested"


def test_reads_need_no_token(client: TestClient):
    assert client.get("/api/events").status_code == 200
    assert client.get("/").status_code == 200


def _pages(client: TestClient) -> list[str]:
    event_id = client.get("/api/articles/hostile").json()["event_id"]
    return [
        client.get("/").text,
        client.get("/?q=harbour").text,
        client.get(f"/events/{event_id}").text,
        client.get("/articles/hostile").text,
    ]


LIVE_SCRIPT = '<script src="/static/live.js" defer></script>'


def test_article_markup_is_shown_as_text(client: TestClient):
    client.post("/api/articles", json=[HOSTILE], headers=AUTH)
    for page in _pages(client):
        assert page.count(LIVE_SCRIPT) == 1  # babelwire's own file, the only script
        assert "<script" not in page.replace(LIVE_SCRIPT, "")
        assert "<img" not in page and "<b>Bold" not in page and "<i>Evil" not in page
        assert "javascript:" not in page
    article_page = client.get("/articles/hostile").text
    assert "&lt;script&gt;window.pwned = 2&lt;/script&gt;" in article_page


def test_pages_forbid_scripts_but_babelwire_s_own_files(client: TestClient):
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert client.get("/").headers["x-content-type-options"] == "nosniff"
