"""The linker's decision alone, once the window of live events is full.

    .venv/bin/python bench/decide_time.py [--articles 3500] [--measured 500]

A synthetic stream (bench/synthetic.py, 100 articles a day, five an event)
fills an in-memory store until 600 live events are candidates for every
article; then each of the last `measured` articles is decided (the real
OnlineLinker, timed alone) and written. To compare two versions of the
linker, run this script with each on the path, in turns (ABAB), e.g.
`PYTHONPATH=../other-checkout .venv/bin/python bench/decide_time.py`:
`code` in the output names the package that ran.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.append(str(Path(__file__).resolve().parents[1]))  # after PYTHONPATH

import babelwire
from babelwire.cluster.online import LinkerConfig, OnlineLinker
from babelwire.store import open_store
from bench import synthetic
from bench.store_backends import link_one


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=3500)
    parser.add_argument("--measured", type=int, default=500)
    args = parser.parse_args()
    store = open_store(":memory:")
    linker = OnlineLinker(LinkerConfig(remove_language_mean=False))
    stream = list(synthetic.stream(args.articles, seed=5))
    filled = len(stream) - args.measured
    for article, features in stream[:filled]:
        link_one(store, linker, article, features)
    spent = []
    for article, features in stream[filled:]:
        with store.transaction():
            started = time.perf_counter()
            decision = linker.decide(features, store)
            spent.append(1000 * (time.perf_counter() - started))
            store.add(article, features, decision)
    print(
        json.dumps(
            {
                "code": str(Path(babelwire.__file__).parents[1]),
                "candidates": len(store.candidates(stream[-1][1])),
                "decide_ms_median": round(statistics.median(spent), 2),
                "decide_ms_mean": round(statistics.fmean(spent), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
