"""Ingest time per article and per stage, PostgreSQL (a local server) against SQLite.

    .venv/bin/python bench/ingest_stages.py [--folders DIR ...] [--rounds 2]

Real articles (default: samples/docs and the three cross-lingual sets of
bench/, 171 articles in 9 languages) go through ingest's stages as
`babelwire ingest` runs them, into a fresh store of each backend (SQLite in a
scratch file; PostgreSQL on a throwaway server started as the tests start
one, on this machine), the two taking each article in turns:

    read        the folder read and put in stream order (its time shared out)
    understand  clean, title, language, dates, identity (pipeline.understand)
    identity    is it known already, or a copy? (the store's reads, no lock)
    encode      e5 and, where aligned, USE, from a warm embedding cache, and the
                names, figures and words (pipeline.represent)
    link        the decide-and-write step: one transaction that checks identity
                again, lets the linker decide and writes the article, its event
                and the alerts' change log
    consolidate mending the events at the end of the stream, shared out per article
    link_cpu    the link's CPU time: this process's and the server's (not in the total)

The cache is warmed in the same run before anything is timed (that pass's
time per article is reported as `encode_cold`). Each round uses new stores;
reported are the mean milliseconds per article and stage of each backend
(the median over rounds), and PostgreSQL's over SQLite's.
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
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` and `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babelwire.model import RawArticle
from babelwire.pipeline import NEVER, Pipeline, Prepared, understand
from babelwire.readers import read_paths
from babelwire.represent import CachedEncoder, E5Encoder, USEEncoder
from babelwire.store import open_store
from bench.machine import REPO, stamp
from bench.store_backends import server_cpu

FOLDERS = [REPO / "samples" / "docs"] + [
    REPO / "bench" / name / "docs" for name in ("crosslingual", "crosslingual2", "crosslingual3")
]
STAGES = ("read", "understand", "identity", "encode", "link", "consolidate")


def read(folders: list[Path]) -> tuple[list[RawArticle], float]:
    """Every article of the folders in stream order, and the seconds reading took."""
    started = time.perf_counter()
    items = [item for item in read_paths([str(f) for f in folders]) if isinstance(item, RawArticle)]
    return items, time.perf_counter() - started


def one_round(
    locations: dict[str, str], items: list[RawArticle], encoders: dict[str, Any], reading: float
) -> dict[str, dict[str, float]]:
    """Milliseconds per article and stage, for each backend, the stream in turns."""
    stores = {name: open_store(location) for name, location in locations.items()}
    pipelines = {name: Pipeline(store, cadence=NEVER, **encoders) for name, store in stores.items()}
    servers = {name: server_cpu(store) for name, store in stores.items()}
    spent = {name: dict.fromkeys((*STAGES, "link_cpu"), 0.0) for name in stores}
    try:
        for number, raw in enumerate(items):
            for name in list(stores)[:: 1 if number % 2 else -1]:
                _ingest(pipelines[name], raw, spent[name], servers[name])
        for name, pipeline in pipelines.items():  # once at the end, as `ingest` does
            spent[name]["consolidate"] += _timed(pipeline.consolidate)
    finally:
        for store in stores.values():
            store.close()
    return {name: _per_article(stages, reading, len(items)) for name, stages in spent.items()}


def _per_article(stages: dict[str, float], reading: float, count: int) -> dict[str, float]:
    """Milliseconds per article; reading is shared by the backends (read once)."""
    return {
        stage: round(1000 * (reading if stage == "read" else seconds) / count, 3)
        for stage, seconds in stages.items()
    }


def _ingest(
    pipeline: Pipeline, raw: RawArticle, spent: dict[str, float], server: Callable[[], float]
) -> None:
    """One article through the stages `Pipeline.ingest` runs, each timed; and the
    link's CPU time, this process's and the server's (`server`: its CPU seconds)."""
    store = pipeline.store
    started = time.perf_counter()
    article = understand(raw)
    spent["understand"] += time.perf_counter() - started
    spent["identity"] += _timed(lambda: store.stored(article))
    started = time.perf_counter()
    features = pipeline.represent(article)
    spent["encode"] += time.perf_counter() - started
    prepared = Prepared(article, features, raw.where, raw.warnings)
    cpu, served = time.process_time(), server()
    spent["link"] += _timed(lambda: pipeline.settle(prepared))
    spent["link_cpu"] += time.process_time() - cpu + server() - served


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folders", nargs="*", type=Path, default=FOLDERS)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    run = stamp()
    from tests.postgres_server import Server, binaries

    folder = binaries()
    if folder is None:
        sys.exit("no PostgreSQL server binaries (initdb, pg_ctl): install postgresql")
    items, reading = read(args.folders)
    server = Server.start(folder)
    try:
        with tempfile.TemporaryDirectory(prefix="babelwire-bench-") as scratch:
            cache = Path(scratch) / "cache"
            encoders = {
                "encoder": CachedEncoder(E5Encoder(), cache),
                "aligner": CachedEncoder(USEEncoder(), cache),
            }
            warming = Pipeline(open_store(str(Path(scratch) / "warm.db")), **encoders)
            cold = _timed(lambda: [warming.represent(understand(raw)) for raw in items])
            warming.store.close()
            rounds = [
                one_round(
                    {
                        "sqlite": str(Path(scratch) / f"round{number}.db"),
                        "postgresql": server.new_database(),
                    },
                    items,
                    encoders,
                    reading,
                )
                for number in range(args.rounds)
            ]
    finally:
        server.stop()
    report: dict[str, Any] = {
        name: {
            stage: round(statistics.median(r[name][stage] for r in rounds), 2)
            for stage in (*STAGES, "link_cpu")
        }
        for name in ("sqlite", "postgresql")
    }
    for name in ("sqlite", "postgresql"):
        report[name]["total"] = round(sum(report[name][stage] for stage in STAGES), 2)
    report["ratio_postgresql_to_sqlite"] = {
        stage: round(report["postgresql"][stage] / report["sqlite"][stage], 2)
        for stage in report["sqlite"]
    }
    report["articles"] = len(items)
    report["encode_cold_ms"] = round(1000 * cold / len(items), 1)
    report["rounds"] = rounds
    report["run"] = run | {"loadavg_at_end": list(os.getloadavg())}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
