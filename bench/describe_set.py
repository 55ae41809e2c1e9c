"""The hand-labelled set of real events for the describer (bench/describe_labels/).

    .venv/bin/python bench/describe_set.py build   # labels.txt -> labels.jsonl, offsets found
    .venv/bin/python bench/describe_set.py check   # every offset still names its text

`labels.txt` is what a person wrote (names and figure spans as they appear);
`labels.jsonl` adds where each one is in its article, one event a line. The
articles' text is never stored here: it is read from ../shared/data (real
news, third-party) or from bench/<folder> (the sets written for babelwire).
"""

from __future__ import annotations

import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "describe_labels"
SHARED_DATA = ROOT.parent / "shared" / "data"
KINDS = {"person": "person", "place": "place", "org": "organisation", "other": "other"}
AGREEMENT = ("yes", "update", "no")  # the same value; values a later report explains; a conflict
# Arabic writes "and", "by", "for", "as", "so" and the article's tatweel onto the next word.
_ARABIC_CLITICS = set("وبلفكـ")
_UNSPACED = {"zh", "ja", "th"}


class LabelError(ValueError):
    """A label that does not fit its text: the file, the line and what to fix."""


def text_path(corpus: str, doc_id: str) -> Path:
    """Where an article's text lives: bench/<folder> of this checkout, else ../shared/data."""
    if corpus.startswith("bench/"):
        return ROOT / corpus / "docs" / f"{doc_id}.txt"
    return SHARED_DATA / corpus / "docs" / f"{doc_id}.txt"


def read_text(corpus: str, doc_id: str) -> str:
    return text_path(corpus, doc_id).read_text(encoding="utf-8")


@dataclass
class _Doc:
    corpus: str
    id: str
    entities: list[tuple[str, str, str, int]] = field(default_factory=list)
    figures: list[tuple[str, bool, float, float | None, str, int]] = field(default_factory=list)


@dataclass
class _Event:
    id: str
    docs: list[_Doc] = field(default_factory=list)
    agree: dict[str, str] = field(default_factory=dict)


