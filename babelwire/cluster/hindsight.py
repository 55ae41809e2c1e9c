"""Hindsight: re-cluster a window of recent articles, and say what should change.

    scores = pair_scores(members, vectors, config)    every pair's evidence
    labels = recluster(scores, config)                 average link, cut once
    changes = plan(members, labels, scores)            splits and merges

The online linker decides each article once, on arrival, against event
centroids. With hindsight every article of the window is compared with every
other by the linker's own evidence (cosine with language means removed, or
the aligner's across languages; shared names, figures and, within a language,
words; the date gap), plus a shared-neighbour term: two articles whose three
nearest articles are the same are more likely one story, which tells
look-alike events apart that their first articles joined (BENCHMARKS.md,
"With hindsight"). Average-link clustering cut at one threshold gives the
window's events; `plan` turns the difference from today's events into
splits and merges that keep ids stable: the part of an event that keeps most
of its articles (ties: the oldest) keeps its id, and of events that become
one the largest (ties: the oldest) keeps its id. `recluster_within` clusters
each event's articles alone (the fast path's rule): an event that chained
look-alike stories splits, and nothing merges.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

from babelwire.cluster.events import Change, Member
from babelwire.cluster.online import LinkerConfig


def pair_scores(members: Sequence[Member], vectors: np.ndarray, config: LinkerConfig) -> np.ndarray:
    """The linker's evidence for every pair (`vectors`: comparable, with hindsight).

    Dense only where every pair has a value (the cosines); names, figures and
    words are sparse and added where two articles share any.
    """
    unit = (vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)).astype(
        np.float32
    )
    scores = unit @ unit.T
    langs = np.array([m.lang for m in members])
    if len(set(langs)) > 1:
        _across_languages(scores, members, langs, config)
    names = [{n for n, _ in m.names.most_common(config.top_names)} for m in members]
    _add_sparse(scores, config.name_weight, _overlap(names))
    _add_sparse(scores, config.number_weight, _overlap([set(m.numbers) for m in members]))
    _add_sparse(scores, config.lexical_weight, _word_cosines(members, langs))
    _subtract_time_costs(scores, members, config)
    return scores


def _across_languages(
    scores: np.ndarray, members: Sequence[Member], langs: np.ndarray, config: LinkerConfig
) -> None:
    """Cross-language pairs as the linker scores them: the aligner's cosine plus its
    allowance where both articles have one, else e5's cosine plus the other allowance."""
    crossing = langs[:, None] != langs[None, :]
    scores[crossing] += config.cross_language_bonus
    at = [i for i, m in enumerate(members) if m.aligned is not None]
    if len(at) < 2:
        return
    aligned = np.stack([members[i].aligned for i in at]).astype(np.float32)  # type: ignore[misc]
    aligned /= np.maximum(np.linalg.norm(aligned, axis=1, keepdims=True), 1e-9)
    block = np.ix_(at, at)
    both = crossing[block]
    scores[block] = np.where(both, aligned @ aligned.T + config.aligned_bonus, scores[block])


def _incidence(rows: Sequence[dict[str, float]]) -> csr_matrix:
    vocabulary: dict[str, int] = {}
    data, cols, pointers = [], [], [0]
    for row in rows:
        for item, weight in row.items():
            cols.append(vocabulary.setdefault(item, len(vocabulary)))
            data.append(weight)
        pointers.append(len(cols))
    shape = (len(rows), max(1, len(vocabulary)))
    return csr_matrix((np.array(data, np.float32), cols, pointers), shape=shape)


def _add_sparse(scores: np.ndarray, weight: float, values: coo_matrix) -> None:
    scores[values.row, values.col] += weight * values.data


def _overlap(sets: Sequence[set[str]]) -> coo_matrix:
    """Share of the smaller side's items the other side has too, where any is shared."""
    incidence = _incidence([dict.fromkeys(items, 1.0) for items in sets])
    shared = (incidence @ incidence.T).tocoo()
    sizes = np.array([len(items) for items in sets], np.float32)
    smaller = np.maximum(1.0, np.minimum(sizes[shared.row], sizes[shared.col]))
    return coo_matrix((shared.data / smaller, (shared.row, shared.col)), shape=shared.shape)


