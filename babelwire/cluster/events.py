"""What an event is made of: the sums of its articles' evidence.

    totals(members) -> EventTotals   (centroid, names, words, figures, aligned
                                      sum, date range, size, last activity)
    opened(article, features, decision, seq)        an article opens an event
    joined(event, article, features, decision, seq) an article joins one
    merged(into, old)                               two events become one
    state_of(event_id, totals, languages)           what the linker reads of it

The linker compares an article with an event's sums; consolidation (when it
splits an event or moves articles between events) rebuilds those sums from
the articles that remain, with this one function, so a rebuilt event is
exactly what the same articles would have made on arrival. Every store
backend uses these functions and only persists what they return, so all
backends hold the same events for the same stream.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from babelwire.cluster.base import Decision, EventState
from babelwire.describe.headline import headline_text
from babelwire.model import Article, PartialDate
from babelwire.represent import Features, lexical


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
    # The text search matches (the headline shown is computed on read from the
    # articles, describe/headline.py) and its language; see `search_key`.
    headline: str = ""
    headline_lang: str = ""


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


def search_key(article: Article) -> str:
    """The headline text an event keeps for search, from one of its articles."""
    return headline_text(article.title, article.text)


def prefer_headline(lang: str, *, over: str) -> bool:
    """English is the shared language of most readers: an English headline wins.

    Kept as articles join, so search reads one column; the headline shown is
    chosen on read from all the articles by describe/headline.py.
    """
    return lang == "en" and over != "en"


def opened(article: Article, features: Features, decision: Decision, seq: int) -> EventTotals:
    """The event `article` opens (`seq`: the article's place in the store)."""
    return EventTotals(
        centroid=_f32(decision.vector),
        names=Counter(features.names),
        terms=dict(decision.terms),
        numbers=Counter(features.numbers),
        aligned=None if features.aligned is None else _f32(features.aligned),
        first_date=article.date,
        last_date=article.date,
        size=1,
        updated_seq=seq,
        headline=search_key(article),
        headline_lang=article.lang,
    )


def joined(
    event: EventTotals, article: Article, features: Features, decision: Decision, seq: int
) -> EventTotals:
    """What `event` becomes when `article` joins it: the event the article
    alone would open, folded in."""
    return merged(event, opened(article, features, decision, seq))


def merged(into: EventTotals, old: EventTotals) -> EventTotals:
    """What event `into` becomes when event `old` is folded into it."""
    first, last = widen(into.first_date, into.last_date, old.first_date)
    first, last = widen(first, last, old.last_date)
    keep = old if prefer_headline(old.headline_lang, over=into.headline_lang) else into
    return EventTotals(
        centroid=_f32(into.centroid + old.centroid),
        names=into.names + old.names,
        terms=lexical.add_weights(into.terms, old.terms),
        numbers=into.numbers + old.numbers,
        aligned=_sum(into.aligned, old.aligned),
        first_date=first,
        last_date=last,
        size=into.size + old.size,
        updated_seq=max(into.updated_seq, old.updated_seq),
        headline=keep.headline,
        headline_lang=keep.headline_lang,
    )


def rebuilt(members: Sequence[Member], headline: str, headline_lang: str) -> EventTotals:
    """An event's sums recomputed from the articles it now holds (consolidation)."""
    return dataclasses.replace(totals(members), headline=headline, headline_lang=headline_lang)


def state_of(event_id: str, event: EventTotals, languages: frozenset[str]) -> EventState:
    """What the linker reads of an event."""
    return EventState(
        id=event_id,
        centroid=event.centroid,
        size=event.size,
        names=event.names,
        first_day=event.first_date.start if event.first_date else None,
        last_day=event.last_date.end if event.last_date else None,
        updated_seq=event.updated_seq,
        languages=languages,
        terms=event.terms,
        terms_norm=lexical.norm(event.terms),
        numbers=event.numbers,
        aligned=event.aligned,
    )


def _f32(vector: np.ndarray) -> np.ndarray:
    # Stores keep float32: summing in it keeps memory and disk in agreement.
    return np.asarray(vector).astype(np.float32)


def _sum(total: np.ndarray | None, vector: np.ndarray | None) -> np.ndarray | None:
    """A running sum of vectors some of which may be missing."""
    if total is None:
        return None if vector is None else _f32(vector)
    return _f32(total) if vector is None else _f32(total + vector)
