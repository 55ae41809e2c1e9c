"""The event's timeline: dated statements from every article, in date order.

Each sentence that carries a date expression becomes one entry, dated by
the expression the sentence is about (see `when.main_date`), resolved
against its article's publication date. The same statement from a wire
copy or a second outlet is kept once, preferring the headline's language.
"""

from __future__ import annotations

from typing import Any

from babelwire.describe.dating import Dated
from babelwire.describe.text import content_key, split_sentences, words
from babelwire.describe.when import main_date
from babelwire.model import Article

MAX_ENTRIES = 40
MAX_WORDS = 60  # longer "sentences" are run-on captions or lists, not statements
SAME_STATEMENT = 0.5  # word overlap above which two entries of one date say the same


def build_timeline(
    articles: list[Article], dates: dict[str, Dated], prefer_lang: str
) -> list[dict[str, Any]]:
    entries = [e for a in _preferred_first(articles, prefer_lang) for e in _entries(a, dates)]
    kept = _distinct(entries)
    kept.sort(key=lambda e: (e["_start"], e["_order"]))
    return [{k: v for k, v in e.items() if not k.startswith("_")} for e in kept[:MAX_ENTRIES]]


def _preferred_first(articles: list[Article], lang: str) -> list[Article]:
    return sorted(articles, key=lambda a: a.lang != lang)


def _entries(article: Article, dates: dict[str, Dated]) -> list[dict[str, Any]]:
    published = dates[article.id].date
    found = []
    for order, sentence in enumerate(split_sentences(article.text)):
        if len(sentence.split()) > MAX_WORDS:
            continue
        when = main_date(sentence, published, article.lang)
        if when is None:
            continue
        found.append(
            {
                "date": str(when.date),
                "precision": when.precision.value,
                "text": sentence,
                "article_id": article.id,
                "_start": when.date.start,
                "_order": order,
                "_words": {content_key(w) for w in words(sentence) if len(w) > 3},
            }
        )
    return found


def _distinct(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] = []
    for entry in entries:
        if not any(_same(entry, other) for other in kept):
            kept.append(entry)
    return kept


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["date"] != b["date"]:
        return False
    union = a["_words"] | b["_words"]
    return bool(union) and len(a["_words"] & b["_words"]) / len(union) > SAME_STATEMENT
