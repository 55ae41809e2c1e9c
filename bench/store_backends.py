"""The two stores side by side: SQLite (embedded) against PostgreSQL (a local server).

    .venv/bin/python bench/store_backends.py [--articles 30000] [--postgres URL]

Without --postgres a throwaway server is started the way the tests start one
(tests/postgres_server.py: initdb and pg_ctl on 127.0.0.1, fsync off as in the
tests, so the two backends are compared on what they do, not on the disk).

For each backend, a stream of synthetic articles (random 384-dimensional
vectors around event centres, five articles an event, names, figures and
words drawn per event, one new day every 100 articles) goes through the
linker's decide-and-write step exactly as ingest runs it: one transaction per
article that re-checks identity, lets the real OnlineLinker decide against
the live events, and writes the article with its link. Reported: the mean
milliseconds per article over the 1,000 articles before each checkpoint (flat
means the cost does not grow with the store), then the events list (100 most
recent) and a search by a name, at the final size. The encoder is not run:
it costs the same whichever store is behind it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a script: make `bench` and `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babelwire.cluster.online import LinkerConfig, OnlineLinker
from babelwire.store import EventFilter, Store, open_store
from bench import synthetic

WINDOW = 1000  # articles each checkpoint's mean is taken over


def link_stream(store: Store, articles: int, checkpoints: list[int]) -> dict[int, float]:
    """Decide-and-write every article; ms per article before each checkpoint."""
    linker = OnlineLinker(LinkerConfig(remove_language_mean=False))
    spent, found = [], {}
    for number, (article, features) in enumerate(synthetic.stream(articles, seed=5)):
        started = time.perf_counter()
        with store.transaction():
            if store.known(article) is None:
                store.add(article, features, linker.decide(features, store))
        spent.append(time.perf_counter() - started)
        if number + 1 in checkpoints:
            found[number + 1] = round(1000 * float(np.mean(spent[-WINDOW:])), 2)
    return found


def timed(call: Callable[[], object], repeat: int = 5) -> float:
    """Best of `repeat`, in ms."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return round(1000 * best, 2)


def measure(location: str, articles: int) -> dict:
    checkpoints = [n for n in (1_000, 10_000, 30_000, 100_000) if n <= articles]
    store = open_store(location)
    try:
        per_article = link_stream(store, articles, checkpoints)
        with store.snapshot():
            events_ms = timed(lambda: store.events(100))
            search_ms = timed(lambda: store.find_events(EventFilter(q="name17")))
    finally:
        store.close()
    return {"ms_per_article": per_article, "events_list_ms": events_ms, "search_ms": search_ms}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=30_000)
    parser.add_argument("--postgres", help="an empty database's URL (default: a throwaway server)")
    args = parser.parse_args()
    server = None
    if not args.postgres:
        from tests.postgres_server import Server, binaries

        folder = binaries()
        if folder is None:
            sys.exit("no PostgreSQL server binaries (initdb, pg_ctl): install postgresql")
        server = Server.start(folder)
    try:
        postgres = args.postgres or server.new_database()  # type: ignore[union-attr]
        with tempfile.TemporaryDirectory(prefix="babelwire-bench-") as scratch:
            report = {
                "sqlite": measure(str(Path(scratch) / "bench.db"), args.articles),
                "postgresql": measure(postgres, args.articles),
            }
    finally:
        if server is not None:
            server.stop()
    report["ratio_postgresql_to_sqlite"] = {
        str(n): round(report["postgresql"]["ms_per_article"][n] / ms, 2)
        for n, ms in report["sqlite"]["ms_per_article"].items()
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
