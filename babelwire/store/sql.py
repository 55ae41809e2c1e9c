"""What both SQL backends share: the statements, written once in the SQL both speak.

A backend (sqlite.py, postgres.py) supplies the connection, its transactions
and what its dialect spells differently (the `_contains` test, how it tells
that another process has written); everything else, the statements and what
the rows become, is here. The event arithmetic is not: it is in
cluster/events.py, and a backend only persists what those functions return.

Statements use `?` placeholders; the PostgreSQL connection rewrites them.
What the linker reads for every article, the live events, is also kept in
memory (store/live.py), so its cost does not grow with the store.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

import numpy as np

from babelwire.alerts.changes import Noted, SearchKeys
from babelwire.cluster import events as arithmetic
from babelwire.cluster.base import Decision, EventState, StreamStats
from babelwire.cluster.events import Change, EventTotals, Member
from babelwire.describe.headline import headline_source, headline_text
from babelwire.errors import InputError, NotFound, StoreError
from babelwire.model import Article, Event, PartialDate, event_sources, outlet
from babelwire.represent import Features
from babelwire.represent.features import fold
from babelwire.store.alerts import AlertLog
from babelwire.store.base import EventFilter, LinkedArticle
from babelwire.store.live import LiveEvents

# Live events an article is compared with: the most recently active ones
# whose dates are close enough. Bounded, so linking cost does not grow with
# the store.
CANDIDATE_WINDOW_DAYS = 30
MAX_CANDIDATES = 1000
# Ids per `IN (...)` list: SQLite caps host parameters.
CHUNK = 500
# Search words this long or longer are looked up in the text index (trigrams).
INDEXED_WORD = 3
# Rows (new articles, merges and splits, changed events) past which the live
# index is read anew rather than caught up: about what a rebuild reads.
CATCH_UP_MOST = 500

# What the live index reflects when it is built (store/live.py): the last
# article, the last merge or split, and how many times the store was erased
# (store_changes row 2; row 1 counts the write transactions).
MARKS = (
    "SELECT (SELECT coalesce(max(seq), 0) FROM articles), "
    "(SELECT coalesce(max(seq), 0) FROM event_history), "
    "(SELECT coalesce(max(n), 0) FROM store_changes WHERE id = 2)"
)
RESETS = "SELECT coalesce(max(n), 0) FROM store_changes WHERE id = 2"
# What other connections changed since the marks: the articles they stored,
# the merges and splits they made, and the events either touched.
ADDED = "SELECT seq, event_id, lang, date, copy_of FROM articles WHERE seq > ? ORDER BY seq LIMIT ?"
HISTORY = "SELECT seq, event_id FROM event_history WHERE seq > ? ORDER BY seq LIMIT ?"
LANGUAGES_WRITTEN = (
    "SELECT lang, n, total FROM language_stats WHERE lang IN "
    "(SELECT lang FROM articles WHERE seq > ? AND copy_of IS NULL)"
)
CHANGED = (
    "SELECT * FROM events WHERE merged_into IS NULL AND updated_seq > ? UNION ALL "
    "SELECT * FROM events WHERE id IN (SELECT event_id FROM event_history WHERE seq > ?) "
    "LIMIT ?"
)

# Whether an input is stored: two lookups, each by its own index, not one OR.
# A server plans a statement once per connection (it is prepared); the OR,
# planned while the table held a few rows, stayed a scan of every article
# until the table's statistics were next gathered (autovacuum's first visit,
# a minute or more later): 3.4 ms at 3,000 articles instead of 0.05.
KNOWN = (
    "SELECT id FROM articles WHERE id = ? UNION ALL SELECT id FROM articles "
    "WHERE content_hash = ? AND url = ? AND coalesce(source, '') = ? LIMIT 1"
)

Row = Any  # sqlite3.Row, or the PostgreSQL backend's row: both index by name and position


class SQLStore(AlertLog, ABC):
    """A store kept in a SQL database; see store/base.py for the contract."""

    # How the dialect tests that `column` contains the parameter.
    CONTAINS = "instr({column}, ?) > 0"

    def __init__(self, location: str) -> None:
        self.location = location
        self._db: Any = None
        self._live: LiveEvents | None = None
        self._settings: dict[str, str] = {}  # vector settings found recorded
        # Inside snapshot(): each listed event's last update and article days, from
        # the rows the list read, for the page that asks for them next.
        self._activity: dict[str, tuple[str, list[dt.date]]] | None = None
        self._noted: list[Noted] = []  # changes to alert on, written at commit (alerts.py)
        self._wrote_seq = 0  # the last article this transaction stored
        self._subscribers = None

    # -- opening (the backend's) ---------------------------------------------

    @property
    @abstractmethod
    def key(self) -> str: ...

    @abstractmethod
    def _open(self) -> Any:
        """A migrated connection whose `execute(sql, params)` returns a cursor."""

    @abstractmethod
    def _begin_write(self) -> None:
        """Start a transaction that other writers wait for."""

    @abstractmethod
    def _data_version(self) -> int:
        """A number that changes when another connection has committed a write."""

    @abstractmethod
    def _before_commit(self) -> None:
        """What the backend does last in a write transaction."""

    @abstractmethod
    def _end_write(self) -> None:
        """What the backend forgets when a write transaction ends, committed or not."""

    @property
    def db(self) -> Any:
        if self._db is None:
            self._db = self._open()
        return self._db

    def connect(self) -> None:
        _ = self.db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        self._live = None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of work; other writers wait until it ends."""
        self._noted, self._asked_subscriptions = [], None
        self._wrote_seq = 0
        try:
            with self._batched():
                self._begin_write()
                yield
                self._flush_notes()  # the change log and the outbox, in this transaction
                self._before_commit()
                self._send("COMMIT")
        except BaseException:
            self._live = None  # it may hold writes that never happened
            self._noted = []
            self._rollback()
            raise
        finally:
            self._end_write()

    def _batched(self) -> AbstractContextManager[Any]:
        """Where statements whose results nobody reads travel with the next one
        read, and the last ones when it ends: one round trip to a server, not one
        each. An embedded store has no round trips to save."""
        return nullcontext()

    def _rollback(self) -> None:
        self.db.execute("ROLLBACK")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read in one transaction: a writer committing meanwhile is either
        wholly visible or not at all, so no half-written event is ever seen."""
        self.db.execute(self.BEGIN_READ)
        self._activity = {}
        try:
            yield
        finally:
            self._activity = None
            self.db.execute("COMMIT")

    BEGIN_READ = "BEGIN"

    def _send(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run a statement whose answer nobody reads (a server's backend sends it
        more cheaply than one whose answer is read: postgres.py)."""
        self.db.execute(sql, params)

    def _row(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        return self.db.execute(sql, params).fetchone()

    def _value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self._row(sql, params)
        return None if row is None else row[0]

    def _chunks(self, sql: str, ids: list[str]) -> Iterator[Row]:
        """Rows of `sql` whose `IN ({marks})` list takes the ids a chunk at a time."""
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            yield from self.db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)

    # -- identity ----------------------------------------------------------

    def known(self, article: Article) -> str | None:
        """The id under which this same input is stored: the same id, or the
        same text from the same source and link (an article with no link is
        known by its id alone)."""
        return self._value(
            KNOWN, (article.id, article.content_hash, article.url, article.source or "")
        )

    def original(self, content_hash: str) -> str | None:
        """The id of the article first stored with this text."""
        return self._value(
            "SELECT id FROM articles WHERE content_hash = ? AND copy_of IS NULL", (content_hash,)
        )

    def stored(self, article: Article) -> bool:
        # Every stored text has its original (copies point to one), so the
        # same id or the same text is known() or original().
        found = self._row(
            "SELECT 1 FROM articles WHERE id = ? OR content_hash = ? LIMIT 1",
            (article.id, article.content_hash),
        )
        return found is not None

    # -- what the linker reads (LinkState) --------------------------------

    def candidates(self, features: Features) -> list[EventState]:
        live = self._live_events()
        if features.date is None:
            # Undated: any of the most recently active events, however old their dates.
            recent = live.recent()
            return recent if recent is not None else self._candidates_from_disk(None)
        since = features.date.start - dt.timedelta(days=CANDIDATE_WINDOW_DAYS)
        if live.covers(since):
            return live.candidates(since)
        return self._candidates_from_disk(since)  # a straggler older than the index reaches

    def _candidates_from_disk(self, since: dt.date | None) -> list[EventState]:
        # Stored dates may be partial ("2020-10"): select by year, keep by the date's end.
        rows = self.db.execute(
            "SELECT id, updated_seq, last_date FROM events WHERE merged_into IS NULL "
            "AND (last_date IS NULL OR last_date >= ?) ORDER BY updated_seq DESC",
            (str(since.year) if since else "",),
        )
        kept = (
            (row["id"], row["updated_seq"])
            for row in rows
            if _active_since(row["last_date"], since)
        )
        return self._states(list(itertools.islice(kept, MAX_CANDIDATES)))

    def _states(self, wanted: list[tuple[str, int]]) -> list[EventState]:
        """The events (id, updated_seq), from memory where that version is held."""
        live = self._live
        found = {i: s for i, seq in wanted if live and (s := live.held(i, seq)) is not None}
        missing = [i for i, _ in wanted if i not in found]
        rows = list(self._chunks("SELECT * FROM events WHERE id IN ({marks})", missing))
        for state in self._with_languages([_event_state(row) for row in rows]):
            found[state.id] = state
            if live is not None:
                live.rest(state)
        return [found[i] for i, _ in wanted]

    def _with_languages(self, states: list[EventState]) -> list[EventState]:
        languages = self._event_languages([s.id for s in states])
        for state in states:
            state.languages = languages.get(state.id, frozenset())
        return states

    def _live_events(self) -> LiveEvents:
        """The in-memory index, caught up when other connections have committed since."""
        version = self._data_version()
        live = self._live
        if live is None or (live.version != version and not self._caught_up(live)):
            live = self._live = self._load_live_events()
        live.version = version
        return live

    def _load_live_events(self) -> LiveEvents:
        live = LiveEvents(CANDIDATE_WINDOW_DAYS, MAX_CANDIDATES)
        # Read before the events: a commit in between is then read again when
        # catching up, never missed.
        marks = self._row(MARKS)
        assert marks is not None
        live.seq, live.history_seq, live.resets = (int(mark) for mark in marks)
        newest = _date(self._value("SELECT max(last_date) FROM events"))
        if newest is not None:
            live.floor = live.reach(newest.start)
        # Stored dates may be partial ("2020-10"): select by year, keep by day.
        year = str(live.floor.year) if live.floor else ""
        rows = self.db.execute(
            "SELECT * FROM events WHERE merged_into IS NULL AND last_date >= ?", (year,)
        )
        undated = self.db.execute(
            "SELECT * FROM events WHERE merged_into IS NULL AND last_date IS NULL "
            "ORDER BY updated_seq DESC LIMIT ?",
            (MAX_CANDIDATES,),
        )
        totals = {row["id"]: _event_totals(row) for row in [*rows, *undated]}
        states = [arithmetic.state_of(i, made, frozenset()) for i, made in totals.items()]
        for state in self._with_languages(states):
            if live.floor is None or state.last_day is None or state.last_day >= live.floor:
                live.put(state, totals[state.id])
            else:
                live.pruned_seq = max(live.pruned_seq, state.updated_seq)
        self._load_sums(live)
        older = self._value(
            "SELECT max(updated_seq) FROM events WHERE merged_into IS NULL AND last_date < ?",
            (year,),
        )
        live.pruned_seq = max(live.pruned_seq, older or 0)
        return live

    def _caught_up(self, live: LiveEvents) -> bool:
        """Bring the index up to other connections' commits by reading only what
        they changed (store/live.py); False when it must be rebuilt instead.

        Reading again what the index already reflects is harmless (a row read
        anew is the row as it is), so the marks may lag but never run ahead:
        each is taken from rows read before the events they point to.
        """
        asked = [  # sent together: one round trip to a server
            self.db.execute(ADDED, (live.seq, CATCH_UP_MOST + 1)),
            self.db.execute(HISTORY, (live.history_seq, CATCH_UP_MOST + 1)),
            self.db.execute(CHANGED, (live.seq, live.history_seq, CATCH_UP_MOST + 1)),
            self.db.execute("SELECT n, total FROM stream_stats WHERE key = '*'"),
            self.db.execute(LANGUAGES_WRITTEN, (live.seq,)),
            self.db.execute(RESETS),  # last: an erasure meanwhile is not missed
        ]
        added, history, changed, stream, sums, resets = [c.fetchall() for c in asked]
        too_many = max(len(added), len(history), len(changed)) > CATCH_UP_MOST
        if too_many or resets[0][0] != live.resets:
            return False
        originals = [row for row in added if row["copy_of"] is None]
        # The alerts' views of these events (alerts.py) no longer say what the store does.
        self._forget_views(
            *(row["id"] for row in changed), *(row["event_id"] for row in [*added, *history])
        )
        self._follow_events(live, changed, originals, history)
        self._follow_sums(live, stream, sums)
        live.seq = max([live.seq, *(row["seq"] for row in added)])
        live.history_seq = max([live.history_seq, *(row["seq"] for row in history)])
        dated = [PartialDate.parse(row["date"]).start for row in originals if row["date"]]
        if dated:
            live.advance(max(dated))
        return True

    def _follow_events(
        self, live: LiveEvents, changed: list[Row], added: list[Row], history: list[Row]
    ) -> None:
        """The changed events' rows into the index; those merged away out of it."""
        rows = {row["id"]: row for row in changed}  # an event may be read twice
        for event_id in [i for i, row in rows.items() if row["merged_into"] is not None]:
            live.forget(event_id)
            del rows[event_id]
        languages = self._languages_after(live, rows, added, {r["event_id"] for r in history})
        for event_id, row in rows.items():
            made = _event_totals(row)
            state = arithmetic.state_of(event_id, made, languages.get(event_id, frozenset()))
            live.follow(state, made)

    def _languages_after(
        self, live: LiveEvents, rows: dict[str, Row], added: list[Row], moved: set[str]
    ) -> dict[str, frozenset[str]]:
        """The changed events' languages: what the index knew and the new articles'
        languages; read anew where articles moved between events, or where the
        event's older articles are unknown here."""
        new: dict[str, set[str]] = {}
        for row in added:
            new.setdefault(row["event_id"], set()).add(row["lang"])
        count = Counter(row["event_id"] for row in added)
        found: dict[str, frozenset[str]] = {}
        for event_id, row in rows.items():
            langs = new.get(event_id, set())
            held = live.events.get(event_id)
            if event_id in moved:
                continue
            if held is not None:
                found[event_id] = held.languages | langs
            elif row["size"] == count[event_id]:
                found[event_id] = frozenset(langs)  # opened since: all its articles are new
        return found | self._event_languages([i for i in rows if i not in found])

    def _follow_sums(self, live: LiveEvents, stream: list[Row], sums: list[Row]) -> None:
        """The running sums that changed: the stream's, and those of the languages written."""
        if stream:
            live.stream = StreamStats(stream[0]["n"], _vector(stream[0]["total"]))
        for row in sums:
            live.languages[row["lang"]] = (row["n"], _vector(row["total"]))

    def _load_sums(self, live: LiveEvents) -> None:
        """The running sums, into the index: read for every article, written by each."""
        found = self._row("SELECT n, total FROM stream_stats WHERE key = '*'")
        if found:
            live.stream = StreamStats(found["n"], _vector(found["total"]))
        for row in self.db.execute("SELECT lang, n, total FROM language_stats ORDER BY lang"):
            live.languages[row["lang"]] = (row["n"], _vector(row["total"]))

    def _event_languages(self, event_ids: list[str]) -> dict[str, frozenset[str]]:
        """The languages each event's articles are written in."""
        found: dict[str, set[str]] = {}
        sql = (
            "SELECT DISTINCT event_id, lang FROM articles "
            "WHERE copy_of IS NULL AND event_id IN ({marks})"
        )
        for row in self._chunks(sql, event_ids):
            found.setdefault(row["event_id"], set()).add(row["lang"])
        return {event_id: frozenset(langs) for event_id, langs in found.items()}

    def language_mean(self, lang: str) -> tuple[int, np.ndarray | None]:
        n, total = self._live_events().languages.get(lang, (0, None))
        return (0, None) if total is None else (n, total / n)

    def language_counts(self) -> dict[str, int]:
        """Each language's count, by language: sums over them add in one order everywhere."""
        languages = self._live_events().languages
        return {lang: languages[lang][0] for lang in sorted(languages)}

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        sql = "SELECT term, df FROM term_stats WHERE term IN ({marks})"
        return {row["term"]: row["df"] for row in self._chunks(sql, list(terms))}

    def stream_stats(self) -> StreamStats:
        return self._live_events().stream

    # -- writing -----------------------------------------------------------

    def add(self, article: Article, features: Features, decision: Decision) -> str:
        """Store the article and its link; returns the event id. Call inside transaction()."""
        self.check_settings(features)
        self._ask_subscriptions()  # answered with the article's row: no round trip of its own
        event_id = decision.event_id or _new_event_id(article)
        seq = self._insert_article(event_id, article, features, decision)
        if decision.event_id is None:
            made = arithmetic.opened(article, features, decision, seq)
            self._insert_event(event_id, made)
            self._note(Noted("opened", event_id, article.id))
        else:
            self._note(Noted("grew", event_id, article.id))
            made = arithmetic.joined(self._totals(event_id), article, features, decision, seq)
            self._update_event(event_id, made)
        keys = SearchKeys(_fold_or_empty(made.headline), list(made.names))
        self._view_grew(event_id, article, keys, opened=decision.event_id is None)
        self._count(article.lang, features.vector, features.terms)
        self._sync_live(event_id, made, article.lang)
        for old in decision.merge:
            self.merge(old, event_id, {"article": article.id})
        if self._live is not None and article.date is not None:
            self._live.advance(article.date.start)
        return event_id

    def _insert_article(
        self, event_id: str, article: Article, features: Features, decision: Decision
    ) -> int:
        """The article's row; returns its place in the store (seq)."""
        try:
            row = self._row(
                "INSERT INTO articles (id, content_hash, event_id, raw_text, text, title, "
                "title_key, lang, lang_confidence, date, date_inferred, url, source, origin, "
                "link_score, evidence, vector, names, comparable, terms, numbers, aligned, "
                "warnings) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "RETURNING seq",
                (
                    *_article_columns(article, event_id),
                    decision.score,
                    json.dumps(decision.evidence),
                    _blob(features.vector),
                    json.dumps(features.names),
                    # What the event absorbs, kept so it can be rebuilt (hindsight).
                    _blob(decision.vector),
                    json.dumps(decision.terms),
                    json.dumps(features.numbers),
                    _blob(features.aligned),
                    json.dumps(article.warnings),
                ),
            )
        except self._integrity_errors() as error:
            raise StoreError(f"article {article.id!r} is already stored: {error}") from error
        assert row is not None
        self._wrote_seq = max(self._wrote_seq, int(row[0]))
        return int(row[0])

    def add_copy(self, article: Article, original_id: str) -> str:
        """Store the article as a copy of `original_id`, in its event; returns the
        event id. No sums change: the copy is no new evidence. Call inside transaction()."""
        event_id = self._value("SELECT event_id FROM articles WHERE id = ?", (original_id,))
        if event_id is None:
            raise StoreError(f"no article {original_id!r} to store a copy of")
        try:
            self.db.execute(
                "INSERT INTO articles (id, content_hash, event_id, raw_text, text, title, "
                "title_key, lang, lang_confidence, date, date_inferred, url, source, origin, "
                "evidence, names, warnings, copy_of) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)",
                (
                    *_article_columns(article, event_id),
                    json.dumps({"copy_of": original_id}),
                    json.dumps(article.warnings),
                    original_id,
                ),
            )
        except self._integrity_errors() as error:
            raise StoreError(f"article {article.id!r} is already stored: {error}") from error
        self._note(Noted("grew", str(event_id), article.id))
        self._view_grew(str(event_id), article, None, copy_of=original_id)
        return str(event_id)

    def _integrity_errors(self) -> tuple[type[BaseException], ...]:
        """The driver's error for a row that breaks a unique key."""
        return ()

    def check_settings(self, features: Features) -> None:
        """Refuse (StoreError) vectors made otherwise than the store's; inside transaction()."""
        self._check_settings({"space": features.space, **features.recipe})

    def _check_settings(self, wanted: dict[str, str]) -> None:
        """Vectors made with other settings cannot be compared: a store keeps its first."""
        for name, value in wanted.items():
            if self._settings.get(name) == value:
                continue
            recorded = self._value("SELECT value FROM meta WHERE key = ?", (name,))
            if recorded is None:
                self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (name, value))
            elif recorded == value:
                self._settings[name] = value  # recorded and committed: it never changes
            else:
                raise _settings_differ(self.key, name, recorded, value)

    def _insert_event(self, event_id: str, made: EventTotals) -> None:
        self._send(
            "INSERT INTO events (id, headline, headline_key, headline_lang, first_date, "
            "last_date, updated_seq, size, centroid, names, terms, numbers, aligned) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (event_id, *_event_values(made)),
        )

    def _update_event(self, event_id: str, made: EventTotals) -> None:
        self._send(
            "UPDATE events SET headline = ?, headline_key = ?, headline_lang = ?, "
            "first_date = ?, last_date = ?, updated_seq = ?, size = ?, centroid = ?, "
            "names = ?, terms = ?, numbers = ?, aligned = ? WHERE id = ?",
            (*_event_values(made), event_id),
        )

    def _totals(self, event_id: str) -> EventTotals:
        """What the event's row holds: from the index when it has the event."""
        live = self._current_live()
        held = live.totals.get(event_id) if live else None
        if held is not None:
            return held
        row = self._row("SELECT * FROM events WHERE id = ?", (event_id,))
        if row is None:
            raise StoreError(f"no event {event_id!r} to write to")
        return _event_totals(row)

    def _stamp_live(self, before: int) -> None:
        """This transaction commits as the store's write number `before` + 1: the
        index reflects it too if it reflected every one before (else it catches
        up on its next read: its own writes are read again then, harmlessly)."""
        live = self._live
        if live is not None and live.version == before:
            live.version = before + 1
            live.seq = max(live.seq, self._wrote_seq)  # every article before it is reflected

    def _current_live(self) -> LiveEvents | None:
        """The index if nothing was committed since it was made (never read anew here)."""
        live = self._live
        return live if live is not None and live.version == self._data_version() else None

    def _known_live(self, event_id: str) -> bool:
        """Whether the event is live (not merged away), as the up-to-date index knows."""
        live = self._current_live()
        return live is not None and event_id in live.events

    def _sync_live(self, event_id: str, made: EventTotals, lang: str | None = None) -> None:
        """Bring the index's copy of one event in line with what was just written."""
        if self._live is None:
            return
        known = self._live.events.get(event_id)
        # An event of one article (just opened) is in that article's language.
        if lang is not None and (known is not None or made.size == 1):
            languages = (known.languages if known else frozenset()) | {lang}
        else:
            languages = self._event_languages([event_id]).get(event_id, frozenset())
        self._live.put(arithmetic.state_of(event_id, made, languages), made)

    def _count(self, lang: str, vector: np.ndarray, terms: Counter[str]) -> None:
        """Add an original article to the running sums: its language's, the stream's,
        its words' document counts."""
        n, mean = self.language_mean(lang)
        language = (n + 1, _f32(vector if mean is None else mean * n + vector))
        stats = self.stream_stats()
        stream = StreamStats(
            stats.n + 1, _f32(vector if stats.raw_total is None else stats.raw_total + vector)
        )
        self._write_sums(stream, lang, language, terms)
        live = self._live_events()
        live.languages[lang] = language
        live.stream = stream

    def _write_sums(
        self, stream: StreamStats, lang: str, language: tuple[int, np.ndarray], terms: Counter[str]
    ) -> None:
        self._send(
            "INSERT INTO stream_stats (key, n, total) VALUES ('*', ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET n = excluded.n, total = excluded.total",
            (stream.n, _blob(stream.raw_total)),
        )
        self._send(
            "INSERT INTO language_stats (lang, n, total) VALUES (?, ?, ?) "
            "ON CONFLICT (lang) DO UPDATE SET n = excluded.n, total = excluded.total",
            (lang, language[0], _blob(language[1])),
        )
        self.db.executemany(
            "INSERT INTO term_stats (term, df) VALUES (?, 1) "
            "ON CONFLICT (term) DO UPDATE SET df = term_stats.df + 1",
            [(term,) for term in terms],
        )

    def merge(self, old_id: str, new_id: str, evidence: dict | None = None) -> None:
        """Fold event `old_id` into `new_id`; `old_id` keeps resolving to `new_id`.

        Call inside transaction().
        """
        old = self._row("SELECT * FROM events WHERE id = ?", (old_id,))
        new = self._row("SELECT * FROM events WHERE id = ?", (new_id,))
        if old is None or new is None or old_id == new_id or old["merged_into"]:
            raise StoreError(f"cannot merge event {old_id!r} into {new_id!r}")
        made = arithmetic.merged(_event_totals(new), _event_totals(old))
        self._update_event(new_id, made)
        moved = self.article_ids_of(old_id)
        why = {"by": "arrival", "kind": "merge", "from": old_id} | (evidence or {})
        self.db.execute(
            "UPDATE articles SET event_id = ?, relinked = ? WHERE event_id = ?",
            (new_id, json.dumps(why), old_id),
        )
        self.db.execute("UPDATE events SET merged_into = ? WHERE id = ?", (new_id, old_id))
        self._record("merge", old_id, new_id, moved, why)
        self._note(Noted("merged", new_id, other_id=old_id, article_ids=moved))
        self._forget_views(old_id, new_id)
        if self._live is not None:
            self._live.drop(old_id)
            self._sync_live(new_id, made)

    # -- hindsight (consolidation) -------------------------------------------

    def window(self, days: float, max_articles: int) -> list[Member]:
        """The articles of the live events still active: dated within `days` of the
        newest date, or grown by one of the last `max_articles` articles; most
        recently grown first, up to `max_articles` articles in all. Events with
        articles stored before evidence was kept are left as they are."""
        newest = _date(self._value("SELECT max(last_date) FROM events"))
        since = newest.start - dt.timedelta(days=days) if newest else None
        last_seq = self._value("SELECT max(seq) FROM articles") or 0
        rows = self.db.execute(
            "SELECT id, size, last_date, updated_seq FROM events WHERE merged_into IS NULL "
            "AND (last_date >= ? OR updated_seq > ?) ORDER BY updated_seq DESC",
            (str(since.year) if since else "", last_seq - max_articles),
        )
        chosen, total = [], 0
        for row in rows:
            recent = row["updated_seq"] > last_seq - max_articles
            if not recent and not _active_since(row["last_date"], since):
                continue
            if total + row["size"] > max_articles:
                break
            chosen.append(row["id"])
            total += row["size"]
        return [m for event_id in chosen for m in self._members(event_id)]

    def space(self) -> str:
        """The encoder the store's vectors come from ('' while it holds none)."""
        return self._value("SELECT value FROM meta WHERE key = 'space'") or ""

    def article_ids_of(self, event_id: str) -> list[str]:
        """The event's original articles (copies follow them), in arrival order."""
        rows = self.db.execute(
            "SELECT id FROM articles WHERE event_id = ? AND copy_of IS NULL ORDER BY seq",
            (event_id,),
        )
        return [row["id"] for row in rows]

    def _members(self, event_id: str) -> list[Member]:
        rows = self.db.execute(
            "SELECT seq, id, event_id, lang, date, date_inferred, vector, comparable, names, "
            "terms, numbers, aligned FROM articles WHERE event_id = ? AND copy_of IS NULL "
            "ORDER BY seq",
            (event_id,),
        ).fetchall()
        members = [_member(row) for row in rows if row["comparable"] is not None]
        # Stored before evidence was kept, or too short to link (nothing to
        # compare: a zero vector): the event is left as it is.
        if len(members) < len(rows) or any(not m.comparable.any() for m in members):
            return []
        return members

    def move(self, change: Change, relinked: dict) -> None:
        """Move articles between events as consolidation decided. Call inside transaction()."""
        target = self._row("SELECT merged_into FROM events WHERE id = ?", (change.target,))
        if target is None:
            self._open_empty(change.target)
        elif target["merged_into"] is not None:  # an id that was merged away comes back
            self.db.execute("UPDATE events SET merged_into = NULL WHERE id = ?", (change.target,))
        marks = ",".join("?" * len(change.article_ids))
        # Copies go where their originals go.
        self.db.execute(
            f"UPDATE articles SET event_id = ?, relinked = ? "
            f"WHERE id IN ({marks}) OR copy_of IN ({marks})",
            (change.target, json.dumps(relinked), *change.article_ids, *change.article_ids),
        )
        if change.kind == "merge":
            self.db.execute(
                "UPDATE events SET merged_into = ? WHERE id = ?", (change.target, change.source)
            )
        else:
            self.rebuild(change.source)
        self.rebuild(change.target)
        self._record(change.kind, change.source, change.target, change.article_ids, relinked)
        if change.kind == "merge":
            self._note(Noted("merged", change.target, None, change.source, change.article_ids))
        else:
            self._note(Noted("split", change.source, None, change.target, change.article_ids))
        self._live = None  # rebuilt from the store on the next read

    def _open_empty(self, event_id: str) -> None:
        self.db.execute(
            "INSERT INTO events (id, headline, headline_key, headline_lang, updated_seq, size, "
            "names) VALUES (?, '', '', '', 0, 0, '{}')",
            (event_id,),
        )

    def rebuild(self, event_id: str) -> None:
        """Recompute an event's sums from the articles it now holds."""
        members = self._members(event_id)
        if not members:
            raise StoreError(
                f"cannot rebuild event {event_id!r}: it holds no articles with evidence"
            )
        self._update_event(event_id, arithmetic.rebuilt(members, *self._headline_of(event_id)))
        self._forget_views(event_id)

    def _headline_of(self, event_id: str) -> tuple[str, str]:
        """The search key and its language, by the one headline rule, for a rebuilt event."""
        rows = self.db.execute(
            "SELECT lang, title, text FROM articles WHERE event_id = ? ORDER BY seq", (event_id,)
        ).fetchall()
        chosen = rows[headline_source([(row["lang"], row["title"]) for row in rows])]
        return headline_text(chosen["title"], chosen["text"]), chosen["lang"]

    def _record(self, kind: str, source: str, target: str, ids: list[str], evidence: dict) -> None:
        """Both events' history: `source` split into / merged into `target`, and back."""
        self.db.executemany(
            "INSERT INTO event_history (event_id, kind, other_id, article_ids, evidence) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (source, f"{kind}_into", target, json.dumps(ids), json.dumps(evidence)),
                (target, f"{kind}_from", source, json.dumps(ids), json.dumps(evidence)),
            ],
        )

    def history(self, event_id: str) -> list[dict]:
        """The merges and splits an event took part in, oldest first."""
        rows = self.db.execute(
            "SELECT * FROM event_history WHERE event_id = ? ORDER BY seq", (event_id,)
        )
        return [
            {
                "at": row["at"],
                "kind": row["kind"],
                "event_id": row["other_id"],
                "article_ids": json.loads(row["article_ids"]),
                "evidence": json.loads(row["evidence"]),
            }
            for row in rows
        ]

    def consolidation_counts(self) -> dict[str, int]:
        """How many splits and merges consolidation made (not those made on arrival)."""
        rows = self.db.execute(
            "SELECT kind, evidence FROM event_history WHERE kind IN ('split_into', 'merge_into')"
        )
        made = Counter(
            row["kind"].removesuffix("_into")
            for row in rows
            if json.loads(row["evidence"]).get("by") == "consolidation"
        )
        return {"split": made["split"], "merge": made["merge"]}

    # -- reading -----------------------------------------------------------

    def resolve(self, event_id: str) -> str:
        """The live id of an event, following merges."""
        seen = set()
        while event_id not in seen:
            seen.add(event_id)
            row = self._row("SELECT merged_into FROM events WHERE id = ?", (event_id,))
            if row is None:
                raise NotFound(
                    f"no event {event_id!r}", hint="list the events with `babelwire events`"
                )
            if row["merged_into"] is None:
                return event_id
            event_id = row["merged_into"]
        raise StoreError(f"merge cycle at event {event_id!r}")

    def events(self, limit: int | None = None) -> list[Event]:
        sql = "SELECT * FROM events WHERE merged_into IS NULL ORDER BY updated_seq DESC"
        rows = self.db.execute(
            sql if limit is None else f"{sql} LIMIT ?", () if limit is None else (limit,)
        ).fetchall()
        return self._events(rows)

    def event(self, event_id: str) -> Event:
        live = self.resolve(event_id)
        return self._events([self._row("SELECT * FROM events WHERE id = ?", (live,))])[0]

    def _events(self, rows: list[Row]) -> list[Event]:
        """The events of these rows, their articles read CHUNK events at a time."""
        members: dict[str, list[Row]] = {row["id"]: [] for row in rows}
        sql = (
            "SELECT seq, id, event_id, lang, title, source, url, date, ingested_at "
            "FROM articles WHERE event_id IN ({marks}) ORDER BY seq"
        )
        for member in self._chunks(sql, list(members)):
            members[member["event_id"]].append(member)
        if self._activity is not None:
            for row in rows:
                self._remember_activity(row, members[row["id"]])
        return [self._event(row, members[row["id"]]) for row in rows]

    def _remember_activity(self, row: Row, members: list[Row]) -> None:
        """What last_update() and article_days() would read again, while the snapshot lasts."""
        latest = [m["ingested_at"] for m in members if m["seq"] == row["updated_seq"]]
        if latest and self._activity is not None:
            days = sorted(PartialDate.parse(m["date"]).start for m in members if m["date"])
            self._activity[row["id"]] = (latest[0], days)

    def _event(self, row: Row, members: list[Row]) -> Event:
        outlets = {outlet(m["source"], m["url"]) for m in members}
        return Event(
            id=row["id"],
            headline=self._headline(members) if members else row["headline"],
            article_ids=[m["id"] for m in members],
            languages=sorted({m["lang"] for m in members}),
            sources=event_sources(outlets),
            first_date=_date(row["first_date"]),
            last_date=_date(row["last_date"]),
            updated_seq=row["updated_seq"],
        )

    def _headline(self, members: list[Row]) -> str:
        """The headline by describe's rule, so the list and the description agree.

        Computed on read from the rows the list reads anyway (languages and
        titles choose the article): one article's text at most is read more.
        """
        chosen = members[headline_source([(m["lang"], m["title"]) for m in members])]
        if chosen["title"]:
            return headline_text(chosen["title"], "")
        text = self._value("SELECT text FROM articles WHERE seq = ?", (chosen["seq"],))
        return headline_text(None, text)

    def event_articles(self, event_id: str) -> list[LinkedArticle]:
        live = self.resolve(event_id)
        rows = self.db.execute(
            "SELECT * FROM articles WHERE event_id = ? ORDER BY seq", (live,)
        ).fetchall()
        return [_linked(row) for row in rows]

    def article(self, article_id: str) -> LinkedArticle:
        row = self._row("SELECT * FROM articles WHERE id = ?", (article_id,))
        if row is None:
            raise NotFound(f"no article {article_id!r}", hint="check the id")
        return _linked(row)

    def count_articles(self) -> int:
        return int(self._value("SELECT count(*) FROM articles"))

    # -- the service's lists -------------------------------------------------

    def find_events(self, wanted: EventFilter) -> list[Event]:
        """Live events matching every given filter, most recent activity first."""
        where, params = ["e.merged_into IS NULL"], []
        for clause, values in self._clauses(wanted):
            where.append(clause)
            params.extend(values)
        rows = self.db.execute(
            f"SELECT e.* FROM events e WHERE {' AND '.join(where)} "
            "ORDER BY e.updated_seq DESC LIMIT ?",
            [*params, wanted.limit],
        ).fetchall()
        return self._events(rows)

    def _clauses(self, wanted: EventFilter) -> list[tuple[str, list[Any]]]:
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
                clauses.append(self._word_clause(key))
        return clauses

    def _word_clause(self, key: str) -> tuple[str, list[Any]]:
        """One search word, folded as the linker folds names (`fold`: accents, case,
        scripts and spellings, so "Bishkek" finds "Бишкек"; only a-z and 0-9 remain):
        an event matches when the word is inside its headline's key or an article's
        title key, or begins one of its names (an article's, which are the event's).

        A word of three letters or more is looked up in the text index
        (migration 13: trigrams); a shorter one holds no trigram and is looked
        for event by event, with the same meaning.
        """
        if len(key) < INDEXED_WORD:
            return self._scanned_word(key)
        return f"e.id IN ({self.SEARCH})", self._search_terms(key)

    # The events a word is found in through the text index: each backend's
    # statement, whose parameters are _search_terms(key).
    SEARCH = ""

    @abstractmethod
    def _search_terms(self, key: str) -> list[str]:
        """The parameters of SEARCH for one folded word."""

    def _scanned_word(self, key: str) -> tuple[str, list[Any]]:
        def contains(column: str) -> str:
            return self.CONTAINS.format(column=column)

        return (
            f"({contains('e.headline_key')} OR {contains('e.names')} OR EXISTS (SELECT 1 "
            f"FROM articles a WHERE a.event_id = e.id AND {contains('a.title_key')}))",
            # names is a JSON object keyed by folded names: match a key's start.
            [key, f'"{key}', key],
        )

    def languages(self) -> list[str]:
        """Every language some stored article is in.

        Every original's language is counted in language_stats: only the copies'
        are looked for among the articles (copies are few and indexed), so the
        answer does not grow with the store.
        """
        rows = self.db.execute(
            "SELECT lang FROM language_stats UNION ALL "
            "SELECT lang FROM articles WHERE copy_of IS NOT NULL"
        )
        return sorted({row["lang"] for row in rows})

    def last_update(self, event: Event) -> str | None:
        """When the event last changed: the arrival time of its latest article."""
        if self._activity and event.id in self._activity:
            return self._activity[event.id][0]
        return self._value("SELECT ingested_at FROM articles WHERE seq = ?", (event.updated_seq,))

    def article_days(self, event_id: str) -> list[dt.date]:
        """The publication day (first possible) of each dated article of the event."""
        if self._activity and event_id in self._activity:
            return self._activity[event_id][1]
        rows = self.db.execute(
            "SELECT date FROM articles WHERE event_id = ? AND date IS NOT NULL", (event_id,)
        ).fetchall()
        return sorted(PartialDate.parse(row["date"]).start for row in rows)

    # -- feed state ----------------------------------------------------------

    def entry_seen(self, feed: str, entry: str) -> bool:
        found = self._row("SELECT 1 FROM feed_entries WHERE feed = ? AND entry = ?", (feed, entry))
        return found is not None

    def mark_entry_seen(self, feed: str, entry: str, article_id: str | None) -> None:
        self.db.execute(
            "INSERT INTO feed_entries (feed, entry, article_id) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (feed, entry, article_id),
        )

    def erase(self) -> None:
        """Delete every article, event and statistic; the settings go too."""
        with self.transaction():
            for table in ERASED_TABLES:
                self.db.execute(f"DELETE FROM {table}")
            # No live index can catch up with this: each is rebuilt (store/live.py).
            self.db.execute(
                "INSERT INTO store_changes (id, n) VALUES (2, 1) "
                "ON CONFLICT (id) DO UPDATE SET n = store_changes.n + 1"
            )
        self._settings = {}
        self._live = None


