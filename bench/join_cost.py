"""What an article joining a large event costs: the decide-and-write step by event size.

    .venv/bin/python bench/join_cost.py [--sizes 5,200,1000] [--joins 40]
    BENCH_CHECKOUT=../other .venv/bin/python bench/join_cost.py   # another checkout's code

One store per backend (SQLite in a scratch file; PostgreSQL on a throwaway
server started as the tests start one), first holding 500 articles of the
synthetic stream (bench/synthetic.py), then one event grown article by
article. At each size, `--joins` more articles of that event are timed
through the step as ingest runs it (bench/store_backends.py's link_one: one
transaction, identity re-check, the linker's decision against the live
events, the writes, the alerts' change log), the linker's choice pinned to
the large event. Every joining article brings a name of its own, so the
event's names grow with it as a real story's do. The backends take the
articles in turns. Reported: mean and median milliseconds, and CPU
milliseconds (this process's plus the server's), per size and backend.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    if os.environ.get("BENCH_CHECKOUT"):  # the code measured: another checkout's
        sys.path.insert(0, str(Path(os.environ["BENCH_CHECKOUT"]).resolve()))

import numpy as np

import babelwire
from babelwire.cluster.online import LinkerConfig, OnlineLinker
from babelwire.model import Article
from babelwire.represent import Features
from babelwire.store import Store, open_store
from bench import synthetic
from bench.machine import stamp
from bench.store_backends import fill_one, server_cpu

BACKGROUND = 500  # articles of the synthetic stream before the large event


def joining(count: int, seed: int = 7) -> list[tuple[Article, Features]]:
    """Articles of one large event: vectors around one centre, a name each of their own."""
    rng = np.random.default_rng(seed)
    centre = rng.normal(size=synthetic.DIM)
    date = synthetic._day(BACKGROUND)
    found = []
    for number in range(count):
        vector = (centre + 0.8 * rng.normal(size=synthetic.DIM)).astype(np.float32)
        vector /= np.linalg.norm(vector)
        article = Article(
            id=f"big{number}",
            raw_text=f"large event {number}",
            text=f"The large event, article {number}.",
            content_hash=f"big{number}",
            title=f"Large event, report {number}",
            lang="en",
            date=date,
            source=f"outlet{number % 40}",
        )
        names = Counter({"largeevent": 2, f"person{number}": 1})
        features = Features(vector, names, date, "en", space="synthetic", terms=Counter({"w": 1}))
        found.append((article, features))
    return found


def join_one(
    store: Store, linker: OnlineLinker, event_id: str, article: Article, features: Features
) -> tuple[float, float]:
    """The decide-and-write step, the linker's choice pinned to `event_id`."""
    started, cpu = time.perf_counter(), time.process_time()
    with store.transaction():
        if store.known(article) is None:
            decision = linker.decide(features, store)
            store.add(article, features, dataclasses.replace(decision, event_id=event_id, merge=[]))
    return time.perf_counter() - started, time.process_time() - cpu


def measure(locations: dict[str, str], sizes: list[int], joins: int) -> dict:
    stores = {name: open_store(location) for name, location in locations.items()}
    servers = {name: server_cpu(store) for name, store in stores.items()}
    linker = OnlineLinker(LinkerConfig(remove_language_mean=False))
    found: dict[str, dict] = {name: {} for name in stores}
    try:
        drawn: dict[tuple[str, int], str] = {}
        for number, (article, features) in enumerate(synthetic.stream(BACKGROUND, seed=5)):
            for name, store in stores.items():
                event = number // synthetic.PER_EVENT
                drawn[name, event] = fill_one(store, article, features, drawn.get((name, event)))
        articles = iter(joining(max(sizes) + joins))
        big: dict[str, str | None] = {name: None for name in stores}
        size = 0
        for target in sizes:
            while size < target:  # grown undecided, as --fill grows a store
                article, features = next(articles)
                for name, store in stores.items():
                    big[name] = fill_one(store, article, features, big[name])
                size += 1
            timed: dict[str, list[tuple[float, float]]] = {name: [] for name in stores}
            for turn in range(joins):
                article, features = next(articles)
                for name in list(stores)[:: 1 if turn % 2 else -1]:
                    before = servers[name]()
                    seconds, cpu = join_one(stores[name], linker, big[name], article, features)
                    timed[name].append((seconds, cpu + servers[name]() - before))
            size += joins
            for name, times in timed.items():
                found[name][target] = _figures(times)
            print(target, json.dumps({name: found[name][target] for name in stores}), flush=True)
    finally:
        for store in stores.values():
            store.close()
    return found


def _figures(times: list[tuple[float, float]]) -> dict[str, float]:
    wall = [1000 * seconds for seconds, _ in times]
    return {
        "mean_ms": round(statistics.fmean(wall), 2),
        "median_ms": round(statistics.median(wall), 2),
        "cpu_ms": round(1000 * statistics.fmean(cpu for _, cpu in times), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5,200,1000", help="event sizes, comma-separated")
    parser.add_argument("--joins", type=int, default=40, help="articles timed at each size")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    run = stamp() | {"code": str(Path(babelwire.__file__).parents[1])}
    from tests.postgres_server import Server, binaries

    folder = binaries()
    if folder is None:
        sys.exit("no PostgreSQL server binaries (initdb, pg_ctl): install postgresql")
    server = Server.start(folder)
    try:
        with tempfile.TemporaryDirectory(prefix="babelwire-bench-") as scratch:
            locations = {
                "sqlite": str(Path(scratch) / "join.db"),
                "postgresql": server.new_database(),
            }
            report = measure(locations, sizes, args.joins)
    finally:
        server.stop()
    report["run"] = run | {"loadavg_at_end": list(os.getloadavg())}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
