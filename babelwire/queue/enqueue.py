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

from procrastinate import App

from babelwire.model import Article, PartialDate, RawArticle, Rejection, Skipped
from babelwire.pipeline import Outcome, Status, identity
from babelwire.queue.jobs import QUEUE_NAME, TASK_NAME, make_app
from babelwire.queue.tables import raw_connection
from babelwire.store.postgres import PostgresStore


@dataclass
class Queued:
    """What enqueueing one article did: `seq` is its place when it was put on the queue."""

    article_id: str
    seq: int | None  # None: already known (stored, or queued before)
    known_as: str | None = None


class QueueWriter:
    """Puts inputs on the queue: the store's connection and a procrastinate App,
    used from one thread (`ingest --queue`, or the service's writer thread)."""

    def __init__(self, store: PostgresStore) -> None:
        self.store = store
        self.app = make_app(store.location)

    def put(self, item: RawArticle | Rejection | Skipped) -> tuple[Outcome, int | None]:
        """What putting one input on the queue did, and its place in the queue
        (None: not queued, being unreadable or known already)."""
        if isinstance(item, Rejection | Skipped):
            return unread(item), None
        queued = enqueue(self.store, self.app, item)
        if queued.seq is None:
            return Outcome(Status.KNOWN, item.where, queued.known_as), None
        return Outcome(Status.QUEUED, item.where, queued.article_id), queued.seq

    def close(self) -> None:
        self.store.close()


def unread(item: Rejection | Skipped) -> Outcome:
    status = Status.REJECTED if isinstance(item, Rejection) else Status.SKIPPED
    return Outcome(status, item.where, reason=item.reason)


def enqueue(store: PostgresStore, app: App, raw: RawArticle) -> Queued:
    article_id, content_hash = identity(raw)
    # The same input again (same id, or same text, source and link): the
    # worker stores the same text under another name as a copy.
    same = Article(article_id, raw.text, "", content_hash, url=raw.url, source=raw.source)
    known = store.known(same)
    if known:
        return Queued(article_id, None, known)
    connection = raw_connection(store)
    connection.execute("BEGIN")
    try:
        seq = _insert(connection, article_id, content_hash, raw)
        if seq is not None:
            job = app.configure_task(TASK_NAME, queue=QUEUE_NAME, connection=connection)
            job_id = job.defer(article_id=article_id)
            connection.execute(
                "UPDATE queued_articles SET job_id = %s WHERE seq = %s", (job_id, seq)
            )
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return Queued(article_id, seq, None if seq is not None else article_id)


def _insert(connection: object, article_id: str, content_hash: str, raw: RawArticle) -> int | None:
    """The article's row and its place in the queue; None when its id is queued already."""
    row = connection.execute(  # type: ignore[attr-defined]
        "INSERT INTO queued_articles (article_id, content_hash, payload) VALUES (%s, %s, %s) "
        "ON CONFLICT DO NOTHING RETURNING seq",
        (article_id, content_hash, payload(raw)),
    ).fetchone()
    return None if row is None else int(row[0])


def payload(raw: RawArticle) -> str:
    """The RawArticle as JSON: what a worker on another machine reads back."""
    fields = vars(raw) | {"date": str(raw.date) if raw.date else None}
    return json.dumps(fields, ensure_ascii=False)


def raw_article(text: str) -> RawArticle:
    fields = json.loads(text)
    date = fields.pop("date")
    return RawArticle(**fields, date=PartialDate.parse(date) if date else None)