def _word_cosines(members: Sequence[Member], langs: np.ndarray) -> coo_matrix:
    """Cosines of the articles' words (unit weights), within a language only."""
    weights = _incidence([m.terms for m in members])
    cosines = (weights @ weights.T).tocoo()
    within = langs[cosines.row] == langs[cosines.col]
    kept = (cosines.data[within], (cosines.row[within], cosines.col[within]))
    return coo_matrix(kept, shape=cosines.shape)


def _subtract_time_costs(
    scores: np.ndarray, members: Sequence[Member], config: LinkerConfig
) -> None:
    """The linker's date-gap cost for every pair whose dates both came with the article.

    A date read from a text is a guess (a dateline, or any year the story
    mentions); on arrival it is the best there is, but with hindsight the
    articles themselves say more, and a wrong guess would part one story's
    reports for good. Dates the sources gave still keep look-alike events of
    different weeks apart.
    """
    at = [i for i, m in enumerate(members) if m.date is not None and not m.date_inferred]
    if len(at) < 2 or not config.time_weight:
        return
    start = np.array([members[i].date.start.toordinal() for i in at], np.float32)  # type: ignore[union-attr]
    end = np.array([members[i].date.end.toordinal() for i in at], np.float32)  # type: ignore[union-attr]
    gap = np.maximum(0.0, np.maximum(start[None, :] - end[:, None], start[:, None] - end[None, :]))
    cost = np.minimum(1.0, np.maximum(0.0, gap - config.time_grace_days) / config.time_scale_days)
    scores[np.ix_(at, at)] -= config.time_weight * cost


def with_shared_neighbours(scores: np.ndarray, config: LinkerConfig) -> np.ndarray:
    """Scores plus the share of their nearest articles two articles have in common
    (in place: a window's matrix is large)."""
    n = len(scores)
    k = min(config.hindsight_neighbours, n - 1)
    if k < 1:
        return scores
    diagonal = scores.diagonal().copy()
    np.fill_diagonal(scores, -np.inf)  # no article is its own neighbour
    nearest = np.argpartition(scores, n - k, axis=1)[:, n - k :]
    np.fill_diagonal(scores, diagonal)
    # Sparse: each row has k neighbours, so counting shared ones costs n * k * k.
    member = csr_matrix(
        (np.ones(n * k, np.float32), nearest.ravel(), np.arange(0, n * k + 1, k)), shape=(n, n)
    )
    _add_sparse(scores, config.hindsight_neighbour_weight / k, (member @ member.T).tocoo())
    return scores


def with_links_kept(scores: np.ndarray, events: Sequence[str], weight: float) -> np.ndarray:
    """Scores plus `weight` for pairs in one event today (in place): today's links
    count for a little, so an event splits only on clear evidence and a borderline
    pair stays."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, event in enumerate(events):
        groups[event].append(i)
    for at in groups.values():
        scores[np.ix_(at, at)] += weight
    return scores


def recluster(scores: np.ndarray, cut: float) -> np.ndarray:
    """Average-link clusters whose members score `cut` or more on average.

    Two clusters that average `cut` have at least one pair at `cut`, so every
    cluster lies inside one connected part of the graph of such pairs: each
    part is clustered on its own, which keeps large windows cheap.
    """
    # every term above is symmetric
    _, parts = connected_components(csr_matrix(scores >= cut), directed=False)
    return _each_group(scores, parts, lambda block: _average_link(block, cut))


def recluster_within(scores: np.ndarray, events: Sequence[str], cut: float) -> np.ndarray:
    """As `recluster`, each event's articles on their own: events may split, never merge."""
    return _each_group(scores, np.array(events), lambda block: recluster(block, cut))


