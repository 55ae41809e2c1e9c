"""Subscriptions and the live stream under /api.

    POST   /api/subscriptions         a webhook and its filter  -> 201, with its secret (once)
    GET    /api/subscriptions         every subscription (no secrets)
    GET    /api/subscriptions/{id}    one, with its latest deliveries and their status
    DELETE /api/subscriptions/{id}    gone, with the deliveries it still had to make
    GET    /api/stream                Server-Sent Events: the changes, filtered the same way

Subscriptions name where the server sends requests, so every one of these
but the stream needs the write token (when one is set).
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel

from babelwire.alerts.changes import KINDS, SearchKeys
from babelwire.alerts.filters import Filter
from babelwire.alerts.subscriptions import new_subscription
from babelwire.errors import NotFound
from babelwire.service.http_api import _parse_json, _read_body, require_token, service
from babelwire.service.state import Service
from babelwire.store import Store

router = APIRouter(prefix="/api", tags=["alerts"])

KEEPALIVE_S = 15.0  # a comment line now and then keeps proxies from closing a quiet stream
BATCH = 200  # changes read from the log at a time
KINDS_HELP = f"any of: {', '.join(KINDS)} (default: all)"
LANGUAGES_HELP = "events with an article in any of these languages"
KINDS_HELP = f"any of: {', '.join(KINDS)} (default: all)"


class SubscriptionIn(BaseModel):
    """A subscription's body (documentation: the body is checked by hand, to name each problem)."""

    url: str
    q: str | None = None
    languages: list[str] | None = None
    min_articles: int | None = None
    min_sources: int | None = None
    min_languages: int | None = None
    kinds: list[str] | None = None


_BODY_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": SubscriptionIn.model_json_schema()}},
    }
}


@router.post(
    "/subscriptions",
    status_code=201,
    dependencies=[Depends(require_token)],
    openapi_extra=_BODY_DOC,
    summary="Subscribe a webhook to changes; the answer holds its secret, shown only now",
)
async def post_subscription(request: Request) -> JSONResponse:
    running = service(request)
    body = _parse_json(await _read_body(request, running.max_body))
    made = new_subscription(body, running.allow_private_hooks)
    stored = await run_in_threadpool(lambda: running.reader().add_subscription(made))
    return JSONResponse({**stored.public(), "secret": stored.secret}, status_code=201)


@router.get(
    "/subscriptions",
    dependencies=[Depends(require_token)],
    summary="Every subscription (secrets are never shown again)",
)
def get_subscriptions(request: Request) -> list[dict[str, Any]]:
    store = service(request).reader()
    return [
        {**sub.public(), "deliveries": store.delivery_counts(sub.id)}
        for sub in store.subscriptions()
    ]


@router.get(
    "/subscriptions/{subscription_id}",
    dependencies=[Depends(require_token)],
    summary="One subscription: its filter and its latest deliveries with their status",
)
def get_subscription(request: Request, subscription_id: str) -> dict[str, Any]:
    with service(request).snapshot() as store:
        return subscription_status(store, subscription_id)


def subscription_status(store: Store, subscription_id: str) -> dict[str, Any]:
    """A subscription as GET shows it (also `babelwire subscriptions --json`)."""
    sub = store.subscription(subscription_id)
    return {
        **sub.public(),
        "deliveries": store.delivery_counts(sub.id),
        "last_deliveries": store.deliveries_of(sub.id),
    }


@router.delete(
    "/subscriptions/{subscription_id}",
    status_code=204,
    dependencies=[Depends(require_token)],
    summary="Unsubscribe: the subscription and the deliveries it still had to make",
)
def delete_subscription(request: Request, subscription_id: str) -> Response:
    service(request).reader().remove_subscription(subscription_id)
    return Response(status_code=204)


@router.get(
    "/stream",
    summary="Server-Sent Events: each change to an event, as webhooks get it",
    response_class=StreamingResponse,
)
async def stream(
    request: Request,
    q: str | None = Query(None, description="words in headlines, entity names or titles"),
    languages: Annotated[list[str] | None, Query(description=LANGUAGES_HELP)] = None,
    min_articles: int | None = Query(None, ge=0),
    min_sources: int | None = Query(None, ge=0),
    min_languages: int | None = Query(None, ge=0),
    kinds: Annotated[list[str] | None, Query(description=KINDS_HELP)] = None,
    after: int | None = Query(None, ge=0, description="resume after this change number"),
) -> StreamingResponse:
    """Each message: `id` (the change's number: send it back as Last-Event-ID to
    resume), `event: change`, and `data`: the change as JSON (`kind`, `event`,
    `changed`, `at`). Without `after` or Last-Event-ID it starts with the next change."""
    given = {
        "q": q,
        "languages": languages or None,
        "min_articles": min_articles,
        "min_sources": min_sources,
        "min_languages": min_languages,
        "kinds": kinds or None,
    }
    wanted = Filter.parse({k: v for k, v in given.items() if v is not None})
    running = service(request)
    start = _resume_from(request, after)
    if start is None:
        start = await run_in_threadpool(lambda: running.reader().last_change())
    return StreamingResponse(
        _messages(request, running, wanted, start),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def _resume_from(request: Request, after: int | None) -> int | None:
    last = request.headers.get("last-event-id", "").strip()
    return int(last) if last.isdigit() else after


async def _messages(
    request: Request, running: Service, wanted: Filter, seq: int
) -> AsyncIterator[str]:
    yield "retry: 2000\n\n"  # a browser reconnects after 2 s, sending Last-Event-ID
    quiet = 0.0
    while not await request.is_disconnected():
        seq, found, more = await run_in_threadpool(_read_changes, running, wanted, seq)
        for number, change in found:
            yield f"id: {number}\nevent: change\ndata: {json.dumps(change)}\n\n"
        if more:
            continue
        if found:
            quiet = 0.0
        waited = await running.changed.wait(1.0)
        quiet += waited
        if quiet >= KEEPALIVE_S:
            quiet = 0.0
            yield f"id: {seq}\n: still here\n\n"


def _read_changes(
    running: Service, wanted: Filter, seq: int
) -> tuple[int, list[tuple[int, dict[str, Any]]], bool]:
    """The matching changes after `seq`, the last number read, and whether more wait."""
    with running.snapshot() as store:
        rows = store.changes_after(seq, BATCH)
        found = [
            (number, change)
            for number, change in rows
            if wanted.matches(
                change["kind"], change["event"], functools.partial(_keys_now, store, change)
            )
        ]
    return (rows[-1][0] if rows else seq), found, len(rows) == BATCH


def _keys_now(store: Store, change: dict[str, Any]) -> SearchKeys:
    """The event's search keys as it is now (the log keeps no keys: they grow with it)."""
    with contextlib.suppress(NotFound):
        return store.event_view(store.resolve(change["event"]["id"])).keys
    return SearchKeys()
