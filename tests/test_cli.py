"""The command-line contract, end to end on real files."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

import babelwire
from babelwire.cli import main
from tests.conftest import SAMPLES, SEEDS, need


def _empty_store(db):
    with babelwire.open(db) as wire:
        assert wire.events() == []  # the first read creates the file


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_the_seeds_form_one_event_in_english_and_norwegian(tmp_path):
    db = str(tmp_path / "seeds.db")
    result = _run("ingest", str(need(SEEDS)), "--db", db)
    assert result.exit_code == 0, result.output
    assert "ingested 3, already known 0, rejected 0" in result.output
    events = json.loads(_run("events", "--db", db, "--json").output)
    assert len(events) == 1
    assert sorted(events[0]["article_ids"]) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert events[0]["languages"] == ["en", "nb"]
    assert "Kyrgyzstan" in events[0]["headline"]

    again = _run("ingest", str(SEEDS), "--db", db)
    assert "ingested 0, already known 3, rejected 0" in again.output


def test_event_shows_each_article_with_why_it_joined(tmp_path):
    db = str(tmp_path / "seeds.db")
    _run("ingest", str(need(SEEDS)), "--db", db)
    event_id = json.loads(_run("events", "--db", db, "--json").output)[0]["id"]
    described = json.loads(_run("event", event_id, "--db", db, "--json").output)
    by_id = {a["id"]: a for a in described["articles"]}
    # The seed gives 2020-10 and no date; the description infers both (issue 4).
    assert by_id["000_6e9735e04485fc5e"]["date"].startswith("2020-10")
    assert by_id["000_6e9735e04485fc5e"]["date_inferred"]
    assert by_id["002_9aaf434e9089dc88"]["date"] == "2020-10-06"
    assert by_id["004_b0aec262ba18a503"]["date_inferred"]
    whys = [a["why"] for a in described["articles"]]
    assert whys[0].startswith("opened this event")
    assert all(w.startswith("joined") for w in whys[1:])
    human = _run("event", event_id, "--db", db)
    assert "why: joined" in human.output


def test_bad_inputs_are_rejected_by_name_and_the_rest_is_stored(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(" date 2024-05-02 Heavy rain flooded Bergen on Thursday.")
    (folder / "empty.txt").write_text("")
    (folder / "rows.jsonl").write_text('{"id": "j1", "text": "A ferry ran aground."}\n{broken\n')
    db = str(tmp_path / "store.db")
    result = _run("ingest", str(folder), str(tmp_path / "missing.txt"), "--db", db)
    assert result.exit_code == 1
    assert "ingested 2, already known 0, rejected 3" in result.output
    assert "empty.txt" in result.output
    assert "rows.jsonl:2" in result.output
    assert "missing.txt" in result.output
    stored = json.loads(_run("events", "--db", db, "--json").output)
    assert sorted(i for e in stored for i in e["article_ids"]) == ["good", "j1"]


def test_jsonl_from_standard_input(tmp_path):
    db = str(tmp_path / "store.db")
    line = json.dumps({"id": "s1", "text": "Storm closes the port of Gdansk.", "lang": "en"})
    result = _run("ingest", "-", "--db", db, input=line + "\n")
    assert result.exit_code == 0, result.output
    assert "ingested 1" in result.output


def test_the_store_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("BABELWIRE_DB", str(tmp_path / "env.db"))
    (tmp_path / "one.txt").write_text("Volcano erupts near the village of Grindavik in Iceland.")
    assert _run("ingest", str(tmp_path / "one.txt")).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_unknown_event_is_a_clear_error(tmp_path):
    db = tmp_path / "s.db"
    _empty_store(db)
    result = CliRunner().invoke(main, ["event", "nope", "--db", str(db)])
    assert result.exit_code == 1
    assert "no event 'nope'" in result.output


@pytest.mark.parametrize(
    "command", [["events"], ["events", "--json"], ["event", "ev-1"], ["export"]]
)
def test_reading_a_store_that_does_not_exist_says_so_and_creates_none(tmp_path, command):
    mistyped = tmp_path / "nwes.db"
    result = CliRunner().invoke(main, [*command, "--db", str(mistyped)])
    assert result.exit_code == 1
    assert f"no store at {mistyped}" in result.output
    assert "babelwire ingest" in result.output and "--db" in result.output
    assert list(tmp_path.iterdir()) == []  # no empty store (nor -wal, -shm) left behind


def test_an_empty_store_has_no_events_yet(tmp_path):
    db = tmp_path / "empty.db"
    _empty_store(db)
    result = _run("events", "--db", str(db))
    assert result.exit_code == 0
    assert "no events yet" in result.output


def test_eval_scores_the_events_against_the_gold_it_is_given(tmp_path):
    # The sample's two Tonga articles are one event; this gold says they are two,
    # so each pairwise and B-cubed score is a known fraction, not just "in [0, 1]".
    folder = tmp_path / "gold"
    shutil.copytree(need(SAMPLES) / "docs", folder / "docs")
    gold = (SAMPLES / "gold.tsv").read_text().splitlines()
    tonga = [i for i, line in enumerate(gold) if line.endswith("\ttonga")]
    gold[tonga[0]] = gold[tonga[0]].replace("\ttonga", "\ttonga-apart")
    (folder / "gold.tsv").write_text("\n".join(gold) + "\n")
    result = json.loads(_run("eval", str(folder), "--json").output)
    assert (result["articles"], result["n_gold"], result["n_pred"]) == (16, 6, 5)
    # 19 linked pairs, 18 of them in the gold; each Tonga article shares its event
    # with one article its gold event lacks.
    assert (result["pairwise_p"], result["pairwise_r"]) == (pytest.approx(18 / 19), 1.0)
    assert (result["bcubed_p"], result["bcubed_r"]) == (pytest.approx(15 / 16), 1.0)
    assert result["articles_per_s"] > 0


def test_files_a_folder_holds_that_babelwire_does_not_read_are_counted_and_named(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / "report.pdf").write_bytes(b"%PDF-1.7")
    result = _run("ingest", str(folder), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 0, result.output  # nothing went wrong: nothing was for babelwire
    assert "ingested 0, already known 0, rejected 0, skipped 2" in result.output
    assert f"skipped {folder / 'photo.jpg'}: babelwire does not read .jpg files" in result.output
    assert f"skipped {folder / 'report.pdf'}" in result.output


def test_copies_and_warnings_reach_the_summary_and_the_event(tmp_path):
    text = (
        "The night ferry between Bergen and Hirtshals was cancelled on Friday "
        "because of a storm warning for the Skagerrak."
    )
    records = [
        {"id": "ferry-1", "text": text, "date": "2999-05-01", "source": "Fjord Post"},
        {"id": "ferry-2", "text": text, "source": "Wire Desk", "lang": "zz-nothing"},
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    db = str(tmp_path / "copies.db")
    result = _run("ingest", str(batch), "--db", db)
    assert result.exit_code == 0, result.output
    assert "ingested 1, already known 0, rejected 0, skipped 0, copies 1" in result.output
    assert "copy " in result.output and "ferry-2 repeats ferry-1" in result.output
    assert "is in the future" in result.output and "not a language code" in result.output
    event_id = json.loads(_run("events", "--db", db, "--json").output)[0]["id"]
    described = json.loads(_run("event", event_id, "--db", db, "--json").output)
    first, copy = described["articles"]
    assert any("is in the future" in w for w in first["warnings"])
    assert copy["copy_of"] == "ferry-1" and any("language code" in w for w in copy["warnings"])
    again = _run("ingest", str(batch), "--db", db)
    assert "ingested 0, already known 2" in again.output