ERASED_TABLES = (
    "articles",
    "events",
    "language_stats",
    "stream_stats",
    "term_stats",
    "event_history",
    "feed_entries",
    "meta",
    "changes",
    "deliveries",
)


def _settings_differ(key: str, name: str, recorded: str, value: str) -> StoreError:
    if name == "space":
        return StoreError(
            f"the store {key} holds vectors of the encoder {recorded!r}, "
            f"and this article was encoded with {value!r}: the two cannot be compared",
            hint="set BABELWIRE_ENCODER back to the encoder the store was built with "
            "(e5 for e5-small-q4-query, use for use-m3-denoise, openai with "
            "BABELWIRE_ENCODER_MODEL and _PREFIX for openai:<model> [prefix ...]), "
            "or name a new store with --db",
        )
    if name == "dimensions":
        return StoreError(
            f"the store {key} holds vectors of {recorded} numbers, and this article's has "
            f"{value}: the encoder's model is not the one the store was built with",
            hint="point BABELWIRE_ENCODER_URL at a server with the store's model, "
            "or name a new store with --db",
        )
    setting = f"BABELWIRE_{name.upper()}"
    return StoreError(
        f"the store {key} holds vectors made with {setting}={recorded}, and this article "
        f"was encoded with {setting}={value}: the two cannot be compared",
        hint=f"set {setting}={recorded} as the store was built, or name a new store with --db",
    )


