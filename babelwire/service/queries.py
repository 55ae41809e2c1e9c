"""What the service's lists ask of the store, and the charts drawn from it.

The store answers the searches and filters (Store.find_events, languages,
last_update, article_days: store/sql.py); these names keep the pages and the
API reading one module. They run inside `Service.snapshot()`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from babelwire.model import Event
from babelwire.store import EventFilter, Store

__all__ = ["Bar", "EventFilter", "article_days", "bars", "find_events", "languages", "last_update"]

MAX_BARS = 30


def find_events(store: Store, wanted: EventFilter) -> list[Event]:
    """Live events matching every given filter, most recent activity first."""
    return store.find_events(wanted)


def languages(store: Store) -> list[str]:
    """Every language some stored article is in."""
    return store.languages()


def last_update(store: Store, event: Event) -> str | None:
    """When the event last changed: the arrival time of its latest article."""
    return store.last_update(event)


def article_days(store: Store, event_id: str) -> list[dt.date]:
    """The publication day (first possible) of each dated article of the event."""
    return store.article_days(event_id)


@dataclass
class Bar:
    x: int
    height: int
    label: str


def bars(days: list[dt.date], height: int = 20) -> list[Bar]:
    """Articles per period, as at most MAX_BARS bars scaled to `height`."""
    if not days:
        return []
    span = (days[-1] - days[0]).days + 1
    width = math.ceil(span / MAX_BARS)  # days per bar
    counts = [0] * math.ceil(span / width)
    for day in days:
        counts[(day - days[0]).days // width] += 1
    top = max(counts)
    return [
        Bar(
            x=index,
            height=max(1, round(height * count / top)) if count else 0,
            label=f"{days[0] + dt.timedelta(days=index * width)}: {count} article(s)",
        )
        for index, count in enumerate(counts)
    ]
