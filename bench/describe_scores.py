"""Scores of the describer on the hand-labelled real events (bench/describe_set.py).

Each event's articles are read as `babelwire ingest` reads them (reader, then
`understand`) and described together, as an event page describes them.

Entities, per article: a predicted entry is *in* an article when the article
lists it; it is right when one of its spellings found in that article's text
has the spelling key (`name_key`) of a name labelled there. Detection recall
counts the labelled entities some entry finds; kind accuracy is over the right
entries. Merging is scored on spellings: a labelled spelling (its key, in one
language) is found when an entry holds it. Merge recall: of the pairs of found
spellings of one entity with different keys, the share that end in one entry;
merge precision: of the pairs of spellings an entry holds that both name
labelled entities, the share that name the same one. A pair is cross-language
when its two spellings come from articles in different languages.

Figures: a predicted value is right when a figure labelled in its article
states the same number (the same range for a range). Key-figure recall counts
the labelled key figures some value states. Grouping, over the right values:
precision is the share of pairs in one predicted line that count the same
labelled quantity, recall the share of pairs of one quantity that share a
line. Disagreement accuracy: for each quantity stated by several articles,
whether its line's flag says what the label does (`no` = a conflict).
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from babelwire.describe.dating import effective_dates
from babelwire.describe.entities import build_entities
from babelwire.describe.figures import build_figures
from babelwire.model import Article
from babelwire.pipeline import understand
from babelwire.readers import read_file
from babelwire.represent.names import name_key
from bench.describe_set import text_path

ALL = "all"
CROSS = "cross"


@dataclass
class Tally:
    """Counts behind one row of the table (one language, or all)."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, name: str, right: bool) -> None:
        self.counts[name + "_n"] += 1
        self.counts[name + "_ok"] += int(right)

    def share(self, name: str) -> float | None:
        n = self.counts[name + "_n"]
        return round(self.counts[name + "_ok"] / n, 3) if n else None

    def size(self, name: str) -> int:
        return self.counts[name + "_n"]


class Tallies(defaultdict[str, Tally]):
    def __init__(self) -> None:
        super().__init__(Tally)

    def add(self, langs: list[str], name: str, right: bool) -> None:
        for lang in {*langs, ALL}:
            self[lang].add(name, right)


def read_article(doc: dict[str, Any]) -> Article:
    raw = next(read_file(text_path(doc["corpus"], doc["id"])))
    return understand(raw)  # type: ignore[arg-type]


def score(events: list[dict[str, Any]]) -> Tallies:
    tallies = Tallies()
    for event in events:
        articles = [read_article(doc) for doc in event["docs"]]
        score_entities(event, articles, tallies)
        score_figures(event, articles, tallies)
    return tallies


# Entities ------------------------------------------------------------------


def _key(name: str) -> str:
    return name_key(name)


def score_entities(event: dict[str, Any], articles: list[Article], tallies: Tallies) -> None:
    entries = build_entities(articles)
    docs = {doc["id"]: doc for doc in event["docs"]}
    for article in articles:
        _detection(docs[article.id], article, entries, tallies)
    _merging(event, entries, tallies)


def _forms_in(entry: dict[str, Any], text: str) -> list[str]:
    forms = [entry["name"], *entry["aliases"]]
    return [f for f in forms if f in text] or forms


def _detection(
    doc: dict[str, Any], article: Article, entries: list[dict[str, Any]], tallies: Tallies
) -> None:
    gold: dict[str, set[str]] = defaultdict(set)
    kinds = {}
    for labelled in doc["entities"]:
        gold[labelled["entity"]].add(_key(labelled["surface"]))
        kinds[labelled["entity"]] = labelled["kind"]
    lang = doc["lang"]
    found = set()
    for entry in (e for e in entries if doc["id"] in e["article_ids"]):
        keys = {_key(f) for f in _forms_in(entry, doc["text"])}
        hits = [g for g, gold_keys in gold.items() if keys & gold_keys]
        tallies.add([lang], "entity_precision", bool(hits))
        if hits:
            tallies.add([lang], "kind_accuracy", entry["kind"] == kinds[hits[0]])
        found.update(hits)
    for entity in gold:
        tallies.add([lang], "entity_recall", entity in found)


