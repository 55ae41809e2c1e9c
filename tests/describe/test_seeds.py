"""End to end on the three real seeds: ingest, then describe."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

import babelwire
from babelwire.cli import main
from babelwire.model import RawArticle
from tests.conftest import SEEDS, need

NB, AP, DW = "000_6e9735e04485fc5e", "002_9aaf434e9089dc88", "004_b0aec262ba18a503"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with babelwire.open(db) as wire:
        wire.ingest([str(need(SEEDS))])
        event_id = wire.events()[0].id
    return db, event_id


@pytest.fixture(scope="module")
def described(seeded):
    db, event_id = seeded
    with babelwire.open(db) as wire:
        return wire.event(event_id)


def _entity(described, spelling):
    """The entity one of whose spellings is or contains `spelling` ("Atambajev")."""
    return next(
        e for e in described["entities"] if spelling in " ".join([e["name"], *e["aliases"]]).split()
    )


def test_headline_languages_and_keys(described):
    assert described["headline"].startswith("Kyrgyzstan")
    assert described["languages"] == ["en", "nb"]
    for key in ["summary", "entities", "figures", "timeline", "sources", "articles"]:
        assert described[key], key


def test_entities_merge_across_spellings(described):
    assert _entity(described, "Bishkek") is _entity(described, "Bisjkek")
    assert _entity(described, "Atambayev") is _entity(described, "Atambajev")
    jeenbekov = _entity(described, "Jeenbekov")
    assert jeenbekov["kind"] == "person"
    assert sorted(jeenbekov["article_ids"]) == sorted([NB, AP, DW])
    assert _entity(described, "Bishkek")["kind"] == "place"


def test_injured_and_dead_per_source_agree(described):
    figures = {f["what"]: f for f in described["figures"]}
    injured = {(v["article_id"], v["low"], v["high"]) for v in figures["injured"]["values"]}
    assert {(AP, 200, 999), (DW, 590, 590)} <= injured
    assert not figures["injured"]["disagreement"]
    dead = {(v["article_id"], v["low"], v["high"]) for v in figures["dead"]["values"]}
    assert {(AP, 1, 1), (DW, 1, 1)} <= dead
    assert not figures["dead"]["disagreement"]


def test_election_and_annulment_dates(described):
    timeline = described["timeline"]
    assert [t["date"] for t in timeline] == sorted(t["date"] for t in timeline)
    election = [t for t in timeline if t["date"] == "2020-10-04"]
    annulment = [t for t in timeline if t["date"] == "2020-10-06"]
    assert any("søndag" in t["text"] for t in election)
    assert any("Sunday" in t["text"] for t in election)
    assert any("annul" in t["text"] for t in annulment)


def test_inferred_dates_are_marked(described):
    articles = {a["id"]: a for a in described["articles"]}
    assert articles[AP]["date"] == "2020-10-06" and not articles[AP]["date_inferred"]
    for partial in (NB, DW):
        assert articles[partial]["date"] == "2020-10-06"
        assert articles[partial]["date_precision"] == "day"
        assert articles[partial]["date_inferred"]


def test_summary_sentences_cite_articles(described):
    summary = described["summary"]
    assert 2 <= len(summary) <= 6
    ids = set(described["article_ids"])
    assert all(s["article_id"] in ids and s["lang"] == "en" for s in summary)
    assert not any("Foto" in s["text"] or "Photo" in s["text"] for s in summary)


def test_human_view_and_export(seeded):
    db, event_id = seeded
    runner = CliRunner()
    human = runner.invoke(main, ["event", event_id, "--db", str(db)]).output
    for part in ["Summary", "Timeline", "Entities", "Bisjkek", "Figures", "why: joined"]:
        assert part in human
    md = runner.invoke(main, ["export", "--db", str(db), "--format", "md"]).output
    assert md.startswith("# News briefing") and "**Figures**" in md
    rows = list(csv.DictReader(io.StringIO(
        runner.invoke(main, ["export", "--db", str(db), "--format", "csv"]).output)))  # fmt: skip
    assert rows[0]["id"] == event_id
    dumped = json.loads(runner.invoke(main, ["export", "--db", str(db), "--format", "json"]).output)
    assert dumped[0]["id"] == event_id
    later = runner.invoke(main, ["export", "--db", str(db), "--since", "2030-01-01"]).output
    assert "No events." in later


def test_description_updates_as_articles_join(seeded, tmp_path):
    db, event_id = seeded
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    text = (SEEDS / f"{DW}.txt").read_text().replace("590", "1,200") + "\nA late update."
    with babelwire.open(copy) as wire:
        before = wire.event(event_id)
        (outcome,) = wire.ingest_iter([RawArticle(text=text, origin="late", id="late")])
        assert outcome.event_id == event_id
        after = wire.event(event_id)
    assert "late" in after["article_ids"] and "late" not in before["article_ids"]
    injured = next(f for f in after["figures"] if f["what"] == "injured")
    assert any(v["article_id"] == "late" and v["low"] == 1200 for v in injured["values"])
    assert injured["disagreement"]  # 1,200 cannot be the 590 DW gave the same day
