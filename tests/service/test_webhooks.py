"""Webhooks end to end, over real HTTP: a receiver on 127.0.0.1 while real sets are
ingested, and a service killed (kill -9) with deliveries pending, then restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from babelwire.alerts.sender import RetryPolicy
from babelwire.service.app import create_app
from babelwire.store import open_store
from tests.alerts.receiver import Receiver
from tests.conftest import SAMPLES
from tests.service.conftest import (
    AUTH,
    FESTIVAL,
    QUAKE,
    TOKEN,
    LiveServer,
    free_port,
)

pytestmark = pytest.mark.slow

CROSSLINGUAL = Path(__file__).resolve().parents[2] / "bench" / "crosslingual" / "docs"
BABELWIRE = Path(sys.executable).with_name("babelwire")
SERVE = Path(__file__).with_name("serve_worker.py")
QUICK = RetryPolicy(first=0.1, factor=2, longest=0.5, give_up_after=600, timeout=5, lease=3)


def _subscribe(url: str, body: dict) -> dict:
    answer = httpx.post(f"{url}/api/subscriptions", json=body, headers=AUTH, timeout=30)
    assert answer.status_code == 201, answer.text
    return answer.json()


def _status(url: str, sub_id: str) -> dict:
    return httpx.get(f"{url}/api/subscriptions/{sub_id}", headers=AUTH, timeout=30).json()


def _wait_until_sent(url: str, sub_ids: list[str], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(_status(url, s)["deliveries"]["pending"] == 0 for s in sub_ids):
            return
        time.sleep(0.2)
    raise AssertionError(f"deliveries still pending after {timeout}s")


def _said(body: dict) -> tuple:
    """What a delivery says, without its own id: comparable with the change log."""
    return body["kind"], body["event"]["id"], repr(sorted(body["changed"].items()))


def test_a_receiver_gets_exactly_the_matching_changes_signed(tmp_path: Path):
    db = tmp_path / "news.db"
    app = create_app(db, token=TOKEN, allow_private_hooks=True, retry=QUICK)
    with Receiver() as receiver, LiveServer(app) as server:
        wanted = {
            "everything": {},
            "three languages": {
                "min_languages": 3,
                "kinds": ["event.grew", "event.new_language"],
            },
            "german news": {"languages": ["de"], "kinds": ["event.opened", "event.merged"]},
        }
        subs = {
            name: _subscribe(server.url, {"url": receiver.url, **f}) for name, f in wanted.items()
        }
        # Another process ingests (the real encoders, consolidation at the end of
        # the batch); the service's sender delivers what it committed.
        subprocess.run(
            [str(BABELWIRE), "ingest", str(SAMPLES / "docs"), str(CROSSLINGUAL), "--db", str(db)],
            check=True,
            capture_output=True,
            timeout=900,
        )
        _wait_until_sent(server.url, [s["id"] for s in subs.values()])
        statuses = {name: _status(server.url, s["id"]) for name, s in subs.items()}
    store = open_store(str(db))
    try:
        log = [change for _, change in store.changes_after(0, 100_000)]
    finally:
        store.close()
    expected = {
        "everything": log,
        "three languages": [
            c
            for c in log
            if len(c["event"]["languages"]) >= 3
            and c["kind"] in ("event.grew", "event.new_language")
        ],
        "german news": [
            c
            for c in log
            if "de" in c["event"]["languages"] and c["kind"] in ("event.opened", "event.merged")
        ],
    }
    assert expected["three languages"] and expected["german news"]
    ids = Counter(r.json["id"] for r in receiver.received)
    assert max(ids.values()) == 1  # nothing twice
    for name, sub in subs.items():
        got = [r for r in receiver.received if r.json["subscription_id"] == sub["id"]]
        assert all(r.signed_by(sub["secret"]) for r in got), name
        assert Counter(_said(r.json) for r in got) == Counter(_said(c) for c in expected[name]), (
            name
        )
        assert statuses[name]["deliveries"]["delivered"] == len(expected[name])


def _start_service(db: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, str(SERVE), str(db), str(port)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=5).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        assert process.poll() is None, "the service died at start"
        time.sleep(0.1)
    raise AssertionError("the service did not start")


def test_deliveries_pending_when_the_service_is_killed_arrive_after_a_restart(tmp_path: Path):
    db, port, hook_port = tmp_path / "news.db", free_port(), free_port()
    url = f"http://127.0.0.1:{port}"
    service = _start_service(db, port)
    try:
        sub = _subscribe(url, {"url": f"http://127.0.0.1:{hook_port}/hook"})  # nobody listens yet
        posted = httpx.post(
            f"{url}/api/articles", json=[*QUAKE, FESTIVAL], headers=AUTH, timeout=60
        )
        assert posted.status_code == 200
        deadline = time.monotonic() + 60
        while not all(d["attempts"] for d in _status(url, sub["id"])["last_deliveries"]):
            assert time.monotonic() < deadline, "the sender never tried"
            time.sleep(0.1)
        shown = _status(url, sub["id"])
        assert shown["deliveries"]["pending"] == 6  # 2 opened, 2 grew, 2 new languages
        assert all("ConnectError" in d["last_error"] for d in shown["last_deliveries"])
    finally:
        os.kill(service.pid, signal.SIGKILL)
        service.wait(timeout=30)
    with Receiver(port=hook_port) as receiver:
        service = _start_service(db, port)
        try:
            _wait_until_sent(url, [sub["id"]])
            shown = _status(url, sub["id"])
        finally:
            service.terminate()
            service.wait(timeout=30)
    outbox = {d["id"] for d in shown["last_deliveries"]}
    assert shown["deliveries"] == {"pending": 0, "delivered": 6, "failed": 0}
    arrived = [r.json["id"] for r in receiver.received]
    assert sorted(arrived) == sorted(outbox)  # every one, none twice
    assert all(r.signed_by(sub["secret"]) for r in receiver.received)
