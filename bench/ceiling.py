"""What babelwire's own evidence reaches with hindsight: batch clustering of the dev corpora.

    .venv/bin/pip install scipy          # hierarchical clustering, for this script only
    .venv/bin/python bench/ceiling.py [--data ../shared/data] [--json]

The linker decides each article on arrival. Clustering a whole corpus at
once, with the same evidence, sees every article's neighbours before it
decides any: what it reaches is a guide to what an online linker can hope
for with that evidence. For each dev corpus the pipeline's features (its
cache serves warm runs) give, for every pair of articles,

    cosine (each language's mean removed) + 0.2 shared names
        + 0.1 shared figures + 0.2 shared words

(the linker's weights; words are TF-IDF with the corpus' own document
frequencies, names the twelve most frequent per article). Average-link
clustering is cut at every threshold of a grid, for the evidence as it is
and for two re-scalings that adapt to each article's neighbourhood: local
scaling (CSLS: twice the score minus each side's mean score with its three
nearest articles) and shared nearest neighbours (plus 0.2 times the share of
the three nearest articles two articles have in common).

Reported per variant: the best cut of each corpus on its own (a threshold
read off each corpus' gold: what the goal's "one configuration" rules out)
and the best single cut for both, the one whose worse margin to the goal
(0.95 ecbplus-dev, 0.85 allsides-dev) is largest.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babelwire.evaluate.dataset import load_gold
from babelwire.evaluate.metrics import bcubed
from babelwire.pipeline import Pipeline, understand
from babelwire.readers import read_paths
from babelwire.represent import Features, lexical
from babelwire.store import SQLiteStore
from bench.streams import DataMissing, corpus_folder, data_root

CORPORA = {"ecbplus-dev": 0.95, "allsides-dev": 0.85}  # corpus: the goal's BCubed F1
WEIGHTS = {"names": 0.2, "figures": 0.1, "words": 0.2}
NEIGHBOURS = 3
SNN_WEIGHT = 0.2
TOP_NAMES = 12


def features_of(folder: Path) -> tuple[list[str], list[Features]]:
    pipeline = Pipeline(SQLiteStore(":memory:"))
    articles = [understand(raw) for raw in read_paths([str(folder / "docs")])]
    return [a.id for a in articles], [pipeline.represent(a) for a in articles]


def overlap(sets: list[set[str]]) -> np.ndarray:
    """Share of the smaller side's items that the other side has too, for every pair."""
    vocabulary = {item: i for i, item in enumerate(sorted(set().union(*sets)))}
    incidence = np.zeros((len(sets), max(1, len(vocabulary))), np.float32)
    for row, items in enumerate(sets):
        incidence[row, [vocabulary[item] for item in items]] = 1.0
    shared = incidence @ incidence.T
    sizes = incidence.sum(1)
    return shared / np.maximum(1.0, np.minimum(sizes[:, None], sizes[None, :]))


def cosines(features: list[Features]) -> np.ndarray:
    vectors = np.stack([f.vector for f in features]).astype(np.float32)
    languages = np.array([f.lang for f in features])
    for lang in set(languages):
        vectors[languages == lang] -= vectors[languages == lang].mean(0)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors @ vectors.T


def shared_words(features: list[Features]) -> np.ndarray:
    frequency = Counter(term for f in features for term in set(f.terms))
    vocabulary = {term: i for i, term in enumerate(frequency)}
    weights = np.zeros((len(features), len(vocabulary)), np.float32)
    for row, f in enumerate(features):
        for term, weight in lexical.weigh(f.terms, len(features), frequency).items():
            weights[row, vocabulary[term]] = weight
    return weights @ weights.T


def evidence(features: list[Features]) -> np.ndarray:
    names = [{n for n, _ in f.names.most_common(TOP_NAMES)} for f in features]
    return (
        cosines(features)
        + WEIGHTS["names"] * overlap(names)
        + WEIGHTS["figures"] * overlap([set(f.numbers) for f in features])
        + WEIGHTS["words"] * shared_words(features)
    )


def without_self(scores: np.ndarray) -> np.ndarray:
    """The scores with each article's score with itself out of every ranking."""
    others = scores.copy()
    np.fill_diagonal(others, -np.inf)
    return others


def nearest_mean(scores: np.ndarray, k: int) -> np.ndarray:
    return np.sort(without_self(scores), axis=1)[:, -k:].mean(1)


def local_scaling(scores: np.ndarray) -> np.ndarray:
    near = nearest_mean(scores, NEIGHBOURS)
    return 2 * scores - near[:, None] - near[None, :]


def shared_neighbours(scores: np.ndarray) -> np.ndarray:
    nearest = np.argsort(-without_self(scores), axis=1)[:, :NEIGHBOURS]
    member = np.zeros_like(scores)
    np.put_along_axis(member, nearest, 1.0, axis=1)
    return scores + SNN_WEIGHT * (member @ member.T) / NEIGHBOURS


VARIANTS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "evidence": lambda scores: scores,
    "local scaling (CSLS, k=3)": local_scaling,
    "shared nearest neighbours (k=3)": shared_neighbours,
}


def f1_by_cut(scores: np.ndarray, ids: list[str], gold: dict[str, str], cuts: np.ndarray) -> list:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    top = float(scores.max())
    distances = top - (scores + scores.T) / 2
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(np.clip(distances, 0, None), checks=False), "average")
    results = []
    for cut in cuts:
        labels = fcluster(tree, top - cut, "distance")
        results.append(
            bcubed({i: str(label) for i, label in zip(ids, labels, strict=True)}, gold)[2]
        )
    return results


def ceiling(root: Path) -> dict[str, dict]:
    corpora = {}
    for name in CORPORA:
        folder = corpus_folder(root, name)
        ids, features = features_of(folder)
        corpora[name] = (ids, evidence(features), load_gold(folder))
    cuts = np.round(np.arange(-1.0, 2.0, 0.0125), 4)
    report = {}
    for variant, rescale in VARIANTS.items():
        f1 = {
            name: np.array(f1_by_cut(rescale(scores), ids, gold, cuts))
            for name, (ids, scores, gold) in corpora.items()
        }
        margin = np.min([f1[name] - goal for name, goal in CORPORA.items()], axis=0)
        both = int(np.argmax(margin))
        report[variant] = {
            "own_cut": {name: round(float(f.max()), 4) for name, f in f1.items()},
            "one_cut": {name: round(float(f[both]), 4) for name, f in f1.items()},
            "cut": float(cuts[both]),
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="evaluation data (default ../shared/data)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    try:
        import scipy  # noqa: F401
    except ImportError:
        sys.exit("bench/ceiling.py needs scipy for its clustering: .venv/bin/pip install scipy")
    try:
        report = ceiling(data_root(args.data))
    except DataMissing as missing:
        sys.exit(str(missing))
    if args.json:
        print(json.dumps(report))
        return
    print("| batch, average link | ecbplus-dev own cut / one cut | allsides-dev own / one |")
    print("|---|---|---|")
    for variant, row in report.items():
        own, one = row["own_cut"], row["one_cut"]
        cells = [f"{own[name]:.3f} / {one[name]:.3f}" for name in CORPORA]
        print(f"| {variant} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
