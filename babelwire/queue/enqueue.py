"""`ingest --queue`: each article and its job, committed together.

An article is identified as the store identifies it (its id, else a hash of
its text): one already stored (by id, or the same text, source and link), or
already on the queue under its id, is `known` and gets no second job. The
same text under another name is queued, and the worker that links it makes
it what an in-process ingest would, in arrival order: a copy, or known.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from procrastinate import App

from babelwire.model import Article, PartialDate, RawArticle, Rejection, Skipped
from babelwire.pipeline import Outcome, Status, identity
from babelwire.queue.jobs import QUEUE_NAME, TASK_NAME, make_app
from babelwire.store import Store
from babelwire.store.queue import QueueRecords


@dataclass
class Queued:
    """What enqueueing one article did: `seq` is its place when it was put on the queue."""

    article_id: str
    seq: int | None  # None: already known (stored, or queued before)
    known_as: str | None = None


class QueueWriter:
    """Puts inputs on the queue: the store's connection and a procrastinate App,
    used from one thread (`ingest --queue`, or the service's writer thread)."""

    def __init__(self, queue: QueueRecords) -> None:
        self.queue = queue
        self.app = make_app(queue.location)

    @property
    def store(self) -> Store:
        return self.queue.store

    def put(self, item: RawArticle | Rejection | Skipped) -> tuple[Outcome, int | None]:
        """What putting one input on the queue did, and its place in the queue
        (None: not queued, being unreadable or known already)."""
        if isinstance(item, Rejection | Skipped):
            return unread(item), None
        queued = enqueue(self.queue, self.app, item)
        if queued.seq is None:
            return Outcome(Status.KNOWN, item.where, queued.known_as), None
        return Outcome(Status.QUEUED, item.where, queued.article_id), queued.seq

    def close(self) -> None:
        self.queue.close()


def unread(item: Rejection | Skipped) -> Outcome:
    status = Status.REJECTED if isinstance(item, Rejection) else Status.SKIPPED
    return Outcome(status, item.where, reason=item.reason)


def enqueue(queue: QueueRecords, app: App, raw: RawArticle) -> Queued:
    article_id, content_hash = identity(raw)
    # The same input again (same id, or same text, source and link): the
    # worker stores the same text under another name as a copy.
    same = Article(article_id, raw.text, "", content_hash, url=raw.url, source=raw.source)
    known = queue.store.known(same)
    if known:
        return Queued(article_id, None, known)

    def defer(connection: Any) -> int:
        job = app.configure_task(TASK_NAME, queue=QUEUE_NAME, connection=connection)
        return int(job.defer(article_id=article_id))

    seq = queue.enqueue(article_id, content_hash, payload(raw), defer)
    return Queued(article_id, seq, None if seq is not None else article_id)


def payload(raw: RawArticle) -> str:
    """The RawArticle as JSON: what a worker on another machine reads back."""
    fields = vars(raw) | {"date": str(raw.date) if raw.date else None}
    return json.dumps(fields, ensure_ascii=False)


def raw_article(text: str) -> RawArticle:
    fields = json.loads(text)
    date = fields.pop("date")
    return RawArticle(**fields, date=PartialDate.parse(date) if date else None)
