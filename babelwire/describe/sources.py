"""Who reports the event, and how many independent reports that really is.

Outlets republish wire copy with small edits (a new lead sentence, a cut
paragraph). Two articles are the same report when most of the shorter one's
word 5-grams (shingles) appear in the other; the copy names the earlier
article (by date, then arrival) as the report it repeats. An outlet's
`independent_reports` counts its articles that repeat no earlier one.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from babelwire.describe.dating import Dated
from babelwire.describe.text import content_key, words
from babelwire.model import UNKNOWN_OUTLET, Article, outlet

SHINGLE = 5
SAME_REPORT = 0.6  # share of the shorter text's shingles found in the other
MAX_WORDS = 1500  # the head of a text is enough to recognise a copy


def outlet_of(article: Article) -> str:
    """The outlet's name, by the rule the events list counts by, else UNKNOWN_OUTLET."""
    return outlet(article.source, article.url) or UNKNOWN_OUTLET


def find_copies(articles: list[Article], dates: dict[str, Dated]) -> dict[str, str]:
    """{copy id: id of the earlier article it repeats} over the event's articles.

    An article stored as a copy (the same text as one stored before it)
    repeats that one, whatever their dates say.
    """
    order = {a.id: i for i, a in enumerate(articles)}
    ordered = sorted(articles, key=lambda a: (_day(dates[a.id]), order[a.id]))
    shingles = {a.id: _shingles(a.text) for a in ordered if not a.copy_of}
    copies = {a.id: a.copy_of for a in articles if a.copy_of}
    for i, article in enumerate(ordered):
        if article.id in copies:
            continue
        for earlier in ordered[:i]:
            if earlier.id in copies:
                continue  # point at the original, not at another copy
            if _same_report(shingles[article.id], shingles[earlier.id]):
                copies[article.id] = earlier.id
                break
    return copies


def build_sources(articles: list[Article], copies: dict[str, str]) -> list[dict[str, Any]]:
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_outlet[outlet_of(article)].append(article)
    entries = [
        {
            "name": name,
            "articles": [a.id for a in members],
            "independent_reports": sum(a.id not in copies for a in members),
            "copies": [
                {"article_id": a.id, "repeats": copies[a.id]} for a in members if a.id in copies
            ],
        }
        for name, members in by_outlet.items()
    ]
    return sorted(entries, key=_prominence)


def _prominence(entry: dict[str, Any]) -> tuple[int, int, str]:
    return -entry["independent_reports"], -len(entry["articles"]), entry["name"]


def _day(dated: Dated) -> str:
    return str(dated.date.start) if dated.date else "9999"  # undated sort last


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = [content_key(w) for w in words(text)[:MAX_WORDS]]
    return {tuple(tokens[i : i + SHINGLE]) for i in range(max(0, len(tokens) - SHINGLE + 1))}


def _same_report(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> bool:
    smaller = min(len(a), len(b))
    return smaller > 0 and len(a & b) / smaller >= SAME_REPORT
