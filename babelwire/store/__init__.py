"""Where articles and events live, behind one contract (base.py).

    open_store("news.db")                              SQLite: a file (the default)
    open_store("postgresql://me@db.example/news")      PostgreSQL: a server

The rest of babelwire holds a `Store` and never knows which backend it is.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from babelwire import config
from babelwire.errors import NotFound
from babelwire.store.base import EventFilter, LinkedArticle, Store
from babelwire.store.sqlite import SQLiteStore

__all__ = ["EventFilter", "LinkedArticle", "Store", "is_server", "open_store", "shown"]

log = logging.getLogger("babelwire.store")

SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server(location: str) -> bool:
    """Whether `location` names a PostgreSQL database rather than a file."""
    return location.startswith(SERVER_SCHEMES)


def shown(location: str) -> str:
    """The location as it may be printed and logged: without a password."""
    if not is_server(location):
        return location
    parts = urlsplit(location)
    if parts.password is None:
        return location
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def open_store(db: str | Path | None = None, *, create: bool = True) -> Store:
    """The store at `db`, else BABELWIRE_DB, else ./babelwire.db, saying so when it is new.

    Reading commands pass create=False: a mistyped location must not answer
    "no events" and leave an empty store behind (NotFound instead).
    """
    location = config.db_location(str(db) if db else None)
    if is_server(location):
        return _open_server(location, create)
    if not SQLiteStore.exists(location):
        _missing(location, create)
    return SQLiteStore(location)


def _open_server(location: str, create: bool) -> Store:
    # Imported here: psycopg is an optional extra, needed only for a server.
    from babelwire.store.postgres import PostgresStore

    store = PostgresStore(location)
    if not store.exists():
        _missing(location, create)
    store.connect()  # an unreachable server or a refused login fails here, at once
    return store


def _missing(location: str, create: bool) -> None:
    if not create:
        raise NotFound(
            f"no store at {shown(location)}",
            hint="ingest articles into it first with `babelwire ingest PATH --db "
            f"{shown(location)}`, or check the location given with --db or $BABELWIRE_DB",
        )
    log.info("no store at %s: creating a new, empty one", shown(location))
