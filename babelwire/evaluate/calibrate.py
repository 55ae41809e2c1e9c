"""`babelwire calibrate`: fit the linker's model-dependent settings on labelled folders.

Encoding is what costs (seconds an article); linking costs milliseconds and
is all a setting changes. So each folder is read and encoded once, with the
configured encoder (`prepare`), and every configuration tried replays only
the linker over the prepared articles, into a fresh store in memory.

The search is by coordinates, from the built-in settings: each setting in
turn takes the value of its grid that scores best, and the rounds repeat
until none moves. What counts is what holds on halves of each folder: every
folder is cut in two halves of whole stories, each replayed as a stream of
its own, and a value replaces the current one only when it scores higher on
average over all the halves and lower on none of them (by more than
TOLERANCE). Where halves disagree the current value, the one closer to the
default, stays; among equal scores the value closest to the default wins.
One configuration serves all folders.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from babelwire.cluster.calibration import CALIBRATED
from babelwire.cluster.online import LinkerConfig, OnlineLinker, Priors, language_priors
from babelwire.evaluate.dataset import load_gold
from babelwire.evaluate.metrics import score
from babelwire.evaluate.run import REPLAY_CADENCE
from babelwire.pipeline import NEVER, Pipeline, Prepared
from babelwire.readers import read_paths
from babelwire.represent import Encoder
from babelwire.store import open_store

# A half may lose this much BCubed F1 and the value still "holds" on it:
# less than one article moved in a half of the smallest labelled set.
TOLERANCE = 0.005
# Less gain than this on average is no gain (rounding noise).
MIN_GAIN = 0.001
ROUNDS = 3


def _around(centre: float, reach: float, step: float) -> list[float]:
    """Values from centre - reach to centre + reach, `step` apart, the centre among them."""
    count = round(reach / step)
    return [round(centre + step * k, 4) for k in range(-count, count + 1)]


def grids(base: LinkerConfig) -> dict[str, list[float]]:
    """The values tried for each setting, around the built-in ones.

    Thresholds reach far (another model's cosines may sit much higher or
    lower); weights and allowances stay 0 or more. hindsight_cut is not
    searched: it moves with the threshold (see `with_value`).
    """
    return {
        "threshold": _around(base.threshold, 0.3, 0.025),
        "cross_language_bonus": [
            v for v in _around(base.cross_language_bonus, 0.3, 0.05) if v >= 0
        ],
        "aligned_bonus": _around(base.aligned_bonus, 0.3, 0.05),
        "merge_threshold": [v for v in _around(base.merge_threshold, 0.25, 0.05) if v <= 1.05],
        "name_weight": [v for v in _around(base.name_weight, 0.2, 0.05) if v >= 0],
        "number_weight": [v for v in _around(base.number_weight, 0.1, 0.05) if v >= 0],
        "lexical_weight": [v for v in _around(base.lexical_weight, 0.2, 0.05) if v >= 0],
    }


def with_value(config: LinkerConfig, base: LinkerConfig, name: str, value: float) -> LinkerConfig:
    """`config` with one setting changed; consolidation's cut keeps its distance to the threshold
    (both are scores on the model's scale)."""
    setting: dict[str, Any] = {name: value}
    changed = dataclasses.replace(config, **setting)
    if name == "threshold":
        cut = value + base.hindsight_cut - base.threshold
        changed = dataclasses.replace(changed, hindsight_cut=round(cut, 4))
    return changed


@dataclass
class Labelled:
    """A labelled folder, read and encoded once."""

    folder: Path
    gold: dict[str, str]
    prepared: list[Prepared]  # in stream order

    def halves(self) -> tuple[list[Prepared], list[Prepared]]:
        """Two streams of whole stories: each gold story falls in one half, by its name's hash."""
        first = [p for p in self.prepared if _half(self.gold.get(p.article.id, p.article.id))]
        second = [p for p in self.prepared if not _half(self.gold.get(p.article.id, p.article.id))]
        return first, second


def _half(story: str) -> bool:
    return hashlib.sha256(story.encode()).digest()[0] % 2 == 0


def prepare(folder: Path, pipeline: Pipeline) -> Labelled:
    """The folder's articles understood and encoded (the expensive part, done once)."""
    gold = load_gold(folder)
    items = list(read_paths([str(folder / "docs")]))
    chunks = [items[at : at + pipeline.batch] for at in range(0, len(items), pipeline.batch)]
    prepared = [p for chunk in chunks for p in pipeline.prepare_many(chunk)]
    return Labelled(folder, gold, [p for p in prepared if isinstance(p, Prepared)])


@dataclass
class Replayer:
    """Replays prepared articles through the linker with any configuration."""

    encoder: Encoder
    aligner: Encoder
    aligned_languages: frozenset[str]
    priors: Priors

    @classmethod
    def like(cls, pipeline: Pipeline) -> Replayer:
        """Replays as `pipeline` links: its encoders' spaces, its language priors."""
        priors = getattr(pipeline.linker, "priors", language_priors)
        return cls(pipeline.encoder, pipeline.aligner, pipeline.aligned_languages, priors)

    def predicted(
        self, prepared: list[Prepared], config: LinkerConfig, consolidated: bool = False
    ) -> dict[str, str]:
        """Article id -> event id after linking the stream (and consolidating, if asked)."""
        store = open_store(":memory:")
        try:
            pipeline = Pipeline(
                store,
                encoder=self.encoder,
                aligner=self.aligner,
                aligned_languages=self.aligned_languages,
                linker=OnlineLinker(config, self.priors),
                cadence=REPLAY_CADENCE if consolidated else NEVER,
            )
            for article in prepared:
                pipeline.settle(article)
            pipeline.finish()
            return {a: event.id for event in store.events() for a in event.article_ids}
        finally:
            store.close()

    def f1(self, labelled: Labelled, config: LinkerConfig, consolidated: bool = False) -> float:
        predicted = self.predicted(labelled.prepared, config, consolidated)
        return score(predicted, labelled.gold)["bcubed_f1"]


@dataclass
class Search:
    """The coordinate search over halves; `tried` counts configurations replayed."""

    replayer: Replayer
    folders: list[Labelled]
    base: LinkerConfig
    progress: Callable[[str], None] = lambda _: None
    tried: int = 0

    def __post_init__(self) -> None:
        self._halves = [(half, f.gold) for f in self.folders for half in f.halves() if half]
        self._scores: dict[LinkerConfig, np.ndarray] = {}

    def scores(self, config: LinkerConfig) -> np.ndarray:
        """BCubed F1 on each half, replayed as a stream of its own."""
        if config not in self._scores:
            self.tried += 1
            self._scores[config] = np.array(
                [
                    score(self.replayer.predicted(half, config), gold)["bcubed_f1"]
                    for half, gold in self._halves
                ]
            )
        return self._scores[config]

    def fit(self) -> LinkerConfig:
        """The configuration the halves agree on (the built-in one when nothing holds)."""
        config = self.base
        for round_number in range(1, ROUNDS + 1):
            moved = False
            for name, values in grids(self.base).items():
                chosen = self._best_value(config, name, values)
                if chosen != getattr(config, name):
                    config, moved = with_value(config, self.base, name, chosen), True
                    self.progress(
                        f"round {round_number}: {name} = {chosen:g} "
                        f"(mean F1 on halves {self.scores(config).mean():.3f})"
                    )
            if not moved:
                break
        return config

    def _best_value(self, config: LinkerConfig, name: str, values: list[float]) -> float:
        current = self.scores(config)
        default = float(getattr(self.base, name))
        best, best_mean = float(getattr(config, name)), float(current.mean())
        for value in sorted(values, key=lambda v: abs(v - default)):
            scores = self.scores(with_value(config, self.base, name, value))
            holds = bool(np.all(scores >= current - TOLERANCE))
            if holds and scores.mean() > best_mean + MIN_GAIN:
                best, best_mean = value, float(scores.mean())
        return best


def calibrate(
    folders: list[Labelled],
    checks: list[Labelled],
    replayer: Replayer,
    base: LinkerConfig,
    progress: Callable[[str], None] = lambda _: None,
) -> tuple[LinkerConfig, dict[str, Any]]:
    """The fitted configuration, and a report: settings and scores before and after."""
    search = Search(replayer, folders, base, progress)
    fitted = search.fit()
    report: dict[str, Any] = {
        "tried": search.tried,
        "settings": {
            name: {"before": getattr(base, name), "after": getattr(fitted, name)}
            for name in CALIBRATED
        },
        "folders": [_before_after(replayer, f, base, fitted, "fitted") for f in folders],
    }
    report["folders"] += [_before_after(replayer, f, base, fitted, "check") for f in checks]
    return fitted, report


def _before_after(
    replayer: Replayer, labelled: Labelled, before: LinkerConfig, after: LinkerConfig, role: str
) -> dict[str, Any]:
    """BCubed F1 on the whole folder, online and consolidated, with each configuration."""
    return {
        "folder": str(labelled.folder),
        "role": role,
        "articles": len(labelled.prepared),
        "online": {
            "before": replayer.f1(labelled, before),
            "after": replayer.f1(labelled, after),
        },
        "consolidated": {
            "before": replayer.f1(labelled, before, consolidated=True),
            "after": replayer.f1(labelled, after, consolidated=True),
        },
    }
