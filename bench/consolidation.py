"""What consolidation costs: a window's re-clustering, and ingest with it running.

    .venv/bin/python bench/consolidation.py [--sizes 1000,10000,100000] [--data ../shared/data]

1. Cost by window and store size. A store is filled with synthetic articles
   (random 384-dimensional vectors around event centres, five articles an
   event, names, figures and words drawn per event), written through the
   store's own `add` as the linker would, undated so every event counts as
   recent. For each store size, `Consolidator.plan()` (the whole hindsight
   computation, nothing applied) is timed with the window capped at 1,000 and
   at 10,000 articles: the window, not the store, sets the cost.
2. Ingest with and without consolidation, as a ratio in one run: allsides-dev
   replayed warm (vectors cached: the worst case, where linking is all the
   work) online only, consolidating every 200 articles and at the end, and
   with production's rule on top (at most a tenth of the time); the best of
   three alternating rounds each.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babelwire.cluster.base import Decision
from babelwire.consolidate import Consolidator
from babelwire.pipeline import NEVER, Cadence, Pipeline
from babelwire.readers import read_paths
from babelwire.store import SQLiteStore
from bench import synthetic
from bench.streams import DataMissing, corpus_folder, data_root

WINDOWS = (1_000, 10_000)


def fill(store: SQLiteStore, articles: int, seed: int = 3) -> None:
    """`articles` synthetic undated articles, written as the linker would have
    joined them: each event's first article opens it, the others join it."""
    event_id = None
    for number, (article, features) in enumerate(synthetic.stream(articles, seed, dated=False)):
        first = number % synthetic.PER_EVENT == 0
        if first:
            event_id = None
        terms = {term: 0.8 if n == 2 else 0.6 for term, n in features.terms.items()}
        decision = Decision(event_id, None if first else 1.0, features.vector, {}, terms=terms)
        with store.transaction():
            event_id = store.add(article, features, decision)


def window_costs(sizes: list[int]) -> list[dict]:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="babelwire-bench-") as scratch:
            store = SQLiteStore(Path(scratch) / "bench.db")
            started = time.perf_counter()
            fill(store, size)
            filled = time.perf_counter() - started
            for window in WINDOWS:
                if window > size * 10:
                    continue
                report = Consolidator(store, max_articles=window).plan()
                rows.append(
                    {
                        "store_articles": size,
                        "window_cap": window,
                        "window_articles": report.articles,
                        "seconds": round(_timed(store, window), 2),
                        "fill_seconds": round(filled, 1),
                    }
                )
            store.close()
    return rows


def _timed(store: SQLiteStore, window: int) -> float:
    started = time.perf_counter()
    Consolidator(store, max_articles=window).plan()
    return time.perf_counter() - started


CADENCES = {
    "online": NEVER,
    "every 200": Cadence(200, share=None),
    "every 200, at most a tenth of the time (production)": Cadence(200),
}


def ingest_ratio(root: Path, rounds: int = 3) -> dict:
    """Warm replays of allsides-dev under each cadence, alternating; the best of
    `rounds` each, as articles a second and as a ratio to online."""
    items = list(read_paths([str(corpus_folder(root, "allsides-dev") / "docs")]))
    _replay(items, NEVER)  # warms the vector cache
    best = dict.fromkeys(CADENCES, float("inf"))
    for _ in range(rounds):
        for name, cadence in CADENCES.items():
            best[name] = min(best[name], _replay(items, cadence))
    online = best["online"]
    return {
        name: {"articles_per_s": round(len(items) / s, 1), "ratio": round(online / s, 3)}
        for name, s in best.items()
    }


def _replay(items: list, cadence: Cadence) -> float:
    with tempfile.TemporaryDirectory(prefix="babelwire-bench-") as scratch:
        store = SQLiteStore(Path(scratch) / "replay.db")
        pipeline = Pipeline(store, cadence=cadence)
        started = time.perf_counter()
        for item in items:
            pipeline.ingest(item)
        pipeline.finish()
        elapsed = time.perf_counter() - started
        store.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="store sizes, comma-separated")
    parser.add_argument("--data", help="evaluation data (default ../shared/data)")
    parser.add_argument("--skip-ingest", action="store_true", help="only the window costs")
    args = parser.parse_args()
    report: dict = {"windows": window_costs([int(s) for s in args.sizes.split(",")])}
    if not args.skip_ingest:
        try:
            report["ingest"] = ingest_ratio(data_root(args.data))
        except DataMissing as missing:
            print(f"ingest ratio skipped: {missing}", file=sys.stderr)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