def _spellings(event: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(spelling key, language) -> the entity it names, over the event's articles."""
    return {
        (_key(labelled["surface"]), doc["lang"]): labelled["entity"]
        for doc in event["docs"]
        for labelled in doc["entities"]
    }


def _merging(event: dict[str, Any], entries: list[dict[str, Any]], tallies: Tallies) -> None:
    spellings = _spellings(event)
    holder = {}
    for i, entry in enumerate(entries):
        for form in [entry["name"], *entry["aliases"]]:
            holder.setdefault(_key(form), i)
    found = [(k, lang, entity) for (k, lang), entity in spellings.items() if k in holder]
    for (k1, l1, e1), (k2, l2, e2) in itertools.combinations(found, 2):
        if k1 == k2:
            continue
        langs = [l1] if l1 == l2 else [CROSS]
        same_entry = holder[k1] == holder[k2]
        if e1 == e2:
            tallies.add(langs, "merge_recall", same_entry)
        elif same_entry:
            tallies.add(langs, "merge_precision", False)
        if e1 == e2 and same_entry:
            tallies.add(langs, "merge_precision", True)


# Figures -------------------------------------------------------------------


@dataclass(frozen=True)
class _Value:
    article_id: str
    low: float
    high: float | None
    line: int


def _same_number(value: _Value, gold: dict[str, Any]) -> bool:
    """The value states the labelled number: "about 100" is read 90-110, "more than 800"
    801-open, "nearly 2,500" 2250-2500 (see describe/numbers.py)."""
    if gold["high"] is not None and gold["high"] != gold["low"]:
        return _close(value.low, gold["low"]) and _close(value.high, gold["high"])
    stated = gold["low"]
    read = {stated, stated + 1, round(stated * 0.9), round(stated * 1.1)}
    return any(_close(end, r) for end in (value.low, value.high) for r in read)


def _states_exactly(value: _Value, gold: dict[str, Any]) -> bool:
    """The labelled figure whose very number the value has is the one it states: a value
    2 is "dos más" (2) rather than "una mujer" (1) read as more than one."""
    return _close(value.low, gold["low"]) and _close(value.high, gold["high"])


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def score_figures(event: dict[str, Any], articles: list[Article], tallies: Tallies) -> None:
    lines = build_figures(articles, effective_dates(articles))
    docs = {doc["id"]: doc for doc in event["docs"]}
    values = {
        _Value(v["article_id"], v["low"], v["high"], i)
        for i, line in enumerate(lines)
        for v in line["values"]
    }
    matched: list[tuple[_Value, str, str]] = []  # value, quantity, language
    for value in sorted(values, key=lambda v: (v.line, v.article_id, v.low)):
        doc = docs[value.article_id]
        hits = sorted(
            (g for g in doc["figures"] if _same_number(value, g)),
            key=lambda g: not _states_exactly(value, g),
        )
        tallies.add([doc["lang"]], "figure_precision", bool(hits))
        if hits:
            matched.append((value, hits[0]["quantity"], doc["lang"]))
    for doc in event["docs"]:
        for gold in doc["figures"]:
            found = any(v.article_id == doc["id"] and _same_number(v, gold) for v in values)
            tallies.add([doc["lang"]], "figure_recall", found)
            if gold["key"]:
                tallies.add([doc["lang"]], "key_figure_recall", found)
    _grouping(matched, tallies)
    _disagreement(event, lines, matched, tallies)


def _grouping(matched: list[tuple[_Value, str, str]], tallies: Tallies) -> None:
    for (v1, q1, l1), (v2, q2, l2) in itertools.combinations(matched, 2):
        if v1 == v2:
            continue
        langs = [l1] if l1 == l2 else [CROSS]
        if v1.line == v2.line:
            tallies.add(langs, "grouping_precision", q1 == q2)
        if q1 == q2 and (v1.article_id, v1.low, v1.high) != (v2.article_id, v2.low, v2.high):
            tallies.add(langs, "grouping_recall", v1.line == v2.line)


def _disagreement(
    event: dict[str, Any],
    lines: list[dict[str, Any]],
    matched: list[tuple[_Value, str, str]],
    tallies: Tallies,
) -> None:
    langs = sorted({doc["lang"] for doc in event["docs"]})
    for quantity, verdict in event["agree"].items():
        holding = Counter(v.line for v, q, _ in matched if q == quantity)
        flagged = bool(holding) and lines[holding.most_common(1)[0][0]]["disagreement"]
        tallies.add(langs, "disagreement_accuracy", flagged == (verdict == "no"))
