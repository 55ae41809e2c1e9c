"""Reads the service needs beyond the store's own: filtered event lists,
languages present, and the activity of an event (for the list's charts).

They run on a reader's connection inside `Service.snapshot()`, which has
registered `bw_fold` (the linker's spelling key) so search meets names
across scripts and accents: "Bishkek" finds "Бишкек".
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from babelwire.errors import InputError
from babelwire.model import Event, PartialDate
from babelwire.represent.features import fold
from babelwire.store import SQLiteStore

MAX_BARS = 30


@dataclass
class EventFilter:
    """What the events list is narrowed to; every field optional."""

    q: str | None = None
    lang: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 100


def find_events(store: SQLiteStore, wanted: EventFilter) -> list[Event]:
    """Live events matching every given filter, most recent activity first."""
    where, params = ["e.merged_into IS NULL"], []
    for clause, values in _clauses(wanted):
        where.append(clause)
        params.extend(values)
    rows = store.db.execute(
        f"SELECT e.id FROM events e WHERE {' AND '.join(where)} "
        "ORDER BY e.updated_seq DESC LIMIT ?",
        [*params, wanted.limit],
    ).fetchall()
    return [store.event(row["id"]) for row in rows]


def _clauses(wanted: EventFilter) -> list[tuple[str, list[Any]]]:
    clauses: list[tuple[str, list[Any]]] = []
    if wanted.since:
        # The event may still be going on at `since`: its last date's last day.
        # Partial dates are padded so "2020-10" compares as "2020-10-99".
        since = _parse_date("since", wanted.since).start.isoformat()
        clauses.append(("substr(e.last_date || '-99-99', 1, 10) >= ?", [since]))
    if wanted.until:
        until = _parse_date("until", wanted.until).end.isoformat()
        clauses.append(("substr(e.first_date || '-00-00', 1, 10) <= ?", [until]))
    if wanted.lang:
        clauses.append(
            (
                "EXISTS (SELECT 1 FROM articles a WHERE a.event_id = e.id AND a.lang = ?)",
                [wanted.lang],
            )
        )
    for word in (wanted.q or "").split():
        key = fold(word)
        if key:
            clauses.append(_word_clause(key))
    return clauses


def _word_clause(key: str) -> tuple[str, list[Any]]:
    """One search word: in the headline, a name of the event, or an article title."""
    return (
        "(instr(bw_fold(e.headline), ?) OR instr(e.names, ?) OR EXISTS (SELECT 1 FROM articles a "
        "WHERE a.event_id = e.id AND instr(bw_fold(a.title), ?)))",
        # names is a JSON object keyed by folded names: match a key's start.
        [key, f'"{key}', key],
    )


def _parse_date(name: str, text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except ValueError as error:
        raise InputError(
            f"`{name}` is not a date: {text!r}", hint="write YYYY, YYYY-MM or YYYY-MM-DD"
        ) from error


def languages(store: SQLiteStore) -> list[str]:
    """Every language some stored article is in."""
    rows = store.db.execute("SELECT DISTINCT lang FROM articles ORDER BY lang").fetchall()
    return [row["lang"] for row in rows]


def last_update(store: SQLiteStore, event: Event) -> str | None:
    """When the event last changed: the arrival time of its latest article."""
    row = store.db.execute(
        "SELECT ingested_at FROM articles WHERE seq = ?", (event.updated_seq,)
    ).fetchone()
    return row["ingested_at"] if row else None


def article_days(store: SQLiteStore, event_id: str) -> list[dt.date]:
    """The publication day (first possible) of each dated article of the event."""
    rows = store.db.execute(
        "SELECT date FROM articles WHERE event_id = ? AND date IS NOT NULL", (event_id,)
    ).fetchall()
    return sorted(PartialDate.parse(row["date"]).start for row in rows)


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
