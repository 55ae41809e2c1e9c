"""The live events, kept in memory: what the linker reads for every article.

Reading up to MAX_CANDIDATES events (centroids, names, languages) from
SQLite for each new article made linking cost grow with the store. The
index holds, per store connection, the events whose last date is at or after
its `floor` (a few candidate windows back from the newest date seen) plus the
most recent undated ones, and each write of this connection updates it.
Undated articles, and articles dated before the floor (late stragglers), are
answered from SQLite instead. When another process commits to the store, SQLite's data_version
changes and the index is rebuilt on the next read; a rolled-back
transaction drops it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from babelwire.cluster.base import EventState

# How far back from the newest date the index reaches, in candidate windows;
# it is pruned when the newest date has moved on by one more window.
REACH_WINDOWS = 2


@dataclass
class LiveEvents:
    window_days: int
    max_candidates: int
    floor: dt.date | None = None  # None: every dated event is in the index
    version: int = -1  # the store's data_version the index reflects
    events: dict[str, EventState] = field(default_factory=dict)

    def covers(self, since: dt.date) -> bool:
        """True when every event active since `since` is in the index."""
        return self.floor is None or since >= self.floor

    def candidates(self, since: dt.date) -> list[EventState]:
        """Events active since `since` (or undated), most recently updated first."""
        found = [
            event
            for event in self.events.values()
            if event.last_day is None or event.last_day >= since
        ]
        found.sort(key=lambda event: event.updated_seq, reverse=True)
        return found[: self.max_candidates]

    def put(self, event: EventState) -> None:
        self.events[event.id] = event
        if event.last_day is not None:
            self._prune_before(event.last_day)

    def add_language(self, event_id: str, lang: str) -> None:
        event = self.events.get(event_id)
        if event is not None:
            self.events[event_id] = replace(event, languages=event.languages | {lang})

    def drop(self, event_id: str) -> None:
        self.events.pop(event_id, None)

    def reach(self, newest: dt.date) -> dt.date:
        return newest - dt.timedelta(days=REACH_WINDOWS * self.window_days)

    def _prune_before(self, newest: dt.date) -> None:
        """Let events that went quiet leave, once the stream has moved on a window."""
        reach = self.reach(newest)
        if self.floor is not None and reach - self.floor < dt.timedelta(days=self.window_days):
            return
        self.floor = reach
        quiet = [
            event.id
            for event in self.events.values()
            if event.last_day is not None and event.last_day < reach
        ]
        for event_id in quiet:
            del self.events[event_id]
        self._prune_undated()

    def _prune_undated(self) -> None:
        # Only the most recent undated events can ever be among the candidates.
        undated = sorted(
            (e for e in self.events.values() if e.last_day is None),
            key=lambda event: event.updated_seq,
            reverse=True,
        )
        for event in undated[self.max_candidates :]:
            del self.events[event.id]
