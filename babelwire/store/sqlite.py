"""The embedded store: one SQLite file (or `:memory:` for tests).

Durability and concurrency come from SQLite itself: WAL journaling, and one
`BEGIN IMMEDIATE` transaction per article that re-checks identity, reads the
live events, and writes the article with its link. A process killed at any
moment leaves every committed article whole; two processes ingesting at once
take turns per article, so neither duplicates nor half-writes anything.
What the linker reads for every article, the live events, is also kept in
memory (store/live.py), so its cost does not grow with the store.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from babelwire.cluster.base import Decision, EventState, StreamStats
from babelwire.cluster.events import Change, Member, totals
from babelwire.describe.headline import headline_source, headline_text
from babelwire.errors import NotFound, StoreError
from babelwire.model import Article, Event, PartialDate, outlet
from babelwire.represent import Features, lexical
from babelwire.store.live import LiveEvents
from babelwire.store.schema import MIGRATIONS

# Live events an article is compared with: the most recently active ones
# whose dates are close enough. Bounded, so linking cost does not grow with
# the store.
CANDIDATE_WINDOW_DAYS = 30
MAX_CANDIDATES = 1000


@dataclass
class LinkedArticle:
    article: Article
    event_id: str
    score: float | None
    evidence: dict[str, Any]  # why it joined on arrival
    ingested_at: str | None = None
    relinked: dict[str, Any] | None = None  # why consolidation moved it, if it did


class SQLiteStore:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._db: sqlite3.Connection | None = None
        self._live: LiveEvents | None = None
        self._space: str | None = None  # the encoder the store was found built with

    # -- opening -----------------------------------------------------------

    @staticmethod
    def exists(path: str | Path) -> bool:
        """Whether a store is already at `path`; opening one that is not creates it."""
        return str(path) != ":memory:" and Path(path).is_file()

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = self._connect()
        return self._db

    def _connect(self) -> sqlite3.Connection:
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            _migrate(db)
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"cannot open the store {self.path}: {error}",
                hint="check the path, or name another file with --db",
            ) from error
        return db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        self._live = None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of work; other writers wait until it ends."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            self._live = None  # it may hold writes that never happened
            raise
        self.db.execute("COMMIT")

    # -- identity ----------------------------------------------------------

    def known(self, article_id: str, content_hash: str) -> str | None:
        """The id under which this article (same id or same text) is stored."""
        row = self.db.execute(
            "SELECT id FROM articles WHERE id = ? OR content_hash = ? LIMIT 1",
            (article_id, content_hash),
        ).fetchone()
        return row["id"] if row else None

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
        for start in range(0, len(missing), 500):  # SQLite caps host parameters
            chunk = missing[start : start + 500]
            rows = self.db.execute(
                f"SELECT * FROM events WHERE id IN ({','.join('?' * len(chunk))})", chunk
            )
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
        """The in-memory index, rebuilt when another connection has committed since."""
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if self._live is None or self._live.version != version:
            self._live = self._load_live_events()
            self._live.version = version
        return self._live

    def _load_live_events(self) -> LiveEvents:
        live = LiveEvents(CANDIDATE_WINDOW_DAYS, MAX_CANDIDATES)
        newest = _date(self.db.execute("SELECT max(last_date) FROM events").fetchone()[0])
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
        states = [_event_state(row) for row in [*rows, *undated]]
        for state in self._with_languages(states):
            if live.floor is None or state.last_day is None or state.last_day >= live.floor:
                live.events[state.id] = state
            else:
                live.pruned_seq = max(live.pruned_seq, state.updated_seq)
        older = self.db.execute(
            "SELECT max(updated_seq) FROM events WHERE merged_into IS NULL AND last_date < ?",
            (year,),
        ).fetchone()[0]
        live.pruned_seq = max(live.pruned_seq, older or 0)
        return live

    def _sync_live(self, event_id: str, lang: str | None = None) -> None:
        """Bring the index's copy of one event in line with what was just written."""
        if self._live is None:
            return
        row = self.db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        state = _event_state(row)
        known = self._live.events.get(event_id)
        if known is not None and lang is not None:
            state.languages = known.languages | {lang}
        else:
            state.languages = self._event_languages([event_id]).get(event_id, frozenset())
        self._live.put(state)

    def _event_languages(self, event_ids: list[str]) -> dict[str, frozenset[str]]:
        """The languages each event's articles are written in."""
        found: dict[str, set[str]] = {}
        for start in range(0, len(event_ids), 500):  # SQLite caps host parameters
            chunk = event_ids[start : start + 500]
            rows = self.db.execute(
                "SELECT DISTINCT event_id, lang FROM articles "
                f"WHERE event_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for row in rows:
                found.setdefault(row["event_id"], set()).add(row["lang"])
        return {event_id: frozenset(langs) for event_id, langs in found.items()}

    def language_mean(self, lang: str) -> tuple[int, np.ndarray | None]:
        row = self.db.execute("SELECT n, total FROM language_stats WHERE lang = ?", (lang,))
        found = row.fetchone()
        if not found:
            return 0, None
        return found["n"], _vector(found["total"]) / found["n"]

    def language_counts(self) -> dict[str, int]:
        rows = self.db.execute("SELECT lang, n FROM language_stats")
        return {row["lang"]: row["n"] for row in rows}

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        wanted = list(terms)
        for start in range(0, len(wanted), 500):  # SQLite caps host parameters
            chunk = wanted[start : start + 500]
            rows = self.db.execute(
                f"SELECT term, df FROM term_stats WHERE term IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update((row["term"], row["df"]) for row in rows)
        return found

    def stream_stats(self) -> StreamStats:
        found = self.db.execute("SELECT * FROM stream_stats WHERE key = '*'").fetchone()
        if not found:
            return StreamStats(0, None)
        return StreamStats(found["n"], _vector(found["total"]))

    # -- writing -----------------------------------------------------------

    def add(self, article: Article, features: Features, decision: Decision) -> str:
        """Store the article and its link; returns the event id. Call inside transaction()."""
        self._check_space(features.space)
        event_id = decision.event_id or _new_event_id(article)
        self.db.execute(
            "INSERT INTO articles (id, content_hash, event_id, raw_text, text, title, lang, "
            "lang_confidence, date, date_inferred, url, source, origin, link_score, evidence, "
            "vector, names, comparable, terms, numbers, aligned) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.content_hash,
                event_id,
                article.raw_text,
                article.text,
                article.title,
                article.lang,
                article.lang_confidence,
                str(article.date) if article.date else None,
                int(article.date_inferred),
                article.url,
                article.source,
                article.origin,
                decision.score,
                json.dumps(decision.evidence),
                features.vector.astype(np.float32).tobytes(),
                json.dumps(features.names),
                # What the event absorbs, kept so it can be rebuilt (hindsight).
                _blob(decision.vector),
                json.dumps(decision.terms),
                json.dumps(features.numbers),
                _blob(features.aligned),
            ),
        )
        seq = self.db.execute("SELECT last_insert_rowid()").fetchone()[0]
        if decision.event_id is None:
            self._open_event(event_id, article, features, decision, seq)
        else:
            self._grow_event(event_id, article, features, decision, seq)
        self._count_language(article.lang, features.vector)
        self._count_stream(features.vector)
        self._count_terms(features.terms)
        self._sync_live(event_id, article.lang)
        for old in decision.merge:
            self.merge(old, event_id, {"article": article.id})
        if self._live is not None and article.date is not None:
            self._live.advance(article.date.start)
        return event_id

    def _check_space(self, space: str) -> None:
        """Vectors of two encoders cannot be compared: a store keeps its first encoder's."""
        if space == self._space:
            return
        row = self.db.execute("SELECT value FROM meta WHERE key = 'space'").fetchone()
        if row is not None and row["value"] == space:
            self._space = space  # recorded and committed: it never changes
        elif row is None:
            self.db.execute("INSERT INTO meta (key, value) VALUES ('space', ?)", (space,))
        else:
            raise StoreError(
                f"the store {self.path} holds vectors of the encoder {row['value']!r}, "
                f"and this article was encoded with {space!r}: the two cannot be compared",
                hint="set BABELWIRE_ENCODER back to the encoder the store was built with "
                "(e5 for e5-small-q4-query, use for use-m3-denoise), or name a new store with --db",
            )

    def _open_event(
        self, event_id: str, article: Article, features: Features, decision: Decision, seq: int
    ) -> None:
        vector, terms = decision.vector, decision.terms
        date = str(article.date) if article.date else None
        self.db.execute(
            "INSERT INTO events (id, headline, headline_lang, first_date, last_date, "
            "updated_seq, size, centroid, names, terms, numbers, aligned) "
            "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
            (
                event_id,
                _search_key(article),
                article.lang,
                date,
                date,
                seq,
                vector.astype(np.float32).tobytes(),
                json.dumps(features.names),
                json.dumps(terms),
                json.dumps(features.numbers),
                _blob(features.aligned),
            ),
        )

    def _grow_event(
        self, event_id: str, article: Article, features: Features, decision: Decision, seq: int
    ) -> None:
        vector, terms = decision.vector, decision.terms
        row = self.db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        names = Counter(json.loads(row["names"])) + features.names
        numbers = Counter(json.loads(row["numbers"])) + features.numbers
        first, last = _widen(row["first_date"], row["last_date"], article.date)
        headline, headline_lang = row["headline"], row["headline_lang"]
        if _prefer_headline(article.lang, over=headline_lang):
            headline, headline_lang = _search_key(article), article.lang
        self.db.execute(
            "UPDATE events SET headline = ?, headline_lang = ?, first_date = ?, last_date = ?, "
            "updated_seq = ?, size = size + 1, centroid = ?, names = ?, terms = ?, numbers = ?, "
            "aligned = ? WHERE id = ?",
            (
                headline,
                headline_lang,
                first,
                last,
                seq,
                (_vector(row["centroid"]) + vector).astype(np.float32).tobytes(),
                json.dumps(names),
                json.dumps(lexical.add_weights(json.loads(row["terms"]), terms)),
                json.dumps(numbers),
                _blob(_add(_optional_vector(row["aligned"]), features.aligned)),
                event_id,
            ),
        )

    def _count_language(self, lang: str, vector: np.ndarray) -> None:
        n, mean = self.language_mean(lang)
        total = vector if mean is None else mean * n + vector
        self.db.execute(
            "INSERT OR REPLACE INTO language_stats (lang, n, total) VALUES (?, ?, ?)",
            (lang, n + 1, total.astype(np.float32).tobytes()),
        )

    def _count_terms(self, terms: Counter[str]) -> None:
        self.db.executemany(
            "INSERT INTO term_stats (term, df) VALUES (?, 1) "
            "ON CONFLICT (term) DO UPDATE SET df = df + 1",
            [(term,) for term in terms],
        )

    def _count_stream(self, raw: np.ndarray) -> None:
        stats = self.stream_stats()
        total = raw if stats.raw_total is None else stats.raw_total + raw
        self.db.execute(
            "INSERT OR REPLACE INTO stream_stats (key, n, total) VALUES ('*', ?, ?)",
            (stats.n + 1, total.astype(np.float32).tobytes()),
        )

    def merge(self, old_id: str, new_id: str, evidence: dict | None = None) -> None:
        """Fold event `old_id` into `new_id`; `old_id` keeps resolving to `new_id`.

        Call inside transaction().
        """
        old = self.db.execute("SELECT * FROM events WHERE id = ?", (old_id,)).fetchone()
        new = self.db.execute("SELECT * FROM events WHERE id = ?", (new_id,)).fetchone()
        if old is None or new is None or old_id == new_id or old["merged_into"]:
            raise StoreError(f"cannot merge event {old_id!r} into {new_id!r}")
        names = Counter(json.loads(new["names"])) + Counter(json.loads(old["names"]))
        numbers = Counter(json.loads(new["numbers"])) + Counter(json.loads(old["numbers"]))
        first, last = _widen(new["first_date"], new["last_date"], _date(old["first_date"]))
        first, last = _widen(first, last, _date(old["last_date"]))
        keep = old if _prefer_headline(old["headline_lang"], over=new["headline_lang"]) else new
        self.db.execute(
            "UPDATE events SET headline = ?, headline_lang = ?, "
            "first_date = ?, last_date = ?, size = size + ?, centroid = ?, "
            "names = ?, terms = ?, numbers = ?, aligned = ?, updated_seq = max(updated_seq, ?) "
            "WHERE id = ?",
            (
                keep["headline"],
                keep["headline_lang"],
                first,
                last,
                old["size"],
                (_vector(new["centroid"]) + _vector(old["centroid"])).astype(np.float32).tobytes(),
                json.dumps(names),
                json.dumps(lexical.add_weights(json.loads(new["terms"]), json.loads(old["terms"]))),
                json.dumps(numbers),
                _blob(_add(_optional_vector(new["aligned"]), _optional_vector(old["aligned"]))),
                old["updated_seq"],
                new_id,
            ),
        )
        moved = self.article_ids_of(old_id)
        why = {"by": "arrival", "kind": "merge", "from": old_id} | (evidence or {})
        self.db.execute(
            "UPDATE articles SET event_id = ?, relinked = ? WHERE event_id = ?",
            (new_id, json.dumps(why), old_id),
        )
        self.db.execute("UPDATE events SET merged_into = ? WHERE id = ?", (new_id, old_id))
        self._record("merge", old_id, new_id, moved, why)
        if self._live is not None:
            self._live.drop(old_id)
            self._sync_live(new_id)

    # -- hindsight (consolidation) -------------------------------------------

    def window(self, days: float, max_articles: int) -> list[Member]:
        """The articles of the live events still active: dated within `days` of the
        newest date, or grown by one of the last `max_articles` articles; most
        recently grown first, up to `max_articles` articles in all. Events with
        articles stored before evidence was kept are left as they are."""
        newest = _date(self.db.execute("SELECT max(last_date) FROM events").fetchone()[0])
        since = newest.start - dt.timedelta(days=days) if newest else None
        last_seq = self.db.execute("SELECT max(seq) FROM articles").fetchone()[0] or 0
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
        row = self.db.execute("SELECT value FROM meta WHERE key = 'space'").fetchone()
        return row["value"] if row else ""

    def article_ids_of(self, event_id: str) -> list[str]:
        rows = self.db.execute(
            "SELECT id FROM articles WHERE event_id = ? ORDER BY seq", (event_id,)
        )
        return [row["id"] for row in rows]

    def _members(self, event_id: str) -> list[Member]:
        rows = self.db.execute(
            "SELECT seq, id, event_id, lang, date, date_inferred, vector, comparable, names, "
            "terms, numbers, aligned FROM articles WHERE event_id = ? ORDER BY seq",
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
        target = self.db.execute(
            "SELECT merged_into FROM events WHERE id = ?", (change.target,)
        ).fetchone()
        if target is None:
            self._open_empty(change.target)
        elif target["merged_into"] is not None:  # an id that was merged away comes back
            self.db.execute("UPDATE events SET merged_into = NULL WHERE id = ?", (change.target,))
        marks = ",".join("?" * len(change.article_ids))
        self.db.execute(
            f"UPDATE articles SET event_id = ?, relinked = ? WHERE id IN ({marks})",
            (change.target, json.dumps(relinked), *change.article_ids),
        )
        if change.kind == "merge":
            self.db.execute(
                "UPDATE events SET merged_into = ? WHERE id = ?", (change.target, change.source)
            )
        else:
            self.rebuild(change.source)
        self.rebuild(change.target)
        self._record(change.kind, change.source, change.target, change.article_ids, relinked)
        self._live = None  # rebuilt from the store on the next read

    def _open_empty(self, event_id: str) -> None:
        self.db.execute(
            "INSERT INTO events (id, headline, headline_lang, updated_seq, size, names) "
            "VALUES (?, '', '', 0, 0, '{}')",
            (event_id,),
        )

    def rebuild(self, event_id: str) -> None:
        """Recompute an event's sums from the articles it now holds."""
        members = self._members(event_id)
        if not members:
            raise StoreError(
                f"cannot rebuild event {event_id!r}: it holds no articles with evidence"
            )
        made = totals(members)
        headline, headline_lang = self._headline_of(event_id)
        self.db.execute(
            "UPDATE events SET headline = ?, headline_lang = ?, first_date = ?, last_date = ?, "
            "updated_seq = ?, size = ?, centroid = ?, names = ?, terms = ?, numbers = ?, "
            "aligned = ? WHERE id = ?",
            (
                headline,
                headline_lang,
                str(made.first_date) if made.first_date else None,
                str(made.last_date) if made.last_date else None,
                made.updated_seq,
                made.size,
                _blob(made.centroid),
                json.dumps(made.names),
                json.dumps(made.terms),
                json.dumps(made.numbers),
                _blob(made.aligned),
                event_id,
            ),
        )

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

    # -- reading -----------------------------------------------------------

    def resolve(self, event_id: str) -> str:
        """The live id of an event, following merges."""
        seen = set()
        while event_id not in seen:
            seen.add(event_id)
            row = self.db.execute(
                "SELECT merged_into FROM events WHERE id = ?", (event_id,)
            ).fetchone()
            if row is None:
                raise NotFound(
                    f"no event {event_id!r}", hint="list the events with `babelwire events`"
                )
            if row["merged_into"] is None:
                return event_id
            event_id = row["merged_into"]
        raise StoreError(f"merge cycle at event {event_id!r}")

    def events(self, limit: int | None = None) -> list[Event]:
        rows = self.db.execute(
            "SELECT * FROM events WHERE merged_into IS NULL ORDER BY updated_seq DESC LIMIT ?",
            (limit if limit is not None else -1,),
        ).fetchall()
        return [self._event(row) for row in rows]

    def event(self, event_id: str) -> Event:
        live = self.resolve(event_id)
        row = self.db.execute("SELECT * FROM events WHERE id = ?", (live,)).fetchone()
        return self._event(row)

    def _event(self, row: sqlite3.Row) -> Event:
        members = self.db.execute(
            "SELECT seq, id, lang, title, source, url FROM articles WHERE event_id = ? "
            "ORDER BY seq",
            (row["id"],),
        ).fetchall()
        outlets = {outlet(m["source"], m["url"]) for m in members}
        return Event(
            id=row["id"],
            headline=self._headline(members) if members else row["headline"],
            article_ids=[m["id"] for m in members],
            languages=sorted({m["lang"] for m in members}),
            sources=sorted(o for o in outlets if o),  # named as the event's `sources` name them
            first_date=_date(row["first_date"]),
            last_date=_date(row["last_date"]),
            updated_seq=row["updated_seq"],
        )

    def _headline(self, members: list[sqlite3.Row]) -> str:
        """The headline by describe's rule, so the list and the description agree.

        Computed on read from the rows the list reads anyway (languages and
        titles choose the article): one article's text at most is read more.
        """
        chosen = members[headline_source([(m["lang"], m["title"]) for m in members])]
        if chosen["title"]:
            return headline_text(chosen["title"], "")
        row = self.db.execute("SELECT text FROM articles WHERE seq = ?", (chosen["seq"],))
        return headline_text(None, row.fetchone()["text"])

    def event_articles(self, event_id: str) -> list[LinkedArticle]:
        live = self.resolve(event_id)
        rows = self.db.execute(
            "SELECT * FROM articles WHERE event_id = ? ORDER BY seq", (live,)
        ).fetchall()
        return [_linked(row) for row in rows]

    def article(self, article_id: str) -> LinkedArticle:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no article {article_id!r}", hint="check the id")
        return _linked(row)

    def count_articles(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])


def _migrate(db: sqlite3.Connection) -> None:
    db.execute("BEGIN IMMEDIATE")  # one process migrates; others wait, then see it done
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in script.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _new_event_id(article: Article) -> str:
    # Derived from the opening article, so replaying a stream gives the same ids.
    return "ev-" + article.content_hash[:12]


def _prefer_headline(lang: str, *, over: str) -> bool:
    """English is the shared language of most readers: an English headline wins."""
    return lang == "en" and over != "en"


def _search_key(article: Article) -> str:
    """What `headline` in the events table holds: the text search matches.

    Kept as articles join (an English one replaces another language's), so
    search reads one column; the headline shown is computed on read (_headline).
    """
    return headline_text(article.title, article.text)


def _vector(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


def _optional_vector(blob: bytes | None) -> np.ndarray | None:
    return None if blob is None else _vector(blob)


def _blob(vector: np.ndarray | None) -> bytes | None:
    return None if vector is None else vector.astype(np.float32).tobytes()


def _add(total: np.ndarray | None, vector: np.ndarray | None) -> np.ndarray | None:
    """A running sum of vectors some of which may be missing."""
    if total is None or vector is None:
        return vector if total is None else total
    return total + vector


def _date(text: str | None) -> PartialDate | None:
    return PartialDate.parse(text) if text else None


def _widen(first: str | None, last: str | None, date: PartialDate | None) -> tuple[Any, Any]:
    """The event's date range, widened to take in one more article's date."""
    if date is None:
        return first, last
    start = _date(first)
    end = _date(last)
    earliest = date if start is None else _pick(start, date, later=False)
    latest = date if end is None else _pick(end, date, later=True)
    return str(earliest), str(latest)


def _pick(a: PartialDate, b: PartialDate, *, later: bool) -> PartialDate:
    """The earlier (or later) of two dates; of two nested ones, the more precise.

    "2023-02" and "2023-02-06" may be the same day: the day says more.
    """
    if a.start <= b.start and b.end <= a.end:
        return b
    if b.start <= a.start and a.end <= b.end:
        return a
    if later:
        return a if a.end >= b.end else b
    return a if a.start <= b.start else b


def _active_since(last_date: str | None, since: dt.date | None) -> bool:
    last = _date(last_date)
    return since is None or last is None or last.end >= since


def _event_state(row: sqlite3.Row) -> EventState:
    first, last = _date(row["first_date"]), _date(row["last_date"])
    terms = json.loads(row["terms"])
    return EventState(
        id=row["id"],
        centroid=_vector(row["centroid"]),
        size=row["size"],
        names=Counter(json.loads(row["names"])),
        first_day=first.start if first else None,
        last_day=last.end if last else None,
        updated_seq=row["updated_seq"],
        terms=terms,
        terms_norm=lexical.norm(terms),
        numbers=Counter(json.loads(row["numbers"])),
        aligned=_optional_vector(row["aligned"]),
    )


def _member(row: sqlite3.Row) -> Member:
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


def _linked(row: sqlite3.Row) -> LinkedArticle:
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
