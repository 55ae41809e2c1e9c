"""The queue's fixtures: a fresh database on the session's PostgreSQL server, and
real `babelwire worker` processes on it (with the fast test encoder:
tests/queue/queue_cli.py), stopped at the end of each test whatever happens."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, str(Path(__file__).with_name("queue_cli.py"))]
# babelwire itself, with the real encoders.
REAL_CLI = [str(Path(sys.executable).with_name("babelwire"))]
CROSSLINGUAL = ROOT / "bench" / "crosslingual" / "docs"
STALL_SECONDS = "2"


def babelwire(
    *args: str, timeout: float = 120, env: dict[str, str] | None = None, real: bool = False
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*(REAL_CLI if real else CLI), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=os.environ | (env or {}),
        check=False,
    )


class Workers:
    """Worker processes started, and stopped at the end of the test whatever happens."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.running: list[subprocess.Popen[bytes]] = []

    def start(
        self, env: dict[str, str] | None = None, real: bool = False
    ) -> subprocess.Popen[bytes]:
        cli = REAL_CLI if real else CLI
        command = [*cli, "worker", "--db", self.url, "--stall-timeout", STALL_SECONDS]
        worker = subprocess.Popen(
            command, cwd=ROOT, env=os.environ | (env or {}), stderr=subprocess.DEVNULL
        )
        self.running.append(worker)
        return worker

    def stop(self) -> None:
        for worker in self.running:
            worker.terminate()
        for worker in self.running:
            try:
                worker.wait(20)
            except subprocess.TimeoutExpired:
                worker.kill()


@pytest.fixture
def workers(postgres_server) -> Iterator[Workers]:
    started = Workers(postgres_server.new_database())
    yield started
    started.stop()


def wait_until(condition: Callable[[], bool], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def partition(url: str) -> set[frozenset[str]]:
    """The events as sets of article ids: what linking decided, whatever the ids."""
    events: dict[str, set[str]] = {}
    with psycopg.connect(url) as connection:
        for article_id, event_id in connection.execute("SELECT id, event_id FROM articles"):
            events.setdefault(event_id, set()).add(article_id)
    return {frozenset(ids) for ids in events.values()}


def queue_rows(url: str) -> dict[str, tuple[str, str | None]]:
    with psycopg.connect(url) as connection:
        rows = connection.execute("SELECT article_id, state, reason FROM queued_articles")
        return {article_id: (state, reason) for article_id, state, reason in rows}
