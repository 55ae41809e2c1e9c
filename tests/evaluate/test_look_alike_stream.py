"""A generated stream of look-alike events (bench/council.py): no event may chain them.

Council votes in many towns, told in the same words with other towns, dates
and figures, three towns a day. Online, an event may take in another vote of
the same day (nothing but the town and the figures tell them apart), never a
run of days (the fast path once put 10,000 such articles in one event);
consolidation then parts them. On the fast path (USE, which cannot tell the
votes apart) the online linker chains them all; consolidation, which there
only splits, parts the chain.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from babelwire.evaluate.metrics import bcubed
from babelwire.pipeline import NEVER, Cadence, Pipeline
from babelwire.store import SQLiteStore
from bench.council import council_stream


def _replay(cadence: Cadence, fast: bool = False) -> tuple[int, float]:
    """(the most towns any event holds, BCubed precision)."""
    items = council_stream(towns_count=20, reports=3)
    gold = {raw.id or "": town for raw, town in items}
    store = SQLiteStore(":memory:")
    pipeline = Pipeline(store, cadence=cadence, fast=fast)
    for raw, _ in items:
        pipeline.ingest(raw)
    pipeline.finish()
    towns = defaultdict(set)
    for event in store.events():
        towns[event.id].update(gold[a] for a in event.article_ids)
    predicted = {a: event.id for event in store.events() for a in event.article_ids}
    return max(len(held) for held in towns.values()), bcubed(predicted, gold)[0]


@pytest.mark.slow
@pytest.mark.quality
def test_look_alike_votes_never_chain_online():
    most_towns, _ = _replay(NEVER)
    assert most_towns <= 3  # one day's votes at most


@pytest.mark.slow
@pytest.mark.quality
def test_consolidation_parts_look_alike_votes():
    most_towns, precision = _replay(Cadence(20, share=None))
    assert most_towns == 1 and precision == 1.0


@pytest.mark.slow
@pytest.mark.quality
def test_consolidation_parts_the_fast_paths_chain():
    chained, _ = _replay(NEVER, fast=True)
    most_towns, precision = _replay(Cadence(20, share=None), fast=True)
    assert chained == 20  # what it mends: every vote in one event
    assert most_towns <= 4 and precision >= 0.8  # a day's votes, and at most one more
