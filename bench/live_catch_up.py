"""The single linker when several processes write: its live index caught up
against rebuilt, and against one process alone.

    .venv/bin/python bench/live_catch_up.py [--articles 4000] [--skip-sqlite]

The decide-and-write step (bench/store_backends.py: the real OnlineLinker on
synthetic articles whose features are computed in advance, one transaction
an article) on each backend, in three set-ups fed the same stream:

- one: one connection links every article;
- two, rebuilt: two connections on one store take turns, article by article,
  and each reads its index of live events anew whenever the other has
  committed (as before issue 15's catch-up: made here by refusing every
  catch-up);
- two, caught up: the same, each catching its index up with the other's
  commits.

Two connections of one process stand for two worker processes: each has its
own index, and a turn is one commit of the other. The set-ups take each
article in turns (which goes first rotates), so other work on the machine
slows all alike and their ratios hold. Reported per set-up: milliseconds an
article over the last 1,000 (mean and median), articles a second (1000 /
mean), how many times an index was read whole, and the ratios against one
connection. The events are compared at the end: every set-up must make the
same ones. PostgreSQL is a throwaway server started as the tests start one
(tests/postgres_server.py).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` and `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babelwire.cluster.online import LinkerConfig, OnlineLinker
from babelwire.store import open_store
from bench import synthetic
from bench.machine import stamp
from bench.store_backends import link_one
from tests.postgres_server import Server, binaries

MEASURED = 1000  # the last articles, once the window of live events is full
SETUPS = ("one", "two_rebuilt", "two_caught_up")


class Setup:
    """Connections on one store, taking the articles in turns."""

    def __init__(self, location: str, connections: int, catch_up: bool) -> None:
        self.stores: list[Any] = [open_store(location) for _ in range(connections)]
        self.rebuilds = 0
        for store in self.stores:
            store._load_live_events = self._counted(store._load_live_events)
            if not catch_up:
                store._caught_up = lambda live: False
        self.spent: list[float] = []

    def _counted(self, load: Callable[[], Any]) -> Callable[[], Any]:
        def counted() -> Any:
            self.rebuilds += 1
            return load()

        return counted

    def link(self, number: int, linker: OnlineLinker, article: Any, features: Any) -> None:
        store = self.stores[number % len(self.stores)]
        self.spent.append(link_one(store, linker, article, features)[0])

    def events(self) -> list[list[str]]:
        return sorted(event.article_ids for event in self.stores[0].events())

    def close(self) -> None:
        for store in self.stores:
            store.close()


def run(locations: dict[str, str], articles: int) -> dict[str, Any]:
    """`locations`: for each set-up, an empty store of the backend measured."""
    setups = {
        "one": Setup(locations["one"], 1, catch_up=True),
        "two_rebuilt": Setup(locations["two_rebuilt"], 2, catch_up=False),
        "two_caught_up": Setup(locations["two_caught_up"], 2, catch_up=True),
    }
    linker = OnlineLinker(LinkerConfig(remove_language_mean=False))
    try:
        for number, (article, features) in enumerate(synthetic.stream(articles, seed=5)):
            turn = number % len(SETUPS)
            for name in SETUPS[turn:] + SETUPS[:turn]:
                setups[name].link(number, linker, article, features)
        same = len({json.dumps(setup.events()) for setup in setups.values()}) == 1
        found: dict[str, Any] = {name: _figures(setup) for name, setup in setups.items()}
    finally:
        for setup in setups.values():
            setup.close()
    alone = found["one"]["mean_ms"]
    for name in SETUPS[1:]:
        found[name]["ms_ratio_to_one"] = round(found[name]["mean_ms"] / alone, 2)
    found["rebuilt_over_caught_up"] = round(
        found["two_rebuilt"]["mean_ms"] / found["two_caught_up"]["mean_ms"], 2
    )
    found["same_events"] = same
    return found


def _figures(setup: Setup) -> dict[str, Any]:
    last = [1000 * s for s in setup.spent[-MEASURED:]]
    mean = statistics.fmean(last)
    return {
        "mean_ms": round(mean, 2),
        "median_ms": round(statistics.median(last), 2),
        "per_second": round(1000 / mean, 1),
        "index_rebuilds": setup.rebuilds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=4000)
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    report: dict[str, Any] = {"run": stamp()}
    folder = binaries()
    if folder is None:
        sys.exit("no PostgreSQL server binaries (initdb, pg_ctl): install postgresql")
    server = Server.start(folder)
    try:
        databases = {name: server.new_database() for name in SETUPS}
        report["postgresql"] = run(databases, args.articles)
        print(json.dumps(report["postgresql"]), file=sys.stderr, flush=True)
    finally:
        server.stop()
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory(prefix="babelwire-bench-") as scratch:
            files = {name: str(Path(scratch) / f"{name}.db") for name in SETUPS}
            report["sqlite"] = run(files, args.articles)
    report["run"]["loadavg_at_end"] = list(os.getloadavg())
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
