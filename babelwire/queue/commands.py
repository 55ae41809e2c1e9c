"""The `worker` and `queue` commands, and what `ingest --queue [--wait]` does."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable

import click

import babelwire
from babelwire import config
from babelwire.model import RawArticle, Rejection, Skipped
from babelwire.options import JSON_OPTION, PRIVATE_HOOKS_OPTION
from babelwire.pipeline import Outcome, Status
from babelwire.store import shown
from babelwire.store.queue import QueueRecords, open_queue

DB_OPTION = click.option(
    "--db",
    default=None,
    help="The PostgreSQL store holding the queue: postgresql://user@host:port/dbname "
    "[default: $BABELWIRE_DB].",
)
WAIT_POLL_SECONDS = 0.5
# A queue row's final state, as the ingest summary counts it.
REPORTED_AS = {
    "linked": Status.INGESTED,
    "copy": Status.COPY,
    "known": Status.KNOWN,
    "rejected": Status.REJECTED,
    "failed": Status.REJECTED,
}


@click.command()
@DB_OPTION
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Articles worked on at once, each with its own encoder (memory grows with it).",
)
@click.option(
    "--stall-timeout",
    "stall_seconds",
    type=click.FloatRange(min=1),
    default=None,
    help="Seconds without a heartbeat after which a worker counts as dead and its "
    "articles are retried by the others [default: 60].",
)
@PRIVATE_HOOKS_OPTION
def worker(
    db: str | None,
    concurrency: int,
    stall_seconds: float | None,
    allow_private_hooks: bool | None,
) -> None:
    """Take articles off the queue (`ingest --queue`), encode and link them, until stopped.

    Start any number, on any machine that reaches the database. Linking runs
    one article at a time across all of them, in the order the articles were
    queued; an article that fails 3 times ends as failed with its reason.
    Each worker also sends the subscriptions' webhooks (the outbox's leases
    keep senders apart), so alerts go out with no `serve` running.
    """
    import logging

    from babelwire.alerts.sender import started
    from babelwire.queue.worker import DEFAULT_STALL_SECONDS, run_worker, worker_name
    from babelwire.service.commands import LOG_FORMAT

    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    queue = open_queue(db)
    location = queue.location
    queue.close()
    click.echo(f"worker {worker_name()} on {shown(location)}", err=True)
    sender = started(location, allow_private_hooks)
    try:
        run_worker(location, concurrency, stall_seconds or DEFAULT_STALL_SECONDS)
    finally:
        sender.stop()


@click.command("queue")
@DB_OPTION
@JSON_OPTION
def queue_command(db: str | None, as_json: bool) -> None:
    """Show the queue: articles waiting, in progress, linked and failed, and the workers."""
    from babelwire.queue.backlog import backlog

    queue = open_queue(db)
    try:
        summary = backlog(queue)
    finally:
        queue.close()
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    _print_backlog(summary)


def _print_backlog(summary: dict) -> None:
    age = summary["oldest_waiting_seconds"]
    click.echo(
        f"queued {summary['queued']}, in progress {summary['in_progress']}, linked "
        f"{summary['linked']}, copies {summary['copies']}, already known {summary['known']}, "
        f"rejected {summary['rejected']}, failed {summary['failed']}"
        + (f"; the oldest has waited {age:.0f} s" if age is not None else "")
    )
    for failure in summary["failures"]:
        click.echo(f"  failed {failure['article_id']}: {failure['reason']}")
    click.echo(f"workers seen in the last 5 minutes: {len(summary['workers'])}")
    for seen in summary["workers"]:
        click.echo(
            f"  {seen['name']}  concurrency {seen['concurrency']}  "
            f"last seen {seen['seen_seconds_ago']:.0f} s ago"
        )


def ingest_queued(
    items: Iterable[RawArticle | Rejection | Skipped], db: str | None, wait: bool
) -> list[Outcome]:
    """Put the articles on the queue; with `wait`, every outcome once all are done,
    else (having said how many were queued) those known or refused at once."""
    from babelwire.queue.enqueue import QueueWriter

    writer = QueueWriter(open_queue(db))
    outcomes: list[Outcome] = []
    pending: dict[int, str] = {}  # seq -> where the article came from
    try:
        for item in items:
            outcome, seq = writer.put(item)
            if seq is None:
                outcomes.append(outcome)
            else:
                pending[seq] = item.where
        if not wait:
            _say_queued(outcomes, len(pending))
            return outcomes
        outcomes.extend(_wait_for(writer.queue, pending))
        _consolidate_after(writer.queue, outcomes)
    finally:
        writer.close()
    return outcomes


def _say_queued(outcomes: list[Outcome], queued: int) -> None:
    known = sum(o.status is Status.KNOWN for o in outcomes)
    rejected = sum(o.status is Status.REJECTED for o in outcomes)
    skipped = sum(o.status is Status.SKIPPED for o in outcomes)
    click.echo(f"queued {queued}, already known {known}, rejected {rejected}, skipped {skipped}")
    for outcome in outcomes:
        if outcome.status in (Status.REJECTED, Status.SKIPPED):
            click.echo(f"  {outcome.status} {outcome.where}: {outcome.reason}")


def _wait_for(queue: QueueRecords, pending: dict[int, str]) -> list[Outcome]:
    """Poll until every queued article is linked, known, rejected or failed."""
    from babelwire.queue.backlog import RECENT_WORKER_SECONDS

    done: list[Outcome] = []
    told = False
    while pending:
        for row in queue.finished(list(pending)):
            where = pending.pop(row["seq"])
            status = REPORTED_AS[row["state"]]
            done.append(Outcome(status, where, row["article_id"], row["event_id"], row["reason"],
                                copy_of=row["copy_of"]))  # fmt: skip
        if pending and not told and not queue.any_worker(RECENT_WORKER_SECONDS):
            click.echo(
                f"waiting for {len(pending)} articles, and no worker has been seen: start one "
                f"with `babelwire worker --db {shown(queue.location)}`",
                err=True,
            )
            told = True
        if pending:
            time.sleep(WAIT_POLL_SECONDS)
    return done


def _consolidate_after(queue: QueueRecords, outcomes: list[Outcome]) -> None:
    """As an in-process ingest does at the end of its batch: mend what it brought
    (under the link lock, as the workers do)."""
    from babelwire.queue.consolidation import consolidate_now
    from babelwire.store.queue import queue_records

    if config.consolidate_every() and any(o.status is Status.INGESTED for o in outcomes):
        with babelwire.open(queue.location) as wire:
            wire_queue = queue_records(wire.store)
            assert wire_queue is not None
            consolidate_now(wire_queue, wire.pipeline)
