"""The store as the service sees it: many concurrent readers, one writer.

    request thread ──► reader(): its own store connection, reads in one snapshot
    POST /api/articles ──► the single ingest thread ──► Pipeline ──► store
                       (serve --queue: ──► the queue, for `babelwire worker`s)

A store connection belongs to the thread that made it (sqlite3 insists; a
PostgreSQL connection serves one transaction at a time), so each request
thread keeps its own reading store. The pipeline's encoder is slow and not
thread-safe, so all ingestion runs on one dedicated thread (a one-worker pool:
the lock and the queue in one); readers go on meanwhile (SQLite's WAL, a
server's snapshots), and the store's per-article transactions keep CLI
processes on the same store safe.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from babelwire.alerts.sender import Sender
from babelwire.errors import NotFound
from babelwire.model import RawArticle, Rejection
from babelwire.pipeline import Outcome, Pipeline, Status
from babelwire.store import Store, open_store

if TYPE_CHECKING:
    from babelwire.queue.enqueue import QueueWriter

log = logging.getLogger("babelwire.service")

PipelineFactory = Callable[[Store], Pipeline]


class Service:
    """Everything a request needs: stores, the writer, the settings."""

    def __init__(
        self,
        db: str | Path,
        token: str = "",
        max_body: int = 10_000_000,
        pipeline_factory: PipelineFactory = Pipeline,
        queued: bool = False,
        allow_private_hooks: bool = False,
        sender: Sender | None = None,
    ) -> None:
        """`queued`: posted articles go on the store's queue, for workers to link."""
        self.db = str(db)
        self.queued = queued
        self.token = token
        self.max_body = max_body
        self.allow_private_hooks = allow_private_hooks
        self.sender = sender  # sends the webhooks' outbox, if this service does
        self.changed = Notice()  # rung when this service has committed changes
        self._factory = pipeline_factory
        self._local = threading.local()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="babelwire-ingest")
        self._pipeline: Pipeline | None = None
        self._queue: QueueWriter | None = None

    # -- reading -----------------------------------------------------------

    def reader(self) -> Store:
        """This thread's own reading store, opened on first use."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db)
            self._local.store = store
        return store

    @contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Read in one snapshot: a writer committing meanwhile is either
        wholly visible or not at all, so no half-written event is ever seen."""
        store = self.reader()
        with store.snapshot():
            yield store

    # -- writing -----------------------------------------------------------

    async def ingest(self, items: list[RawArticle | Rejection]) -> list[Outcome]:
        """Ingest (or queue) on the writer thread, letting the event loop serve readers."""
        loop = asyncio.get_running_loop()
        here = self._enqueue_here if self.queued else self._ingest_here
        try:
            return await loop.run_in_executor(self._writer, here, items)
        finally:
            # What was committed is in the change log and the outbox: no need to wait.
            self.changed.ring()
            if self.sender is not None:
                self.sender.wake()

    def _ingest_here(self, items: Iterable[RawArticle | Rejection]) -> list[Outcome]:
        if self._pipeline is None:
            self._pipeline = self._factory(open_store(self.db))
        store = self._pipeline.store
        outcomes = []
        for outcome in self._pipeline.ingest_all(items):
            outcomes.append(_logged(store, outcome))
        return outcomes

    def _enqueue_here(self, items: Iterable[RawArticle | Rejection]) -> list[Outcome]:
        if self._queue is None:
            from babelwire.queue.enqueue import QueueWriter
            from babelwire.store.queue import open_queue

            self._queue = QueueWriter(open_queue(self.db))
        return [_logged(self._queue.store, self._queue.put(item)[0]) for item in items]

    def close(self) -> None:
        """Finish queued ingestion, then close the writer's store."""
        self._writer.submit(self._close_writer).result()
        self._writer.shutdown(wait=True)

    def _close_writer(self) -> None:
        if self._pipeline is not None:
            self._pipeline.store.close()
            self._pipeline = None
        if self._queue is not None:
            self._queue.close()
            self._queue = None


def _logged(store: Store, outcome: Outcome) -> Outcome:
    """The outcome, logged; a known article's answer says where it lives."""
    if outcome.status is Status.KNOWN and outcome.article_id:
        # Known from the queue alone (not linked yet), it has no event to name.
        with suppress(NotFound):
            outcome.event_id = store.resolve(store.article(outcome.article_id).event_id)
    log.info("ingest %s", describe(outcome))
    return outcome


class Notice:
    """Wakes every waiting stream at once when this service commits a change."""

    def __init__(self) -> None:
        self._event: asyncio.Event | None = None

    def ring(self) -> None:
        if self._event is not None:
            self._event.set()
        self._event = None

    async def wait(self, timeout: float) -> float:
        """Wait until rung or `timeout` passes; returns the seconds waited."""
        if self._event is None:
            self._event = asyncio.Event()
        loop = asyncio.get_running_loop()
        started = loop.time()
        with suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout)
        return loop.time() - started


def describe(outcome: Outcome) -> str:
    """One log line's worth: where it came from and what became of it."""
    text = f"{outcome.where}: {outcome.status.value} {outcome.article_id or ''}".rstrip()
    if outcome.event_id:
        text += f" in {outcome.event_id}"
    if outcome.copy_of:
        text += f" (a copy of {outcome.copy_of})"
    if outcome.reason:
        text += f" ({outcome.reason})"
    return text
