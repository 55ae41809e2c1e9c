"""The procrastinate side: an App on the store's database, and the one job.

The job `ingest_article(article_id)` carries only the id: the article itself
is in `queued_articles`, written in the same transaction as the job, so a job
never exists without its article nor an article without its job.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from procrastinate import App, PsycopgConnector, RetryStrategy

TASK_NAME = "ingest_article"
QUEUE_NAME = "babelwire"
# Attempts of one article, crashes included, before it ends as failed. Counted
# by babelwire in queued_articles (a killed worker's attempt counts too, which
# procrastinate cannot see); procrastinate's own retries only re-run the job.
MAX_TRIES = 3
# Procrastinate re-runs a job that raised after this many seconds, up to a
# bound past MAX_TRIES (the job itself decides when to give up).
RETRY = RetryStrategy(max_attempts=MAX_TRIES + 2, wait=1)


def make_app(location: str, job: Callable[[str], Coroutine[Any, Any, None]] | None = None) -> App:
    """An App on the database at `location`; `job` runs each article (workers only)."""
    app = App(connector=PsycopgConnector(conninfo=location))
    if job is not None:
        app.task(name=TASK_NAME, queue=QUEUE_NAME, retry=RETRY, pass_context=False)(job)
    return app
