"""The describer's labelled benchmark runs, and keeps its scores (floors just under them)."""

from __future__ import annotations

from bench import describe_quality


def test_the_labelled_set_scores_at_least_what_it_did():
    scores = describe_quality.run()
    assert scores["entities"]["precision"] >= 0.9
    assert scores["entities"]["recall"] >= 0.88
    assert scores["entities"]["kind_accuracy"] >= 0.93
    # Four of five spelling sets across languages (Osh / Och still apart).
    assert scores["merging"]["merged"] >= 0.8
    # Counts without a cue word are figures too; "two short" (of a majority) is not one.
    assert scores["figures"]["precision"] >= 0.95
    assert scores["figures"]["recall"] == 1.0
