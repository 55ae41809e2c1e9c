"""The seed event stays whole and alone among hundreds of unrelated stories."""

from __future__ import annotations

import pytest

import babelwire
from tests.conftest import DATA, SEEDS, need


@pytest.mark.slow
@pytest.mark.quality
def test_the_seeds_stay_one_event_of_their_own_among_allsides(tmp_path):
    crowd = need(DATA / "allsides-dev") / "docs"
    with babelwire.open(tmp_path / "crowd.db") as wire:
        wire.ingest([str(crowd), str(need(SEEDS))])
        seed_ids = {p.stem for p in SEEDS.glob("*.txt")}
        holding = [e for e in wire.events() if seed_ids & set(e.article_ids)]
    assert len(holding) == 1, [e.article_ids for e in holding]
    assert set(holding[0].article_ids) == seed_ids
