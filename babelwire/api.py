"""The Python API; the CLI and the HTTP service are thin layers over it.

import babelwire
wire = babelwire.open("news.db")
outcomes = wire.ingest(["articles/", "feed.jsonl"])
for event in wire.events():
    print(event.id, event.headline, event.languages)
print(wire.event(event.id)["articles"])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from babelwire.describe.event import describe_event
from babelwire.model import Event, RawArticle, Rejection, Skipped
from babelwire.pipeline import Outcome, Pipeline
from babelwire.readers import read_paths
from babelwire.store import Store, open_store

__all__ = ["Babelwire", "open", "open_store"]


class Babelwire:
    """A store with the pipeline that feeds it."""

    def __init__(self, store: Store, pipeline: Pipeline | None = None) -> None:
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
    """Open the store at `db` (a file, or a postgresql:// URL), else BABELWIRE_DB,
    else ./babelwire.db.

    A missing store is created when `create`, else it is an error (NotFound).
    """
    return Babelwire(open_store(db, create=create))
