import pytest

from babelwire.evaluate import bcubed, pairwise, score

GOLD = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}


def test_perfect_clustering_scores_one():
    assert bcubed(GOLD, GOLD) == (1.0, 1.0, 1.0)
    assert pairwise(GOLD, GOLD) == (1.0, 1.0, 1.0)


def test_bcubed_by_hand():
    # Predicted {a,b} {c,d,e}. Precision: a,b 1; c 1/3; d,e 2/3 → (2 + 1/3 + 4/3) / 5.
    # Recall: a,b 2/3; c 1/3; d,e 1 → (4/3 + 1/3 + 2) / 5.
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"}
    p, r, f = bcubed(predicted, GOLD)
    assert p == pytest.approx(11 / 15)
    assert r == pytest.approx(11 / 15)
    assert f == pytest.approx(11 / 15)


def test_pairwise_by_hand():
    # Predicted pairs: ab, cd, ce, de = 4; gold pairs: ab, ac, bc, de = 4; shared: ab, de.
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"}
    assert pairwise(predicted, GOLD) == pytest.approx((0.5, 0.5, 0.5))


def test_singletons_have_full_pairwise_precision_and_no_recall():
    predicted = {k: k for k in GOLD}
    p, r, _ = pairwise(predicted, GOLD)
    assert (p, r) == (1.0, 0.0)
    assert score(predicted, GOLD)["n_pred"] == 5
    assert score(predicted, GOLD)["n_gold"] == 2
