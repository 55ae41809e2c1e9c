"""figures.disagree: alerts for events whose sources now disagree on a figure.

Whether figures disagree is read from every article's text (describe/figures.py):
too slow for the link transaction. So the sender looks after the fact: it
reads the change log from its cursor, and for each event that grew, merged or
split, describes its figures (outside any lock); a figure disputed that the
event's last figures.disagree did not name is a new change, logged and sent
to subscribers in one transaction that also moves the cursor. Two senders on
one store: whichever moves the cursor first writes; the other drops its work.
"""

from __future__ import annotations

from typing import Any

from babelwire.alerts.changes import FIGURES_DISAGREE, GREW, MERGED, SPLIT
from babelwire.describe.dating import effective_dates
from babelwire.describe.figures import build_figures
from babelwire.errors import NotFound
from babelwire.store import Store

CURSOR = "figures"
REREAD = (GREW, MERGED, SPLIT)  # what can make figures disagree


def find_disputes(store: Store, batch: int = 200) -> int:
    """Log the events whose figures newly disagree, among the changes since the
    cursor; returns how many changes were read."""
    start = store.cursor(CURSOR)
    changes = store.changes_after(start, batch)
    if not changes:
        return 0
    found = _disputes(store, changes) if _wanted(store) else []
    end = changes[-1][0]
    if not found:
        store.move_cursor(CURSOR, start, end)
        return len(changes)
    with store.transaction():
        if store.move_cursor(CURSOR, start, end):
            for event_id, figures in found:
                store.note_disputed(event_id, figures)
    return len(changes)


def _wanted(store: Store) -> bool:
    """Whether any subscription could take figures.disagree (the stream shows them too,
    but reading every event's figures for nobody is not worth it)."""
    return any(
        not sub.filter.kinds or FIGURES_DISAGREE in sub.filter.kinds
        for sub in store.subscriptions()
    )


def _disputes(store: Store, changes: list[tuple[int, dict[str, Any]]]) -> list[tuple[str, list]]:
    touched = dict.fromkeys(c["event"]["id"] for _, c in changes if c["kind"] in REREAD)
    found = []
    for event_id in touched:
        try:
            live = store.resolve(event_id)
        except NotFound:
            continue
        disputed = disputed_figures(store, live)
        if {f["what"] for f in disputed} - store.last_disputed(live):
            found.append((live, disputed))
    return found


def disputed_figures(store: Store, event_id: str) -> list[dict[str, Any]]:
    """The event's figures on which its sources disagree (as its description says)."""
    articles = [linked.article for linked in store.event_articles(event_id)]
    figures = build_figures(articles, effective_dates(articles))
    return [figure for figure in figures if figure["disagreement"]]
