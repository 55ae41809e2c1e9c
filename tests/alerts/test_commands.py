"""`babelwire subscribe`, `subscriptions` and `unsubscribe`, with click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from babelwire.cli import main
from babelwire.store import open_store
from babelwire.store.alerts import Recorded
from tests.store.helpers import _add, _article


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_subscribe_list_and_unsubscribe(tmp_path: Path):
    db = str(tmp_path / "news.db")
    made = _run(
        "subscribe", "https://93.184.216.34/hook", "--q", "Kyrgyzstan", "--min-languages", "3",
        "--kind", "event.opened", "--kind", "event.new_language", "--db", db, "--json",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    sub = json.loads(made.output)
    assert sub["q"] == "Kyrgyzstan" and sub["min_languages"] == 3
    assert sub["kinds"] == ["event.opened", "event.new_language"] and len(sub["secret"]) == 64
    listed = _run("subscriptions", "--db", db)
    assert sub["id"] in listed.output and "q='Kyrgyzstan' min_languages=3" in listed.output
    assert "pending 0, delivered 0, failed 0" in listed.output
    assert sub["secret"] not in listed.output
    assert sub["secret"] not in _run("subscriptions", "--db", db, "--json").output
    assert _run("unsubscribe", sub["id"], "--db", db).exit_code == 0
    assert "no subscriptions" in _run("subscriptions", "--db", db).output


def test_the_listing_counts_deliveries_and_names_the_last_failure(tmp_path: Path):
    db = str(tmp_path / "news.db")
    made = _run("subscribe", "http://127.0.0.1:9/hook", "--allow-private-hooks", "--db", db)
    assert made.exit_code == 0 and "secret (shown only now): " in made.output
    store = open_store(db)
    try:
        _add(store, _article(1))
        (due,) = store.claim_deliveries(now=2e9, lease=1, limit=5)
        store.record_deliveries(
            [Recorded(due.seq, "failed", 410, "the receiver answered 410", 2e9, 2e9)]
        )
    finally:
        store.close()
    listed = _run("subscriptions", "--db", db).output
    assert "pending 0, delivered 0, failed 1" in listed
    assert "last failure: event.opened ev-hash1: the receiver answered 410" in listed


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["subscribe", "http://127.0.0.1:8000/hook"], "non-public address"),
        (["subscribe", "ftp://example.org/hook"], "not an http(s) URL"),
        (["subscribe", "https://93.184.216.34/", "--kind", "event.boom"], "event.boom"),
        (["unsubscribe", "sub-nope"], "no subscription 'sub-nope'"),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path: Path, args: list[str], said: str):
    db = str(tmp_path / "news.db")
    store = open_store(db)
    store.connect()  # an existing, empty store
    store.close()
    result = _run(*args, "--db", db)
    assert result.exit_code != 0 and said in result.output
