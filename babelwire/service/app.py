"""The babelwire service: the JSON API, the web pages, OpenAPI docs at /docs.

    app = create_app("news.db", token="s3cret")
    uvicorn.run(app)

Tests build it with `pipeline_factory=lambda store: Pipeline(store, encoder=...)`
to swap in a fast encoder.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline

from babelwire import config
from babelwire.alerts.sender import RetryPolicy, Sender
from babelwire.describe.render import value_range
from babelwire.pipeline import Pipeline
from babelwire.queue.backlog import queue_of
from babelwire.service import alerts_api, errors, http_api, pages
from babelwire.service.state import PipelineFactory, Service
from babelwire.store import open_store

HERE = Path(__file__).parent

# The pages run only babelwire's own script files (the live updates,
# static/live.js), never a script inside a page: even markup that slipped
# past escaping could not execute. /docs is exempt (Swagger UI is a script).
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
DOC_PATHS = ("/docs", "/redoc", "/openapi.json")


def create_app(
    db: str | Path | None = None,
    token: str | None = None,
    pipeline_factory: PipelineFactory = Pipeline,
    max_body: int | None = None,
    queued: bool = False,
    allow_private_hooks: bool | None = None,
    public_url: str | None = None,
    retry: RetryPolicy | None = None,
    send_hooks: bool = True,
) -> FastAPI:
    """The service on the store `db` (default: $BABELWIRE_DB, else ./babelwire.db).

    `token` (default $BABELWIRE_TOKEN) guards writes; empty leaves them open.
    `queued`: posted articles go on the queue of the (PostgreSQL) store, for
    `babelwire worker`s to link.
    `send_hooks`: this service sends the webhooks' outbox (a background
    thread), to private addresses too when `allow_private_hooks` (default
    $BABELWIRE_ALLOW_PRIVATE_HOOKS), linking events at `public_url` (default
    $BABELWIRE_PUBLIC_URL), retrying as `retry` says.
    """
    location = config.db_location(str(db) if db else None)
    allow_private = (
        config.allow_private_hooks() if allow_private_hooks is None else allow_private_hooks
    )
    sender = (
        Sender(location, public_url or config.public_url(), allow_private, retry)
        if send_hooks
        else None
    )
    service = Service(
        location,
        token=config.setting("token") if token is None else token,
        max_body=config.max_body_bytes() if max_body is None else max_body,
        pipeline_factory=pipeline_factory,
        queued=queued,
        allow_private_hooks=allow_private,
        sender=sender,
    )
    has_queue = _prepare(service.db, queued)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if sender is not None:
            sender.start()
        yield
        if sender is not None:
            sender.stop()
        service.close()

    # /docs and /redoc load Swagger UI and ReDoc from files installed with
    # fastapi-offline, not from a CDN: the docs work on a machine offline.
    app = FastAPIOffline(
        title="babelwire",
        summary="Articles in many languages in; the real-world events they report out.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.service = service
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    # Figures read the same on the pages as in the terminal ("2,301+", "200-999").
    app.state.templates.env.filters["value_range"] = value_range
    # The pages link the queue's page when the store has a queue.
    app.state.templates.env.globals["has_queue"] = has_queue
    errors.install(app, app.state.templates)
    app.include_router(http_api.router)
    app.include_router(alerts_api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.middleware("http")(_security_headers)
    return app


def _prepare(db: str, queued: bool) -> bool:
    """Create or migrate the store (and with `queued`, its queue) now, so a bad
    path fails at start, not per request; whether the store has a queue."""
    if queued:
        from babelwire.store.queue import open_queue

        open_queue(db).close()  # refuses an SQLite store, saying so
        return True
    store = open_store(db)  # logs when the store is new: a mistyped --db shows at once
    try:
        store.connect()
        return queue_of(store) is not None
    finally:
        store.close()


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    if not request.url.path.startswith(DOC_PATHS):
        for name, value in PAGE_HEADERS.items():
            response.headers.setdefault(name, value)
    return response
