"""The web pages: the events list, one event, one article and the queue,
readable without JavaScript.

Templates autoescape everything, so article text arrives in the browser as
text, never as markup. The event page renders whichever description fields
exist (summary, timeline, entities, figures, sources) and skips the others.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from babelwire.describe.event import describe_event
from babelwire.describe.render import history_changes
from babelwire.model import Event
from babelwire.service.http_api import article_or_queued, queue_backlog, service
from babelwire.service.queries import (
    EventFilter,
    article_days,
    bars,
    find_events,
    languages,
    last_update,
)
from babelwire.store import Store

router = APIRouter(include_in_schema=False)


def templates(request: Request) -> Jinja2Templates:
    return request.app.state.templates


@router.get("/", response_class=HTMLResponse)
def index(
    request: Request,
    q: str = "",
    lang: str = "",
    since: str = "",
    until: str = "",
) -> Response:
    wanted = EventFilter(q=q, lang=lang, since=since, until=until, limit=200)
    with service(request).snapshot() as store:
        rows = [_row(store, event) for event in find_events(store, wanted)]
        context = {
            "rows": rows,
            "filters": wanted,
            "languages": languages(store),
            "stream": _stream_of(request, wanted),
        }
    return templates(request).TemplateResponse(request, "index.html", context)


def _stream_of(request: Request, wanted: EventFilter) -> str:
    """The changes the list shows, for its live updates: the same search and language.

    Dates are left to the page's own reload: a change may move an event
    into the range as well as out of it.
    """
    given = {"q": wanted.q, "languages": wanted.lang}
    query = urlencode({name: value for name, value in given.items() if value})
    path = request.url_for("stream").path
    return f"{path}?{query}" if query else path


def _row(store: Store, event: Event) -> dict[str, Any]:
    return {
        "event": event,
        "updated": last_update(store, event),
        "bars": bars(article_days(store, event.id)),
    }


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> Response:
    with service(request).snapshot() as store:
        live = store.resolve(event_id)
        if live != event_id:
            return RedirectResponse(request.url_for("event_page", event_id=live), 301)
        described = describe_event(store, live)
    articles = described.get("articles", [])
    context = {
        "event": described,
        "by_id": {article["id"]: article for article in articles},
        "by_lang": _by_language(articles),
        "history": history_changes(described),
        "stream": request.url_for("stream").path,
        "live_event": described["id"],
    }
    return templates(request).TemplateResponse(request, "event.html", context)


def _by_language(articles: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in articles:
        groups[article.get("lang") or "und"].append(article)
    return dict(sorted(groups.items()))


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> Response:
    with service(request).snapshot() as store:
        article = article_or_queued(store, article_id)
    if article["state"] != "linked":
        return templates(request).TemplateResponse(request, "queued.html", {"article": article})
    return templates(request).TemplateResponse(request, "article.html", {"article": article})


@router.get("/queue", response_class=HTMLResponse)
def queue_page(request: Request) -> Response:
    with service(request).snapshot() as store:
        summary = queue_backlog(store)
    return templates(request).TemplateResponse(request, "queue.html", {"backlog": summary})
