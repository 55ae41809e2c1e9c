"""Many users at once: the API and a CLI process write while 20 clients read.

Everything runs on 127.0.0.1 and every loop is bounded in count and time.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.service.conftest import AUTH, QUAKE, LiveServer

pytestmark = pytest.mark.slow

READERS = 20
MAX_READS = 400  # per reader
DEADLINE = 120.0  # seconds, for the whole test
WORKER = Path(__file__).with_name("cli_worker.py")
TOPICS = [
    "harbour earthquake Valparaiso",
    "lantern festival Kaunas",
    "river flood Ostrava",
    "election count Tallinn",
    "bridge collapse Porto",
    "heatwave Seville",
]


def _article(number: int) -> dict:
    topic = TOPICS[number % len(TOPICS)]
    place = topic.split()[-1]
    return {
        "id": f"conc-{number}",
        "title": f"Update {number} on the {topic}",
        "text": f"Report {number}: officials in {place} spoke again about the {topic}. "
        f"Witnesses in {place} described the {topic} in detail, number {number}.",
        "date": f"2021-06-{1 + number % 20:02d}",
        "source": f"Outlet {number % 7}",
    }


def _check_event(event: dict, problems: list[str]) -> None:
    """A whole event: its counts, ids and article list all agree."""
    ids = [article["id"] for article in event["articles"]]
    if event["article_count"] != len(event["article_ids"]) or ids != event["article_ids"]:
        problems.append(f"half-written event {event['id']}: {event['article_ids']} vs {ids}")


def _reader(url: str, stop: threading.Event, deadline: float, problems: list[str]) -> int:
    reads = 0
    with httpx.Client(base_url=url, timeout=30, follow_redirects=True) as client:
        while not stop.is_set() and reads < MAX_READS and time.monotonic() < deadline:
            listing = client.get("/api/events", params={"limit": 20})
            reads += 1
            if listing.status_code != 200:
                problems.append(f"GET /api/events: {listing.status_code} {listing.text[:200]}")
                continue
            for summary in listing.json():
                if summary["article_count"] != len(summary["article_ids"]):
                    problems.append(f"inconsistent summary {summary}")
            if listing.json():
                chosen = random.choice(listing.json())["id"]
                answer = client.get(f"/api/events/{chosen}")
                if answer.status_code != 200:
                    problems.append(f"GET event {chosen}: {answer.status_code}")
                else:
                    _check_event(answer.json(), problems)
            if reads % 10 == 0 and client.get("/").status_code != 200:
                problems.append("GET / failed")
    return reads


def _api_writer(url: str, articles: list[dict], problems: list[str], results: list[dict]) -> None:
    with httpx.Client(base_url=url, timeout=60) as client:
        for start in range(0, len(articles), 3):
            answer = client.post("/api/articles", json=articles[start : start + 3], headers=AUTH)
            if answer.status_code != 200:
                problems.append(f"POST: {answer.status_code} {answer.text[:200]}")
            else:
                results.extend(answer.json())


def test_writers_and_readers_at_once(live_server: LiveServer, db: Path, tmp_path: Path):
    deadline = time.monotonic() + DEADLINE
    httpx.post(f"{live_server.url}/api/articles", json=QUAKE, headers=AUTH, timeout=60)
    api_articles = [_article(n) for n in range(0, 40)]
    cli_articles = [_article(n) for n in range(30, 70)]  # 30-39 are sent by both
    jsonl = tmp_path / "cli.jsonl"
    jsonl.write_text("".join(json.dumps(a) + "\n" for a in cli_articles), encoding="utf-8")

    problems: list[str] = []
    results: list[dict] = []
    stop = threading.Event()
    reads: list[int] = []
    readers = [
        threading.Thread(
            target=lambda: reads.append(_reader(live_server.url, stop, deadline, problems))
        )
        for _ in range(READERS)
    ]
    for thread in readers:
        thread.start()
    cli = subprocess.Popen(
        [sys.executable, str(WORKER), str(jsonl), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _api_writer(live_server.url, api_articles, problems, results)
    out, err = cli.communicate(timeout=max(1.0, deadline - time.monotonic()))
    stop.set()
    for thread in readers:
        thread.join(timeout=60)

    assert cli.returncode == 0, err
    assert "ingested" in out
    assert problems == []
    assert len(reads) == READERS and sum(reads) >= READERS
    assert {r["status"] for r in results} <= {"ingested", "known"}
    _assert_stored_once(db, {a["id"] for a in [*QUAKE, *api_articles, *cli_articles]})


def _assert_stored_once(db: Path, expected: set[str]) -> None:
    with sqlite3.connect(db) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM articles")]
        orphans = connection.execute(
            "SELECT count(*) FROM articles WHERE event_id NOT IN (SELECT id FROM events)"
        ).fetchone()[0]
    assert sorted(ids) == sorted(expected)  # every article, each once
    assert orphans == 0
