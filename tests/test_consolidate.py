"""Consolidation on a real store: splits, merges, history, stable ids, one transaction each."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

import babelwire.api
from babelwire.cli import main
from babelwire.cluster.base import Decision, LinkState
from babelwire.cluster.online import OnlineLinker
from babelwire.consolidate import Consolidator, Report
from babelwire.describe.event import describe_event
from babelwire.model import RawArticle
from babelwire.pipeline import NEVER, Cadence, Pipeline
from babelwire.represent import Features, lexical
from babelwire.store import SQLiteStore
from tests.conftest import HashingEncoder

FERRY = [
    "Ferry Nordlys runs aground near Tromsø harbour; passengers evacuated by lifeboats",
    "Passengers evacuated after ferry Nordlys runs aground outside Tromsø harbour",
    "Lifeboats evacuate ferry Nordlys passengers after grounding near Tromsø harbour",
]
VOTE = [
    "Parliament of Moldova approves budget reform after marathon overnight debate session",
    "Moldova parliament approves budget reform following overnight marathon debate",
    "Budget reform approved by Moldova parliament after overnight marathon session",
]


class JoinFirst:
    """Every article joins the first live event: the worst chaining an online linker can do."""

    def __init__(self) -> None:
        self.linker = OnlineLinker()

    def decide(self, features: Features, state: LinkState) -> Decision:
        live = state.candidates(features)
        if not live:
            return Decision(None, None, *self._absorbed(features, state))
        vector, _, merge, terms = self._absorbed(features, state)
        best = {"event_id": live[0].id, "score": 1.0, "cosine": 1.0, "names": 0.0}
        return Decision(live[0].id, 1.0, vector, {"best": best, "threshold": 0.7}, merge, terms)

    def _absorbed(self, features: Features, state: LinkState) -> tuple:
        terms = lexical.weigh(
            features.terms, state.stream_stats().n, state.document_frequencies(features.terms)
        )
        return self.linker.comparable(features, state), {}, [], terms


class OpenAlways(JoinFirst):
    """Every article opens its own event: nothing joins on arrival."""

    def decide(self, features: Features, state: LinkState) -> Decision:
        return Decision(None, None, *self._absorbed(features, state))


def _store(linker: object, texts: list[str]) -> SQLiteStore:
    store = SQLiteStore(":memory:")
    pipeline = Pipeline(store, encoder=HashingEncoder(), linker=linker, cadence=NEVER)  # type: ignore[arg-type]
    for number, text in enumerate(texts):
        pipeline.ingest(RawArticle(text=text, origin="t", id=f"a{number}", lang="en"))
    return store


def _events(store: SQLiteStore) -> set[frozenset[str]]:
    return {frozenset(event.article_ids) for event in store.events()}


def _consistent(store: SQLiteStore) -> None:
    """Every article in exactly one live event, and every event's size its articles'."""
    live = store.events()
    held = Counter(a for event in live for a in event.article_ids)
    assert set(held.values()) == {1} and sum(held.values()) == store.count_articles()
    for event in live:
        row = store.db.execute("SELECT size FROM events WHERE id = ?", (event.id,)).fetchone()
        assert row["size"] == len(event.article_ids)


def test_a_chained_event_is_split_and_the_oldest_part_keeps_its_id():
    store = _store(JoinFirst(), [FERRY[0], VOTE[0], FERRY[1], VOTE[1], FERRY[2], VOTE[2]])
    (chained,) = store.events()
    report = Consolidator(store).run()
    assert (report.splits, report.merges) == (1, 0)
    assert _events(store) == {frozenset({"a0", "a2", "a4"}), frozenset({"a1", "a3", "a5"})}
    assert store.event(chained.id).article_ids == ["a0", "a2", "a4"]  # ties: the oldest
    _consistent(store)


def test_a_split_is_in_both_events_history_and_each_moved_article_says_why():
    store = _store(JoinFirst(), [FERRY[0], VOTE[0], FERRY[1], VOTE[1], FERRY[2], VOTE[2]])
    (chained,) = store.events()
    Consolidator(store).run()
    kept = describe_event(store, chained.id)
    (split,) = [h for h in kept["history"] if h["kind"] == "split_into"]
    assert split["article_ids"] == ["a1", "a3", "a5"]
    assert split["evidence"]["by"] == "consolidation"
    part = describe_event(store, split["event_id"])
    assert [h["kind"] for h in part["history"]] == ["split_from"]
    assert part["history"][0]["event_id"] == chained.id
    why = {a["id"]: a["why"] for a in part["articles"]}
    assert "moved here by consolidation (split off from" in why["a1"]
    assert "mean score" in why["a1"]


def test_fragments_of_one_story_are_merged_and_the_old_ids_resolve():
    store = _store(OpenAlways(), [*FERRY, *VOTE])
    assert len(store.events()) == 6
    report = Consolidator(store).run()
    assert report.merges == 4 and report.splits == 0
    assert _events(store) == {frozenset({"a0", "a1", "a2"}), frozenset({"a3", "a4", "a5"})}
    ferry = store.event(store.article("a0").event_id)
    assert store.resolve(store.article("a1").event_id) == ferry.id
    for history_entry in describe_event(store, ferry.id)["history"]:
        assert history_entry["kind"] in ("opened", "merge_from")
    _consistent(store)


def test_a_dry_run_changes_nothing():
    store = _store(JoinFirst(), [FERRY[0], VOTE[0], FERRY[1], VOTE[1]])
    before = _events(store)
    report = Consolidator(store).run(dry_run=True)
    assert report.splits == 1 and _events(store) == before
    assert store.history(store.events()[0].id) == []


def test_consolidation_changes_nothing_once_events_are_right():
    store = _store(OpenAlways(), [*FERRY, *VOTE])
    Consolidator(store).run()
    again = Consolidator(store).run()
    assert again.changes == []


def test_a_failure_mid_way_leaves_every_article_in_exactly_one_event(monkeypatch):
    store = _store(OpenAlways(), [*FERRY, *VOTE])
    moves = 0
    real_move = store.move

    def failing_move(change, relinked):
        nonlocal moves
        moves += 1
        real_move(change, relinked)
        if moves == 2:
            raise RuntimeError("killed")

    monkeypatch.setattr(store, "move", failing_move)
    with pytest.raises(RuntimeError):
        Consolidator(store).run()
    _consistent(store)  # the first change stands whole, the second never happened
    assert len(store.events()) == 5
    monkeypatch.setattr(store, "move", real_move)
    Consolidator(store).run()  # the next run completes the rest
    assert _events(store) == {frozenset({"a0", "a1", "a2"}), frozenset({"a3", "a4", "a5"})}


def test_held_in_the_callers_transaction_it_is_all_or_nothing(monkeypatch):
    """As workers run it, under the link lock: a failure undoes every change."""
    store = _store(OpenAlways(), [*FERRY, *VOTE])
    real_move = store.move

    def failing_move(change, relinked):
        real_move(change, relinked)
        if len(store.events()) == 4:
            raise RuntimeError("killed")

    monkeypatch.setattr(store, "move", failing_move)
    with pytest.raises(RuntimeError), store.transaction():
        Consolidator(store).run(held=True)
    assert len(store.events()) == 6
    _consistent(store)
    monkeypatch.setattr(store, "move", real_move)
    with store.transaction():
        report = Consolidator(store).run(held=True)
    assert report.merges == 4
    assert _events(store) == {frozenset({"a0", "a1", "a2"}), frozenset({"a3", "a4", "a5"})}


def test_the_pipeline_consolidates_every_so_many_articles():
    store = SQLiteStore(":memory:")
    pipeline = Pipeline(
        store, encoder=HashingEncoder(), linker=OpenAlways(), cadence=Cadence(6, share=None)
    )  # type: ignore[arg-type]
    for number, text in enumerate([*FERRY, *VOTE]):
        pipeline.ingest(RawArticle(text=text, origin="t", id=f"a{number}", lang="en"))
        assert len(store.events()) == (number + 1 if number < 5 else 2)  # the sixth sets it off
    assert pipeline.finish() is None  # nothing new since
    pipeline.ingest(RawArticle(text=FERRY[0] + " Update.", origin="t", id="late", lang="en"))
    assert pipeline.finish() is not None


def test_consolidate_command_explains_a_dry_run_then_applies(tmp_path, monkeypatch):
    db = tmp_path / "news.db"
    store = SQLiteStore(db)
    pipeline = Pipeline(store, encoder=HashingEncoder(), linker=JoinFirst(), cadence=NEVER)  # type: ignore[arg-type]
    for number, text in enumerate([FERRY[0], VOTE[0], FERRY[1], VOTE[1]]):
        pipeline.ingest(RawArticle(text=text, origin="t", id=f"a{number}", lang="en"))
    store.close()
    monkeypatch.setattr(babelwire.api, "Pipeline", lambda s: Pipeline(s, encoder=HashingEncoder()))
    dry = CliRunner().invoke(main, ["consolidate", "--db", str(db), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would make 1 splits and 0 merges" in dry.output
    assert "split: 2 of ev-" in dry.output and "(a new event); mean score" in dry.output
    applied = CliRunner().invoke(main, ["consolidate", "--db", str(db), "--json"])
    report = json.loads(applied.output)
    assert (report["splits"], report["merges"], report["dry_run"]) == (1, 0, False)
    listed = CliRunner().invoke(main, ["events", "--db", str(db), "--json"])
    assert len(json.loads(listed.output)) == 2


def test_consolidation_takes_no_more_than_its_share_of_the_time(monkeypatch):
    store = SQLiteStore(":memory:")
    pipeline = Pipeline(store, encoder=HashingEncoder(), linker=OpenAlways(), cadence=Cadence(1))  # type: ignore[arg-type]
    runs = []

    def slow_run(dry_run: bool = False) -> Report:
        runs.append(dry_run)
        return Report(seconds=3600.0)  # as if the last one took an hour

    monkeypatch.setattr(pipeline.consolidator, "run", slow_run)
    for number, text in enumerate(FERRY):
        pipeline.ingest(RawArticle(text=text, origin="t", id=f"a{number}", lang="en"))
    assert len(runs) == 1  # the next waits for ten hours of ingest
