"""The two stores side by side: SQLite (embedded) against PostgreSQL (a local server).

    .venv/bin/python bench/store_backends.py [--articles 30000] [--fill] [--postgres URL]

Without --postgres a throwaway server is started the way the tests start one
(tests/postgres_server.py: initdb and pg_ctl on 127.0.0.1, fsync off as in the
tests, so the two backends are compared on what they do, not on the disk).

A stream of synthetic articles (bench/synthetic.py: random 384-dimensional
vectors around event centres, five articles an event, names, figures and
words drawn per event, one new day every 100 articles) goes through the
linker's decide-and-write step exactly as ingest runs it: one transaction per
article that re-checks identity, lets the real OnlineLinker decide against
the live events, and writes the article with its link. The encoder is not
run: it costs the same whichever store is behind it.

With --fill, only the 1,000 articles before each checkpoint are decided by
the linker; the others join the event the stream drew them from (through the
same transaction and writes, the linker's scoring left out), so a store of
100,000 articles is reached in a fraction of the time, grown by the same
statements.

The two backends take the stream in turns, article by article (which goes
first alternates), so that other work on the machine slows both alike and
their ratio holds even when absolute times do not. Reported per backend: the
milliseconds per article over the 1,000 articles before each checkpoint (mean
and median; flat means the cost does not grow with the store), and the CPU
milliseconds per article over the same articles (this process's, plus the
server process's for a server on this machine: what other work disturbs
least; the server's share apart); then, at the
final size, the answer time (best of five) of the service's events page
(`GET /`, the 200 most recently active events with their activity bars), of
a search page for a name many events share, of one for a word no event has
(every live event is looked at), and of the JSON list of 100 events.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babelwire.cluster.base import Decision
from babelwire.cluster.online import LinkerConfig, OnlineLinker
from babelwire.model import Article
from babelwire.represent import Features, lexical
from babelwire.store import Store, open_store
from bench import synthetic
from bench.machine import stamp

WINDOW = 1000  # articles each checkpoint's figures are taken over
CHECKPOINTS = (1_000, 3_000, 10_000, 30_000, 100_000)
PAGES = {
    "events_page": "/",
    "search_page_common_name": "/?q=name17",
    "search_page_no_match": "/?q=nowhere",
    "api_events_100": "/api/events?limit=100",
}


def link_one(
    store: Store, linker: OnlineLinker, article: Article, features: Features
) -> tuple[float, float]:
    """Decide and write one article as ingest does; (seconds, CPU seconds) taken here."""
    started, cpu = time.perf_counter(), time.process_time()
    with store.transaction():
        if store.known(article) is None:
            store.add(article, features, linker.decide(features, store))
    return time.perf_counter() - started, time.process_time() - cpu


def fill_one(store: Store, article: Article, features: Features, event_id: str | None) -> str:
    """Write one article into `event_id` (None: a new event) as linking would, undecided."""
    with store.transaction():
        stats = store.stream_stats()
        terms = lexical.weigh(features.terms, stats.n, store.document_frequencies(features.terms))
        decision = Decision(event_id, None, features.vector, {}, terms=terms)
        return store.add(article, features, decision)


def server_cpu(store: Store) -> Callable[[], float]:
    """CPU seconds the store's server process has used so far (0 when it has none here)."""
    stat = Path("/proc/0/stat")
    if hasattr(store.db, "pipeline"):  # a server's connection: its process, if on this machine
        stat = Path(f"/proc/{store.db.execute('SELECT pg_backend_pid()').fetchone()[0]}/stat")
    ticks = os.sysconf("SC_CLK_TCK")

    def used() -> float:
        if not stat.exists():
            return 0.0
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime

    return used


