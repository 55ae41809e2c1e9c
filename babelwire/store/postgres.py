"""The shared store: a PostgreSQL database (`--db postgresql://user@host:port/dbname`).

Several services, editors and ingesters on several machines share one
database, with the backups and replication its owners already run. The
statements are SQLite's (store/sql.py); this module supplies the connection
(psycopg 3, an optional extra: `pip install 'babelwire[postgres]'`), the
migrations (postgres_schema.py, versioned in `schema_version`) and the
transactions:

- the decide-and-write step (identity re-check, the linker's reads, the
  writes) holds a transaction-level advisory lock, so writers take turns per
  article as they do on SQLite; the lock ends with the transaction, and the
  encoder runs outside it;
- readers take a repeatable-read snapshot, so they never see half an event.

Each round trip to the server costs more than most statements take to run,
so a write transaction is sent in pipeline mode: statements whose answers
nothing reads at once (the lock, the event's update, the running sums,
COMMIT) travel with the next one that is read. Linking an article takes ten
statements in four round trips (the lock, the write's opening and the
identity check; the words' document frequencies; the article's row; its
event, the running sums, its change in the log and COMMIT). The driver's
work per statement is of the order of the server's, so statements are
merged where one can say what two did, and cursors are kept, not made anew.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any

from babelwire.cluster.base import StreamStats
from babelwire.errors import StoreError
from babelwire.store import shown
from babelwire.store.postgres_schema import LATEST, MIGRATIONS
from babelwire.store.sql import SQLStore, _blob

# Keys of the advisory locks (any fixed numbers no other application uses):
# one for the decide-and-write step, one for migrating.
LINK_LOCK = 0x62616265_6C01  # "babel" + 1
MIGRATION_LOCK = 0x62616265_6C02
CONNECT_TIMEOUT_S = 10
VERSION = "SELECT n FROM store_changes WHERE id = 1"  # committed writes, counted
# A write transaction's first question, once the lock is held: it counts this
# write (every writer counts its own holding the lock, so the count before it
# is the version the live index is checked against; a rollback uncounts it),
# and asks whether subscriptions changed (store/alerts.py). One statement, not three.
OPENING = (
    "WITH counted AS (UPDATE store_changes SET n = n + 1 WHERE id = 1 RETURNING n - 1 AS n) "
    "SELECT (SELECT n FROM counted), count(*), coalesce(max(seq), 0) FROM subscriptions"
)
# The running sums an original article adds to (the stream's, its language's,
# its words' document counts): one statement, not three.
SUMS = (
    "WITH stream AS (INSERT INTO stream_stats (key, n, total) VALUES ('*', ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET n = excluded.n, total = excluded.total), "
    "language AS (INSERT INTO language_stats (lang, n, total) VALUES (?, ?, ?) "
    "ON CONFLICT (lang) DO UPDATE SET n = excluded.n, total = excluded.total) "
    "INSERT INTO term_stats (term, df) SELECT term, 1 FROM unnest(?::text[]) AS term "
    "ON CONFLICT (term) DO UPDATE SET df = term_stats.df + 1"
)


class PostgresStore(SQLStore):
    CONTAINS = "strpos({column}, ?) > 0"
    BEGIN_READ = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
    # store_changes.n while this connection writes: asked for, then answered.
    _asked_version: Any = None
    _locked_version: int | None = None

    # Migration 13's pg_trgm indexes answer these LIKEs (keys hold only a-z and 0-9).
    SEARCH = (
        "SELECT id FROM events WHERE headline_key LIKE ? "
        "UNION SELECT event_id FROM articles WHERE title_key LIKE ? OR names LIKE ?"
    )

    def _search_terms(self, key: str) -> list[str]:
        # Inside the keys, and at the start of a name: a quote opens each in the JSON.
        return [f"%{key}%", f"%{key}%", f'%"{key}%']

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        # One statement text whatever the number of words (an array, not an IN
        # list of that length): prepared once by the server, not planned anew.
        rows = self.db.execute(
            "SELECT term, df FROM term_stats WHERE term = ANY(?)", (list(terms),)
        )
        return {row["term"]: row["df"] for row in rows}

    def _write_sums(
        self, stream: StreamStats, lang: str, language: tuple[int, Any], terms: Counter[str]
    ) -> None:
        # The article's hundred-odd words in one array, not a statement each: the
        # driver's work and a message to the server per statement add up.
        n, total = language
        self._send(SUMS, (stream.n, _blob(stream.raw_total), lang, n, _blob(total), list(terms)))

    @property
    def key(self) -> str:
        return shown(self.location)

    def exists(self) -> bool:
        """Whether babelwire's tables are in the database (connecting says why not)."""
        connection = _connect(self.location)
        try:
            found = connection.execute("SELECT to_regclass('schema_version') IS NOT NULL")
            return bool(found.fetchone()[0])
        finally:
            connection.close()

    def _open(self) -> _Connection:
        connection = _Connection(_connect(self.location))
        try:
            _migrate(connection, self.key)
        except BaseException:
            connection.close()
            raise
        return connection

    def _batched(self) -> AbstractContextManager[Any]:
        return self.db.pipeline()

    def _send(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.db.send(sql, params)

    def _row(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.db.row(sql, params)

    def _begin_write(self) -> None:
        self._send("BEGIN")
        self._send("SELECT pg_advisory_xact_lock(?)", (LINK_LOCK,))
        # Asked once the lock is held (a statement of its own: it reads what the
        # writer before committed); the answer comes with the next one read
        # (known(), usually), and each part goes to whoever asks for it.
        opening = functools.cache(self.db.execute(OPENING).fetchone)
        self._asked_version = _Part(opening, slice(0, 1))
        self._asked_subscriptions = _Part(opening, slice(1, 3))

    def _before_commit(self) -> None:
        self._stamp_live(self._data_version())  # OPENING counted this write

    def _end_write(self) -> None:
        self._asked_version = self._locked_version = None

    def _data_version(self) -> int:
        if self._asked_version is None:  # not writing: ask now
            return self._read_version()
        if self._locked_version is None:
            self._locked_version = int(self._asked_version.fetchone()[0])
        return self._locked_version

    def _read_version(self) -> int:
        return int(self._value(VERSION))

    def _integrity_errors(self) -> tuple[type[BaseException], ...]:
        return (_driver().IntegrityError,)


class _Part:
    """Some columns of a row asked for once, read as a cursor of its own: two
    questions that travel as one statement, each answered to whoever asked it."""

    def __init__(self, row: Callable[[], Any], columns: slice) -> None:
        self._row = row
        self._columns = columns

    def fetchone(self) -> tuple[Any, ...]:
        return tuple(self._row())[self._columns]


class _Connection:
    """A psycopg connection that speaks the `?` placeholders of the shared statements."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        # Cursors kept (a new one costs the driver twice what a statement does):
        # for statements whose answers nobody reads, and for those read at once.
        self._sender: Any = None
        self._reader: Any = None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._connection.execute(*_statement(sql, params))

    def send(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run a statement whose answer nobody reads (an answer that arrives
        replaces the last one, unread)."""
        if self._sender is None:
            self._sender = self._connection.cursor()
        self._sender.execute(*_statement(sql, params))

    def row(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first row of a statement, read before any other is sent through here."""
        if self._reader is None:
            self._reader = self._connection.cursor()
        return self._reader.execute(*_statement(sql, params)).fetchone()

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._connection.cursor() as cursor:
            cursor.executemany(_placeholders(sql), rows)

    def pipeline(self) -> AbstractContextManager[Any]:
        return self._connection.pipeline()

    def close(self) -> None:
        self._connection.close()


@functools.lru_cache(maxsize=256)
def _placeholders(sql: str) -> str:
    # The shared statements hold no literal "?" or "%": each "?" is a parameter.
    return sql.replace("?", "%s")


class _Row:
    """A row read by column name or position, as sqlite3.Row is."""

    __slots__ = ("_columns", "_values")

    def __init__(self, values: Sequence[Any], columns: dict[str, int]) -> None:
        self._values = values
        self._columns = columns

    def __getitem__(self, key: int | str) -> Any:
        return self._values[self._columns[key] if isinstance(key, str) else key]

    def __iter__(self) -> Any:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def keys(self) -> list[str]:
        return list(self._columns)


def _statement(sql: str, params: Sequence[Any]) -> tuple[str, Sequence[Any] | None]:
    """The statement in psycopg's placeholders, and its parameters; without any
    parameters the text goes as it is ("%" included)."""
    return (_placeholders(sql), params) if params else (sql, None)


def _rows(cursor: Any) -> Callable[[Sequence[Any]], _Row]:
    # The names from the result itself: `description` makes an object per column
    # of every result, rows or none, and the writes' results have none.
    result = cursor.pgresult
    names = (result.fname(i) for i in range(result.nfields)) if result else ()
    columns = {name.decode(): i for i, name in enumerate(names)}
    return lambda values: _Row(values, columns)


def _driver() -> Any:
    try:
        import psycopg
    except ImportError as error:
        raise StoreError(
            "a postgresql:// store needs the PostgreSQL driver psycopg, which is not installed",
            hint="pip install 'babelwire[postgres]'",
        ) from error
    return psycopg


def _connect(location: str) -> Any:
    """A connection in autocommit mode: transactions are begun explicitly."""
    psycopg = _driver()
    try:
        return psycopg.connect(
            location, autocommit=True, row_factory=_rows, connect_timeout=CONNECT_TIMEOUT_S
        )
    except psycopg.Error as error:
        raise _why_not(location, error) from error


def _why_not(location: str, error: Exception) -> StoreError:
    """One clear line for a connection that failed: refused login, no database, no server."""
    reason = re.sub(r"\s+", " ", str(error)).strip()
    where = shown(location)
    lowered = reason.lower()
    if "authentication" in lowered or "password" in lowered or "role" in lowered:
        return StoreError(
            f"the PostgreSQL server refused the login for {where}: {reason}",
            hint="check the user and password in the URL (or PGPASSWORD, ~/.pgpass)",
        )
    if "database" in lowered and "does not exist" in lowered:
        return StoreError(
            f"the PostgreSQL server has no such database for {where}: {reason}",
            hint="create it first (createdb), or name an existing database in the URL",
        )
    return StoreError(
        f"cannot reach the PostgreSQL server for {where}: {reason}",
        hint="check the host and port in the URL, and that the server is running",
    )


def _migrate(connection: _Connection, where: str) -> None:
    """Bring the schema up to LATEST; one process migrates while others wait."""
    connection.execute("BEGIN")
    try:
        connection.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
        connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = connection.execute("SELECT version FROM schema_version").fetchone()
        version = row[0] if row else 0
        _refuse_newer(version, where)
        for number, script in MIGRATIONS:
            if number > version:
                for statement in script.split(";"):
                    if statement.strip():
                        connection.execute(statement)
        if version < LATEST:
            connection.execute("DELETE FROM schema_version")
            connection.execute("INSERT INTO schema_version (version) VALUES (?)", (LATEST,))
    except _driver().errors.InsufficientPrivilege as error:
        connection.execute("ROLLBACK")
        raise StoreError(
            f"cannot create or upgrade the store {where}: {error}",
            hint="babelwire's user must own the database, or be granted CREATE on it (search "
            "needs the extension pg_trgm: an owner may also run CREATE EXTENSION pg_trgm)",
        ) from error
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _refuse_newer(version: int, where: str) -> None:
    """A schema this babelwire does not know must not be written to."""
    if version > LATEST:
        raise StoreError(
            f"the store {where} has schema version {version}, newer than this babelwire "
            f"knows ({LATEST})",
            hint="upgrade babelwire (pip install -U babelwire), or name another database",
        )
