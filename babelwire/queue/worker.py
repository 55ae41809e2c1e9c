"""`babelwire worker`: take articles off the queue, encode them, link them.

Each job runs in a slot of its own: a store connection and a pipeline (whose
encoder is not thread-safe), used from one thread that is the slot's alone.
`--concurrency N` makes N slots, each with its own encoder: worth it with
more cores than one encoder keeps busy.

Beside the jobs, each worker keeps its row in `queue_workers` fresh (what
`babelwire queue` lists) and retries the jobs of workers that stopped
sending procrastinate heartbeats for the stall timeout (a worker killed, a
machine lost): procrastinate finds them, babelwire asks for the retry. And
now and then it prunes what was done long ago (housekeeping.py).
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import pickle
import socket
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from procrastinate import App

from babelwire import config
from babelwire.pipeline import Outcome, Pipeline
from babelwire.queue.enqueue import raw_article
from babelwire.queue.housekeeping import PRUNE_SECONDS, prune
from babelwire.queue.jobs import MAX_TRIES, QUEUE_NAME, make_app
from babelwire.queue.linking import describe, finish, link_ready
from babelwire.store import Store
from babelwire.store.queue import QueueRecords, open_queue, register_worker, worker_seen

log = logging.getLogger("babelwire.queue")

DEFAULT_STALL_SECONDS = 60.0
# How the test suite swaps in a fast encoder; production builds the default pipeline.
PIPELINE_FACTORY: Callable[[Store], Pipeline] = Pipeline


@dataclass
class Slot:
    """What one job at a time works with, all used from one thread of its own: the
    store's connection and the encoder's caches are bound to the thread that made them."""

    thread: ThreadPoolExecutor
    queue: QueueRecords
    pipeline: Pipeline


class Slots:
    """Up to `size` slots, made on first need: one per job running at once."""

    def __init__(self, location: str, size: int) -> None:
        self.location = location
        self.size = size
        self.made = 0
        self.free: asyncio.Queue[Slot] = asyncio.Queue()

    async def run(self, job: Callable[[Slot], None]) -> None:
        """Run `job` in a free slot's thread, waiting for one if all are busy."""
        slot = await self._take()
        try:
            await asyncio.get_running_loop().run_in_executor(slot.thread, job, slot)
        finally:
            self.free.put_nowait(slot)

    async def _take(self) -> Slot:
        if self.free.empty() and self.made < self.size:
            self.made += 1
            thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="babelwire-slot")
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(thread, self._make, thread)
        return await self.free.get()

    def _make(self, thread: ThreadPoolExecutor) -> Slot:
        queue = open_queue(self.location, make_tables=False)  # run_worker made them
        # The pipeline's cadence says when to consolidate, counted across the
        # cluster (consolidation.py); its own in-process count is never used.
        return Slot(thread, queue, PIPELINE_FACTORY(queue.store))


def work_on(slot: Slot, article_id: str, worker: str) -> None:
    """One job: encode the article unless done, then link whatever is ready."""
    row = slot.queue.start_try(article_id, worker)
    if row is not None and row["state"] == "queued":
        if row["tries"] > MAX_TRIES:
            reason = row["reason"] or f"its worker stopped while working on it {MAX_TRIES} times"
            slot.queue.fail(row["seq"], f"gave up after {MAX_TRIES} tries: {reason}", "queued")
        else:
            _encode(slot, row)
    link_ready(slot.queue, slot.pipeline)


def _encode(slot: Slot, row: Any) -> None:
    """Understand and represent the article, outside any lock; keep the result for the linker."""
    try:
        prepared = slot.pipeline.prepare(raw_article(row["payload"]))
    except Exception as error:
        reason = describe(error)
        log.exception("article %d failed (try %d of %d)", row["seq"], row["tries"], MAX_TRIES)
        if row["tries"] >= MAX_TRIES:
            slot.queue.fail(row["seq"], f"gave up after {MAX_TRIES} tries: {reason}", "queued")
            return
        slot.queue.note_failure(row["seq"], reason)
        raise  # procrastinate runs the job again
    if isinstance(prepared, Outcome):  # rejected, or known already: nothing to link
        finish(slot.queue, row["seq"], prepared)
        return
    slot.queue.keep_encoded(row["seq"], pickle.dumps(prepared))


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_worker(location: str, concurrency: int, stall_seconds: float) -> None:
    """Work the queue until stopped (Ctrl-C, SIGTERM)."""
    queue = open_queue(location)  # the tables made before any job runs
    name = worker_name()
    slots = Slots(location, concurrency)

    async def ingest_article(article_id: str) -> None:
        await slots.run(lambda slot: work_on(slot, article_id, name))

    app = make_app(location, ingest_article)
    try:
        asyncio.run(_serve(app, name, concurrency, stall_seconds))
    finally:
        queue.close()


async def _serve(app: App, name: str, concurrency: int, stall_seconds: float) -> None:
    async with app.open_async():
        await register_worker(app.connector, name, concurrency)
        keeper = asyncio.create_task(_keep_up(app, name, stall_seconds))
        try:
            await app.run_worker_async(
                queues=[QUEUE_NAME],
                name=name,
                concurrency=concurrency,
                # Heartbeats well inside the stall timeout: a live worker is never taken for dead.
                update_heartbeat_interval=max(stall_seconds / 4, 0.5),
                stalled_worker_timeout=stall_seconds,
                # A finished job is forgotten at once: the article's row says how it ended.
                delete_jobs="successful",
            )
        finally:
            keeper.cancel()


async def _keep_up(app: App, name: str, stall_seconds: float) -> None:
    """Say this worker is alive, retry the jobs of workers that are not, and
    now and then forget what was done long ago (housekeeping.py)."""
    pruned = -math.inf
    while True:
        await asyncio.sleep(max(stall_seconds / 4, 0.5))
        try:
            await worker_seen(app.connector, name)
            await _retry_stalled(app, stall_seconds)
            if time.monotonic() - pruned > PRUNE_SECONDS:
                pruned = time.monotonic()
                await prune(app, config.queue_keep_hours())
        except Exception:  # the next round tries again; the jobs go on meanwhile
            log.exception("keeping up the worker's heartbeat failed")


async def _retry_stalled(app: App, stall_seconds: float) -> None:
    stalled = await app.job_manager.get_stalled_jobs(
        queue=QUEUE_NAME, seconds_since_heartbeat=stall_seconds
    )
    for job in stalled:
        log.warning("job %s of a stalled worker: retrying it", job.id)
        try:
            await app.job_manager.retry_job(job)
        except Exception:  # another worker retried it first
            log.info("job %s was retried elsewhere", job.id)
