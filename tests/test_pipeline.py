from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import babelwire
from babelwire.cli import main
from babelwire.describe.event import explain_link
from babelwire.errors import StoreError
from babelwire.model import PartialDate, RawArticle, Rejection, Skipped
from babelwire.pipeline import (
    MIN_LINK_WORDS,
    NEVER,
    Cadence,
    Pipeline,
    Status,
    understand,
    words_to_link,
)
from babelwire.represent import OpenAIEncoder
from babelwire.store import SQLiteStore
from tests.conftest import HashingEncoder
from tests.embedding_server import FaultyServer, vectors

FLOOD = "Heavy rain flooded the centre of Bergen on Thursday, and the fire brigade evacuated homes."
TOKYO = "Tokyo stocks fell sharply on Monday after weak factory data from China."
CHILE = "The central bank of Chile raised interest rates by half a point on Tuesday."
FLOOD_NB = "Kraftig regn oversvømte sentrum av Bergen torsdag, og brannvesenet evakuerte boliger."


def _pipeline(encoder) -> Pipeline:
    return Pipeline(SQLiteStore(":memory:"), encoder=encoder)


def test_an_article_is_understood_before_it_is_linked():
    raw = RawArticle(text=f"Flood in Bergen\n\n{FLOOD}", origin="x.txt", id="x")
    article = understand(raw)
    assert article.title == "Flood in Bergen"
    assert article.lang == "en"
    assert article.raw_text == raw.text


def test_given_metadata_wins_over_detection():
    raw = RawArticle(text=FLOOD, origin="x", title="Given", lang="nb", source="NRK")
    article = understand(raw)
    assert (article.title, article.lang, article.lang_confidence) == ("Given", "nb", 1.0)
    assert article.id == article.content_hash[:16]  # no id given: a content hash


def test_same_text_under_another_name_is_a_copy_never_encoded_again(hashing_encoder):
    pipeline = _pipeline(hashing_encoder)
    first = pipeline.ingest(RawArticle(text=FLOOD, origin="a.txt", id="a"))
    second = pipeline.ingest(RawArticle(text=f"  {FLOOD}\n", origin="b.txt", id="b"))
    assert (first.status, second.status) == (Status.INGESTED, Status.COPY)
    assert (second.article_id, second.copy_of, second.event_id) == ("b", "a", first.event_id)
    assert hashing_encoder.calls == 1
    stored = pipeline.store.article("b")
    assert stored.article.copy_of == "a" and "a copy of a" in explain_link(stored)


def test_the_same_input_again_is_known(hashing_encoder):
    pipeline = _pipeline(hashing_encoder)
    link = {"url": "https://news.example/flood", "source": "Bergen Daily"}
    pipeline.ingest(RawArticle(text=FLOOD, origin="a.jsonl", id="a", **link))
    again = [
        RawArticle(text=FLOOD, origin="a.jsonl", id="a"),  # same id
        RawArticle(text=FLOOD, origin="b.jsonl", id="b", **link),  # same source and link
    ]
    outcomes = list(pipeline.ingest_all(again))
    assert [(o.status, o.article_id) for o in outcomes] == [(Status.KNOWN, "a")] * 2
    other_outlet = RawArticle(text=FLOOD, origin="c", id="c", url=link["url"], source="Wire")
    assert pipeline.ingest(other_outlet).status is Status.COPY


def test_copies_count_once_in_consolidation(hashing_encoder):
    pipeline = _pipeline(hashing_encoder)
    pipeline.ingest(RawArticle(text=FLOOD, origin="a", id="a", date=PartialDate(2024, 5, 2)))
    pipeline.ingest(RawArticle(text=FLOOD, origin="b", id="b", source="Wire"))
    assert [m.id for m in pipeline.store.window(30, 1000)] == ["a"]
    assert pipeline._pending == 1  # the copy is no new evidence to consolidate
    assert pipeline.consolidate().articles == 1


def test_rejections_pass_through_with_their_place():
    outcome = _pipeline(None).ingest(Rejection("rows.jsonl", "not JSON", line=3))
    assert (outcome.status, outcome.where) == (Status.REJECTED, "rows.jsonl:3")


