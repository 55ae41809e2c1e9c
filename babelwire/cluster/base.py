"""The linker's contract: an article's features in, a decision out.

The state a linker reads (active events, per-language statistics) lives
behind `LinkState`, which the store implements, so the same linker serves
the CLI, the HTTP service and evaluation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from babelwire.represent import Features


@dataclass
class EventState:
    """What the linker knows of one live event."""

    id: str
    centroid: np.ndarray  # sum of the members' comparable vectors
    size: int
    names: Counter[str]
    first_day: dt.date | None
    last_day: dt.date | None
    updated_seq: int = 0
    languages: frozenset[str] = frozenset()
    terms: dict[str, float] = field(default_factory=dict)  # sum of members' term weights
    terms_norm: float = 0.0
    numbers: Counter[str] = field(default_factory=Counter)  # figures its articles state
    # Sum of its members' aligned vectors (Features.aligned); None while it has none.
    aligned: np.ndarray | None = None


class Candidates(list[EventState]):
    """Events an article is compared with, and, when the state keeps them so
    (the store's index of live events), their centroids as the rows of one
    array with their lengths: the linker then copies no centroid one by one."""

    def __init__(
        self,
        events: list[EventState],
        centroids: np.ndarray | None = None,
        lengths: np.ndarray | None = None,
    ) -> None:
        super().__init__(events)
        self.centroids = centroids
        self.lengths = lengths


@dataclass
class Decision:
    """Join `event_id`, or open a new event when it is None."""

    event_id: str | None
    score: float | None
    vector: np.ndarray  # the comparable vector the event centroid absorbs
    evidence: dict[str, Any] = field(default_factory=dict)
    # Live events that turn out to be the joined one: the store folds them into
    # it and records old id → new id, so links to the old ids still resolve.
    merge: list[str] = field(default_factory=list)
    # The article's term weights (unit length) the event's term vector absorbs.
    terms: dict[str, float] = field(default_factory=dict)


@dataclass
class StreamStats:
    """What the whole stream so far says about the space the vectors live in."""

    n: int
    raw_total: np.ndarray | None  # sum of raw vectors, all languages: the shared news direction


class LinkState(Protocol):
    def candidates(self, features: Features) -> list[EventState]:
        """Events an article with these features could join: the active ones."""
        ...

    def language_mean(self, lang: str) -> tuple[int, np.ndarray | None]:
        """How many vectors of this language were seen, and their mean."""
        ...

    def language_counts(self) -> dict[str, int]:
        """How many vectors of each language were seen."""
        ...

    def stream_stats(self) -> StreamStats:
        """Counts over every article linked so far, whatever its language."""
        ...

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """In how many articles linked so far each of these terms occurs."""
        ...


class Linker(Protocol):
    def decide(self, features: Features, state: LinkState) -> Decision: ...
