"""The online linker: each article joins the best live event or opens one.

How it decides, for one article:
1. Its embedding has its language's mean direction removed (the multilingual
   encoder places all texts of one language close together; subtracting the
   running per-language mean lets stories, not languages, decide).
2. It is compared with the centroid of every live event; the best few by
   cosine are scored in full:
       score = cosine + NAME_WEIGHT * shared names − TIME_WEIGHT * date gap
3. It joins the best event when the score clears the threshold, else it
   opens a new event. Both the winner and the runner-up are kept as evidence.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass

import numpy as np
from rapidfuzz import fuzz, process

from babelwire.cluster.base import Decision, EventState, LinkState
from babelwire.represent import Features


@dataclass(frozen=True)
class LinkerConfig:
    threshold: float = 0.5
    name_weight: float = 0.25
    time_weight: float = 0.3
    # Days of gap between an article and an event that cost nothing.
    time_grace_days: float = 3.0
    # Days of gap beyond the grace that cost the full TIME_WEIGHT.
    time_scale_days: float = 30.0
    # Vectors of a language seen before its mean is trusted half.
    language_prior: float = 10.0
    # Candidates scored in full after the cosine pre-ranking.
    shortlist: int = 10
    # Names per article used as evidence, most frequent first.
    top_names: int = 12
    fuzzy_name_cutoff: float = 85.0


class OnlineLinker:
    def __init__(self, config: LinkerConfig | None = None) -> None:
        self.config = config or LinkerConfig()

    def decide(self, features: Features, state: LinkState) -> Decision:
        vector = self.comparable(features, state)
        candidates = state.candidates(features)
        scored = self._score(features, vector, candidates)
        best = scored[0] if scored else None
        runner_up = scored[1] if len(scored) > 1 else None
        evidence = {
            "best": best,
            "runner_up": runner_up,
            "threshold": self.config.threshold,
            "candidates": len(candidates),
        }
        if best and best["score"] >= self.config.threshold:
            return Decision(best["event_id"], best["score"], vector, evidence)
        return Decision(None, None, vector, evidence)

    def comparable(self, features: Features, state: LinkState) -> np.ndarray:
        """The article's vector with its language's mean direction taken out."""
        n, mean = state.language_mean(features.lang)
        vector = features.vector.astype(np.float32)
        if mean is not None and n > 0:
            vector = vector - (n / (n + self.config.language_prior)) * mean
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm > 0 else vector

    def _score(
        self, features: Features, vector: np.ndarray, candidates: list[EventState]
    ) -> list[dict]:
        if not candidates:
            return []
        centroids = np.stack([c.centroid for c in candidates])
        norms = np.linalg.norm(centroids, axis=1)
        cosines = centroids @ vector / np.where(norms > 0, norms, 1.0)
        order = np.argsort(-cosines)[: self.config.shortlist]
        article_names = [n for n, _ in features.names.most_common(self.config.top_names)]
        results = []
        for index in order:
            event = candidates[int(index)]
            names = self._shared_names(article_names, event.names)
            gap = _gap_days(features, event)
            score = (
                float(cosines[index])
                + self.config.name_weight * names
                - self.config.time_weight * self._time_cost(gap)
            )
            results.append(
                {
                    "event_id": event.id,
                    "score": round(score, 4),
                    "cosine": round(float(cosines[index]), 4),
                    "names": round(names, 4),
                    "gap_days": gap,
                }
            )
        return sorted(results, key=lambda r: -r["score"])

    def _shared_names(self, article_names: list[str], event_names: Counter[str]) -> float:
        """Share of the article's names that the event has, spelling variants included."""
        if not article_names or not event_names:
            return 0.0
        pool = list(event_names)
        matched = 0
        for name in article_names:
            if name in event_names:
                matched += 1
            elif len(name) >= 5 and process.extractOne(
                name, pool, scorer=fuzz.ratio, score_cutoff=self.config.fuzzy_name_cutoff
            ):
                matched += 1
        return matched / len(article_names)

    def _time_cost(self, gap: float | None) -> float:
        if gap is None:
            return 0.0
        excess = max(0.0, gap - self.config.time_grace_days)
        return min(1.0, excess / self.config.time_scale_days)

    def describe_config(self) -> dict:
        return asdict(self.config)


def _gap_days(features: Features, event: EventState) -> float | None:
    """Days between the article's possible dates and the event's date range."""
    if features.date is None or event.first_day is None or event.last_day is None:
        return None
    start, end = features.date.start, features.date.end
    if end < event.first_day:
        return float((event.first_day - end).days)
    if start > event.last_day:
        return float((start - event.last_day).days)
    return 0.0


def day_range(days: list[dt.date]) -> tuple[dt.date | None, dt.date | None]:
    return (min(days), max(days)) if days else (None, None)