def test_an_article_of_nothing_but_credits_is_rejected(hashing_encoder):
    outcome = _pipeline(hashing_encoder).ingest(
        RawArticle(text="Foto: Vladimir Voronin / AP", origin="credit.txt")
    )
    assert outcome.status is Status.REJECTED
    assert "furniture" in (outcome.reason or "")


def test_related_articles_share_an_event_and_unrelated_ones_do_not(hashing_encoder):
    pipeline = _pipeline(hashing_encoder)
    date = PartialDate.parse("2024-05-02")
    items = [
        RawArticle(text=FLOOD, origin="1", id="1", date=date),
        RawArticle(text=FLOOD + " Roads were closed.", origin="2", id="2", date=date),
        RawArticle(
            text="The central bank of Chile raised interest rates by half a point.",
            origin="3",
            id="3",
            date=date,
        ),
    ]
    events = [o.event_id for o in pipeline.ingest_all(items)]
    assert events[0] == events[1] != events[2]


def test_the_aligner_reads_only_articles_in_its_languages(hashing_encoder):
    from tests.conftest import HashingEncoder

    aligner = HashingEncoder()
    pipeline = Pipeline(SQLiteStore(":memory:"), encoder=hashing_encoder, aligner=aligner)
    english = pipeline.represent(understand(RawArticle(text=FLOOD, origin="en", lang="en")))
    norwegian = pipeline.represent(understand(RawArticle(text=FLOOD_NB, origin="nb", lang="nb")))
    assert english.aligned is not None and norwegian.aligned is None
    assert aligner.calls == 1


def test_the_fast_path_reads_every_article_with_the_aligner_alone(monkeypatch):
    from babelwire.cluster.online import FAST_CONFIG
    from tests.conftest import HashingEncoder

    monkeypatch.setenv("BABELWIRE_ENCODER", "use")
    aligner = HashingEncoder()
    pipeline = Pipeline(SQLiteStore(":memory:"), aligner=aligner)
    assert pipeline.encoder is aligner and pipeline.linker.config == FAST_CONFIG
    features = pipeline.represent(understand(RawArticle(text=FLOOD_NB, origin="nb", lang="nb")))
    assert features.space == "test-hashing" and features.aligned is None


def test_skipped_files_pass_through_named():
    outcome = _pipeline(None).ingest(Skipped("news/photo.jpg", "babelwire does not read .jpg"))
    assert (outcome.status, outcome.where) == (Status.SKIPPED, "news/photo.jpg")
    assert outcome.reason == "babelwire does not read .jpg"


def test_too_little_text_to_link_stands_alone(hashing_encoder):
    pipeline = _pipeline(hashing_encoder)
    story = [
        RawArticle(text=FLOOD, origin="a.txt", id="flood-a"),
        RawArticle(text=f"Bergen flood: {FLOOD}", origin="b.txt", id="flood-b"),
    ]
    short = [
        RawArticle(text="Q", origin="c.txt", id="one-char"),
        RawArticle(text="字", origin="g.txt", id="one-han"),
        RawArticle(text="Short teaser.", origin="d.txt", id="teaser-1"),
        RawArticle(text="Short teaser!", origin="e.txt", id="teaser-2"),
        RawArticle(text="Flood in Bergen.", origin="f.txt", id="caption"),  # a lone caption
    ]
    # The caption first: the flood reports must not join the event it opened.
    outcomes = {o.article_id: o for o in pipeline.ingest_all([short[4], *story, *short[:4]])}
    assert all(o.status is Status.INGESTED for o in outcomes.values())
    assert outcomes["flood-a"].event_id == outcomes["flood-b"].event_id
    events = [outcomes[raw.id].event_id for raw in short if raw.id]
    assert len(set(events)) == len(short) and outcomes["flood-a"].event_id not in events
    why = explain_link(pipeline.store.article("teaser-1"))
    assert why == f"too short to link (2 words, minimum {MIN_LINK_WORDS})"


def test_words_are_counted_by_characters_in_scripts_without_spaces():
    assert words_to_link("東京で地震") == 2  # five characters, two to a word
    assert words_to_link("Short teaser. — | 12") == 3
    assert (
        words_to_link("東京で大きな地震がありました。多くの電車が止まりました。") >= MIN_LINK_WORDS
    )


