"""The same stream gives the same events on both backends: same ids, members,
headlines, dates, scores and evidence, after consolidation has run, and the
same evaluation scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from babelwire.evaluate import evaluate
from babelwire.pipeline import Cadence, Pipeline
from babelwire.readers import read_paths
from babelwire.store import EventFilter, open_store
from tests.conftest import SAMPLES, HashingEncoder

BENCH = Path(__file__).resolve().parents[2] / "bench"
FOLDERS = [SAMPLES, BENCH / "crosslingual"]


def _events(location: str, folder: Path, **options) -> list[tuple]:
    """Every event after a replay, with why each article is where it is."""
    store = open_store(location)
    try:
        # Consolidation every 10 articles: splits and merges are made on both.
        pipeline = Pipeline(store, cadence=Cadence(10, share=None), **options)
        for _ in pipeline.ingest_all(read_paths([str(folder / "docs")])):
            pass
        pipeline.finish()
        searched = [_searched(store, event) for event in store.events()]
        return searched + [
            (
                event.id,
                event.headline,
                event.article_ids,
                event.languages,
                str(event.first_date),
                str(event.last_date),
                [
                    (a.article.id, a.score, a.evidence, a.relinked)
                    for a in store.event_articles(event.id)
                ],
            )
            for event in store.events()
        ]
    finally:
        store.close()


def _searched(store, event) -> list[tuple[str, list[str]]]:
    """What each word of the event's headline, and each prefix of its first word, finds."""
    words = event.headline.split()
    queries = words + [words[0][:n] for n in range(1, len(words[0]))] if words else []
    return [(q, [e.id for e in store.find_events(EventFilter(q=q))]) for q in queries]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_a_stream_makes_the_same_events_on_both_backends(folder, tmp_path, postgres_server):
    fast = {"encoder": HashingEncoder(), "aligner": HashingEncoder()}
    on_sqlite = _events(str(tmp_path / "store.db"), folder, **fast)
    on_postgres = _events(postgres_server.new_database(), folder, **fast)
    assert len(on_sqlite) > 1
    assert on_postgres == on_sqlite


@pytest.mark.slow
@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_evaluation_scores_the_same_on_both_backends(folder, postgres_server):
    """The real encoders (e5 and USE), as `babelwire eval DIR --db URL` runs them."""
    on_postgres = evaluate(folder, db=postgres_server.new_database())
    assert _scores(on_postgres) == _scores(evaluate(folder))


def _scores(result: dict) -> dict:
    """Everything but the speed, which differs from run to run."""
    kept = {key: value for key, value in result.items() if key != "articles_per_s"}
    if "consolidated" in kept:
        kept["consolidated"] = _scores(kept["consolidated"])
    return kept
