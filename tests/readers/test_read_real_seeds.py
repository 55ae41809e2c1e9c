"""The real seed files in ../shared/seeds read as the seed format intends."""

from __future__ import annotations

from pathlib import Path

import pytest

from babelwire.model import PartialDate, Precision, RawArticle
from babelwire.readers import read_paths

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: clone the project with ../shared beside it to run this")
    return SEEDS


def test_the_seed_folder_reads_with_ids_dates_and_precision(seeds: Path) -> None:
    items = list(read_paths([str(seeds)]))
    assert all(isinstance(item, RawArticle) for item in items), items
    articles = {item.id: item for item in items if isinstance(item, RawArticle)}
    month = articles["000_6e9735e04485fc5e"]
    day = articles["002_9aaf434e9089dc88"]
    undated = articles["004_b0aec262ba18a503"]
    assert (month.date, month.date.precision if month.date else None) == (
        PartialDate(2020, 10),
        Precision.MONTH,
    )
    assert (day.date, day.date.precision if day.date else None) == (
        PartialDate(2020, 10, 6),
        Precision.DAY,
    )
    assert undated.date is None
    # The date opening is cut from the text, and nothing else is.
    assert not month.text.startswith("date")
    assert not day.text.startswith("date")
    assert all(a.text and a.text == a.text.strip() and not a.warnings for a in articles.values())
    # Stream order: the month sorts as 2020-10-01, before 2020-10-06; undated last.
    assert [item.id for item in items if isinstance(item, RawArticle)][:3] == [
        "000_6e9735e04485fc5e",
        "002_9aaf434e9089dc88",
        "004_b0aec262ba18a503",
    ]
