"""A synthetic stream for the store and consolidation benchmarks.

    stream(count, seed, dated=True) -> (article, features) for articles 0 .. count - 1

Random 384-dimensional unit vectors around event centres, PER_EVENT articles
an event in a row, names, figures and words drawn per event; dated one new
day every PER_DAY articles, or undated. Nothing here is a text anyone wrote.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

import numpy as np

from babelwire.model import Article, PartialDate
from babelwire.represent import Features

DIM = 384
PER_EVENT = 5
PER_DAY = 100
START = dt.date(2024, 1, 1)


def stream(count: int, seed: int, dated: bool = True) -> Iterator[tuple[Article, Features]]:
    rng = np.random.default_rng(seed)
    centre = np.zeros(DIM)
    for number in range(count):
        event = number // PER_EVENT
        if number % PER_EVENT == 0:
            centre = rng.normal(size=DIM)
        vector = (centre + 0.8 * rng.normal(size=DIM)).astype(np.float32)
        vector /= np.linalg.norm(vector)
        date = _day(number) if dated else None
        yield _article(number, event, date), _features(event, vector, date)


def _day(number: int) -> PartialDate:
    day = START + dt.timedelta(days=number // PER_DAY)
    return PartialDate(day.year, day.month, day.day)


def _article(number: int, event: int, date: PartialDate | None) -> Article:
    return Article(
        id=f"s{number}",
        raw_text=f"synthetic {number}",
        text=f"synthetic {number}",
        content_hash=f"h{number}",
        title=f"Synthetic event {event}",
        lang="en",
        date=date,
    )


def _features(event: int, vector: np.ndarray, date: PartialDate | None) -> Features:
    return Features(
        vector,
        Counter({f"name{event}": 2, f"place{event % 97}": 1}),
        date,
        "en",
        space="synthetic",
        terms=Counter({f"w{event}": 2, f"w{event % 13}x": 1}),
        numbers=Counter({str(1000 + event): 1}),
    )
