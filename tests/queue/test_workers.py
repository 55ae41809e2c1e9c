"""The queue on a real PostgreSQL server, worked by real `babelwire worker` processes
(with the fast test encoder: tests/queue/queue_cli.py)."""

from __future__ import annotations

import json
import signal

import psycopg
import pytest

from tests.alerts.receiver import Receiver
from tests.conftest import SAMPLES
from tests.queue.conftest import CROSSLINGUAL, babelwire, partition, queue_rows, wait_until

# Consolidating every 20 articles: the workers, counting across the cluster,
# consolidate between the same articles as the single process.
EVERY_20 = {"BABELWIRE_CONSOLIDATE_EVERY": "20"}


def test_two_workers_make_the_events_of_one_process(postgres_server, workers):
    inputs = [str(SAMPLES / "docs"), str(CROSSLINGUAL)]
    alone = postgres_server.new_database()
    assert babelwire("ingest", *inputs, "--db", alone, env=EVERY_20).returncode == 0
    workers.start(EVERY_20)
    workers.start(EVERY_20)
    queued = babelwire("ingest", *inputs, "--db", workers.url, "--queue", "--wait", env=EVERY_20)
    assert queued.returncode == 0, queued.stderr
    assert "ingested 64, already known 0, rejected 0" in queued.stdout
    assert partition(workers.url) == partition(alone)
    backlog = json.loads(babelwire("queue", "--db", workers.url, "--json").stdout)
    assert (backlog["queued"], backlog["in_progress"], backlog["linked"]) == (0, 0, 64)
    assert backlog["failed"] == 0 and backlog["oldest_waiting_seconds"] is None
    assert len(backlog["workers"]) == 2
    again = babelwire("ingest", str(CROSSLINGUAL), "--db", workers.url, "--queue")
    assert "queued 0, already known 48" in again.stdout


def test_a_poison_article_fails_with_its_reason_and_the_rest_flow(workers, tmp_path):
    poison = {"id": "poison-1", "text": "POISON " + "words enough to link here " * 3}
    feed = tmp_path / "poison.jsonl"
    feed.write_text(json.dumps(poison) + "\n")
    workers.start()
    queued = babelwire("ingest", str(feed), str(SAMPLES / "docs"), "--db", workers.url,
                       "--queue", "--wait")  # fmt: skip
    assert queued.returncode == 1
    assert "ingested 16, already known 0, rejected 1" in queued.stdout
    state, reason = queue_rows(workers.url)["poison-1"]
    assert state == "failed"
    assert "gave up after 3 tries" in reason and "poisons the encoder" in reason
    shown = babelwire("queue", "--db", workers.url)
    assert "failed 1" in shown.stdout and "poisons the encoder" in shown.stdout


def test_a_killed_worker_loses_nothing(postgres_server, workers):
    alone = postgres_server.new_database()
    assert babelwire("ingest", str(CROSSLINGUAL), "--db", alone).returncode == 0
    queued = babelwire("ingest", str(CROSSLINGUAL), "--db", workers.url, "--queue")
    assert "queued 48" in queued.stdout
    slow = {"BABELWIRE_TEST_ENCODE_SECONDS": "0.1"}
    doomed = workers.start(slow)
    wait_until(lambda: _linked(workers.url) >= 5)
    doomed.send_signal(signal.SIGKILL)
    doomed.wait()
    assert _linked(workers.url) < 48
    workers.start()
    wait_until(lambda: all(s == "linked" for s, _ in queue_rows(workers.url).values()))
    with psycopg.connect(workers.url) as connection:
        count, distinct = connection.execute(
            "SELECT count(*), count(DISTINCT id) FROM articles"
        ).fetchone()
    assert count == distinct == 48
    # The reference consolidated at the end of its batch; so does this stream, now.
    assert babelwire("consolidate", "--db", workers.url).returncode == 0
    assert partition(workers.url) == partition(alone)


def _linked(url: str) -> int:
    return sum(state == "linked" for state, _ in queue_rows(url).values())


@pytest.mark.slow
def test_a_worker_with_the_real_encoder_makes_the_events_of_one_process(postgres_server, workers):
    docs = str(SAMPLES / "docs")
    alone = postgres_server.new_database()
    assert babelwire("ingest", docs, "--db", alone, real=True, timeout=600).returncode == 0
    workers.start(real=True)
    queued = babelwire("ingest", docs, "--db", workers.url, "--queue", "--wait", timeout=600)
    assert "ingested 16, already known 0, rejected 0" in queued.stdout, queued.stderr
    assert partition(workers.url) == partition(alone)
    with psycopg.connect(workers.url) as connection:
        (space,) = connection.execute("SELECT value FROM meta WHERE key = 'space'").fetchone()
    assert space.startswith("e5")  # the real encoder, not the test one


def test_the_same_text_under_another_name_is_stored_as_a_copy(workers, tmp_path):
    text = "A ferry ran aground near Tromso on Sunday, and all passengers were brought ashore."
    records = [{"id": "ferry-1", "source": "Nord Desk"}, {"id": "ferry-2", "source": "Wire Desk"}]
    feed = tmp_path / "twice.jsonl"
    feed.write_text("".join(json.dumps(record | {"text": text}) + "\n" for record in records))
    workers.start()
    queued = babelwire("ingest", str(feed), "--db", workers.url, "--queue", "--wait")
    assert "ingested 1, already known 0, rejected 0, skipped 0, copies 1" in queued.stdout
    assert "ferry-2 repeats ferry-1" in queued.stdout
    assert queue_rows(workers.url)["ferry-2"] == ("copy", None)


def test_workers_send_the_webhooks(workers):
    with Receiver() as receiver:
        made = babelwire("subscribe", receiver.url, "--kind", "event.opened",
                         "--allow-private-hooks", "--db", workers.url, "--json")  # fmt: skip
        assert made.returncode == 0, made.stderr
        secret = json.loads(made.stdout)["secret"]
        workers.start({"BABELWIRE_ALLOW_PRIVATE_HOOKS": "1"})
        queued = babelwire(
            "ingest", str(SAMPLES / "docs"), "--db", workers.url, "--queue", "--wait"
        )
        assert queued.returncode == 0, queued.stderr
        events = json.loads(babelwire("events", "--db", workers.url, "--json").stdout)
        wait_until(lambda: len(receiver.received) >= len(events))
        assert all(delivery.signed_by(secret) for delivery in receiver.received)
        assert {d.json["kind"] for d in receiver.received} == {"event.opened"}
