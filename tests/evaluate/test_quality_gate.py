"""The quality gate: linking on the real dev corpora must not fall under pinned floors.

The floors live in bench/quality_floors.json, next to the benchmark, a little
under what the default configuration reaches (the cross-lingual set also
pins precision: look-alike stories in one language must stay apart); raise them when linking gets
better, never lower them to make a change pass. The fast path (USE alone) has floors of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from babelwire.evaluate import evaluate
from tests.conftest import DATA, need

BENCH = Path(__file__).resolve().parents[2] / "bench"
FLOORS = json.loads((BENCH / "quality_floors.json").read_text())


def _folder(corpus: str) -> Path:
    """A set written for babelwire (bench/), else the evaluation data beside the checkout."""
    own = BENCH / corpus
    return own if own.is_dir() else need(DATA / corpus)


@pytest.mark.slow
@pytest.mark.quality
@pytest.mark.parametrize("corpus", sorted(FLOORS["corpora"]))
def test_linking_stays_above_its_floors(corpus):
    result = evaluate(_folder(corpus))
    below = _below(result, FLOORS["corpora"][corpus])
    assert not below, f"{corpus}: (reached, floor) {below}"


def _below(result: dict, floors: dict, where: str = "") -> dict:
    """The scores under their floors; `consolidated` holds the scores after consolidation."""
    found = {}
    for key, floor in floors.items():
        if isinstance(floor, dict):
            found |= _below(result[key], floor, f"{where}{key}.")
        elif result[key] < floor:
            found[where + key] = (round(result[key], 4), floor)
    return found


FAST = {k: v for k, v in FLOORS["fast"].items() if k != "about"}


@pytest.mark.slow
@pytest.mark.quality
@pytest.mark.parametrize("corpus", sorted(FAST))
def test_the_fast_path_stays_above_its_floors(corpus):
    result = evaluate(_folder(corpus), fast=True)
    below = _below(result, FAST[corpus])
    assert not below, f"fast path, {corpus}: (reached, floor) {below}"