def parse(source: str) -> list[_Event]:
    events: list[_Event] = []
    for number, line in enumerate(source.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        head, _, rest = line.partition(" ")
        try:
            _parse_line(events, head, rest, number)
        except (IndexError, ValueError) as error:
            raise LabelError(f"labels.txt line {number}: {line!r}: {error}") from None
    return events


def _parse_line(events: list[_Event], head: str, rest: str, number: int) -> None:
    if head == "event":
        events.append(_Event(rest.strip()))
    elif head == "doc":
        corpus, doc_id = rest.split()
        events[-1].docs.append(_Doc(corpus, doc_id))
    elif head == "E":
        entity, kind, surface = rest.split(" ", 2)
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {sorted(KINDS)}")
        events[-1].docs[-1].entities.append((entity, KINDS[kind], surface, number))
    elif head == "F":
        quantity, key, low, high, span = rest.split(" ", 4)
        if key not in ("key", "minor"):
            raise ValueError("write key or minor")
        top = float(low) if high == "=" else None if high == "+" else float(high)
        events[-1].docs[-1].figures.append((quantity, key == "key", float(low), top, span, number))
    elif head == "agree":
        quantity, verdict = rest.split()
        if verdict not in AGREEMENT:
            raise ValueError(f"agreement must be one of {AGREEMENT}")
        events[-1].agree[quantity] = verdict
    else:
        raise ValueError("a line starts with event, doc, E, F or agree")


def _bounded(text: str, start: int, end: int, lang: str) -> bool:
    """A whole word (or number) at text[start:end], allowing Arabic's attached clitics."""
    if lang in _UNSPACED:
        return True
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    left_ok = not before.isalnum() or (lang == "ar" and before in _ARABIC_CLITICS)
    if text[end - 1].isdigit():  # "150محضر": a number may touch the word it counts
        return left_ok and not after.isdigit()
    return left_ok and not after.isalnum()


def _occurrences(text: str, surface: str, lang: str) -> list[tuple[int, int]]:
    found, start = [], text.find(surface)
    while start >= 0:
        end = start + len(surface)
        if _bounded(text, start, end, lang):
            found.append((start, end))
        start = text.find(surface, start + 1)
    return found


def _entity_spans(doc: _Doc, text: str, lang: str, problems: list[str]) -> list[dict[str, Any]]:
    """Every mention, longest names first: "Six Flags Over Texas" is not also "Texas"."""
    taken: list[tuple[int, int]] = []
    labelled = []
    for entity, kind, surface, number in sorted(doc.entities, key=lambda e: -len(e[2])):
        spans = [s for s in _occurrences(text, surface, lang) if _free(s, taken)]
        if not spans:
            problems.append(f"labels.txt line {number}: {surface!r} is not in {doc.id} as a word")
            continue
        taken += spans
        labelled.append({"entity": entity, "kind": kind, "surface": surface, "spans": spans})
    return sorted(labelled, key=lambda e: e["spans"][0])


def _free(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return all(span[1] <= a or span[0] >= b for a, b in taken)


def _figure_spans(doc: _Doc, text: str, lang: str, problems: list[str]) -> list[dict[str, Any]]:
    labelled = []
    for quantity, key, low, high, span, number in doc.figures:
        spans = _occurrences(text, span, lang)
        if not spans:
            problems.append(f"labels.txt line {number}: {span!r} is not in {doc.id}")
            continue
        labelled.append(
            {"quantity": quantity, "key": key, "low": low, "high": high, "span": list(spans[0])}
        )
    return labelled


def build(source: str, langs: dict[str, str]) -> list[dict[str, Any]]:
    built, problems = [], []
    for event in parse(source):
        docs = []
        for doc in event.docs:
            text = read_text(doc.corpus, doc.id)
            lang = langs[doc.id]
            docs.append(
                {
                    "corpus": doc.corpus,
                    "id": doc.id,
                    "lang": lang,
                    "entities": _entity_spans(doc, text, lang, problems),
                    "figures": _figure_spans(doc, text, lang, problems),
                }
            )
        built.append({"event": event.id, "docs": docs, "agree": event.agree})
    if problems:
        raise LabelError("\n".join(problems))
    return built


def languages(source: str) -> dict[str, str]:
    """Each labelled article's language: SemEval's pairs say it, the other ids carry it."""
    langs = {}
    pairs = SHARED_DATA / "semeval22-dev" / "pairs.tsv"
    for row in pairs.read_text(encoding="utf-8").splitlines()[1:]:
        id1, id2, lang1, lang2, *_ = row.split("\t")
        langs[id1], langs[id2] = lang1, lang2
    for event in parse(source):
        for doc in event.docs:
            if doc.corpus.startswith("bench/"):
                langs[doc.id] = doc.id.split("_")[1]
            elif doc.corpus == "allsides-dev" or doc.corpus == "ecbplus-dev":
                langs[doc.id] = "en"
    return langs


def load() -> list[dict[str, Any]]:
    """The events, each article with its text, every offset checked against it."""
    lines = (LABELS / "labels.jsonl").read_text("utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    for event in events:
        for doc in event["docs"]:
            doc["text"] = read_text(doc["corpus"], doc["id"])
            check(doc)
    return events


def check(doc: dict[str, Any]) -> None:
    text = doc["text"]
    for entity in doc["entities"]:
        for start, end in entity["spans"]:
            if text[start:end] != entity["surface"]:
                raise LabelError(f"{doc['id']}: {entity['surface']!r} is not at {start}:{end}")
    for figure in doc["figures"]:
        start, end = figure["span"]
        if not text[start:end].strip() or not unicodedata.normalize("NFC", text[start:end]):
            raise LabelError(f"{doc['id']}: figure {figure['quantity']} has an empty span")


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "build":
        source = (LABELS / "labels.txt").read_text(encoding="utf-8")
        events = build(source, languages(source))
        lines = [json.dumps(e, ensure_ascii=False) for e in events]
        (LABELS / "labels.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    events = load()
    docs = [d for e in events for d in e["docs"]]
    print(
        f"{len(events)} events, {len(docs)} articles, "
        f"{sum(len(d['entities']) for d in docs)} names, "
        f"{sum(len(d['figures']) for d in docs)} figures: every offset checked"
    )


if __name__ == "__main__":
    main()
