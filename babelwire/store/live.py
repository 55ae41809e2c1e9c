"""The live events, kept in memory: what the linker reads for every article.

Reading up to MAX_CANDIDATES events (centroids, names, languages) from
SQLite for each new article made linking cost grow with the store. The
index holds, per store connection, the events whose last date is at or after
its `floor` (a few candidate windows back from the newest date seen) plus the
most recent undated ones, and each write of this connection updates it.
Articles dated before the floor (late stragglers), and undated articles once
events they could join have left the index, are answered from SQLite
instead. A rolled-back transaction drops it.

When other processes have committed (the store's count of write
transactions moved), the index catches up with what they changed instead of
being read anew: the articles stored after the last one it reflects (`seq`),
the events those articles joined or opened, the events a merge or a split
touched since (`history_seq`, event_history), and the running sums of the
languages written. Any change it cannot follow that way (the store erased:
`resets`; more changes than reading them anew is worth) rebuilds it whole.

The running sums the linker reads for every article (the stream's, each
language's) are kept beside the events on the same terms, so deciding reads
nothing from the store but the words' document frequencies; and so are the
events' centroids, as the rows of one array with their lengths (`Centroids`),
which the candidates are taken from in one copy instead of one per event.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from babelwire.cluster.base import Candidates, EventState, StreamStats
from babelwire.cluster.events import EventTotals

# How far back from the newest date the index reaches, in candidate windows;
# it is pruned when the newest date has moved on by one more window.
REACH_WINDOWS = 2
# Events kept in memory outside the index (see `resting`).
RESTING_SIZE = 2000


@dataclass
class LiveEvents:
    window_days: int
    max_candidates: int
    floor: dt.date | None = None  # None: every dated event is in the index
    version: int = -1  # the store's count of write transactions the index reflects
    # Marks of what it reflects, for catching up: the article (seq) and
    # event_history row it has seen every change up to, and the store's erasures.
    seq: int = 0
    history_seq: int = 0
    resets: int = 0
    pruned_seq: int = 0  # the latest activity of any dated event that left the index
    events: dict[str, EventState] = field(default_factory=dict)
    # What the store's row of each event in `events` holds: an article joining
    # one is added to these sums without reading the row back.
    totals: dict[str, EventTotals] = field(default_factory=dict)
    # Events read from disk for stragglers and undated articles, and events
    # that left the index, most recently used last: the disk then only says
    # which events to compare, not what they hold.
    resting: OrderedDict[str, EventState] = field(default_factory=OrderedDict)
    # The store's stream_stats and language_stats rows: count and float32 sum of vectors.
    stream: StreamStats = field(default_factory=lambda: StreamStats(0, None))
    languages: dict[str, tuple[int, np.ndarray]] = field(default_factory=dict)
    centroids: Centroids = field(default_factory=lambda: Centroids())

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
        return self.centroids.of(found[: self.max_candidates])

    def recent(self) -> list[EventState] | None:
        """The most recently active events whatever their dates, or None if some left.

        Exact while nothing has left the index, or when every event in the
        answer was active after the last one that left.
        """
        found = sorted(self.events.values(), key=lambda e: e.updated_seq, reverse=True)
        found = self.centroids.of(found[: self.max_candidates])
        if self.floor is None or not self.pruned_seq:
            return found
        full = len(found) == self.max_candidates
        return found if full and found[-1].updated_seq > self.pruned_seq else None

    def held(self, event_id: str, updated_seq: int) -> EventState | None:
        """This version of the event, if memory has it."""
        event = self.events.get(event_id) or self.resting.get(event_id)
        return event if event is not None and event.updated_seq == updated_seq else None

    def rest(self, event: EventState) -> None:
        self.resting[event.id] = event
        self.resting.move_to_end(event.id)
        while len(self.resting) > RESTING_SIZE:
            self.resting.popitem(last=False)

    def put(self, event: EventState, totals: EventTotals) -> None:
        self.events[event.id] = event
        self.totals[event.id] = totals
        self.centroids.put(event)

    def drop(self, event_id: str) -> None:
        self.events.pop(event_id, None)
        self.totals.pop(event_id, None)
        self.centroids.drop(event_id)

    def follow(self, event: EventState, totals: EventTotals) -> None:
        """Another process changed the event: this version replaces any other
        (consolidation may rewrite an event and keep its updated_seq)."""
        self.resting.pop(event.id, None)
        self.put(event, totals)

    def forget(self, event_id: str) -> None:
        """Another process merged the event away."""
        self.resting.pop(event_id, None)
        self.drop(event_id)

    def reach(self, newest: dt.date) -> dt.date:
        return newest - dt.timedelta(days=REACH_WINDOWS * self.window_days)

    def advance(self, today: dt.date) -> None:
        """The stream has reached `today` (an article's first possible day).

        Events that went quiet leave once the stream has moved on a window.
        """
        reach = self.reach(today)
        if self.floor is not None and reach - self.floor < dt.timedelta(days=self.window_days):
            return
        self.floor = reach
        quiet = [
            event.id
            for event in self.events.values()
            if event.last_day is not None and event.last_day < reach
        ]
        for event_id in quiet:
            event = self.events[event_id]
            self.drop(event_id)
            self.pruned_seq = max(self.pruned_seq, event.updated_seq)
            self.rest(event)
        self._prune_undated()

    def _prune_undated(self) -> None:
        # Only the most recent undated events can ever be among the candidates.
        undated = sorted(
            (e for e in self.events.values() if e.last_day is None),
            key=lambda event: event.updated_seq,
            reverse=True,
        )
        for event in undated[self.max_candidates :]:
            self.drop(event.id)


@dataclass
class Centroids:
    """The live events' centroids as the rows of one array, with their lengths.

    Each length is found once, when its event changes, as the linker finds
    its candidates' lengths (np.linalg.norm along the rows: the same numbers
    to the bit); the candidates' rows are then copied together, in one `take`.
    """

    rows: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    lengths: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    row_of: dict[str, int] = field(default_factory=dict)
    free: list[int] = field(default_factory=list)

    def put(self, event: EventState) -> None:
        centroid = event.centroid
        if not self.row_of and not self.free:  # the first: the vectors' length is known
            self.rows = np.zeros((0, len(centroid)), np.float32)
        if centroid.dtype != np.float32 or centroid.shape != self.rows.shape[1:]:
            self.drop(event.id)  # not a row like the others: candidates copy it themselves
            return
        row = self.row_of.get(event.id)
        if row is None:
            row = self.row_of[event.id] = self.free.pop() if self.free else self._grow()
        self.rows[row] = centroid
        self.lengths[row] = np.linalg.norm(self.rows[row : row + 1], axis=1)[0]

    def drop(self, event_id: str) -> None:
        row = self.row_of.pop(event_id, None)
        if row is not None:
            self.free.append(row)

    def of(self, events: list[EventState]) -> Candidates:
        """The events, with their rows and lengths when every one has a row."""
        at = [self.row_of[event.id] for event in events if event.id in self.row_of]
        if not events or len(at) < len(events):
            return Candidates(events)
        return Candidates(events, self.rows.take(at, axis=0), self.lengths.take(at))

    def _grow(self) -> int:
        """A new row at the end, the arrays doubled when full."""
        used = len(self.row_of) + len(self.free)
        if used == len(self.rows):
            size = max(64, 2 * used)
            rows = np.zeros((size, self.rows.shape[1]), np.float32)
            rows[:used] = self.rows
            lengths = np.zeros(size, np.float32)
            lengths[:used] = self.lengths
            self.rows, self.lengths = rows, lengths
        return used