def _each_group(
    scores: np.ndarray, groups: np.ndarray, cluster: Callable[[np.ndarray], np.ndarray]
) -> np.ndarray:
    """Labels from clustering each group's rows of `scores` alone, distinct across groups."""
    labels = np.empty(len(scores), np.int64)
    next_label = 0
    for group in np.unique(groups):
        at = np.flatnonzero(groups == group)
        local = cluster(scores[np.ix_(at, at)])
        labels[at] = local + next_label
        next_label += int(local.max()) + 1
    return labels


def _average_link(scores: np.ndarray, cut: float) -> np.ndarray:
    if len(scores) == 1:
        return np.zeros(1, np.int64)
    top = float(scores.max())
    distances = np.clip(top - scores, 0.0, None)
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), "average")
    return fcluster(tree, top - cut, "distance").astype(np.int64) - 1


def plan(members: Sequence[Member], labels: np.ndarray, scores: np.ndarray) -> list[Change]:
    """The splits, then the merges, that turn today's events into the clusters."""
    groups: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, member in enumerate(members):
        groups[member.event_id][int(labels[i])].append(i)
    keeper = {event: _keeper(parts) for event, parts in groups.items()}
    owner = _owners(members, groups, keeper)
    changes = []
    for event, parts in groups.items():
        for label, at in parts.items():
            if label != keeper[event]:
                rest = [i for i in _flat(parts) if i not in at]
                target = owner.get(label) or _new_id(members, labels, label)
                split = _change("split", members, event, target, at, rest, scores)
                joined = [int(i) for i in np.flatnonzero(labels == label) if i not in at]
                split.evidence["with_event_joined"] = _mean(scores, at, joined)
                changes.append(split)
    for label, event in owner.items():
        for other, parts in groups.items():
            if other != event and keeper[other] == label:
                kept = groups[event][label]
                changes.append(_change("merge", members, other, event, parts[label], kept, scores))
    return changes


def _keeper(parts: dict[int, list[int]]) -> int:
    """The cluster holding most of an event's articles (ties: its oldest article)."""
    return min(parts, key=lambda label: (-len(parts[label]), min(parts[label])))


def _owners(
    members: Sequence[Member], groups: dict[str, dict[int, list[int]]], keeper: dict[str, int]
) -> dict[int, str]:
    """Which event's id each cluster keeps: of the events it keeps most of, the
    one it holds most articles of (ties: the oldest). Other clusters are new."""
    claims: dict[int, list[str]] = defaultdict(list)
    for event, label in keeper.items():
        claims[label].append(event)
    first_seq = {e: min(members[i].seq for i in _flat(p)) for e, p in groups.items()}
    return {
        label: min(events, key=lambda e: (-len(groups[e][label]), first_seq[e]))
        for label, events in claims.items()
    }


def _flat(parts: dict[int, list[int]]) -> list[int]:
    return [i for at in parts.values() for i in at]


def _change(
    kind: str,
    members: Sequence[Member],
    source: str,
    target: str,
    moved: list[int],
    other: list[int],
    scores: np.ndarray,
) -> Change:
    """A change with its evidence: how the moved articles score, on average,
    with those they leave (a split; `plan` adds those they join) or join (a merge)."""
    key = "with_rest_of_event" if kind == "split" else "with_event_joined"
    evidence = {"articles": len(moved), key: _mean(scores, moved, other)}
    return Change(kind, source, target, [members[i].id for i in moved], evidence)


def _mean(scores: np.ndarray, rows: list[int], cols: list[int]) -> float | None:
    if not rows or not cols:
        return None
    return round(float(scores[np.ix_(rows, cols)].mean()), 4)


def _new_id(members: Sequence[Member], labels: np.ndarray, label: int) -> str:
    """A new event's id, from its first article: a replay makes the same one."""
    first = min((m for m, at in zip(members, labels, strict=True) if at == label), key=_seq)
    return "ev-" + hashlib.sha256(f"split:{first.id}".encode()).hexdigest()[:12]


def _seq(member: Member) -> int:
    return member.seq
