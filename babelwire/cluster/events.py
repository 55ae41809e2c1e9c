"""What an event is made of: the sums of its articles' evidence.

    totals(members) -> EventTotals   (centroid, names, words, figures, aligned
                                      sum, date range, size, last activity)

The linker compares an article with an event's sums; consolidation (when it
splits an event or moves articles between events) rebuilds those sums from
the articles that remain, with this one function, so a rebuilt event is
exactly what the same articles would have made on arrival.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from babelwire.model import PartialDate
from babelwire.represent import lexical


@dataclass
class Member:
    """One article as its event holds it."""

    id: str
    seq: int  # arrival order in the store
    event_id: str
    lang: str
    date: PartialDate | None
    date_inferred: bool  # read from the text or URL, not given by the source
    vector: np.ndarray  # the encoder's vector, as it came
    comparable: np.ndarray  # what the event's centroid absorbed on arrival
    names: Counter[str]
    terms: dict[str, float]  # unit-length term weights absorbed on arrival
    numbers: Counter[str]
    aligned: np.ndarray | None


@dataclass
class Change:
    """Move `article_ids` from event `source` to event `target` (consolidation).

    `kind` is "split" when part of the source stays, "merge" when all of it
    goes. A target that does not exist yet is a new event.
    """

    kind: str
    source: str
    target: str
    article_ids: list[str]
    evidence: dict = field(default_factory=dict)


@dataclass
class EventTotals:
    centroid: np.ndarray
    names: Counter[str]
    terms: dict[str, float]
    numbers: Counter[str]
    aligned: np.ndarray | None
    first_date: PartialDate | None
    last_date: PartialDate | None
    size: int
    updated_seq: int


def totals(members: Sequence[Member]) -> EventTotals:
    """The sums an event of these articles holds (at least one article)."""
    aligned = [m.aligned for m in members if m.aligned is not None]
    terms: dict[str, float] = {}
    first: PartialDate | None = None
    last: PartialDate | None = None
    for member in members:
        terms = lexical.add_weights(terms, member.terms)
        first, last = widen(first, last, member.date)
    return EventTotals(
        centroid=np.sum([m.comparable for m in members], axis=0).astype(np.float32),
        names=sum((m.names for m in members), Counter()),
        terms=terms,
        numbers=sum((m.numbers for m in members), Counter()),
        aligned=np.sum(aligned, axis=0).astype(np.float32) if aligned else None,
        first_date=first,
        last_date=last,
        size=len(members),
        updated_seq=max(m.seq for m in members),
    )


def widen(
    first: PartialDate | None, last: PartialDate | None, date: PartialDate | None
) -> tuple[PartialDate | None, PartialDate | None]:
    """An event's date range, widened to take in one more article's date."""
    if date is None:
        return first, last
    earliest = date if first is None else pick(first, date, later=False)
    latest = date if last is None else pick(last, date, later=True)
    return earliest, latest


def pick(a: PartialDate, b: PartialDate, *, later: bool) -> PartialDate:
    """The earlier (or later) of two dates; of two nested ones, the more precise.

    "2023-02" and "2023-02-06" may be the same day: the day says more.
    """
    if a.start <= b.start and b.end <= a.end:
        return b
    if b.start <= a.start and a.end <= b.end:
        return a
    if later:
        return a if a.end >= b.end else b
    return a if a.start <= b.start else b
