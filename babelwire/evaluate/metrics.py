"""Clustering scores against gold clusters.

BCubed (Bagga & Baldwin 1998): for each article, precision is the share of
its predicted cluster that shares its gold cluster, recall the share of its
gold cluster that shares its predicted cluster; both averaged over articles.
Pairwise (Miranda et al. 2018): precision and recall over pairs of articles
put together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """(precision, recall, F1) over the articles present in both mappings."""
    items = [i for i in gold if i in predicted]
    if not items:
        return 0.0, 0.0, 0.0
    both = Counter((predicted[i], gold[i]) for i in items)
    pred_size = Counter(predicted[i] for i in items)
    gold_size = Counter(gold[i] for i in items)
    precision = sum(both[predicted[i], gold[i]] / pred_size[predicted[i]] for i in items)
    recall = sum(both[predicted[i], gold[i]] / gold_size[gold[i]] for i in items)
    precision, recall = precision / len(items), recall / len(items)
    return precision, recall, _f1(precision, recall)


def _pairs(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """(precision, recall, F1) over pairs of articles clustered together."""
    items = [i for i in gold if i in predicted]
    together = _pairs(Counter((predicted[i], gold[i]) for i in items))
    predicted_pairs = _pairs(Counter(predicted[i] for i in items))
    gold_pairs = _pairs(Counter(gold[i] for i in items))
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    return precision, recall, _f1(precision, recall)


def score(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """All standard scores, keyed as `babelwire eval --json` prints them."""
    bp, br, bf = bcubed(predicted, gold)
    pp, pr, pf = pairwise(predicted, gold)
    items = [i for i in gold if i in predicted]
    return {
        "bcubed_p": bp,
        "bcubed_r": br,
        "bcubed_f1": bf,
        "pairwise_p": pp,
        "pairwise_r": pr,
        "pairwise_f1": pf,
        "n_pred": len({predicted[i] for i in items}),
        "n_gold": len({gold[i] for i in items}),
    }
