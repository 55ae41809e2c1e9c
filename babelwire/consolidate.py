"""Consolidation: events mend themselves with hindsight.

    Consolidator(store, config).run()         -> Report(changes applied)
    Consolidator(store, config).run(dry_run=True)  -> Report(changes planned)

The recent, still-active events (a window of days) are re-clustered from the
evidence stored with their articles (cluster/hindsight.py), and what changed
is applied as splits and merges, one transaction each: killed at any moment,
the store is consistent and every article is in exactly one event. A change
planned against articles that have moved since (another writer) is skipped;
the next consolidation sees them. Every moved article keeps why it moved.

The pipeline runs it by itself (pipeline.Cadence: BABELWIRE_CONSOLIDATE_EVERY
articles, or BABELWIRE_CONSOLIDATE_MINUTES with any new article, never more
than a tenth of the time) and at the end of a batch; `babelwire worker`s run
it on the same cadence counted across the cluster, under the link lock
(queue/consolidation.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from babelwire.cluster.events import Change
from babelwire.cluster.online import LinkerConfig, OnlineLinker, Priors, language_priors
from babelwire.store import Store


@dataclass
class Report:
    """What one consolidation found (and, unless a dry run, applied)."""

    changes: list[Change] = field(default_factory=list)
    articles: int = 0  # in the window
    events: int = 0
    seconds: float = 0.0
    skipped: int = 0  # changes whose articles had moved meanwhile

    @property
    def splits(self) -> int:
        return sum(change.kind == "split" for change in self.changes)

    @property
    def merges(self) -> int:
        return sum(change.kind == "merge" for change in self.changes)

    def summary(self) -> str:
        """One log line's worth."""
        return (
            f"consolidated {self.articles} articles of {self.events} events: "
            f"{self.splits} splits, {self.merges} merges in {self.seconds:.2f} s"
        )

    def as_dict(self) -> dict:
        return {
            "window_articles": self.articles,
            "window_events": self.events,
            "splits": self.splits,
            "merges": self.merges,
            "skipped": self.skipped,
            "seconds": round(self.seconds, 3),
            "changes": [vars(change) for change in self.changes],
        }


@dataclass
class Consolidator:
    """Plans (and applies) the changes hindsight suggests for one store's window."""

    store: Store
    config: LinkerConfig = field(default_factory=LinkerConfig)
    window_days: float = 30.0
    max_articles: int = 10_000
    # The linker's language priors (cluster/online.py): hindsight compares as it does.
    priors: Priors = field(default_factory=lambda: language_priors)

    def run(self, dry_run: bool = False, held: bool = False) -> Report:
        """`held`: the caller holds the store's write transaction (the link lock, so
        no article is linked meanwhile); the changes are applied in it, all or none."""
        started = time.perf_counter()
        report = self.plan()
        if not dry_run:
            planned = report.changes
            report.changes = [change for change in planned if self._apply(change, held)]
            report.skipped = len(planned) - len(report.changes)
        report.seconds = time.perf_counter() - started
        return report

    def plan(self) -> Report:
        """The changes hindsight suggests for the window, applied to nothing."""
        if not self.config.hindsight:
            return Report()
        members = self.store.window(self.window_days, self.max_articles)
        report = Report(articles=len(members), events=len({m.event_id for m in members}))
        if len(members) < 2:
            return report
        # scipy, which hindsight clusters with, is imported only when it runs.
        from babelwire.cluster.hindsight import (
            pair_scores,
            plan,
            recluster,
            recluster_within,
            with_links_kept,
            with_shared_neighbours,
        )

        # Hindsight compares vectors with language means removed whatever the
        # online linker does: raw USE cosines of a whole window all sit high.
        centred = replace(self.config, remove_language_mean=True)
        vectors = OnlineLinker(centred, self.priors).comparable_many(
            [m.vector for m in members], [m.lang for m in members], self.store.space(), self.store
        )
        scores = with_shared_neighbours(pair_scores(members, vectors, self.config), self.config)
        events = [m.event_id for m in members]
        scores = with_links_kept(scores, events, self.config.hindsight_link_weight)
        cut = self.config.hindsight_cut
        labels = (
            recluster(scores, cut)
            if self.config.hindsight_merges
            else recluster_within(scores, events, cut)
        )
        report.changes = plan(members, labels, scores)
        return report

    def _apply(self, change: Change, held: bool) -> bool:
        """One change in one transaction (or the caller's), if its articles are
        still where planned."""
        if held:
            return self._apply_here(change)
        with self.store.transaction():
            return self._apply_here(change)

    def _apply_here(self, change: Change) -> bool:
        relinked = {"by": "consolidation", "kind": change.kind, "from": change.source}
        relinked |= change.evidence
        holding = set(self.store.article_ids_of(change.source))
        if not set(change.article_ids) <= holding:
            return False
        if change.kind == "merge" and holding != set(change.article_ids):
            change.kind = "split"  # articles arrived meanwhile: they stay
        self.store.move(change, relinked)
        return True
