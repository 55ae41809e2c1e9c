"""Every kind of bad input, in one batch, against a store that already holds news:
each is reported by name, the rest is stored, nothing stored before changes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from babelwire.cli import main


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _snapshot(db: str) -> list[dict]:
    return json.loads(_run("events", "--db", db, "--json").output)


def test_a_batch_of_bad_inputs_never_touches_what_is_stored(tmp_path, monkeypatch):
    db = str(tmp_path / "store.db")
    first = tmp_path / "first.txt"
    first.write_text(" date 2024-05-02 Heavy rain flooded the centre of Bergen on Thursday.")
    assert _run("ingest", str(first), "--db", db).exit_code == 0
    before = _snapshot(db)

    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "empty.txt").write_text("")
    (batch / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (batch / "latin1.txt").write_bytes("Streik i Tromsø stopper fergene i dag.".encode("latin-1"))
    (batch / "huge.txt").write_text("word " * 3000)
    (batch / "broken.jsonl").write_text(
        '{"id": "ok1", "text": "Ferry runs aground off the coast of Bohol."}\n{oops\n'
    )
    (batch / "baddate.txt").write_text(" date 2020-13-45 Fire destroys a market hall in Lagos.")
    (batch / "notext.csv").write_text("id,body\n1,Some body\n")
    monkeypatch.setenv("BABELWIRE_MAX_FILE_MB", "0.01")  # 10 kB: huge.txt is over it

    result = _run("ingest", str(batch), str(tmp_path / "nowhere"), "--db", db)

    assert result.exit_code == 1
    rejected = [line for line in result.output.splitlines() if line.startswith("  rejected")]
    for name in ["empty.txt", "binary.txt", "huge.txt", "broken.jsonl:2", "notext.csv", "nowhere"]:
        assert any(name in line for line in rejected), f"{name} not reported: {result.output}"
    assert "ingested 3" in result.output  # latin1.txt, ok1, baddate.txt
    assert "latin1.txt" in result.output and "UTF-8" in result.output
    assert "2020-13-45" in result.output

    after = _snapshot(db)
    old = next(e for e in after if e["id"] == before[0]["id"])
    assert "first" in old["article_ids"]
    ids = {i for e in after for i in e["article_ids"]}
    assert ids == {"first", "latin1", "ok1", "baddate"}
    baddate = next(e for e in after if "baddate" in e["article_ids"])
    described = json.loads(_run("event", baddate["id"], "--db", db, "--json").output)
    article = next(a for a in described["articles"] if a["id"] == "baddate")
    assert article["date_precision"] == "none" or article["date_inferred"]
