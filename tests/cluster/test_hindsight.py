"""Hindsight: pair evidence, average-link re-clustering, and the plan of splits and merges."""

from collections import Counter

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from babelwire.cluster.events import Member, totals
from babelwire.cluster.hindsight import (
    pair_scores,
    plan,
    recluster,
    recluster_within,
    with_shared_neighbours,
)
from babelwire.cluster.online import LinkerConfig
from babelwire.model import PartialDate

DIM = 8


def _member(
    article_id: str,
    event_id: str,
    seq: int,
    *direction: float,
    lang: str = "en",
    day: str | None = None,
    aligned: np.ndarray | None = None,
) -> Member:
    direction = direction or (1.0,)
    vector = np.zeros(DIM, np.float32)
    vector[: len(direction)] = direction
    return Member(
        id=article_id,
        seq=seq,
        event_id=event_id,
        lang=lang,
        date=PartialDate.parse(day) if day else None,
        date_inferred=False,
        vector=vector,
        comparable=vector / np.linalg.norm(vector),
        names=Counter(),
        terms={},
        numbers=Counter(),
        aligned=aligned,
    )


def _same(labels: np.ndarray, a: int, b: int) -> bool:
    return bool(labels[a] == labels[b])


def test_reclustering_by_parts_equals_average_link_over_everything():
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(6, DIM))
    points = np.concatenate([c + 0.4 * rng.normal(size=(8, DIM)) for c in centres])
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    scores = points @ points.T
    for cut in (0.3, 0.6, 0.8):
        ours = recluster(scores, cut)
        top = float(scores.max())
        distances = np.clip(top - scores, 0, None)
        np.fill_diagonal(distances, 0)
        tree = linkage(squareform(distances, checks=False), "average")
        whole = fcluster(tree, top - cut, "distance")
        same_ours = ours[:, None] == ours[None, :]
        assert (same_ours == (whole[:, None] == whole[None, :])).all()


def test_reclustering_within_events_splits_them_and_never_merges():
    # Articles 0-1 and 2-3 are two stories; event "a" chained 0, 1 and 2,
    # event "b" holds 3 alone.
    scores = np.full((4, 4), 0.1)
    scores[0, 1] = scores[1, 0] = scores[2, 3] = scores[3, 2] = 0.9
    np.fill_diagonal(scores, 1.0)
    labels = recluster_within(scores, ["a", "a", "a", "b"], 0.6)
    assert _same(labels, 0, 1)
    assert not _same(labels, 1, 2)  # the chain parts
    assert not _same(labels, 2, 3)  # though one story, they stay in two events
    assert not _same(recluster(scores, 0.6), 1, 2) and _same(recluster(scores, 0.6), 2, 3)


def test_shared_neighbours_raise_pairs_whose_nearest_articles_agree():
    group = np.array([[1, 0.9, 0.8], [0.9, 1, 0.85], [0.8, 0.85, 1]])
    scores = np.block([[group, np.full((3, 3), 0.5)], [np.full((3, 3), 0.5), group]])
    config = LinkerConfig(hindsight_neighbours=2, hindsight_neighbour_weight=0.2)
    raised = with_shared_neighbours(scores.copy(), config)
    assert np.isclose(raised[0, 1], scores[0, 1] + 0.1)  # one of two nearest in common
    assert raised[0, 3] == scores[0, 3]  # none in common


def test_across_languages_the_aligner_speaks_when_both_sides_have_it():
    aligned = np.ones(4, np.float32)
    english = _member("a", "e", 1, 1.0, lang="en", aligned=aligned)
    german = _member("b", "e", 2, 0.0, 1.0, lang="de", aligned=aligned)
    norwegian = _member("c", "e", 3, 0.0, 1.0, lang="nb")
    members = [english, german, norwegian]
    vectors = np.stack([m.comparable for m in members])
    config = LinkerConfig(time_weight=0)
    scores = pair_scores(members, vectors, config)
    assert np.isclose(scores[0, 1], 1.0 + config.aligned_bonus)  # aligned cosine 1
    assert np.isclose(scores[0, 2], 0.0 + config.cross_language_bonus)  # e5's, plus its allowance


def test_given_dates_far_apart_cost_what_the_linker_charges_guessed_ones_nothing():
    members = [
        _member("a", "e", 1, day="2021-01-01"),
        _member("b", "e", 2, day="2021-03-15"),
        _member("c", "e", 3),
        _member("d", "e", 4, day="2019-06-01"),
    ]
    members[3].date_inferred = True  # a year the text mentions, say
    vectors = np.stack([m.comparable for m in members])
    config = LinkerConfig()
    scores = pair_scores(members, vectors, config)
    assert np.isclose(scores[0, 1], 1.0 - config.time_weight)  # over 33 days apart: full cost
    assert np.isclose(scores[0, 2], 1.0)  # undated: no cost
    assert np.isclose(scores[0, 3], 1.0)  # a guessed date: no cost


def test_a_split_keeps_the_id_with_the_larger_part_and_opens_a_new_event():
    members = [_member(f"a{i}", "ev-1", i) for i in range(5)]
    labels = np.array([0, 1, 1, 1, 0])
    (split,) = plan(members, labels, np.zeros((5, 5)))
    assert split.kind == "split" and split.source == "ev-1"
    assert split.article_ids == ["a0", "a4"] and split.target.startswith("ev-")
    assert split.target != "ev-1" and "with_rest_of_event" in split.evidence


def test_of_two_equal_parts_the_one_with_the_oldest_article_keeps_the_id():
    members = [_member(f"a{i}", "ev-1", i) for i in range(4)]
    (split,) = plan(members, np.array([1, 0, 0, 1]), np.zeros((4, 4)))
    assert split.article_ids == ["a1", "a2"]


def test_events_that_are_one_cluster_merge_into_the_larger():
    members = [_member("a", "ev-small", 1), _member("b", "ev-big", 2), _member("c", "ev-big", 3)]
    (merge,) = plan(members, np.array([0, 0, 0]), np.zeros((3, 3)))
    assert (merge.kind, merge.source, merge.target) == ("merge", "ev-small", "ev-big")
    assert merge.article_ids == ["a"]


def test_a_part_split_off_joins_the_event_its_cluster_keeps():
    members = [
        _member("a", "ev-1", 1),
        _member("b", "ev-1", 2),
        _member("c", "ev-1", 3),
        _member("d", "ev-2", 4),
        _member("e", "ev-2", 5),
    ]
    (split,) = plan(members, np.array([0, 0, 1, 1, 1]), np.zeros((5, 5)))
    assert (split.kind, split.source, split.target, split.article_ids) == (
        "split",
        "ev-1",
        "ev-2",
        ["c"],
    )


def test_unchanged_events_plan_nothing():
    members = [_member("a", "ev-1", 1), _member("b", "ev-2", 2)]
    assert plan(members, np.array([4, 7]), np.zeros((2, 2))) == []


def test_totals_sum_what_the_articles_brought():
    members = [
        _member("a", "e", 3, 1.0, day="2021-05-02"),
        _member("b", "e", 9, 0.0, 1.0, day="2021-05"),
    ]
    made = totals(members)
    assert made.size == 2 and made.updated_seq == 9
    assert np.allclose(made.centroid[:2], [1.0, 1.0])
    # A month and a day in it may be the same day: the day says more.
    assert str(made.first_date) == str(made.last_date) == "2021-05-02"
