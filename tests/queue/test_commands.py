"""The queue's commands refuse what they cannot do, saying so."""

from __future__ import annotations

from click.testing import CliRunner

from babelwire.cli import main
from tests.conftest import SAMPLES


def test_the_queue_needs_a_postgresql_store(tmp_path):
    db = str(tmp_path / "news.db")
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES / "docs"), "--db", db, "--queue"])
    assert result.exit_code == 1
    assert "PostgreSQL store" in result.output and "without --queue" in result.output
    assert not (tmp_path / "news.db").exists()
    shown = CliRunner().invoke(main, ["queue", "--db", db])
    assert shown.exit_code == 1 and "PostgreSQL store" in shown.output


def test_wait_goes_with_queue():
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES / "docs"), "--wait"])
    assert result.exit_code == 2 and "--wait goes with --queue" in result.output
