"""`babelwire calibrate`: the linker fitted to a model on a labelled folder, checked on another."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from babelwire.cli import main
from babelwire.cluster.online import LinkerConfig
from babelwire.evaluate.calibrate import Replayer, calibrate, grids, prepare, with_value
from babelwire.pipeline import NEVER, Pipeline
from babelwire.store import SQLiteStore
from tests.conftest import SAMPLES, HashingEncoder

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_consolidations_cut_moves_with_the_threshold():
    base = LinkerConfig()
    moved = with_value(base, base, "threshold", 0.8)
    assert (moved.threshold, moved.hindsight_cut) == (0.8, pytest.approx(base.hindsight_cut + 0.1))
    assert with_value(base, base, "name_weight", 0.3).hindsight_cut == base.hindsight_cut


def test_every_grid_holds_the_built_in_value():
    base = LinkerConfig()
    for name, values in grids(base).items():
        assert getattr(base, name) in values, name


@pytest.mark.slow
def test_calibration_fits_a_model_on_one_folder_and_holds_on_another():
    # The test encoder's cosines are not e5's: the built-in settings do not fit it.
    pipeline = Pipeline(SQLiteStore(":memory:"), encoder=HashingEncoder(), cadence=NEVER)
    fitted_on = prepare(BENCH / "crosslingual", pipeline)
    check = prepare(BENCH / "crosslingual2", pipeline)
    base = pipeline.linker.config
    fitted, report = calibrate([fitted_on], [check], Replayer.like(pipeline), base)
    assert fitted != base
    moved = {n for n, v in report["settings"].items() if v["before"] != v["after"]}
    assert moved and all(getattr(fitted, name) != getattr(base, name) for name in moved)
    own, other = report["folders"]
    assert own["role"] == "fitted" and own["online"]["after"] > own["online"]["before"]
    assert other["role"] == "check" and other["online"]["after"] >= other["online"]["before"]


@pytest.mark.slow
def test_the_calibrate_command_writes_what_eval_then_links_with(tmp_path, monkeypatch):
    out = tmp_path / "calibration.json"
    runner = CliRunner()
    result = runner.invoke(
        main, ["calibrate", str(SAMPLES), "--check", str(BENCH / "crosslingual"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Calibrated for e5-small-q4-query" in result.output and "(check, 48)" in result.output
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["model"] == "e5-small-q4-query"
    sample = written["report"]["folders"][0]

    monkeypatch.setenv("BABELWIRE_CALIBRATION", str(out))
    scored = runner.invoke(main, ["eval", str(SAMPLES), "--json"], catch_exceptions=False)
    assert json.loads(scored.output)["bcubed_f1"] == sample["online"]["after"]

    # The fast path reads with another model: the calibration is refused, nothing replayed.
    monkeypatch.setenv("BABELWIRE_ENCODER", "use")
    refused = runner.invoke(main, ["eval", str(SAMPLES)])
    assert refused.exit_code == 1
    assert "was fitted for the model 'e5-small-q4-query'" in refused.output
