"""The store contract: everything babelwire needs from where articles and events live.

    Store (a LinkState: what the linker reads)
    ├── identity        known(article), original(content_hash), stored(article)
    ├── writing         transaction(), check_settings(features), add(article, features, decision),
    │                   add_copy(article, original_id), merge(old, new)
    ├── hindsight       window(), article_ids_of(), move(), rebuild(), history(),
    │                   space(), consolidation_counts()
    ├── reading         snapshot(), resolve(), events(), event(), event_articles(),
    │                   article(), count_articles(), find_events(filter), languages(),
    │                   last_update(event), article_days(event_id)
    ├── feed state      entry_seen(feed, entry), mark_entry_seen(feed, entry, article_id)
    └── alerts          add_subscription(), subscriptions(), subscription(), remove_subscription(),
                        event_view(), last_change(), changes_after(), claim_deliveries(),
                        record_deliveries(), deliveries_of(), delivery_counts(),
                        note_disputed(), last_disputed(), cursor(), move_cursor()
                        (every write transaction logs its changes to events and fills
                        the outbox: store/alerts.py)

Two backends keep it: SQLite (store/sqlite.py, one file, the default) and
PostgreSQL (store/postgres.py, a shared server). `open_store(db)` in
store/__init__.py chooses one from the --db value; nothing outside
babelwire/store/ knows which it talks to. The queue of `babelwire worker`s
lives in a PostgreSQL store only: its records are store/queue.py's
(`open_queue(db)`, `queue_records(store)`, None on SQLite). Both keep the same guarantees: an
article and its link are committed together, concurrent writers take turns
per article (the decide-and-write step), readers see whole events, and a
store refuses vectors made with settings other than those it was built with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from babelwire.alerts.changes import EventView
from babelwire.alerts.subscriptions import Subscription
from babelwire.cluster.base import Decision, EventState, StreamStats
from babelwire.cluster.events import Change, Member
from babelwire.model import Article, Event
from babelwire.represent import Features
from babelwire.store.alerts import Due, Recorded


@dataclass
class LinkedArticle:
    article: Article
    event_id: str
    score: float | None
    evidence: dict[str, Any]  # why it joined on arrival
    ingested_at: str | None = None
    relinked: dict[str, Any] | None = None  # why consolidation moved it, if it did


@dataclass
class EventFilter:
    """What the events list is narrowed to; every field optional."""

    q: str | None = None
    lang: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 100


class Store(Protocol):
    """One store of articles and events, whichever backend keeps it."""

    @property
    def key(self) -> str:
        """A stable identity: two stores with the same key hold the same data."""
        ...

    def connect(self) -> None:
        """Open (and migrate) now, so a bad location fails here (StoreError)."""
        ...

    def close(self) -> None: ...

    # -- what the linker reads (LinkState) --------------------------------

    def candidates(self, features: Features) -> list[EventState]: ...

    def language_mean(self, lang: str) -> tuple[int, np.ndarray | None]: ...

    def language_counts(self) -> dict[str, int]: ...

    def stream_stats(self) -> StreamStats: ...

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]: ...

    # -- identity and writing ----------------------------------------------

    def known(self, article: Article) -> str | None:
        """The id under which this same input is stored: the same id, or the
        same text from the same source and link."""
        ...

    def original(self, content_hash: str) -> str | None:
        """The id of the article first stored with this text (copies are not originals)."""
        ...

    def stored(self, article: Article) -> bool:
        """Whether known() or original() would answer: this input, or its text, is
        stored already. One question, asked before encoding, without the writers' turn."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """One atomic unit of work; other writers wait until it ends."""
        ...

    def check_settings(self, features: Features) -> None:
        """Refuse (StoreError) vectors made with settings other than the store's (the
        encoder, the words it read, the vectors' size): before deciding on them.
        Inside transaction()."""
        ...

    def add(self, article: Article, features: Features, decision: Decision) -> str:
        """Store the article and its link (refused as check_settings does); returns the
        event id. Inside transaction()."""
        ...

    def add_copy(self, article: Article, original_id: str) -> str:
        """Store the article as a copy of `original_id`, in its event; returns the event id.

        A copy is no new evidence: the linker and consolidation never see it,
        it follows its original wherever consolidation moves it. Inside transaction().
        """
        ...

    def merge(self, old_id: str, new_id: str, evidence: dict | None = None) -> None:
        """Fold event `old_id` into `new_id`, which it keeps resolving to."""
        ...

    # -- hindsight (consolidation) -------------------------------------------

    def window(self, days: float, max_articles: int) -> list[Member]:
        """The articles of the live events still active (see consolidate.py)."""
        ...

    def space(self) -> str:
        """The encoder the store's vectors come from ('' while it holds none)."""
        ...

    def article_ids_of(self, event_id: str) -> list[str]:
        """The event's original articles (copies follow them), in arrival order."""
        ...

    def move(self, change: Change, relinked: dict) -> None:
        """Move articles between events as consolidation decided. Inside transaction()."""
        ...

    def rebuild(self, event_id: str) -> None:
        """Recompute an event's sums from the articles it now holds."""
        ...

    def history(self, event_id: str) -> list[dict]:
        """The merges and splits an event took part in, oldest first."""
        ...

    def consolidation_counts(self) -> dict[str, int]:
        """How many splits and merges consolidation made: {"split": n, "merge": m}."""
        ...

    # -- reading -----------------------------------------------------------

    def snapshot(self) -> AbstractContextManager[None]:
        """Read in one snapshot: another writer's commit is wholly seen or not at all."""
        ...

    def resolve(self, event_id: str) -> str:
        """The live id of an event, following merges (NotFound if unknown)."""
        ...

    def events(self, limit: int | None = None) -> list[Event]:
        """Live events, most recent activity first."""
        ...

    def event(self, event_id: str) -> Event: ...

    def event_articles(self, event_id: str) -> list[LinkedArticle]: ...

    def article(self, article_id: str) -> LinkedArticle: ...

    def count_articles(self) -> int: ...

    def find_events(self, wanted: EventFilter) -> list[Event]:
        """Live events matching every given filter, most recent activity first."""
        ...

    def languages(self) -> list[str]:
        """Every language some stored article is in."""
        ...

    def last_update(self, event: Event) -> str | None:
        """When the event last changed: the arrival time of its latest article."""
        ...

    def article_days(self, event_id: str) -> list[dt.date]:
        """The publication day (first possible) of each dated article of the event."""
        ...

    # -- feed state (`babelwire watch`) --------------------------------------

    def entry_seen(self, feed: str, entry: str) -> bool: ...

    def mark_entry_seen(self, feed: str, entry: str, article_id: str | None) -> None: ...

    # -- alerts (store/alerts.py) --------------------------------------------

    def add_subscription(self, sub: Subscription) -> Subscription: ...

    def subscriptions(self) -> list[Subscription]: ...

    def subscription(self, subscription_id: str) -> Subscription:
        """NotFound if there is no such subscription."""
        ...

    def remove_subscription(self, subscription_id: str) -> None:
        """With the deliveries it still had to make; NotFound if there is none."""
        ...

    def event_view(self, event_id: str) -> EventView: ...

    def last_change(self) -> int:
        """The number of the latest logged change (0: none)."""
        ...

    def changes_after(self, seq: int, limit: int = 500) -> list[tuple[int, dict[str, Any]]]: ...

    def claim_deliveries(self, now: float, lease: float, limit: int) -> list[Due]:
        """Deliveries due by `now`, leased for `lease` seconds (one statement, outside
        transaction(): senders never hold up linking)."""
        ...

    def record_deliveries(self, attempts: list[Recorded]) -> None:
        """Each attempt's outcome, in one short transaction (no link lock)."""
        ...

    def deliveries_of(self, subscription_id: str, limit: int = 20) -> list[dict[str, Any]]: ...

    def note_disputed(self, event_id: str, figures: list[dict[str, Any]]) -> None:
        """Log (and send) that the event's figures now disagree. Inside transaction()."""
        ...

    def last_disputed(self, event_id: str) -> set[str]: ...

    def cursor(self, name: str) -> int:
        """How far through the change log `name` has read (starting now, if never)."""
        ...

    def move_cursor(self, name: str, read: int, to: int) -> bool:
        """Move the cursor from `read` to `to`, unless another reader moved it first."""
        ...

    def delivery_counts(self, subscription_id: str) -> dict[str, int]: ...

    def erase(self) -> None:
        """Delete every article, event and statistic (evaluation replays twice)."""
        ...
