"""Time to describe an event (entities, figures, timeline, summary), as an event page does.

    .venv/bin/python bench/describe_time.py [--repeat N] [--cpu]

Events: the labelled real events (bench/describe_labels/) and the gold stories of
ecbplus-dev (../shared/data), read as `babelwire ingest` reads them. Prints the
median and total milliseconds per event for each set; with `--cpu`, the process
time of the entity step and of the whole description over all of a set's events
(steadier than the wall clock on a shared machine). To compare with another
checkout, run this file with that checkout's `babelwire` first on `sys.path`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babelwire.describe.dating import effective_dates
from babelwire.describe.entities import build_entities
from babelwire.describe.figures import build_figures
from babelwire.describe.summary import build_summary
from babelwire.describe.timeline import build_timeline
from babelwire.model import Article
from babelwire.pipeline import understand
from babelwire.readers import read_file
from bench import describe_set


def describe(articles: list[Article]) -> None:
    dates = effective_dates(articles)
    build_entities(articles)
    build_figures(articles, dates)
    build_timeline(articles, dates, articles[0].lang)
    build_summary(articles, articles[0].lang)


def _read(path: Path) -> Article:
    return understand(next(read_file(path)))  # type: ignore[arg-type]


def labelled_events() -> list[list[Article]]:
    return [
        [_read(describe_set.text_path(d["corpus"], d["id"])) for d in event["docs"]]
        for event in describe_set.load()
    ]


def gold_events(corpus: str) -> list[list[Article]]:
    folder = describe_set.SHARED_DATA / corpus
    stories: dict[str, list[Article]] = defaultdict(list)
    for row in (folder / "gold.tsv").read_text(encoding="utf-8").splitlines():
        doc_id, story = row.split("\t")
        stories[story].append(_read(folder / "docs" / f"{doc_id}.txt"))
    return list(stories.values())


def timed(events: list[list[Article]], repeat: int) -> list[float]:
    """Milliseconds per event, the fastest of `repeat` runs (the machine is shared), after
    one pass that loads what a process loads once (CLDR tables, simplemma's dictionaries)."""
    for articles in events:
        describe(articles)
    times = []
    for articles in events:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            describe(articles)
            runs.append((time.perf_counter() - start) * 1000)
        times.append(min(runs))
    return times


def cpu_times(events: list[list[Article]], repeat: int) -> tuple[float, float]:
    """CPU milliseconds of the entity step and of the whole description over all the
    events, each the fastest of `repeat` passes, after one pass that loads what a
    process loads once."""
    for articles in events:
        describe(articles)
    return (
        min(_cpu(build_entities, events) for _ in range(repeat)),
        min(_cpu(describe, events) for _ in range(repeat)),
    )


def _cpu(step: Callable[[list[Article]], object], events: list[list[Article]]) -> float:
    start = time.process_time()
    for articles in events:
        step(articles)
    return (time.process_time() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per event; the fastest counts")
    parser.add_argument("--cpu", action="store_true", help="CPU time of each set's events")
    args = parser.parse_args()
    for name, events in (
        ("labelled real events", labelled_events()),
        ("ecbplus-dev stories", gold_events("ecbplus-dev")),
    ):
        if args.cpu:
            entities, whole = cpu_times(events, args.repeat)
            print(f"{name}: CPU ms, entities {entities:.0f}, whole description {whole:.0f}")
            continue
        times = timed(events, args.repeat)
        articles = sum(len(e) for e in events)
        print(
            f"{name}: {len(events)} events, {articles} articles, median "
            f"{statistics.median(times):.1f} ms per event, total {sum(times):.0f} ms "
            f"({sum(times) / articles:.1f} ms per article)"
        )


if __name__ == "__main__":
    main()
