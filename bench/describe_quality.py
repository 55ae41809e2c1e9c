"""Entity, figure and relative-date quality of the event describer on the labelled sets.

    .venv/bin/python bench/describe_quality.py [--json] [--half 0|1]

Two sets. The real events (bench/describe_labels/, needs ../shared/data; see
bench/describe_scores.py for how each score is counted) are reported per
language, with `cross` for pairs that span two languages; `--half` scores
every other event only (0: the first, third ...), to check that a change
found on one half holds on the other.

The set (tests/describe/data/labelled.json) is text written for babelwire in
en, nb, de, es and fr. Entities are scored per document, by spelling key:
a predicted entity is right when its name or an alias names a gold entity;
kind accuracy is over the matched ones. Cross-language merging is scored on
each group of documents reporting one event: a `same` set is merged when
all its spellings that the texts contain land in one predicted entity.
Figures are right when what they count and their range both match.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babelwire.describe.entities import build_entities
from babelwire.describe.figures import figures_in
from babelwire.describe.text import split_sentences
from babelwire.describe.when import main_date
from babelwire.model import Article, PartialDate
from babelwire.represent.names import name_key
from bench import describe_scores, describe_set

DATA = Path(__file__).resolve().parents[1] / "tests" / "describe" / "data" / "labelled.json"


def load() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def article(doc: dict[str, Any]) -> Article:
    return Article(
        id=doc["id"],
        raw_text=doc["text"],
        text=doc["text"],
        content_hash=doc["id"],
        lang=doc["lang"],
        date=PartialDate.parse(doc["date"]),
    )


def _keys(names: list[str]) -> set[str]:
    return {name_key(n) for n in names}


def score_entities(docs: list[dict[str, Any]]) -> dict[str, float]:
    tp_pred = n_pred = tp_gold = n_gold = kind_right = 0
    for doc in docs:
        predicted = build_entities([article(doc)])
        gold = [_keys([g["name"], *g.get("aliases", [])]) for g in doc["entities"]]
        kinds = [g["kind"] for g in doc["entities"]]
        n_pred += len(predicted)
        n_gold += len(gold)
        for entity in predicted:
            mine = _keys([entity["name"], *entity["aliases"]])
            hits = [i for i, g in enumerate(gold) if mine & g]
            tp_pred += bool(hits)
            kind_right += bool(hits) and entity["kind"] == kinds[hits[0]]
        tp_gold += sum(any(_keys([e["name"], *e["aliases"]]) & g for e in predicted) for g in gold)
    return {
        "precision": tp_pred / n_pred,
        "recall": tp_gold / n_gold,
        "kind_accuracy": kind_right / max(1, tp_pred),
    }


def score_merging(data: dict[str, Any]) -> dict[str, float]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for doc in data["documents"]:
        groups.setdefault(doc["group"], []).append(doc)
    merged = total = 0
    for docs in groups.values():
        entities = build_entities([article(d) for d in docs])
        text = " ".join(d["text"] for d in docs)
        for spellings in data["same"]:
            present = [s for s in spellings if s in text]
            if len(present) < 2:
                continue
            total += 1
            merged += any(_keys(present) <= _keys([e["name"], *e["aliases"]]) for e in entities)
    return {"merged": merged / max(1, total), "sets": total}


def score_figures(docs: list[dict[str, Any]]) -> dict[str, float]:
    tp = n_pred = n_gold = 0
    for doc in docs:
        found = {(v.what, v.low, v.high) for v in figures_in(doc["text"], doc["id"], doc["lang"])}
        gold = {(g["what"], g["low"], g["high"]) for g in doc["figures"]}
        tp += len(found & gold)
        n_pred += len(found)
        n_gold += len(gold)
    return {"precision": tp / n_pred, "recall": tp / n_gold}


def score_dates(docs: list[dict[str, Any]]) -> dict[str, float]:
    right = total = 0
    for doc in docs:
        sentences = split_sentences(doc["text"])
        published = PartialDate.parse(doc["date"])
        for gold in doc["dates"]:
            when = main_date(sentences[gold["sentence"]], published, doc["lang"])
            total += 1
            right += when is not None and str(when.date) == gold["date"]
    return {"accuracy": right / total, "expressions": total}


def run() -> dict[str, Any]:
    data = load()
    docs = data["documents"]
    return {
        "documents": len(docs),
        "languages": sorted({d["lang"] for d in docs}),
        "entities": score_entities(docs),
        "merging": score_merging(data),
        "figures": score_figures(docs),
        "relative_dates": score_dates(docs),
    }


REAL_SCORES = (
    "entity_precision", "entity_recall", "merge_precision", "merge_recall", "kind_accuracy",
    "figure_precision", "figure_recall", "key_figure_recall", "grouping_precision",
    "grouping_recall", "disagreement_accuracy",
)  # fmt: skip


def run_real(half: int | None = None) -> dict[str, dict[str, float | int | None]]:
    """Per language (and `all`, `cross`): each score, and how many cases it counts."""
    events = describe_set.load()
    if half is not None:
        events = events[half::2]
    tallies = describe_scores.score(events)
    return {
        lang: {
            **{name: tally.share(name) for name in REAL_SCORES},
            **{f"{name}_cases": tally.size(name) for name in REAL_SCORES},
        }
        for lang, tally in sorted(tallies.items())
    }


def real_table(scores: dict[str, dict[str, float | int | None]]) -> str:
    """Markdown: one row per language, `all` last; each cell the score (cases)."""
    order = sorted(scores, key=lambda lang: (lang in ("all", "cross"), lang == "all", lang))
    rows = ["| language | " + " | ".join(n.replace("_", " ") for n in REAL_SCORES) + " |"]
    rows.append("| --- " * (len(REAL_SCORES) + 1) + "|")
    for lang in order:
        cells = [_cell(scores[lang][n], scores[lang][f"{n}_cases"]) for n in REAL_SCORES]
        rows.append(f"| {lang} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _cell(value: float | int | None, cases: float | int | None) -> str:
    return "" if value is None else f"{value:.2f} ({cases})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--half", type=int, choices=(0, 1), help="score every other real event")
    args = parser.parse_args()
    result = run()
    real = run_real(args.half) if describe_set.SHARED_DATA.is_dir() else None
    if args.json:
        json.dump({**result, "real": real}, sys.stdout, indent=2)
        return
    for section, values in result.items():
        if isinstance(values, dict):
            shown = ", ".join(
                f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in values.items()
            )
            print(f"{section:>15}: {shown}")
        else:
            print(f"{section:>15}: {values}")
    if real is None:
        print(f"real events: {describe_set.SHARED_DATA} is absent (clone with ../shared beside)")
    else:
        print(real_table(real))


if __name__ == "__main__":
    main()
