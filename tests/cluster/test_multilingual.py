"""Cross-lingual linking on a small check written for babelwire (tests/cluster/multilingual.py).

Uses the bundled encoder, so it is marked slow (the model loads once; the
vectors are cached for the session).
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from babelwire.model import RawArticle
from babelwire.pipeline import Pipeline, Status
from babelwire.store import SQLiteStore
from tests.cluster.multilingual import STORIES

# A fixed interleaving, so no story arrives all at once in one language.
ORDER = [0, 3, 6, 9, 12, 1, 4, 7, 10, 13, 2, 5, 8, 11]


def _link_all() -> dict[str, set[str]]:
    pipeline = Pipeline(SQLiteStore(":memory:"))
    events: dict[str, set[str]] = defaultdict(set)
    for number in ORDER:
        story, lang, text = STORIES[number]
        raw = RawArticle(text=text, origin="multilingual.py", id=f"{story}-{lang}", lang=lang)
        outcome = pipeline.ingest(raw)
        assert outcome.status is Status.INGESTED
    for event in pipeline.store.events():
        for article_id in event.article_ids:
            events[article_id.rsplit("-", 1)[0]].add(event.id)
    return events


@pytest.mark.slow
def test_one_story_in_several_languages_is_one_event_and_look_alikes_stay_apart():
    events = _link_all()
    split = {story: ids for story, ids in events.items() if len(ids) > 1}
    assert not split, f"stories split across events: {split}"
    owners = [next(iter(ids)) for ids in events.values()]
    assert len(set(owners)) == len(owners), f"different stories share an event: {events}"
