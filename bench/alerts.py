"""Webhooks: how soon a change reaches a receiver, and what subscriptions cost ingest.

    .venv/bin/python bench/alerts.py [--articles 400] [--rate 20] [--rounds 2]

Into an SQLite store, with the service's sender on a thread beside the
ingest (as in `serve`) and a receiver on 127.0.0.1 in its own process,
answering 200 at once:

- latency: a synthetic stream (bench/synthetic.py: five articles an event)
  linked through the decide-and-write step at a steady `--rate` a second,
  10 subscriptions that want every change; from the moment a change is
  written (its `at`) to the receiver reading it, p50 and p99. Twice:
  `woken`, as `serve` sends what its own POST /api/articles wrote (the
  service wakes its sender), and `polled`, as it sends what another process
  wrote (ingest, watch, workers: the sender looks once a second).
- slowdown, without subscriptions and with 100 (20 want every change, 20 only
  new events, 20 events of at least 5 articles, 20 one name each, 20 only new
  languages), the sender delivering meanwhile, rounds alternating, the ratio
  of medians: `link`, ms per article of the decide-and-write step alone
  (the synthetic stream at `--rate`: the step the outbox is written in), and
  `ingest`, a first ingest of the 64 real articles of samples/docs and
  bench/crosslingual (e5 with an empty cache, consolidation at the end), ms
  per article by the wall clock: what a user waits for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import socket
import statistics
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babelwire.alerts.sender import Sender
from babelwire.alerts.subscriptions import new_subscription
from babelwire.cluster.online import LinkerConfig, OnlineLinker
from babelwire.store import Store, open_store
from bench import synthetic
from bench.machine import stamp

REPO = Path(__file__).resolve().parents[1]
REAL = [REPO / "samples" / "docs", REPO / "bench" / "crosslingual" / "docs"]  # 64 articles


def _receive(port: int, log: str) -> None:
    """The receiver process: note when each delivery arrived, answer 200."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            arrived = time.time()
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
            change = json.loads(body)
            with open(log, "a", encoding="utf-8") as out:
                out.write(f"{change['id']}\t{change['at']}\t{arrived}\n")

        def log_message(self, *_: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        request_queue_size = 128  # the standard library's 5 drops concurrent connections

    Server(("127.0.0.1", port), Handler).serve_forever()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _receiver(log: Path) -> tuple[multiprocessing.Process, str]:
    port = _free_port()
    process = multiprocessing.Process(target=_receive, args=(port, str(log)), daemon=True)
    process.start()
    time.sleep(0.5)
    return process, f"http://127.0.0.1:{port}/hook"


def _subscribe(store: Store, url: str, filters: list[dict[str, Any]]) -> None:
    for wanted in filters:
        store.add_subscription(new_subscription({"url": url, **wanted}, allow_private=True))


def _link(store: Store, count: int, seed: int, rate: float | None, sender: Sender | None) -> float:
    """Link `count` articles (at `rate` a second, else flat out); mean ms per article."""
    linker = OnlineLinker(LinkerConfig(remove_language_mean=False))
    spent = 0.0
    started = time.perf_counter()
    for number, (article, features) in enumerate(synthetic.stream(count, seed=seed)):
        if rate:
            time.sleep(max(0.0, started + number / rate - time.perf_counter()))
        begun = time.perf_counter()
        with store.transaction():
            store.add(article, features, linker.decide(features, store))
        spent += time.perf_counter() - begun
        if sender is not None:
            sender.wake()
    return 1000 * spent / count


def _drain(store: Store, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pending = sum(store.delivery_counts(s.id)["pending"] for s in store.subscriptions())
        if not pending:
            return
        time.sleep(0.2)
    raise SystemExit("deliveries still pending: the sender fell behind")


def _latencies(log: Path) -> list[float]:
    found = []
    for line in log.read_text(encoding="utf-8").splitlines():
        _, at, arrived = line.split("\t")
        written = dt.datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
        found.append(float(arrived) - written.timestamp())
    return found


def latency(scratch: Path, articles: int, rate: float, woken: bool) -> dict[str, Any]:
    log = scratch / f"latency-{woken}.tsv"
    log.touch()
    receiver, url = _receiver(log)
    db = str(scratch / f"latency-{woken}.db")
    store = open_store(db)
    try:
        _subscribe(store, url, [{}] * 10)
        sender = Sender(db, "http://127.0.0.1:8000", allow_private=True).start()
        _link(store, articles, seed=3, rate=rate, sender=sender if woken else None)
        _drain(store)
        sender.stop()
    finally:
        store.close()
        receiver.terminate()
    seconds = sorted(_latencies(log))
    return {
        "deliveries": len(seconds),
        "p50_ms": round(1000 * statistics.median(seconds), 1),
        "p99_ms": round(1000 * seconds[int(0.99 * (len(seconds) - 1))], 1),
    }


MIXED = (
    [{}] * 20
    + [{"kinds": ["event.opened"]}] * 20
    + [{"min_articles": 5}] * 20
    + [{"q": f"name{k}"} for k in range(0, 400, 20)]
    + [{"kinds": ["event.new_language"]}] * 20
)


def _ingest(db: str, paths: list[str], cache: Path) -> float:
    """A first ingest of real articles (e5, an empty cache); seconds per article."""
    import os

    import babelwire

    os.environ["BABELWIRE_CACHE_DIR"] = str(cache)  # every vector computed anew
    with babelwire.open(db) as wire:
        started = time.perf_counter()
        outcomes = wire.ingest(paths)
        return (time.perf_counter() - started) / len(outcomes)


def _measured(scratch: Path, name: str, url: str | None, run: Any) -> tuple[float, int]:
    """`run(db)` on a new store, with 100 subscriptions and their sender when `url`;
    what it returned, and how many deliveries were made."""
    db = str(scratch / f"{name}.db")
    store = open_store(db)
    sender = None
    if url:
        _subscribe(store, url, MIXED)
        sender = Sender(db, "http://127.0.0.1:8000", allow_private=True).start()
    try:
        result = run(db, sender)
        delivered = 0
        if sender is not None:
            _drain(store)
            delivered = sum(store.delivery_counts(s.id)["delivered"] for s in store.subscriptions())
    finally:
        if sender is not None:
            sender.stop()
        store.close()
    return result, delivered


def slowdown(scratch: Path, rounds: int, articles: int, rate: float) -> dict[str, Any]:
    """Linking at a steady rate, and a first ingest of real articles: without
    subscriptions, then with 100, in alternating rounds."""
    log = scratch / "slowdown.tsv"
    log.touch()
    receiver, url = _receiver(log)
    real = [str(path) for path in REAL]
    found: dict[str, dict[bool, list[float]]] = {
        "link": {False: [], True: []},
        "ingest": {False: [], True: []},
    }
    delivered = {"link": 0, "ingest": 0}
    try:
        for number in range(rounds):
            for subscribed in (False, True):
                name = f"{number}-{subscribed}"

                def link(db: str, sender: Sender | None) -> float:
                    store = open_store(db)
                    try:
                        return _link(store, articles, seed=5, rate=rate, sender=sender)
                    finally:
                        store.close()

                def ingest(db: str, _: Sender | None, name: str = name) -> float:
                    return 1000 * _ingest(db, real, scratch / f"cache-{name}")

                for part, run in (("link", link), ("ingest", ingest)):
                    ms, count = _measured(
                        scratch, f"{part}-{name}", url if subscribed else None, run
                    )
                    found[part][subscribed].append(round(ms, 2))
                    delivered[part] = max(delivered[part], count)
    finally:
        receiver.terminate()
    return {
        part: {
            "ms_per_article_without": runs[False],
            "ms_per_article_with_100": runs[True],
            "deliveries_with_100": delivered[part],
            "ratio": round(statistics.median(runs[True]) / statistics.median(runs[False]), 3),
        }
        for part, runs in found.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=400, help="synthetic, per run")
    parser.add_argument("--rate", type=float, default=20.0, help="synthetic articles a second")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="babelwire-bench-") as folder:
        scratch = Path(folder)
        report = {
            **stamp(),
            "latency_woken": latency(scratch, args.articles, args.rate, woken=True),
            "latency_polled": latency(scratch, args.articles, args.rate, woken=False),
            "slowdown": slowdown(scratch, args.rounds, args.articles, args.rate),
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
