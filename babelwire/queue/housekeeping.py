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
from babelwire.store.queue import forget_done

PRUNE_SECONDS = 600.0


async def prune(app: App, keep_hours: int) -> None:
    """Forget what has been done for longer than `keep_hours`."""
    await app.job_manager.delete_old_jobs(
        nb_hours=keep_hours,
        queue=QUEUE_NAME,
        include_failed=True,
        include_cancelled=True,
        include_aborted=True,
    )
    await forget_done(app.connector, keep_hours)
