"""Crash and concurrency safety, with real processes on one store: a file, or a
database on a real PostgreSQL server (tests/store/conftest.py)."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

WORKER = Path(__file__).with_name("ingest_worker.py")
TOPICS = ["flood", "election", "strike", "earthquake", "summit", "verdict", "fire", "match"]
PLACES = ["Bergen", "Lyon", "Osaka", "Quito", "Tartu", "Accra", "Perth", "Bilbao"]


def _write_articles(folder: Path, count: int) -> None:
    rng = random.Random(7)
    folder.mkdir()
    for number in range(count):
        topic, place = rng.choice(TOPICS), rng.choice(PLACES)
        day = 1 + number % 28
        text = (
            f" date 2024-03-{day:02d} A {topic} in {place} was reported on day {day}. "
            f"Officials in {place} said the {topic} affected residents; story {number}."
        )
        (folder / f"article{number:04d}.txt").write_text(text, encoding="utf-8")


def _start(db: str, folder: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WORKER), db, str(folder)])


def _query(db: str, sql: str) -> int:
    """One number from the store, read beside babelwire (SQLite also checks the file)."""
    if db.startswith("postgresql://"):
        with psycopg.connect(db) as conn:
            return int(conn.execute(sql).fetchone()[0])
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(conn.execute(sql).fetchone()[0])


def _counts(db: str) -> tuple[int, int, int]:
    articles = _query(db, "SELECT count(*) FROM articles")
    distinct = _query(db, "SELECT count(DISTINCT content_hash) FROM articles")
    orphans = _query(
        db, "SELECT count(*) FROM articles WHERE event_id NOT IN (SELECT id FROM events)"
    )
    return articles, distinct, orphans


def _wait_for_articles(db: str, at_least: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if _counts(db)[0] >= at_least:
                return
        except (sqlite3.OperationalError, psycopg.errors.UndefinedTable):
            pass  # schema not created yet
        time.sleep(0.05)
    raise AssertionError(f"fewer than {at_least} articles after {timeout}s")


@pytest.mark.slow
def test_kill_9_loses_nothing_committed_and_a_rerun_completes(tmp_path, location):
    folder, db = tmp_path / "news", location
    _write_articles(folder, 300)
    worker = _start(db, folder)
    _wait_for_articles(db, 30)
    worker.kill()  # SIGKILL: no cleanup runs
    worker.wait()
    stored_before, _, _ = _counts(db)
    assert 30 <= stored_before < 300
    assert subprocess.run([sys.executable, str(WORKER), db, str(folder)]).returncode == 0
    assert _counts(db) == (300, 300, 0)


@pytest.mark.slow
def test_two_ingests_at_once_store_each_article_once(tmp_path, location):
    folder, db = tmp_path / "news", location
    _write_articles(folder, 150)
    workers = [_start(db, folder), _start(db, folder)]
    assert [w.wait(timeout=300) for w in workers] == [0, 0]
    assert _counts(db) == (150, 150, 0)
    assert _query(db, "SELECT sum(size) FROM events WHERE merged_into IS NULL") == 150
