"""Service fixtures: the app on a fresh store with the fast test encoder, and
a real uvicorn server on 127.0.0.1 for the browser and concurrency tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from babelwire.pipeline import Pipeline
from babelwire.service.app import create_app
from babelwire.store import Store
from tests.conftest import HashingEncoder

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# Articles written for these tests: one event in three languages, another
# unrelated one.
QUAKE = [
    {
        "id": "quake-en",
        "title": "Earthquake shakes Valparaiso harbour",
        "text": "A strong earthquake shook the harbour of Valparaiso on Monday. "
        "Officials in Valparaiso said 12 people were injured and the port was closed.",
        "date": "2021-03-10",
        "source": "Harbour Herald",
        "lang": "en",
    },
    {
        "id": "quake-es",
        "title": "Terremoto sacude el puerto de Valparaiso",
        "text": "Un fuerte terremoto sacudió el puerto de Valparaiso el lunes. "
        "Las autoridades de Valparaiso dijeron que 12 personas resultaron heridas.",
        "date": "2021-03-10",
        "source": "Diario Costero",
        "lang": "es",
    },
    {
        "id": "quake-nb",
        "title": "Jordskjelv rister havnen i Valparaiso",
        "text": "Et kraftig jordskjelv rystet havnen i Valparaiso mandag. "
        "Myndighetene i Valparaiso sier at 12 personer ble skadet.",
        "date": "2021-03-11",
        "source": "Kystavisen",
        "lang": "nb",
    },
]
FESTIVAL = {
    "id": "festival-en",
    "title": "Lantern festival draws record crowds in Kaunas",
    "text": "The lantern festival in Kaunas drew record crowds over the weekend, "
    "organisers in Kaunas said, with music and markets along the river.",
    "date": "2021-05-02",
    "source": "City Weekly",
    "lang": "en",
}


def fast_pipeline(store: Store) -> Pipeline:
    return Pipeline(store, encoder=HashingEncoder())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "service.db"


@pytest.fixture
def make_client(db: Path) -> Iterator[Callable[..., TestClient]]:
    """Build a client on `db`; keyword arguments go to create_app."""
    clients: list[TestClient] = []

    def build(**options: object) -> TestClient:
        options.setdefault("token", TOKEN)
        options.setdefault("db", db)
        app = create_app(pipeline_factory=fast_pipeline, **options)  # type: ignore[arg-type]
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


@pytest.fixture
def seeded(client: TestClient) -> TestClient:
    answer = client.post("/api/articles", json=[*QUAKE, FESTIVAL], headers=AUTH)
    assert answer.status_code == 200, answer.text
    return client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """uvicorn in a thread on 127.0.0.1, stopped when the test ends."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture
def live_server(db: Path) -> Iterator[LiveServer]:
    app = create_app(db, token=TOKEN, pipeline_factory=fast_pipeline)
    with LiveServer(app) as server:
        yield server
