"""The embedded store: one SQLite file (or `:memory:` for tests).

Durability and concurrency come from SQLite itself: WAL journaling, and one
`BEGIN IMMEDIATE` transaction per article that re-checks identity, reads the
live events, and writes the article with its link. A process killed at any
moment leaves every committed article whole; two processes ingesting at once
take turns per article, so neither duplicates nor half-writes anything.
The statements are shared with PostgreSQL (store/sql.py).
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babelwire.errors import StoreError
from babelwire.store.schema import MIGRATIONS
from babelwire.store.sql import SQLStore, _fold_or_empty

# Numbers the in-memory stores of a process, never twice: id() is reused once an
# object is gone, and a description cached for a gone store would then be served
# for a new one holding other articles under the same ids (describe/event.py).
_IN_MEMORY = itertools.count(1)


class SQLiteStore(SQLStore):
    BEGIN_BOOKKEEPING = "BEGIN IMMEDIATE"  # the outbox's (store/alerts.py)

    def __init__(self, path: str | Path) -> None:
        super().__init__(str(path))
        self.path = self.location
        self._number = next(_IN_MEMORY)

    @property
    def key(self) -> str:
        # An in-memory store is private to its object; a file is shared by path.
        if self.path == ":memory:":
            return f":memory:{self._number}"
        return str(Path(self.path).resolve())

    @staticmethod
    def exists(path: str | Path) -> bool:
        """Whether a store is already at `path`; opening one that is not creates it."""
        return str(path) != ":memory:" and Path(path).is_file()

    def _open(self) -> sqlite3.Connection:
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            db.row_factory = sqlite3.Row
            # Search keys are folded the way the linker folds names (migration 10).
            db.create_function("bw_fold", 1, _fold_or_empty, deterministic=True)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            _migrate(db, self.path)
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"cannot open the store {self.path}: {error}",
                hint="check the path, or name another file with --db",
            ) from error
        return db

    # Migration 13's FTS5 indexes: headline keys by event, title keys and names by article.
    SEARCH = (
        "SELECT id FROM event_keys WHERE num IN "
        "(SELECT rowid FROM event_search WHERE event_search MATCH ?) "
        "UNION SELECT event_id FROM articles WHERE seq IN "
        "(SELECT rowid FROM article_search WHERE article_search MATCH ?)"
    )

    def _search_terms(self, key: str) -> list[str]:
        # FTS5 phrases: a quoted trigram phrase matches where the text holds it;
        # a doubled quote is a quote, the one that opens each key in the names' JSON.
        return [f'"{key}"', f'title_key : "{key}" OR names : """{key}"']

    def _begin_write(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def _before_commit(self) -> None:
        # Count the write transactions (linking, consolidation), as PostgreSQL does:
        # SQLite's own data_version also moves on every webhook the sender marks
        # sent, and the index (tens of ms to reload) would be reloaded after each.
        version = self._value("UPDATE store_changes SET n = n + 1 WHERE id = 1 RETURNING n")
        self._stamp_live(int(version) - 1)  # no other writer commits while this one holds

    def _end_write(self) -> None:
        pass  # nothing is held beyond the transaction

    def _rollback(self) -> None:
        if self.db.in_transaction:  # not when BEGIN itself failed (a busy store)
            self.db.execute("ROLLBACK")

    def _data_version(self) -> int:
        """Changes when any connection commits a write transaction (migration 13)."""
        return int(self._value("SELECT n FROM store_changes WHERE id = 1"))

    def _integrity_errors(self) -> tuple[type[BaseException], ...]:
        return (sqlite3.IntegrityError,)


def _migrate(db: sqlite3.Connection, path: str) -> None:
    db.execute("BEGIN IMMEDIATE")  # one process migrates; others wait, then see it done
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        _refuse_newer(version, path)
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in statements(script):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
    except sqlite3.OperationalError as error:
        db.execute("ROLLBACK")
        if "fts5" in str(error) or "trigram" in str(error):
            raise StoreError(
                f"cannot upgrade the store {path}: this Python's SQLite ({sqlite3.sqlite_version}) "
                f"has no FTS5 trigram index, which search needs: {error}",
                hint="use a Python built with SQLite 3.34 or newer and FTS5 (python.org's "
                "and most distributions' are)",
            ) from error
        raise
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def statements(script: str) -> Iterator[str]:
    """The script's statements one by one (execute() takes one; executescript() would
    commit the migration's transaction). A trigger's body holds semicolons of its own:
    pieces are joined until SQLite says the statement is complete."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""


def _refuse_newer(version: int, where: Any) -> None:
    """A schema this babelwire does not know must not be written to."""
    if version > len(MIGRATIONS):
        raise StoreError(
            f"the store {where} has schema version {version}, newer than this babelwire "
            f"knows ({len(MIGRATIONS)})",
            hint="upgrade babelwire (pip install -U babelwire), or name another store with --db",
        )
