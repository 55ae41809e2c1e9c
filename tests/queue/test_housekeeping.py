"""The queue forgets what was done long ago, and keeps what is recent."""

from __future__ import annotations

import asyncio

import psycopg

from babelwire.queue.housekeeping import prune
from babelwire.queue.jobs import make_app
from tests.conftest import SAMPLES
from tests.queue.conftest import babelwire


async def _prune(url: str, keep_hours: int) -> None:
    app = make_app(url)
    async with app.open_async():
        await prune(app, keep_hours)


def test_done_articles_are_pruned_after_the_keep_period(workers):
    workers.start()
    queued = babelwire("ingest", str(SAMPLES / "docs"), "--db", workers.url, "--queue", "--wait")
    assert "ingested 16" in queued.stdout
    with psycopg.connect(workers.url, autocommit=True) as connection:
        # Succeeded jobs went as they finished; linked articles keep no payload.
        assert connection.execute("SELECT count(*) FROM procrastinate_jobs").fetchone() == (0,)
        payloads = connection.execute("SELECT DISTINCT payload FROM queued_articles").fetchall()
        assert payloads == [("",)]
        connection.execute(
            "UPDATE queued_articles SET done_at = now() - interval '25 hours' WHERE seq <= 6"
        )
        connection.execute(
            "INSERT INTO queue_workers (name, host, pid, concurrency, last_seen) "
            "VALUES ('gone:1', 'gone', 1, 1, now() - interval '25 hours')"
        )

        asyncio.run(_prune(workers.url, keep_hours=24))

        left = [seq for (seq,) in connection.execute("SELECT seq FROM queued_articles")]
        assert sorted(left) == list(range(7, 17))
        names = [name for (name,) in connection.execute("SELECT name FROM queue_workers")]
        assert "gone:1" not in names and len(names) == 1
        stored = connection.execute("SELECT count(*) FROM articles").fetchone()
        assert stored == (16,)  # the store itself is never pruned
