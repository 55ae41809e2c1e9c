"""The store's side of alerts: the change log, subscriptions and the outbox.

    add / add_copy / merge / move   note what they change (_note)
    transaction() end               _flush_notes: each note becomes changes
                                    (rows of `changes`, the log GET /api/stream
                                    reads) and, for every subscription whose
                                    filter matches, a `deliveries` row (the
                                    outbox), all in the transaction that made
                                    the change: committed together or not at all
    the sender                      claim_deliveries (leased, so a sender killed
                                    mid-send is retried), record_delivery

Times are Unix seconds written by babelwire (not the database's clock), so
both backends and every process agree on them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from babelwire.alerts.changes import (
    FIGURES_DISAGREE,
    ArticleView,
    EventView,
    Noted,
    SearchKeys,
    changes_of,
)
from babelwire.alerts.filters import Filter
from babelwire.alerts.subscriptions import Subscription
from babelwire.describe.headline import headline_language, headline_source, headline_text
from babelwire.errors import NotFound
from babelwire.model import Article, outlet
from babelwire.represent.features import fold

# The change log keeps at least this many recent changes (and every change an
# undelivered delivery needs); finished deliveries are kept this long.
KEEP_CHANGES = 10_000
KEEP_DELIVERIES_S = 7 * 24 * 3600.0
PRUNE_EVERY = 1000  # changes
# Changes when a subscription is added or removed.
SUBSCRIPTIONS_VERSION = "SELECT count(*), coalesce(max(seq), 0) FROM subscriptions"


@dataclass
class Due:
    """A delivery a sender has claimed: where to, signed how, saying what."""

    seq: int  # its row
    id: str  # what the receiver sees, the same on every try
    subscription_id: str
    url: str
    secret: str
    change: dict[str, Any]  # EventChange.as_dict() plus `at`
    attempts: int
    created: float


@dataclass
class Recorded:
    """One attempt's outcome, as the sender records it."""

    seq: int  # Due.seq
    status: str  # delivered, pending (to be tried again at next_at) or failed
    code: int | None
    error: str | None
    next_at: float
    at: float