def _parse_date(name: str, text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except ValueError as error:
        raise InputError(
            f"`{name}` is not a date: {text!r}", hint="write YYYY, YYYY-MM or YYYY-MM-DD"
        ) from error


def _article_columns(article: Article, event_id: str) -> tuple:
    """What every stored article has, original or copy, in the order the INSERTs name it:
    id, content_hash, event_id, raw_text, text, title, title_key, lang,
    lang_confidence, date, date_inferred, url, source, origin."""
    return (
        article.id,
        article.content_hash,
        event_id,
        article.raw_text,
        article.text,
        article.title,
        _fold_or_empty(article.title),
        article.lang,
        article.lang_confidence,
        str(article.date) if article.date else None,
        int(article.date_inferred),
        article.url,
        article.source,
        article.origin,
    )


def _fold_or_empty(text: str | None) -> str:
    return fold(text) if text else ""


def _new_event_id(article: Article) -> str:
    # Derived from the opening article, so replaying a stream gives the same ids.
    return "ev-" + article.content_hash[:12]


def _event_values(made: EventTotals) -> tuple[Any, ...]:
    """An event's columns from headline to aligned, in the order the statements name them."""
    return (
        made.headline,
        _fold_or_empty(made.headline),
        made.headline_lang,
        str(made.first_date) if made.first_date else None,
        str(made.last_date) if made.last_date else None,
        made.updated_seq,
        made.size,
        _blob(made.centroid),
        json.dumps(made.names),
        json.dumps(made.terms),
        json.dumps(made.numbers),
        _blob(made.aligned),
    )


def _vector(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


def _optional_vector(blob: bytes | None) -> np.ndarray | None:
    return None if blob is None else _vector(blob)


def _blob(vector: np.ndarray | None) -> bytes | None:
    return None if vector is None else vector.astype(np.float32).tobytes()


def _f32(vector: np.ndarray) -> np.ndarray:
    """A sum as the store keeps it, so memory and disk hold the same numbers."""
    return np.asarray(vector, dtype=np.float32)


def _date(text: str | None) -> PartialDate | None:
    return PartialDate.parse(text) if text else None


def _active_since(last_date: str | None, since: dt.date | None) -> bool:
    last = _date(last_date)
    return since is None or last is None or last.end >= since


def _event_totals(row: Row) -> EventTotals:
    return EventTotals(
        centroid=_vector(row["centroid"]),
        names=Counter(json.loads(row["names"])),
        terms=json.loads(row["terms"]),
        numbers=Counter(json.loads(row["numbers"])),
        aligned=_optional_vector(row["aligned"]),
        first_date=_date(row["first_date"]),
        last_date=_date(row["last_date"]),
        size=row["size"],
        updated_seq=row["updated_seq"],
        headline=row["headline"],
        headline_lang=row["headline_lang"],
    )


def _event_state(row: Row) -> EventState:
    return arithmetic.state_of(row["id"], _event_totals(row), frozenset())


def _member(row: Row) -> Member:
    return Member(
        id=row["id"],
        seq=row["seq"],
        event_id=row["event_id"],
        lang=row["lang"],
        date=_date(row["date"]),
        date_inferred=bool(row["date_inferred"]),
        vector=_vector(row["vector"]),
        comparable=_vector(row["comparable"]),
        names=Counter(json.loads(row["names"])),
        terms=json.loads(row["terms"]),
        numbers=Counter(json.loads(row["numbers"])),
        aligned=_optional_vector(row["aligned"]),
    )


def _linked(row: Row) -> LinkedArticle:
    article = Article(
        id=row["id"],
        raw_text=row["raw_text"],
        text=row["text"],
        content_hash=row["content_hash"],
        title=row["title"],
        lang=row["lang"],
        lang_confidence=row["lang_confidence"],
        date=_date(row["date"]),
        date_inferred=bool(row["date_inferred"]),
        url=row["url"],
        source=row["source"],
        origin=row["origin"],
        warnings=json.loads(row["warnings"]),
        copy_of=row["copy_of"],
    )
    relinked = row["relinked"]
    return LinkedArticle(
        article,
        row["event_id"],
        row["link_score"],
        json.loads(row["evidence"]),
        row["ingested_at"],
        json.loads(relinked) if relinked else None,
    )