def link_stream(stores: dict[str, Store], articles: int, fill: bool) -> dict[str, dict]:
    """Every article into every store, in turns; per article before each checkpoint."""
    ends = sorted({n for n in CHECKPOINTS if n < articles} | {articles})
    measured = {n for end in ends for n in range(end - WINDOW, end)} if fill else range(articles)
    # (store, the stream's event) -> its event id, for --fill. Checkpoints are
    # thousands and events five articles in a row: no event straddles a window.
    drawn: dict[tuple[str, int], str] = {}
    linker = OnlineLinker(LinkerConfig(remove_language_mean=False))
    servers = {name: server_cpu(store) for name, store in stores.items()}
    spent: dict[str, list[float]] = {name: [] for name in stores}
    cpu: dict[str, list[float]] = {name: [] for name in stores}
    served: dict[str, list[float]] = {name: [] for name in stores}  # the server's CPU seconds
    found = {
        name: {"mean_ms": {}, "median_ms": {}, "cpu_ms": {}, "server_cpu_ms": {}} for name in stores
    }
    for number, (article, features) in enumerate(synthetic.stream(articles, seed=5)):
        turns = list(stores) if number % 2 else list(stores)[::-1]
        event = number // synthetic.PER_EVENT
        for name in turns:
            if number not in measured:
                drawn[name, event] = fill_one(
                    stores[name], article, features, drawn.get((name, event))
                )
                continue
            before = servers[name]()
            seconds, cpu_seconds = link_one(stores[name], linker, article, features)
            spent[name].append(seconds)
            cpu[name].append(cpu_seconds)
            served[name].append(servers[name]() - before)
        if number + 1 in ends:
            for name in stores:
                _checkpoint(found[name], number + 1, spent[name], cpu[name], served[name])
            print(
                number + 1, json.dumps({n: _at(found[n], number + 1) for n in stores}), flush=True
            )
    return found


def _at(found: dict, at: int) -> dict:
    return {figure: values[at] for figure, values in found.items()}


def _checkpoint(
    found: dict, at: int, spent: list[float], cpu: list[float], served: list[float]
) -> None:
    last = [1000 * s for s in spent[-WINDOW:]]
    found["mean_ms"][at] = round(statistics.fmean(last), 2)
    found["median_ms"][at] = round(statistics.median(last), 2)
    used = sum(cpu[-WINDOW:]) + sum(served[-WINDOW:])
    found["cpu_ms"][at] = round(1000 * used / len(last), 2)
    found["server_cpu_ms"][at] = round(1000 * sum(served[-WINDOW:]) / len(last), 2)


def timed(call: Callable[[], object], repeat: int = 5) -> float:
    """Best of `repeat`, in ms."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return round(1000 * best, 1)


def pages(location: str) -> dict[str, float]:
    """The service's answer time for each page, in ms."""
    from fastapi.testclient import TestClient

    from babelwire.service.app import create_app

    with TestClient(create_app(location, token="")) as client:
        for path in PAGES.values():
            assert client.get(path).status_code == 200, path
        return {name: timed(lambda p=path: client.get(p)) for name, path in PAGES.items()}


def measure(locations: dict[str, str], articles: int, fill: bool) -> dict:
    stores = {name: open_store(location) for name, location in locations.items()}
    try:
        report = link_stream(stores, articles, fill)
    finally:
        for store in stores.values():
            store.close()
    for name, location in locations.items():
        report[name]["pages_ms"] = pages(location)
    return report


def ratios(report: dict) -> dict:
    """PostgreSQL's figures over SQLite's, measured in the same run."""
    sqlite, postgres = report["sqlite"], report["postgresql"]
    return {
        figure: {key: round(postgres[figure][key] / ms, 2) for key, ms in sqlite[figure].items()}
        for figure in ("mean_ms", "median_ms", "cpu_ms", "pages_ms")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=30_000)
    parser.add_argument(
        "--fill", action="store_true", help="link only the 1,000 articles before each checkpoint"
    )
    parser.add_argument("--postgres", help="an empty database's URL (default: a throwaway server)")
    args = parser.parse_args()
    run = stamp()
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
            sqlite = str(Path(scratch) / "bench.db")
            locations = {"sqlite": sqlite, "postgresql": postgres}
            report = measure(locations, args.articles, args.fill)
    finally:
        if server is not None:
            server.stop()
    report["ratio_postgresql_to_sqlite"] = ratios(report)
    report["run"] = run | {"loadavg_at_end": list(os.getloadavg())}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