class AlertLog:
    """Mixed into SQLStore: needs its `db`, `_row`, `_value`, `_known_live`.

    On a server, statements whose answers are not awaited travel together
    (store/postgres.py), so reads are asked for before the first of them is
    awaited where that is possible: each wait is a round trip.
    """

    db: Any
    _noted: list[Noted]
    _subscribers: tuple[tuple[int, int], list[Subscription]] | None
    _changes_logged = 0  # by this process: it prunes the log every PRUNE_EVERY
    # SUBSCRIPTIONS_VERSION asked in this transaction, its answer not yet read.
    _asked_subscriptions: Any = None
    # Events as the alerts last saw them, kept up to date by the writes (see
    # _held_views): a join adds one article instead of reading the event's all.
    _views: dict[str, Held] | None = None
    _views_of: object = None  # the index of live events they hold good with

    def _row(self, sql: str, params: Any = ()) -> Any:
        raise NotImplementedError  # SQLStore's

    def _value(self, sql: str, params: Any = ()) -> Any:
        raise NotImplementedError

    def _send(self, sql: str, params: Any = ()) -> None:
        raise NotImplementedError

    def resolve(self, event_id: str) -> str:
        raise NotImplementedError

    def _known_live(self, event_id: str) -> bool:
        raise NotImplementedError  # SQLStore's: the live index holds it, up to date

    def _current_live(self) -> object:
        raise NotImplementedError  # SQLStore's: the live index, if nothing was committed since

    # -- noting changes (inside the write transaction) ----------------------

    def _note(self, note: Noted) -> None:
        self._noted.append(note)

    def _flush_notes(self) -> None:
        """The transaction's changes into the log, and each matching one into the outbox."""
        noted, self._noted = self._noted, []
        if not noted:
            return
        self._ask_subscriptions()  # answered with the first view read, if not before
        views: dict[str, EventView] = {}
        for note in noted:
            self._view_after(note.event_id, views)
        asked, self._asked_subscriptions = self._asked_subscriptions, None
        subscribers = self._active_subscriptions(asked.fetchone())
        now = time.time()
        for note in noted:
            view = self._view_after(note.event_id, views)
            if view is None:
                continue
            event_id = view.id
            keys = functools.partial(_keys_of, view)
            for change in changes_of(note, view):
                wanting = [
                    s.id for s in subscribers if s.filter.matches(change.kind, change.event, keys)
                ]
                seq = self._log_change(change.as_dict(), event_id, now, numbered=bool(wanting))
                self._enqueue(wanting, seq, now)

    def _ask_subscriptions(self) -> None:
        """Ask whether subscriptions changed, once a transaction, before the answer is
        needed: on a server it comes back with the next answer read."""
        if self._asked_subscriptions is None:
            self._asked_subscriptions = self.db.execute(SUBSCRIPTIONS_VERSION)

    def _view_after(self, event_id: str, views: dict[str, EventView]) -> EventView | None:
        """The event as the transaction leaves it (None: an article of no stored event,
        which only a store damaged by hand holds; its write goes on unalerted)."""
        try:
            live = event_id if self._known_live(event_id) else self.resolve(event_id)
            if live not in views:
                views[live] = self._held_view(live).view
        except NotFound:
            return None
        return views[live]

    # -- events as the alerts see them, kept up to date by the writes --------

    def _held_views(self) -> dict[str, Held] | None:
        """The views held, if they still hold: they are kept with the index of live
        events that was current when they were made, and dropped with it when it
        is made anew (a transaction rolled back, too much written elsewhere); when
        it catches up with another process's writes, the views of the events
        those touched are forgotten (sql.py). None: no index, nothing held."""
        live = self._current_live()
        if live is None:
            return None
        if self._views is None or self._views_of is not live:
            self._views, self._views_of = {}, live
        return self._views

    def _held_view(self, event_id: str) -> Held:
        views = self._held_views()
        held = views.get(event_id) if views is not None else None
        if held is None:
            held = self._read_view(event_id)
            if views is not None:
                _keep(views, event_id, held)
        return held

    def _view_grew(
        self,
        event_id: str,
        article: Article,
        keys: SearchKeys | None,
        *,
        opened: bool = False,
        copy_of: str | None = None,
    ) -> None:
        """Add the article just written to its event's view, if one is held (or hold
        one for the event it opened): the view the store would read back, without
        reading it. `keys`: the event's search keys now (None: unchanged, as for a
        copy)."""
        views = self._held_views()
        if views is None:
            return
        held = views.get(event_id)
        if opened:
            held = Held(EventView(event_id, "", [], []))
            _keep(views, event_id, held)
        if held is None:
            return
        view = held.view
        held.add(
            ArticleView(
                article.id, article.title, article.lang, article.source, article.url, copy_of
            )
        )
        found = outlet(article.source, article.url)
        if found and found not in view.sources:
            bisect.insort(view.sources, found)
        if keys is not None:
            view.keys = SearchKeys(keys.headline, keys.names, view.keys.titles)
        if article.title and fold(article.title):
            view.keys.titles.append(fold(article.title))
        chosen = held.choice()
        if chosen != held.chosen:
            held.chosen = chosen
            text = article.text if chosen == len(view.articles) - 1 else None
            view.headline = self._view_headline(view.articles[chosen], text)

    def _forget_views(self, *event_ids: str) -> None:
        for event_id in event_ids:
            if self._views is not None:
                self._views.pop(event_id, None)

    def _log_change(
        self, change: dict[str, Any], event_id: str, now: float, numbered: bool
    ) -> int | None:
        """Log the change; its number only when `numbered` (deliveries point to it):
        an insert whose answer nobody reads costs a server no round trip of its own."""
        at = dt.datetime.fromtimestamp(now, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        row = (change["kind"], event_id, json.dumps({**change, "at": at}), now)
        insert = "INSERT INTO changes (kind, event_id, body, at) VALUES (?, ?, ?, ?)"
        self._changes_logged += 1
        if self._changes_logged % PRUNE_EVERY == 0:  # each process prunes now and then
            self._prune(now)
        if not numbered:
            self._send(insert, row)
            return None
        return int(self._value(insert + " RETURNING seq", row))

    def _enqueue(self, subscription_ids: list[str], change_seq: int | None, now: float) -> None:
        if not subscription_ids or change_seq is None:
            return
        self.db.executemany(
            "INSERT INTO deliveries (id, subscription_id, change_seq, created, next_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                ("dl-" + secrets.token_hex(10), sub, change_seq, now, now)
                for sub in subscription_ids
            ],
        )

    def _prune(self, now: float) -> None:
        self.db.execute(
            "DELETE FROM deliveries WHERE status <> 'pending' AND created < ?",
            (now - KEEP_DELIVERIES_S,),
        )
        self.db.execute(
            "DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - ? "
            "AND seq NOT IN (SELECT change_seq FROM deliveries)",
            (KEEP_CHANGES,),
        )

    def event_view(self, event_id: str) -> EventView:
        """The event as filters see it: its articles, outlets, headline and search keys."""
        return self._read_view(event_id).view

    def _read_view(self, event_id: str) -> Held:
        asked = self.db.execute("SELECT headline_key, names FROM events WHERE id = ?", (event_id,))
        members = self.db.execute(  # asked before the event's row is awaited
            "SELECT seq, id, lang, title, title_key, source, url, copy_of FROM articles "
            "WHERE event_id = ? ORDER BY seq",
            (event_id,),
        ).fetchall()
        row = asked.fetchone()
        if row is None:
            raise NotFound(f"no event {event_id!r}")
        articles = [
            ArticleView(m["id"], m["title"], m["lang"], m["source"], m["url"], m["copy_of"])
            for m in members
        ]
        outlets = {outlet(m["source"], m["url"]) for m in members}
        keys = SearchKeys(
            headline=row["headline_key"],
            names=list(json.loads(row["names"])),
            titles=[m["title_key"] for m in members if m["title_key"]],
        )
        held = Held(EventView(event_id, "", [], sorted(o for o in outlets if o), keys))
        for article in articles:
            held.add(article)
        if articles:
            held.chosen = headline_source([(a.lang, a.title) for a in articles])
            held.view.headline = self._view_headline(articles[held.chosen])
        return held

    def _view_headline(self, chosen: ArticleView, text: str | None = None) -> str:
        """The headline the chosen article gives; its text read only when it has no title."""
        if chosen.title:
            return headline_text(chosen.title, "")
        if text is None:
            text = self._value("SELECT text FROM articles WHERE id = ?", (chosen.id,))
        return headline_text(None, text or "")

    # -- figures that disagree (alerts/figures.py) ----------------------------

    def note_disputed(self, event_id: str, figures: list[dict[str, Any]]) -> None:
        """Log (and send) that the event's figures now disagree. Inside transaction()."""
        self._note(Noted("figures", event_id, figures=figures))

    def last_disputed(self, event_id: str) -> set[str]:
        """What the event's last figures.disagree change said was disputed."""
        body = self._value(
            "SELECT body FROM changes WHERE event_id = ? AND kind = ? ORDER BY seq DESC LIMIT 1",
            (event_id, FIGURES_DISAGREE),
        )
        return (
            {figure["what"] for figure in json.loads(body)["changed"]["figures"]} if body else set()
        )

    def cursor(self, name: str) -> int:
        """How far through the change log `name` has read (starting now, if never)."""
        key = f"cursor:{name}"
        found = self._value("SELECT value FROM meta WHERE key = ?", (key,))
        if found is None:
            self.db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (key, str(self.last_change())),
            )
            found = self._value("SELECT value FROM meta WHERE key = ?", (key,))
        return int(found)

    def move_cursor(self, name: str, read: int, to: int) -> bool:
        """Move the cursor from `read` to `to`, unless another reader moved it first."""
        moved = self.db.execute(
            "UPDATE meta SET value = ? WHERE key = ? AND value = ? RETURNING key",
            (str(to), f"cursor:{name}", str(read)),
        ).fetchall()
        return bool(moved)

    # -- subscriptions ------------------------------------------------------

    def _active_subscriptions(self, row: Any) -> list[Subscription]:
        """Every subscription, read again only when one was added or removed
        (`row`: the answer to SUBSCRIPTIONS_VERSION)."""
        version = (int(row[0]), int(row[1]))
        if self._subscribers is None or self._subscribers[0] != version:
            self._subscribers = (version, self.subscriptions())
        return self._subscribers[1]

    def add_subscription(self, sub: Subscription) -> Subscription:
        """Store a new subscription; returns it with its creation time."""
        sub.created_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.db.execute(
            "INSERT INTO subscriptions (id, url, secret, filter, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (sub.id, sub.url, sub.secret, json.dumps(sub.filter.as_dict()), sub.created_at),
        )
        return sub

    def subscriptions(self) -> list[Subscription]:
        rows = self.db.execute("SELECT * FROM subscriptions ORDER BY seq").fetchall()
        return [_subscription(row) for row in rows]

    def subscription(self, subscription_id: str) -> Subscription:
        row = self._row("SELECT * FROM subscriptions WHERE id = ?", (subscription_id,))
        if row is None:
            raise NotFound(
                f"no subscription {subscription_id!r}",
                hint="list them with GET /api/subscriptions or `babelwire subscriptions`",
            )
        return _subscription(row)

    def remove_subscription(self, subscription_id: str) -> None:
        """Delete a subscription and the deliveries it still had to make."""
        self.subscription(subscription_id)  # NotFound when there is none
        self.db.execute("DELETE FROM deliveries WHERE subscription_id = ?", (subscription_id,))
        self.db.execute("DELETE FROM subscriptions WHERE id = ?", (subscription_id,))

    # -- the change log (GET /api/stream) ----------------------------------

    def last_change(self) -> int:
        return int(self._value("SELECT coalesce(max(seq), 0) FROM changes"))

    def changes_after(self, seq: int, limit: int = 500) -> list[tuple[int, dict[str, Any]]]:
        """Logged changes after `seq`, oldest first: (seq, EventChange.as_dict() with `at`)."""
        rows = self.db.execute(
            "SELECT seq, body FROM changes WHERE seq > ? ORDER BY seq LIMIT ?", (seq, limit)
        )
        return [(int(row["seq"]), json.loads(row["body"])) for row in rows]

    # -- the outbox (the sender) ----------------------------------------------

    def claim_deliveries(self, now: float, lease: float, limit: int) -> list[Due]:
        """Up to `limit` deliveries due by `now`, leased for `lease` seconds: no other
        sender takes them meanwhile, and one killed mid-send lets them go again.

        One statement, outside the link transaction (senders never hold up
        linking): a row another sender claimed first no longer matches
        `next_at <= now` when this one gets to it, on either backend.
        """
        claimed = self.db.execute(
            "UPDATE deliveries SET next_at = ? WHERE status = 'pending' AND next_at <= ? "
            "AND seq IN (SELECT seq FROM deliveries WHERE status = 'pending' AND next_at <= ? "
            "ORDER BY next_at, seq LIMIT ?) RETURNING seq",
            (now + lease, now, now, limit),
        ).fetchall()
        numbers = [row[0] for row in claimed]
        if not numbers:
            return []
        marks = ",".join("?" * len(numbers))
        rows = self.db.execute(
            "SELECT d.seq, d.id, d.subscription_id, d.attempts, d.created, s.url, s.secret, "
            "c.body FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id "
            f"JOIN changes c ON c.seq = d.change_seq WHERE d.seq IN ({marks}) ORDER BY d.seq",
            numbers,
        ).fetchall()
        return [
            Due(
                seq=int(r["seq"]),
                id=r["id"],
                subscription_id=r["subscription_id"],
                url=r["url"],
                secret=r["secret"],
                change=json.loads(r["body"]),
                attempts=int(r["attempts"]),
                created=float(r["created"]),
            )
            for r in rows
        ]

    # What a delivery's bookkeeping is begun with: no link lock (SQLite's own
    # backend takes its write lock at once instead of upgrading midway).
    BEGIN_BOOKKEEPING = "BEGIN"

    def record_deliveries(self, attempts: list[Recorded]) -> None:
        """Each attempt's outcome, in one short transaction: `status` delivered,
        pending (tried again at `next_at`) or failed."""
        self.db.execute(self.BEGIN_BOOKKEEPING)
        try:
            self.db.executemany(
                "UPDATE deliveries SET status = ?, attempts = attempts + 1, last_code = ?, "
                "last_error = ?, next_at = ?, last_at = ? WHERE seq = ?",
                [(r.status, r.code, r.error, r.next_at, r.at, r.seq) for r in attempts],
            )
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def deliveries_of(self, subscription_id: str, limit: int = 20) -> list[dict[str, Any]]:
        """The subscription's latest deliveries, newest first."""
        rows = self.db.execute(
            "SELECT d.*, c.kind, c.event_id FROM deliveries d "
            "JOIN changes c ON c.seq = d.change_seq WHERE d.subscription_id = ? "
            "ORDER BY d.seq DESC LIMIT ?",
            (subscription_id, limit),
        ).fetchall()
        return [_delivery(row) for row in rows]

    def delivery_counts(self, subscription_id: str) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT status, count(*) AS n FROM deliveries WHERE subscription_id = ? "
            "GROUP BY status",
            (subscription_id,),
        )
        counts = {"pending": 0, "delivered": 0, "failed": 0}
        counts.update({row["status"]: int(row["n"]) for row in rows})
        return counts


