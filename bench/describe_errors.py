"""The describer's entity errors on the labelled real events, one line each, to group.

    .venv/bin/python bench/describe_errors.py [--lang es,tr] [--half 0|1]

Counted as bench/describe_scores.py counts them: `extra` an entry found in an
article that names no labelled entity there, `missed` a labelled entity no entry
finds, `kind` an entry of a labelled entity with another kind, `unmerged` two
found spellings of one entity in two entries, `wrong` two entities' spellings in
one entry. Each line names the event, the article's language and the forms, so
that errors can be sorted into classes.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babelwire.describe.entities import build_entities
from babelwire.represent.names import name_key
from bench import describe_set
from bench.describe_scores import _forms_in, read_article


def errors(event: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(kind of error, language, what) for one event."""
    articles = [read_article(doc) for doc in event["docs"]]
    entries = build_entities(articles)
    found = []
    for doc in event["docs"]:
        found += _detection(doc, entries)
    return found + _merging(event, entries)


def _detection(doc: dict[str, Any], entries: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    gold: dict[str, set[str]] = defaultdict(set)
    surfaces: dict[str, list[str]] = defaultdict(list)
    kinds = {}
    for labelled in doc["entities"]:
        gold[labelled["entity"]].add(name_key(labelled["surface"]))
        surfaces[labelled["entity"]].append(labelled["surface"])
        kinds[labelled["entity"]] = labelled["kind"]
    hit: set[str] = set()
    found = []
    for entry in (e for e in entries if doc["id"] in e["article_ids"]):
        forms = _forms_in(entry, doc["text"])
        keys = {name_key(f) for f in forms}
        hits = [g for g, gold_keys in gold.items() if keys & gold_keys]
        hit.update(hits)
        if not hits:
            found.append(("extra", doc["lang"], f"{' | '.join(forms)} ({entry['kind']})"))
        elif entry["kind"] != kinds[hits[0]]:
            found.append(
                ("kind", doc["lang"], f"{entry['name']}: {entry['kind']}, not {kinds[hits[0]]}")
            )
    for entity in gold.keys() - hit:
        found.append(("missed", doc["lang"], " | ".join(surfaces[entity])))
    return found


def _merging(event: dict[str, Any], entries: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    spellings = {
        (name_key(labelled["surface"]), doc["lang"]): (labelled["entity"], labelled["surface"])
        for doc in event["docs"]
        for labelled in doc["entities"]
    }
    holder = {}
    for i, entry in enumerate(entries):
        for form in [entry["name"], *entry["aliases"]]:
            holder.setdefault(name_key(form), i)
    present = [(k, lang, *v) for (k, lang), v in spellings.items() if k in holder]
    found = []
    for (k1, l1, e1, s1), (k2, l2, e2, s2) in itertools.combinations(present, 2):
        if k1 == k2:
            continue
        lang = l1 if l1 == l2 else f"{l1}/{l2}"
        if e1 == e2 and holder[k1] != holder[k2]:
            found.append(("unmerged", lang, f"{s1} = {s2}"))
        elif e1 != e2 and holder[k1] == holder[k2]:
            found.append(("wrong", lang, f"{s1} != {s2}"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", help="languages to show, comma-separated (default: all)")
    parser.add_argument("--half", type=int, choices=(0, 1), help="every other event only")
    args = parser.parse_args()
    langs = set(args.lang.split(",")) if args.lang else None
    events = describe_set.load()
    if args.half is not None:
        events = events[args.half :: 2]
    for event in events:
        for kind, lang, what in errors(event):
            if langs is None or set(lang.split("/")) & langs:
                print(f"{kind}\t{lang}\t{event['event']}\t{what}")


if __name__ == "__main__":
    main()
