"""`babelwire export`: every event with its description, as JSON, Markdown or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import click

import babelwire
from babelwire.describe.render import CSV_COLUMNS, csv_row, render_briefing
from babelwire.model import Event, PartialDate
from babelwire.options import DB_OPTION


def _since(_ctx: click.Context, _param: click.Parameter, value: str | None) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise click.BadParameter(f"{value!r} is not a date like 2020-10 or 2020-10-06") from error


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "md", "csv"]),
    default="md",
    show_default=True,
    help="json: the full descriptions; md: a morning briefing; csv: one row per event.",
)
@click.option(
    "--since",
    callback=_since,
    metavar="DATE",
    help="Only events active on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD); undated "
    "events are left out.",
)
@click.option(
    "--out", type=click.Path(dir_okay=False), default=None, help="Write here, not to stdout."
)
@DB_OPTION
def export(fmt: str, since: PartialDate | None, out: str | None, db: str | None) -> None:
    """Write all events with their descriptions, most recent activity first."""
    with babelwire.open(db, create=False) as wire:  # it only reads: never create a store
        descriptions = [wire.event(e.id) for e in wire.events() if _active(e, since)]
    text = _format(fmt, descriptions, since)
    if out:
        with open(out, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        click.echo(f"wrote {len(descriptions)} events to {out}", err=True)
    else:
        click.echo(text, nl=False)


def _active(event: Event, since: PartialDate | None) -> bool:
    if since is None:
        return True
    return event.last_date is not None and event.last_date.end >= since.start


def _format(fmt: str, descriptions: list[dict[str, Any]], since: PartialDate | None) -> str:
    if fmt == "json":
        return json.dumps(descriptions, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(csv_row(d) for d in descriptions)
        return buffer.getvalue()
    title = f"News briefing, {dt.date.today().isoformat()}"
    if since is not None:
        title += f" (events since {since})"
    return render_briefing(descriptions, title)
