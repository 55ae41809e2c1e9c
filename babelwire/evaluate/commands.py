"""`babelwire calibrate`: the linker fitted to the encoder's model (evaluate/calibrate.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from babelwire.cluster import calibration
from babelwire.cluster.calibration import CALIBRATED
from babelwire.evaluate.calibrate import Labelled, Replayer, calibrate, prepare
from babelwire.options import JSON_OPTION
from babelwire.pipeline import NEVER, Pipeline
from babelwire.store import open_store

FOLDER = click.Path(exists=True, file_okay=False, path_type=Path)


@click.command("calibrate")
@click.argument("folders", nargs=-1, required=True, type=FOLDER)
@click.option(
    "--check",
    "checks",
    multiple=True,
    type=FOLDER,
    help="A labelled folder scored before and after, not fitted on (repeat for more).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("calibration.json"),
    show_default=True,
    help="The calibration file to write.",
)
@JSON_OPTION
def calibrate_command(
    folders: tuple[Path, ...], checks: tuple[Path, ...], out: Path, as_json: bool
) -> None:
    """Fit the linker to the configured encoder's model on labelled FOLDERS.

    FOLDERS are in the `eval` format (docs/<id>.txt + gold.tsv). Their articles
    are encoded once with BABELWIRE_ENCODER's model; the settings that depend
    on the model's cosines (join and merge thresholds, the cross-language
    allowances, the weights of names, figures and words) are then searched,
    keeping only what holds on both halves of every folder. Prints the
    settings and the scores before and after, and writes the calibration
    file: set BABELWIRE_CALIBRATION to it for ingest, eval, serve and the
    workers.
    """
    store = open_store(":memory:")
    try:
        pipeline = Pipeline(store, cadence=NEVER, use_calibration=False)
        click.echo(f"encoding with {pipeline.encoder.name} ...", err=True)
        fitted_on = [_prepared(folder, pipeline) for folder in folders]
        checked = [_prepared(folder, pipeline) for folder in checks]
        base = pipeline.linker.config  # type: ignore[attr-defined]
        progress = _echo if not as_json else _quiet
        fitted, report = calibrate(fitted_on, checked, Replayer.like(pipeline), base, progress)
    finally:
        store.close()
    calibration.of(fitted, pipeline.encoder.name, report).save(out)
    if as_json:
        click.echo(out.read_text(encoding="utf-8"), nl=False)
        return
    _print_report(pipeline.encoder.name, report, out)


def _prepared(folder: Path, pipeline: Pipeline) -> Labelled:
    labelled = prepare(folder, pipeline)
    click.echo(f"  {folder}: {len(labelled.prepared)} articles", err=True)
    return labelled


def _echo(line: str) -> None:
    click.echo(f"  {line}", err=True)


def _quiet(_: str) -> None:
    pass


def _print_report(model: str, report: dict[str, Any], out: Path) -> None:
    click.echo(f"Calibrated for {model} ({report['tried']} configurations replayed)\n")
    click.echo(f"{'setting':<22}{'before':>8}{'after':>8}")
    for name in CALIBRATED:
        values = report["settings"][name]
        click.echo(f"{name:<22}{values['before']:>8.3f}{values['after']:>8.3f}")
    click.echo(f"\n{'BCubed F1':<44}{'online':>16}{'consolidated':>16}")
    click.echo(f"{'':<44}{'before':>8}{'after':>8}{'before':>8}{'after':>8}")
    for folder in report["folders"]:
        name = f"{folder['folder']} ({folder['role']}, {folder['articles']})"
        cells = [
            folder[kind][when]
            for kind in ("online", "consolidated")
            for when in ("before", "after")
        ]
        click.echo(f"{name:<44}" + "".join(f"{cell:>8.3f}" for cell in cells))
    click.echo(f"\nWrote {out}; to link with it: export BABELWIRE_CALIBRATION={out}")
