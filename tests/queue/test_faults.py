"""Fault injection: 1,000 articles through 3 workers, kill -9 at 10 random moments
(half of them the worker holding the link lock), a new worker started each
time. Nothing is lost or done twice, and the events are those of an
undisturbed single-process run, consolidations included."""

from __future__ import annotations

import random
import signal
import subprocess
import time

import psycopg
import pytest

from babelwire.store.postgres import LINK_LOCK
from tests.queue.conftest import Workers, babelwire, partition, queue_rows, wait_until
from tests.queue.stream import write_stream

ARTICLES = 1000
KILLS = 10
WORKERS = 3
# Workers and the reference consolidate every this many articles (on the count alone:
# queue_cli.py), so consolidations are killed too.
EVERY = {"BABELWIRE_CONSOLIDATE_EVERY": "150"}


class Fleet:
    """Workers that each name themselves to the server (PGAPPNAME), so the one
    holding the link lock can be found and killed."""

    def __init__(self, workers: Workers) -> None:
        self.workers = workers
        self.started = 0
        self.alive: dict[str, subprocess.Popen[bytes]] = {}

    def start(self) -> None:
        self.started += 1
        name = f"worker-{self.started}"
        self.alive[name] = self.workers.start(EVERY | {"PGAPPNAME": name})

    def kill(self, name: str) -> None:
        worker = self.alive.pop(name)
        worker.send_signal(signal.SIGKILL)
        worker.wait()

    def linker(self, url: str, patience: float = 10) -> str | None:
        """The worker holding the link lock, as soon as one does."""
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            holder = _lock_holder(url)
            if holder in self.alive:
                return holder
            time.sleep(0.005)
        return None


def _lock_holder(url: str) -> str | None:
    with psycopg.connect(url) as connection:
        row = connection.execute(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = %s "
            "AND l.objid::bigint = %s AND l.objsubid = 1",
            (LINK_LOCK >> 32, LINK_LOCK & 0xFFFFFFFF),
        ).fetchone()
    return None if row is None else str(row[0])


def _linked(url: str) -> int:
    with psycopg.connect(url) as connection:
        row = connection.execute("SELECT count(*) FROM queued_articles WHERE state = 'linked'")
        return int(row.fetchone()[0])


def _pending_consolidation(url: str) -> int:
    with psycopg.connect(url) as connection:
        row = connection.execute("SELECT pending FROM queue_consolidation")
        return int(row.fetchone()[0])


def _integrity(url: str) -> dict[str, int]:
    """What must be zero (or equal) in a sound store."""
    checks = {
        "articles": "SELECT count(*) FROM articles",
        "distinct_ids": "SELECT count(DISTINCT id) FROM articles",
        "in_no_live_event": "SELECT count(*) FROM articles a LEFT JOIN events e ON "
        "e.id = a.event_id WHERE e.id IS NULL OR e.merged_into IS NOT NULL",
        "sizes_off": "SELECT count(*) FROM events e WHERE merged_into IS NULL AND size <> "
        "(SELECT count(*) FROM articles a WHERE a.event_id = e.id)",
        "empty_live_events": "SELECT count(*) FROM events WHERE merged_into IS NULL AND size = 0",
    }
    with psycopg.connect(url) as connection:
        return {name: int(connection.execute(sql).fetchone()[0]) for name, sql in checks.items()}


@pytest.mark.slow
def test_kill_9_at_random_moments_loses_nothing_and_changes_nothing(
    postgres_server, workers, tmp_path
):
    feed = tmp_path / "stream.jsonl"
    ids = write_stream(feed, ARTICLES)
    alone = postgres_server.new_database()
    reference = babelwire("ingest", str(feed), "--db", alone, env=EVERY, timeout=600)
    assert reference.returncode == 0, reference.stderr

    queued = babelwire("ingest", str(feed), "--db", workers.url, "--queue")
    assert f"queued {ARTICLES}" in queued.stdout
    fleet = Fleet(workers)
    for _ in range(WORKERS):
        fleet.start()
    rng = random.Random(1015)
    moments = sorted(rng.sample(range(50, ARTICLES - 50), KILLS))
    killed_linkers = 0
    for number, moment in enumerate(moments):
        wait_until(lambda moment=moment: _linked(workers.url) >= moment, timeout=300)
        victim = fleet.linker(workers.url) if number % 2 == 0 else None
        killed_linkers += victim is not None
        fleet.kill(victim or rng.choice(sorted(fleet.alive)))
        fleet.start()
    assert killed_linkers >= KILLS // 2 - 1  # the lock is held most of the time

    wait_until(lambda: _linked(workers.url) == ARTICLES, timeout=300)
    assert set(queue_rows(workers.url)) == set(ids)
    assert {state for state, _ in queue_rows(workers.url).values()} == {"linked"}
    assert _integrity(workers.url) == {
        "articles": ARTICLES,
        "distinct_ids": ARTICLES,
        "in_no_live_event": 0,
        "sizes_off": 0,
        "empty_live_events": 0,
    }
    # The workers consolidated every 150 articles between them, as the reference did ...
    assert _pending_consolidation(workers.url) == ARTICLES % 150
    # ... and at the end of its batch; the workers' stream now does.
    assert babelwire("consolidate", "--db", workers.url).returncode == 0
    assert partition(workers.url) == partition(alone)
