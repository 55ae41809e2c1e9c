"""The `babelwire` command. Its --help texts are the reference documentation."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

import babelwire
from babelwire.alerts.commands import subscribe, subscriptions, unsubscribe
from babelwire.describe.commands import export
from babelwire.errors import BabelwireError
from babelwire.evaluate.commands import calibrate_command
from babelwire.model import Event
from babelwire.options import DB_OPTION, JSON_OPTION
from babelwire.pipeline import Outcome, Status
from babelwire.queue.commands import queue_command, worker
from babelwire.readers import read_paths
from babelwire.service.commands import serve, watch


class _Commands(click.Group):
    """Turns babelwire's own errors into a clear message and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BabelwireError as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=_Commands)
@click.version_option(package_name="babelwire")
def main() -> None:
    """Follow the news across languages: ingest articles, read the events they report."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option(
    "--queue",
    "queued",
    is_flag=True,
    help="Put the articles on the queue of a PostgreSQL store for `babelwire worker`s "
    "and return at once.",
)
@click.option(
    "--wait", is_flag=True, help="With --queue: wait until every article is linked or failed."
)
def ingest(paths: tuple[str, ...], db: str | None, queued: bool, wait: bool) -> None:
    """Ingest articles from PATHS: files, folders (recursive) or - for JSONL on stdin.

    Files: *.txt in the seed format (an optional " date YYYY[-MM[-DD]]" then
    the text), *.jsonl and *.csv with a `text` field and optional `id`,
    `title`, `date`, `url`, `source`, `lang`, and saved web pages (*.html,
    *.htm). A folder is replayed as a stream in publication-date order; its
    other files are skipped and named. The same input again is `already
    known`; the same text under another id, link or source is stored as a
    copy of the first. Exits 1 when any input was rejected; the valid ones
    are stored either way.
    """
    if wait and not queued:
        raise click.UsageError("--wait goes with --queue")
    if queued:
        _ingest_queued(paths, db, wait)
        return
    with babelwire.open(db) as wire:
        items = list(read_paths(paths))
        outcomes: list[Outcome] = []
        # A bar only for a person watching a run that takes a while.
        watching = sys.stderr.isatty() and len(items) > 20
        with click.progressbar(
            items, label="Ingesting", file=sys.stderr, show_pos=True, hidden=not watching
        ) as progress:
            # One stream, so that the encoder gets its articles in batches.
            outcomes.extend(wire.ingest_iter(progress))
        wire.pipeline.finish()  # the batch is in: mend its events with hindsight
    _report(outcomes)
    if any(o.status is Status.REJECTED for o in outcomes):
        sys.exit(1)


def _ingest_queued(paths: tuple[str, ...], db: str | None, wait: bool) -> None:
    from babelwire.queue.commands import ingest_queued

    outcomes = ingest_queued(read_paths(paths), db, wait)
    if wait:
        _report(outcomes)
    if any(o.status is Status.REJECTED for o in outcomes):
        sys.exit(1)


def _report(outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        for warning in outcome.warnings:
            click.echo(f"warning: {warning}", err=True)
    counts = Counter(o.status for o in outcomes)
    click.echo(
        f"ingested {counts[Status.INGESTED]}, already known {counts[Status.KNOWN]}, "
        f"rejected {counts[Status.REJECTED]}, skipped {counts[Status.SKIPPED]}, "
        f"copies {counts[Status.COPY]}"
    )
    for outcome in outcomes:
        if outcome.status in (Status.REJECTED, Status.SKIPPED):
            click.echo(f"  {outcome.status} {outcome.where}: {outcome.reason}")
        elif outcome.status is Status.COPY:
            click.echo(f"  copy {outcome.where}: {outcome.article_id} repeats {outcome.copy_of}")


@main.command()
@DB_OPTION
@JSON_OPTION
@click.option("--limit", type=int, default=None, help="Show at most this many events.")
def events(db: str | None, as_json: bool, limit: int | None) -> None:
    """List events, most recent activity first."""
    with _open_existing(db) as wire:
        found = wire.events(limit)
    if as_json:
        _print_json([e.summary_dict() for e in found])
        return
    if not found:
        click.echo("no events yet: ingest some articles with `babelwire ingest PATH`")
    for event in found:
        click.echo(_event_line(event))


def _event_line(event: Event) -> str:
    dates = f"{event.first_date or '?'} .. {event.last_date or '?'}"
    articles, sources = (
        _counted(len(event.article_ids), "article"),
        _counted(len(event.sources), "source"),
    )
    return (
        f"{event.id}  {articles:>12}  {sources:>10}  "
        f"{','.join(event.languages):<12} {dates:<24} {event.headline[:80]}"
    )


def _counted(count: int, noun: str) -> str:
    """'1 article ', '3 articles': padded alike, so that the columns line up."""
    return f"{count} {noun}" + ("s" if count != 1 else " ")


@main.command()
@click.argument("event_id")
@DB_OPTION
@JSON_OPTION
def event(event_id: str, db: str | None, as_json: bool) -> None:
    """Show one event with its articles and why each joined."""
    with _open_existing(db) as wire:
        described = wire.event(event_id)
    if as_json:
        _print_json(described)
        return
    from babelwire.describe.render import render_text

    click.echo(render_text(described))


@main.command()
@DB_OPTION
@click.option(
    "--window",
    "window_days",
    type=click.FloatRange(min=0),
    default=None,
    help="Revisit events active within this many days of the newest date "
    "[default: $BABELWIRE_CONSOLIDATE_WINDOW_DAYS, else 30].",
)
@click.option("--dry-run", is_flag=True, help="Say what would change, change nothing.")
@JSON_OPTION
def consolidate(db: str | None, window_days: float | None, dry_run: bool, as_json: bool) -> None:
    """Mend recent events with hindsight: re-cluster them, split and merge.

    Each change is its own transaction and is kept in the events' history
    (`babelwire event ID`); every moved article says why it moved. Ingest
    runs this by itself (BABELWIRE_CONSOLIDATE_EVERY articles).
    """
    with _open_existing(db) as wire:
        consolidator = wire.pipeline.consolidator
        if window_days is not None:
            consolidator.window_days = window_days
        report = consolidator.run(dry_run=dry_run)
        headlines = {e.id: e.headline for e in wire.events()} if not as_json else {}
    if as_json:
        _print_json(report.as_dict() | {"dry_run": dry_run})
        return
    verb = "would make" if dry_run else "made"
    click.echo(
        f"{report.articles} articles in {report.events} events revisited: {verb} "
        f"{report.splits} splits and {report.merges} merges"
    )
    for change in report.changes:
        click.echo(_change_line(change, headlines))


def _change_line(change: Any, headlines: dict[str, str]) -> str:
    """One planned or made change: what moves where, and the evidence it weighed."""
    into = headlines.get(change.target, "a new event")[:60]
    scores = [
        f"{change.evidence[key]:.2f} with the articles they {verb}"
        for key, verb in (("with_rest_of_event", "leave"), ("with_event_joined", "join"))
        if change.evidence.get(key) is not None
    ]
    ids = ", ".join(change.article_ids[:8]) + (" ..." if len(change.article_ids) > 8 else "")
    return (
        f"  {change.kind}: {len(change.article_ids)} of {change.source} -> {change.target} "
        f"({into}); mean score {' and '.join(scores)}\n    {ids}"
    )


@main.command("eval")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--db",
    default=None,
    help="Replay into this store (a file or a postgresql:// URL), which must hold no "
    "articles [default: a throwaway SQLite file].",
)
@JSON_OPTION
def eval_command(folder: Path, db: str | None, as_json: bool) -> None:
    """Score linking on FOLDER (docs/<id>.txt + gold.tsv) replayed as a stream."""
    from babelwire.evaluate import evaluate

    result = evaluate(folder, db=db)
    if as_json:
        _print_json(result)
        return
    after = result.pop("consolidated", {})
    click.echo(f"{'':>15}  {'online':>8}  {'consolidated':>12}")
    for key in [*result, *(k for k in after if k not in result)]:
        cells = [_cell(result.get(key), 8), _cell(after.get(key), 12)]
        click.echo(f"{key:>15}  {'  '.join(cells)}")


def _cell(value: Any, width: int) -> str:
    if value is None:
        return " " * width
    return f"{value:>{width}.3f}" if isinstance(value, float) else f"{value:>{width}}"


def _open_existing(db: str | None) -> babelwire.Babelwire:
    """The store for a command that only reads: a missing one is an error, never created."""
    return babelwire.open(db, create=False)


def _print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


# Commands defined beside the code they drive.
for command in (
    serve,
    watch,
    export,
    worker,
    queue_command,
    calibrate_command,
    subscribe,
    subscriptions,
    unsubscribe,
):
    main.add_command(command)
