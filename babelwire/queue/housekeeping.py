"""Keep the queue small: what is done is forgotten after BABELWIRE_QUEUE_KEEP_HOURS.

A job that succeeds is deleted by procrastinate as it finishes (with its
events); an article's payload is emptied once it is linked (the store holds
it). What is left is pruned by the workers, every PRUNE_SECONDS: the rows of
articles done for longer than the keep period, procrastinate's jobs that
ended otherwise (and their events), and workers not seen for that long. At
1 million articles a day, a day's done rows are some hundreds of megabytes.
"""

from __future__ import annotations

from procrastinate import App

from babelwire.queue.jobs import QUEUE_NAME
from babelwire.queue.tables import DONE_STATES

PRUNE_SECONDS = 600.0

FORGET_ARTICLES = """
DELETE FROM queued_articles
WHERE state = ANY(%(done)s) AND done_at < now() - make_interval(hours => %(hours)s)
"""
FORGET_WORKERS = """
DELETE FROM queue_workers WHERE last_seen < now() - make_interval(hours => %(hours)s)
"""


async def prune(app: App, keep_hours: int) -> None:
    """Forget what has been done for longer than `keep_hours`."""
    await app.job_manager.delete_old_jobs(
        nb_hours=keep_hours,
        queue=QUEUE_NAME,
        include_failed=True,
        include_cancelled=True,
        include_aborted=True,
    )
    await app.connector.execute_query_async(
        FORGET_ARTICLES, done=list(DONE_STATES), hours=keep_hours
    )
    await app.connector.execute_query_async(FORGET_WORKERS, hours=keep_hours)
