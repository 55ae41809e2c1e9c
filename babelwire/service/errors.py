"""How the service answers when something goes wrong.

Every error is JSON `{"error": <the status in words>, "detail": <what happened
and what to do>}` with the status of its class in babelwire's error tree,
plus two of the service's own:

    BabelwireError
    ├── Unauthorized     (401: a write without the right bearer token)
    └── TooLarge         (413: a request body over BABELWIRE_MAX_BODY_MB)

A browser asking for a page (Accept: text/html, outside /api) gets the same
message as a small HTML page instead.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from babelwire.errors import BabelwireError

log = logging.getLogger("babelwire.service")


class Unauthorized(BabelwireError):
    status = 401


class TooLarge(BabelwireError):
    status = 413


def install(app: FastAPI, templates: Jinja2Templates) -> None:
    """Route every kind of failure to one answer shape."""

    async def babelwire_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, BabelwireError)
        log.warning("%s %s -> %d: %s", request.method, request.url.path, error.status, error)
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
        return _answer(request, templates, error.status, str(error), headers)

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        log.info("%s %s -> %d", request.method, request.url.path, error.status_code)
        return _answer(request, templates, error.status_code, str(error.detail), error.headers)

    async def invalid_request(request: Request, error: Exception) -> Response:
        # Bad query or path parameters are the client's mistake: 400, saying which.
        assert isinstance(error, RequestValidationError)
        detail = "; ".join(_field_problem(problem) for problem in error.errors())
        log.info("%s %s -> 400: %s", request.method, request.url.path, detail)
        return _answer(request, templates, 400, detail)

    async def bug(request: Request, error: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return _answer(request, templates, 500, f"{type(error).__name__}: see the service log")

    app.add_exception_handler(BabelwireError, babelwire_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(Exception, bug)


def _field_problem(problem: dict) -> str:
    where = ".".join(str(part) for part in problem.get("loc", ()))
    return f"{where}: {problem.get('msg', 'invalid')}"


def _answer(
    request: Request,
    templates: Jinja2Templates,
    status: int,
    detail: str,
    headers: Mapping[str, str] | None = None,
) -> Response:
    error = HTTPStatus(status).phrase.lower()
    if _wants_page(request):
        context = {"status": status, "error": error, "detail": detail}
        return templates.TemplateResponse(
            request, "error.html", context, status_code=status, headers=headers
        )
    return JSONResponse({"error": error, "detail": detail}, status_code=status, headers=headers)


def _wants_page(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and not request.url.path.startswith("/api/")
