"""The Python API; the CLI and the HTTP service are thin layers over it.

import babelwire
wire = babelwire.open("news.db")
outcomes = wire.ingest(["articles/", "feed.jsonl"])
for event in wire.events():
    print(event.id, event.headline, event.languages)
print(wire.event(event.id)["articles"])
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from babelwire import config
from babelwire.describe.event import describe_event
from babelwire.errors import NotFound
from babelwire.model import Event, RawArticle, Rejection, Skipped
from babelwire.pipeline import Outcome, Pipeline
from babelwire.readers import read_paths
from babelwire.store import SQLiteStore

log = logging.getLogger(__name__)


class Babelwire:
    """A store with the pipeline that feeds it."""

    def __init__(self, store: SQLiteStore, pipeline: Pipeline | None = None) -> None:
        self.store = store
        self.pipeline = pipeline or Pipeline(store)

    def ingest(self, paths: Iterable[str], stdin: TextIO | None = None) -> list[Outcome]:
        """Ingest files, folders (as a stream) or "-" (JSONL on stdin); then, the
        batch being in, consolidate what it brought (see consolidate.py)."""
        outcomes = list(self.ingest_iter(read_paths(paths, stdin=stdin)))
        self.pipeline.finish()
        return outcomes

    def ingest_iter(self, items: Iterable[RawArticle | Rejection | Skipped]) -> Iterator[Outcome]:
        """Ingest already-read articles one by one, yielding each outcome."""
        return self.pipeline.ingest_all(items)

    def events(self, limit: int | None = None) -> list[Event]:
        """Live events, most recent activity first."""
        return self.store.events(limit)

    def event(self, event_id: str) -> dict[str, Any]:
        """One event fully described (merged ids resolve to the live event)."""
        return describe_event(self.store, event_id)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Babelwire:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open(db: str | Path | None = None, *, create: bool = True) -> Babelwire:
    """Open the store at `db`, else BABELWIRE_DB, else ./babelwire.db.

    A missing store is created when `create`, else it is an error (NotFound).
    """
    return Babelwire(open_store(db, create=create))


def open_store(db: str | Path | None = None, *, create: bool = True) -> SQLiteStore:
    """The store at `db` (as `open`), saying so when it is new.

    Reading commands pass create=False: a mistyped path must not answer
    "no events" and leave an empty store behind.
    """
    path = config.db_path(str(db) if db else None)
    if not SQLiteStore.exists(path):
        if not create:
            raise NotFound(
                f"no store at {path}",
                hint=f"ingest articles into it first with `babelwire ingest PATH --db {path}`, "
                "or check the path given with --db or $BABELWIRE_DB",
            )
        log.info("no store at %s: creating a new, empty one", path)
    return SQLiteStore(path)
