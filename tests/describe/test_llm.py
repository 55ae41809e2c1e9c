"""The optional language-model backend, against a real local chat-completions server."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from babelwire.cli import main
from babelwire.describe.event import describe_event
from babelwire.pipeline import Pipeline
from babelwire.readers import read_paths
from babelwire.store import SQLiteStore
from tests.conftest import SAMPLES, HashingEncoder

SUEZ = [SAMPLES / "docs" / f"suez_{lang}_1.txt" for lang in ("en", "de")]


@dataclass
class FakeModel:
    """What the local server answers, and what it was asked."""

    reply: str = ""
    status: int = 200
    delay: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture
def model() -> Iterator[tuple[FakeModel, str]]:
    fake = FakeModel()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            fake.requests.append({"path": self.path, **json.loads(self.rfile.read(length))})
            time.sleep(fake.delay)
            body = json.dumps({"choices": [{"message": {"content": fake.reply}}]}).encode()
            self.send_response(fake.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake, f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


@pytest.fixture
def suez(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[SQLiteStore, str, list[str]]:
    """One event of two Suez sample articles, and a cache of the test's own for the answers."""
    monkeypatch.setenv("BABELWIRE_CACHE_DIR", str(tmp_path / "cache"))
    store = SQLiteStore(tmp_path / "suez.db")
    pipeline = Pipeline(store, encoder=HashingEncoder())
    outcomes = list(pipeline.ingest_all(read_paths([str(p) for p in SUEZ])))
    event_ids = {o.event_id for o in outcomes}
    ids = [str(o.article_id) for o in outcomes]
    if len(event_ids) > 1:  # the hashing encoder may keep them apart: merge for the test
        first, second = sorted(str(e) for e in event_ids)
        with store.transaction():
            store.merge(second, first)
    return store, store.resolve(str(outcomes[0].event_id)), ids


def answer(ids: list[str], **changes: Any) -> str:
    reply: dict[str, Any] = {
        "headline": {"text": "Ever Given blocks the Suez Canal", "article_ids": ids},
        "summary": [
            {"text": "A giant container ship ran aground in the Suez Canal.", "article_ids": ids},
            {"text": "Traffic stopped in both directions.", "article_ids": [ids[1], "invented"]},
        ],
        "titles": [{"article_id": ids[1], "title": "Giant ship blocks the Suez Canal"}],
    }
    reply.update(changes)
    return "Here is the JSON:\n```json\n" + json.dumps(reply) + "\n```"


def use(monkeypatch: pytest.MonkeyPatch, url: str, timeout: float = 5) -> None:
    monkeypatch.setenv("BABELWIRE_LLM_URL", url)
    monkeypatch.setenv("BABELWIRE_LLM_MODEL", "tiny")
    monkeypatch.setenv("BABELWIRE_LLM_TIMEOUT", str(timeout))


def test_off_by_default_the_description_is_extractive(model, suez):
    fake, _ = model
    store, event_id, _ = suez
    described = describe_event(store, event_id)
    assert described["generated_by"] == "extractive"
    assert "llm_error" not in described
    assert fake.requests == []


def test_a_good_answer_is_used_with_its_citations(model, suez, monkeypatch):
    fake, url = model
    store, event_id, ids = suez
    fake.reply = answer(ids)
    use(monkeypatch, url)
    described = describe_event(store, event_id)
    assert described["generated_by"] == "llm:tiny"
    assert described["headline"] == "Ever Given blocks the Suez Canal"
    assert described["headline_article_ids"] == ids
    first, second = described["summary"]
    assert first["article_ids"] == ids and first["article_id"] == ids[0]
    assert second["article_ids"] == [ids[1]], "an id not in the event is dropped"
    german = next(a for a in described["articles"] if a["id"] == ids[1])
    assert german["title_en"] == "Giant ship blocks the Suez Canal"
    request = fake.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["model"] == "tiny"
    prompt = request["messages"][-1]["content"]
    assert all(f"[{i}]" in prompt for i in ids), "the model sees every article's id"


def test_an_unchanged_event_asks_once_and_a_new_article_asks_again(model, suez, monkeypatch):
    fake, url = model
    store, event_id, ids = suez
    fake.reply = answer(ids)
    use(monkeypatch, url)
    describe_event(store, event_id)
    describe_event(store, event_id)
    assert len(fake.requests) == 1
    pipeline = Pipeline(store, encoder=HashingEncoder())
    outcome = next(pipeline.ingest_all(read_paths([str(SAMPLES / "docs" / "suez_fr_1.txt")])))
    if store.resolve(str(outcome.event_id)) != event_id:
        with store.transaction():
            store.merge(str(outcome.event_id), event_id)
    describe_event(store, event_id)
    assert len(fake.requests) == 2


@pytest.mark.parametrize(
    ("status", "reply", "why"),
    [
        (500, "", "HTTP 500"),
        (200, "I cannot help with that.", "not a JSON object"),
        (200, json.dumps({"headline": {"text": "x", "article_ids": ["made-up"]}}), "headline"),
    ],
)
def test_a_failing_backend_leaves_the_extractive_description(
    model, suez, monkeypatch, status, reply, why
):
    fake, url = model
    store, event_id, _ = suez
    extractive = describe_event(store, event_id)
    fake.status, fake.reply = status, reply
    use(monkeypatch, url)
    described = describe_event(store, event_id)
    assert described["generated_by"] == "extractive"
    assert why in described["llm_error"]
    assert described["headline"] == extractive["headline"]
    assert described["summary"] == extractive["summary"]


def test_uncited_sentences_are_dropped_and_none_left_falls_back(model, suez, monkeypatch):
    fake, url = model
    store, event_id, ids = suez
    fake.reply = answer(ids, summary=[{"text": "Uncited claim.", "article_ids": []}])
    use(monkeypatch, url)
    described = describe_event(store, event_id)
    assert described["generated_by"] == "extractive"
    assert "no summary sentence" in described["llm_error"]


def test_a_slow_backend_times_out_to_the_extractive_description(model, suez, monkeypatch):
    fake, url = model
    store, event_id, ids = suez
    fake.reply, fake.delay = answer(ids), 2.0
    use(monkeypatch, url, timeout=0.2)
    described = describe_event(store, event_id)
    assert described["generated_by"] == "extractive"
    assert "did not answer within" in described["llm_error"]


def test_an_unreachable_backend_is_named_in_the_error(suez, monkeypatch):
    store, event_id, _ = suez
    use(monkeypatch, "http://127.0.0.1:9/v1")
    described = describe_event(store, event_id)
    assert "could not be reached" in described["llm_error"]


def test_the_human_view_says_who_wrote_the_summary(model, suez, monkeypatch):
    fake, url = model
    store, event_id, ids = suez
    fake.reply = answer(ids)
    use(monkeypatch, url)
    result = CliRunner().invoke(main, ["event", event_id, "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    assert "written by llm:tiny" in result.output
    assert "Ever Given blocks the Suez Canal" in result.output
