"""The `babelwire` command. Its --help texts are the reference documentation."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

import babelwire
from babelwire.errors import BabelwireError
from babelwire.model import Event
from babelwire.pipeline import Outcome, Status
from babelwire.readers import read_paths

DB_OPTION = click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    help="Store file [default: $BABELWIRE_DB, else ./babelwire.db].",
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


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
def ingest(paths: tuple[str, ...], db: str | None) -> None:
    """Ingest articles from PATHS: files, folders (recursive) or - for JSONL on stdin.

    Files: *.txt in the seed format (an optional " date YYYY[-MM[-DD]]" then
    the text), *.jsonl and *.csv with a `text` field and optional `id`,
    `title`, `date`, `url`, `source`, `lang`. A folder is replayed as a
    stream in publication-date order. Exits 1 when any input was rejected;
    the valid ones are stored either way.
    """
    with babelwire.open(db) as wire:
        items = list(read_paths(paths))
        outcomes: list[Outcome] = []
        # A bar only for a person watching a run that takes a while.
        watching = sys.stderr.isatty() and len(items) > 20
        with click.progressbar(
            items, label="Ingesting", file=sys.stderr, show_pos=True, hidden=not watching
        ) as progress:
            for item in progress:
                outcomes.extend(wire.ingest_iter([item]))
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
        f"rejected {counts[Status.REJECTED]}"
    )
    for outcome in outcomes:
        if outcome.status is Status.REJECTED:
            click.echo(f"  rejected {outcome.where}: {outcome.reason}")


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
    outlets = len(event.sources) or "?"  # plain text files name no outlet
    return (
        f"{event.id}  {len(event.article_ids):>3} articles  {outlets:>2} sources  "
        f"{','.join(event.languages):<12} {dates:<24} {event.headline[:80]}"
    )


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


@main.command("eval")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@JSON_OPTION
def eval_command(folder: Path, as_json: bool) -> None:
    """Score linking on FOLDER (docs/<id>.txt + gold.tsv) replayed as a stream."""
    from babelwire.evaluate import evaluate

    result = evaluate(folder)
    if as_json:
        _print_json(result)
        return
    for key, value in result.items():
        click.echo(f"{key:>15}  {value:.3f}" if isinstance(value, float) else f"{key:>15}  {value}")


def _open_existing(db: str | None) -> babelwire.Babelwire:
    """The store for a command that only reads: a missing one is an error, never created."""
    return babelwire.open(db, create=False)


def _print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


from babelwire.service.commands import serve, watch  # noqa: E402 - commands defined elsewhere

main.add_command(serve)
main.add_command(watch)

from babelwire.describe.commands import export  # noqa: E402 - defined with describe

main.add_command(export)
