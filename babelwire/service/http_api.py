"""The JSON API under /api: push articles in, read events and articles out.

Reads run in FastAPI's thread pool, each on its thread's own store and in one
snapshot; writes go to the service's single ingest thread.
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

from babelwire.describe.event import describe_event, explain_link
from babelwire.errors import InputError, NotFound
from babelwire.model import RawArticle, Rejection
from babelwire.pipeline import Outcome, Status
from babelwire.queue.backlog import backlog, queue_of, queued_article
from babelwire.readers.records import article_from_record
from babelwire.service.errors import TooLarge, Unauthorized
from babelwire.service.queries import EventFilter, find_events
from babelwire.service.state import Service
from babelwire.store import LinkedArticle, Store

ORIGIN = "POST /api/articles"

router = APIRouter(prefix="/api", tags=["api"])


def service(request: Request) -> Service:
    return request.app.state.service


class ArticleIn(BaseModel):
    """One article, with the fields of a JSONL line (documentation only:
    the body is parsed by hand so each bad article is rejected on its own)."""

    text: str
    id: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    lang: str | None = None


class ArticleResult(BaseModel):
    id: str | None
    event_id: str | None
    status: Status
    reason: str | None = None
    warnings: list[str] = []
    copy_of: str | None = None  # status `copy`: the stored article whose text it repeats


_BODY_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"type": "array", "items": ArticleIn.model_json_schema()}
            }
        },
    }
}


def require_token(request: Request) -> None:
    """When a write token is configured, writes must carry it."""
    token = service(request).token
    if not token:
        return
    given = request.headers.get("authorization", "")
    scheme, _, credentials = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        credentials.strip().encode(), token.encode()
    ):
        raise Unauthorized(
            "a valid write token is required",
            hint="send the header `Authorization: Bearer <token>`",
        )


@router.post(
    "/articles",
    response_model=list[ArticleResult],
    dependencies=[Depends(require_token)],
    openapi_extra=_BODY_DOC,
    summary="Ingest a JSON array of articles",
)
async def post_articles(request: Request) -> list[ArticleResult]:
    """Each article is ingested, recognised as known, or rejected with a reason;
    with `serve --queue`, queued for the workers (`GET /api/articles/{id}` follows it)."""
    body = await _read_body(request, service(request).max_body)
    items = _articles(_parse_json(body))
    outcomes = await service(request).ingest(items)
    return [_result(item, outcome) for item, outcome in zip(items, outcomes, strict=True)]


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it is known to exceed `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:  # a lying or absent Content-Length
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> TooLarge:
    return TooLarge(
        f"the request body is over {limit} bytes",
        hint="send fewer articles per request, or raise BABELWIRE_MAX_BODY_MB",
    )


def _parse_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except json.JSONDecodeError as error:
        raise InputError(
            f"malformed JSON: {error.msg} at line {error.lineno} column {error.colno}",
            hint='send a JSON array of articles: [{"text": "..."}]',
        ) from error
    except (ValueError, RecursionError) as error:  # bad UTF-8, absurd nesting
        raise InputError(f"malformed JSON: {error}", hint="send UTF-8 JSON") from error


def _articles(value: Any) -> list[RawArticle | Rejection]:
    if not isinstance(value, list):
        raise InputError(
            f"expected a JSON array of articles, got {type(value).__name__}",
            hint='wrap a single article in brackets: [{"text": "..."}]',
        )
    return [_article(record, number) for number, record in enumerate(value, start=1)]


def _article(record: Any, number: int) -> RawArticle | Rejection:
    if not isinstance(record, dict):
        return Rejection(ORIGIN, 'is not an object; send {"text": "...", ...}', number)
    return article_from_record(record, ORIGIN, number, [])


def _result(item: RawArticle | Rejection, outcome: Outcome) -> ArticleResult:
    asked = item.id if isinstance(item, RawArticle) else None
    return ArticleResult(
        id=outcome.article_id or asked,
        event_id=outcome.event_id,
        status=outcome.status,
        reason=outcome.reason,
        warnings=outcome.warnings,
        copy_of=outcome.copy_of,
    )


@router.get("/events", summary="Live events, most recent activity first")
def get_events(
    request: Request,
    since: str | None = Query(None, description="events still reported on or after this date"),
    until: str | None = Query(None, description="events reported on or before this date"),
    lang: str | None = Query(None, description="only events with an article in this language"),
    q: str | None = Query(None, description="words in headlines, entity names or titles"),
    limit: int = Query(100, ge=1, le=1000),
) -> list[dict[str, Any]]:
    """The objects of `babelwire events --json`."""
    wanted = EventFilter(q=q, lang=lang, since=since, until=until, limit=limit)
    with service(request).snapshot() as store:
        return [event.summary_dict() for event in find_events(store, wanted)]


@router.get("/events/{event_id}", summary="One event, exactly as `babelwire event ID --json`")
def get_event(request: Request, event_id: str) -> Any:
    """A merged event's old id redirects to the event it joined."""
    with service(request).snapshot() as store:
        live = store.resolve(event_id)
        if live != event_id:
            return RedirectResponse(request.url_for("get_event", event_id=live), 301)
        return describe_event(store, live)


@router.get("/articles/{article_id:path}", summary="One article: stored, or on the queue")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """A stored article (`state` linked) with its event; one still on the queue
    (serve --queue, workers) with its `state`: queued, in_progress, failed and why."""
    with service(request).snapshot() as store:
        return article_or_queued(store, article_id)


def article_or_queued(store: Store, article_id: str) -> dict[str, Any]:
    """The stored article, else where it is on the queue; NotFound if neither."""
    try:
        linked = store.article(article_id)
    except NotFound:
        queue = queue_of(store)
        waiting = None if queue is None else queued_article(queue, article_id)
        if waiting is None:
            raise
        return waiting
    return article_dict(linked, store.resolve(linked.event_id))


@router.get("/queue", summary="The queue's backlog, exactly as `babelwire queue --json`")
def get_queue(request: Request) -> dict[str, Any]:
    """Queued, in progress, linked and failed (with reasons); the workers seen recently."""
    with service(request).snapshot() as store:
        return queue_backlog(store)


def queue_backlog(store: Store) -> dict[str, Any]:
    """The backlog of the store's queue; NotFound when it has none."""
    queue = queue_of(store)
    if queue is None:
        raise NotFound(
            "this store has no queue",
            hint="a queue is made on a PostgreSQL store by `babelwire serve --queue`, "
            "`babelwire ingest --queue` or `babelwire worker`",
        )
    return backlog(queue)


def article_dict(linked: LinkedArticle, event_id: str) -> dict[str, Any]:
    article = linked.article
    return {
        "id": article.id,
        "state": "linked",
        "title": article.title,
        "lang": article.lang,
        "lang_confidence": round(article.lang_confidence, 3),
        "date": str(article.date) if article.date else None,
        "date_precision": article.date_precision.value,
        "date_inferred": article.date_inferred,
        "url": article.url,
        "source": article.source,
        "raw_text": article.raw_text,
        "text": article.text,
        "event_id": event_id,
        "copy_of": article.copy_of,
        "warnings": article.warnings,
        "why": explain_link(linked),
    }