class BatchRecorder(HashingEncoder):
    """The test encoder, noting how many texts each call brought."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[int] = []

    def encode(self, texts: list[str]):
        self.batches.append(len(texts))
        return super().encode(texts)


def test_a_stream_is_encoded_in_batches_and_linked_in_order():
    encoder = BatchRecorder()
    pipeline = Pipeline(SQLiteStore(":memory:"), encoder=encoder, batch=2, cadence=NEVER)
    texts = [FLOOD, FLOOD, TOKYO, f"{FLOOD} Again.", CHILE]
    items = [RawArticle(text=t, origin=f"{i}.txt", id=str(i)) for i, t in enumerate(texts)]
    outcomes = list(pipeline.ingest_all(items))
    assert encoder.batches == [2, 2, 1]
    # The second repeats the first, which was not stored yet when both were encoded.
    assert [o.status for o in outcomes] == [
        Status.INGESTED,
        Status.COPY,
        Status.INGESTED,
        Status.INGESTED,
        Status.INGESTED,
    ]
    assert outcomes[1].copy_of == "0" and outcomes[3].event_id == outcomes[0].event_id


def test_an_ingest_whose_embeddings_server_fails_stores_nothing_of_what_it_could_not_encode(
    tmp_path, monkeypatch
):
    stream = tmp_path / "stream.jsonl"
    texts = [FLOOD, TOKYO, CHILE, FLOOD_NB, f"Zanzibar: {TOKYO}", f"Zanzibar: {CHILE}"]
    lines = [{"id": str(i), "date": f"2024-05-0{i + 1}", "text": t} for i, t in enumerate(texts)]
    stream.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")

    def fails_on_zanzibar(_: int, texts: list[str]):
        if any("Zanzibar" in text for text in texts):
            return 500, {"error": "out of memory"}, 0.0
        return 200, vectors(texts), 0.0

    db = tmp_path / "news.db"
    with FaultyServer(fails_on_zanzibar) as server:
        _use_server(monkeypatch, server.url, batch=4)
        result = CliRunner().invoke(main, ["ingest", str(stream), "--db", str(db)])
    assert result.exit_code == 1
    assert f"{server.url}/embeddings answered 500" in result.output
    with babelwire.open(db, create=False) as wire:
        # The first batch is stored and linked whole; of the second, nothing.
        assert sorted(a for e in wire.events() for a in e.article_ids) == ["0", "1", "2", "3"]
        assert wire.store.count_articles() == 4


def test_a_store_refuses_vectors_of_another_size_under_the_same_model_name(tmp_path):
    sizes = iter([384, 256])
    with FaultyServer(lambda _, texts: (200, vectors(texts, next(sizes)), 0.0)) as server:
        store = SQLiteStore(tmp_path / "news.db")
        Pipeline(store, encoder=OpenAIEncoder(server.url, "m")).ingest(
            RawArticle(text=FLOOD, origin="a", id="a")
        )
        other = Pipeline(store, encoder=OpenAIEncoder(server.url, "m"))
        with pytest.raises(StoreError, match="vectors of 384 numbers, and this article's has 256"):
            other.ingest(RawArticle(text=FLOOD_NB, origin="b", id="b"))
    assert store.count_articles() == 1


def _use_server(monkeypatch, url: str, batch: int = 32) -> None:
    monkeypatch.setenv("BABELWIRE_ENCODER", "openai")
    monkeypatch.setenv("BABELWIRE_ENCODER_URL", url)
    monkeypatch.setenv("BABELWIRE_ENCODER_MODEL", "m")
    monkeypatch.setenv("BABELWIRE_ENCODER_BATCH", str(batch))
    monkeypatch.setenv("BABELWIRE_ENCODER_RETRIES", "0")


def test_the_cadence_counts_articles_or_minutes_and_keeps_to_its_share():
    every_ten = Cadence(10, seconds=60, share=0.1)
    assert not every_ten.due(pending=9, waited=30, last_cost=0)
    assert every_ten.due(pending=10, waited=30, last_cost=0)
    assert every_ten.due(pending=1, waited=60, last_cost=0)  # minutes, with any new article
    assert not every_ten.due(pending=0, waited=600, last_cost=0)  # nothing new: nothing to mend
    assert not every_ten.due(pending=10, waited=30, last_cost=4)  # 4 s of every 30: too much
    assert not NEVER.due(pending=1000, waited=1e6, last_cost=0)
