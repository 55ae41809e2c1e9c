"""The long benchmark stream: copies that are new articles and new events, and
(in warm mode) texts a warm cache serves. No timings are asserted here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from babelwire.model import RawArticle
from babelwire.pipeline import Pipeline, Status, understand
from babelwire.represent import CachedEncoder, embedding_text, extract_names
from babelwire.store import SQLiteStore
from bench import streams

# Written for these tests: three short reports of two made-up events.
FERRY = (
    "Ferry runs aground off Tromsø\n\n"
    "A passenger ferry with 212 people on board ran aground near Tromsø early on Tuesday, "
    "and the coast guard towed it back to port.\n\n"
    "Nobody was hurt, the operator Hålogaland Sjø said."
)
FERRY_2 = (
    "Coast guard tows stranded ferry to Tromsø\n\n"
    "The ferry that struck a shoal near Tromsø on Tuesday was towed to port, Hålogaland Sjø "
    "said, and its 212 passengers went ashore unhurt."
)
BRIDGE = (
    "Bridge in Lisbon closed after crack found\n\n"
    "Engineers closed a road bridge in Lisbon on Friday after a crack appeared in one of its "
    "pillars; the city expects repairs to take a month."
)


def _source(corpus: str, article_id: str, text: str, gold: str) -> streams.Source:
    return streams.Source(
        corpus, RawArticle(text=text, origin=f"{article_id}.txt", id=article_id), gold
    )


ORIGINALS = [
    _source("news-a", "a1", FERRY, "ferry"),
    _source("news-a", "a2", FERRY_2, "ferry"),
    _source("news-b", "b1", BRIDGE, "bridge"),
]


def test_interleave_keeps_each_corpus_in_proportion_and_in_order():
    big = [_source("big", f"g{i}", BRIDGE, "x") for i in range(6)]
    small = [_source("small", f"s{i}", FERRY, "y") for i in range(2)]
    merged = streams.interleave([big, small])
    assert [s.raw.id for s in merged] == ["g0", "g1", "s0", "g2", "g3", "g4", "s1", "g5"]


def test_copy_k_is_dated_k_periods_later_under_its_own_id_and_gold():
    copy = streams.make_copy(ORIGINALS[2], 3, "warm")
    assert copy.date is not None
    assert copy.date.start == streams.BASE_DATE + dt.timedelta(days=3 * streams.PERIOD_DAYS)
    assert copy.id == "news-b/b1#3"
    assert streams.stream_gold(ORIGINALS[2], 3) == "news-b/bridge#3"
    assert ORIGINALS[2].raw.id == "b1"  # the original is left alone


def test_the_period_outlasts_the_store_candidate_window():
    from babelwire.store import sql

    assert streams.PERIOD_DAYS > sql.CANDIDATE_WINDOW_DAYS
    assert streams.PERIOD_DAYS % 7 == 0


def test_a_warm_copy_is_a_new_article_with_the_original_embedding_text():
    original = understand(streams.make_copy(ORIGINALS[0], 0, "warm"))
    copy = understand(streams.make_copy(ORIGINALS[0], 5, "warm"))
    assert copy.content_hash != original.content_hash
    assert embedding_text(copy) == embedding_text(original)
    assert copy.text == original.text
    assert extract_names(copy.text) == extract_names(original.text)


def test_a_cold_copy_has_a_new_embedding_text():
    original = understand(streams.make_copy(ORIGINALS[0], 0, "cold"))
    copy = understand(streams.make_copy(ORIGINALS[0], 2, "cold"))
    assert copy.content_hash != original.content_hash
    assert embedding_text(copy) != embedding_text(original)


def test_copy_zero_is_the_original_text_and_unknown_modes_are_refused():
    assert streams.marked_text(FERRY, 0, "warm") == FERRY
    assert streams.marked_text(FERRY, 0, "cold") == FERRY
    with pytest.raises(ValueError, match="stream mode"):
        streams.marked_text(FERRY, 1, "tepid")


def test_the_stream_cycles_through_copies_in_order():
    items = list(streams.build_stream(ORIGINALS, 7, "warm"))
    assert [(i.position, i.copy, i.offset) for i in items][:4] == [
        (0, 0, 0),
        (1, 0, 1),
        (2, 0, 2),
        (3, 1, 0),
    ]
    assert items[-1].copy == 2
    assert len({i.raw.id for i in items}) == 7
    assert items[3].gold == "news-a/ferry#1"


def test_check_markers_confirms_both_modes():
    for mode in streams.MODES:
        report = streams.check_markers(ORIGINALS, mode)
        assert report["as_promised"] == report["checked"] == 3


def test_warm_copies_are_ingested_as_new_events_and_served_by_the_cache(
    hashing_encoder, tmp_path: Path
):
    pipeline = Pipeline(
        SQLiteStore(":memory:"), encoder=CachedEncoder(hashing_encoder, tmp_path / "cache")
    )
    outcomes = [pipeline.ingest(item.raw) for item in streams.build_stream(ORIGINALS, 6, "warm")]
    assert all(o.status is Status.INGESTED for o in outcomes)
    assert hashing_encoder.calls == 3  # copy 1 came from the cache
    first = {o.event_id for o in outcomes[:3]}
    second = {o.event_id for o in outcomes[3:]}
    assert not first & second  # the originals' events had gone quiet


def test_missing_data_is_named_with_what_to_do(tmp_path: Path):
    with pytest.raises(streams.DataMissing, match="--data"):
        streams.corpus_folder(tmp_path, "ecbplus-dev")