@dataclass
class Held:
    """An event's view, held between transactions, and which of its articles gives
    the headline: headline_source's choice, made again as each article is added
    from what is kept (each language's first article and first titled one), so
    the headline's text is read again only when that choice moves."""

    view: EventView
    chosen: int = -1
    first: dict[str, int] = field(default_factory=dict)
    titled: dict[str, int] = field(default_factory=dict)

    def add(self, article: ArticleView) -> None:
        at = len(self.view.articles)
        self.view.add(article)
        self.first.setdefault(article.lang, at)
        if article.title:
            self.titled.setdefault(article.lang, at)

    def choice(self) -> int:
        """headline_source's choice for the articles added (one language a count)."""
        lang = headline_language(self.view.counts.elements())
        return self.titled.get(lang, self.first[lang])


# Views held at most: the events being written to, the live ones, come and go.
HELD_VIEWS = 2000


def _keep(views: dict[str, Held], event_id: str, held: Held) -> None:
    if len(views) >= HELD_VIEWS:
        del views[next(iter(views))]  # the one held longest
    views[event_id] = held


def _keys_of(view: EventView) -> SearchKeys:
    return view.keys


def _subscription(row: Any) -> Subscription:
    return Subscription(
        id=row["id"],
        url=row["url"],
        secret=row["secret"],
        filter=Filter.parse(json.loads(row["filter"])),
        created_at=row["created_at"],
    )


def _delivery(row: Any) -> dict[str, Any]:
    pending = row["status"] == "pending"
    return {
        "id": row["id"],
        "kind": row["kind"],
        "event_id": row["event_id"],
        "status": row["status"],
        "attempts": int(row["attempts"]),
        "last_status_code": row["last_code"],
        "last_error": row["last_error"],
        "created_at": _iso(row["created"]),
        "last_attempt_at": _iso(row["last_at"]),
        "next_attempt_at": _iso(row["next_at"]) if pending else None,
    }


def _iso(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return dt.datetime.fromtimestamp(float(seconds), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
