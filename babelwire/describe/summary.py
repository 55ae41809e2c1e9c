"""The extractive summary and headline: central sentences, each from one source.

A sentence is central when what it says (its content words, names and
numbers) is said by many of the event's articles; names and numbers are
compared by spelling key, so they count across languages. News puts the
news first, so lead sentences get a bonus. Sentences are then chosen
greedily, skipping any that repeat one already chosen (a wire copy's lead
says what the original's did). Candidates come from the headline's language
when it has enough of them.

Only the cleaned text is read, so captions and credits never reach the
summary; lines that still look like them (a "Foto:" credit, an ALL-CAPS
label, a quote fragment, a crosshead with no full stop) are skipped.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from babelwire.describe.text import (
    Sentence,
    content_key,
    sentences_of,
    split_sentences,
    words,
)
from babelwire.model import Article
from babelwire.represent.names import name_key

MIN_WORDS, MAX_WORDS = 6, 55
REDUNDANT = 0.25  # share of features above which a sentence repeats a chosen one
HEADLINE_MAX_CHARS = 110
_CAPTIONISH = re.compile(
    r"(?:\b(?:Foto|Photo|Bilde|Bild|Image|Picture)\s*:|\bAP Photo\b|\bREUTERS/|^[A-ZÆØÅÄÖÜ ]{3,}:)"
)
_SHORT_WORDS = 4  # words this short say little about what happened
_CLAUSE_BREAK = re.compile(
    r",\s|;\s|\s(?:as|while|after|following|because|amid|which|who|da|mens|etter|"
    r"als|während|nachdem|mientras|después|tras|alors|après)\s"
)


@dataclass
class Candidate:
    sentence: Sentence
    lang: str
    features: frozenset[str]
    score: float = 0.0


def build_summary(articles: list[Article], lang: str) -> list[dict[str, Any]]:
    candidates = [c for a in articles for c in _candidates(a)]
    if not candidates:
        return []
    _score(candidates, len(articles))
    preferred = [c for c in candidates if c.lang == lang]
    pool = preferred if len(preferred) >= 2 else candidates
    wanted = min(6, 3 + len(articles) // 3)
    return [
        {"text": c.sentence.text, "article_id": c.sentence.article_id, "lang": c.lang}
        for c in _choose(pool, wanted)
    ]


def _candidates(article: Article) -> Iterable[Candidate]:
    for sentence in sentences_of(article.id, article.text):
        if _usable(sentence.text):
            yield Candidate(sentence, article.lang, _features(sentence.text))


def _usable(text: str) -> bool:
    count = len(text.split())
    if not MIN_WORDS <= count <= MAX_WORDS or _CAPTIONISH.search(text):
        return False
    # Crossheads and cut-off fragments do not end like sentences.
    return text.rstrip("\"'”\u2019»)").endswith((".", "!", "…"))


def _features(text: str) -> frozenset[str]:
    found = set()
    for word in words(text):
        if word[0].isupper():
            found.add("N:" + name_key(word))
        elif len(word) > _SHORT_WORDS:
            found.add(content_key(word))
    found.update("#" + n for n in re.findall(r"\d+", text))
    return frozenset(found)


def _score(candidates: list[Candidate], article_count: int) -> None:
    spread: Counter[str] = Counter()
    by_article: dict[str, set[str]] = {}
    for candidate in candidates:
        by_article.setdefault(candidate.sentence.article_id, set()).update(candidate.features)
    for features in by_article.values():
        spread.update(features)
    for candidate in candidates:
        shared = sum(spread[f] - 1 for f in candidate.features if spread[f] > 1)
        centrality = shared / math.sqrt(len(candidate.features) or 1)
        lead = 1.0 / (1 + candidate.sentence.index)
        candidate.score = centrality / max(1, article_count - 1) + lead


def _choose(pool: list[Candidate], wanted: int) -> list[Candidate]:
    chosen: list[Candidate] = []
    for candidate in sorted(pool, key=lambda c: -c.score):
        if len(chosen) == wanted:
            break
        if not any(_overlap(candidate, other) > REDUNDANT for other in chosen):
            chosen.append(candidate)
    return chosen


def _overlap(a: Candidate, b: Candidate) -> float:
    union = len(a.features | b.features) or 1
    return len(a.features & b.features) / union


def headline_for(articles: list[Article], summary: list[dict[str, Any]], lang: str) -> str:
    """A short headline in `lang`: an article's own title, else a lead cut at a clause."""
    for article in articles:
        if article.lang == lang and article.title:
            return _shorten(article.title)
    ranked = [s["article_id"] for s in summary]
    leads = [
        _shorten(split_sentences(a.text)[0])
        for a in sorted(articles, key=lambda a: ranked.index(a.id) if a.id in ranked else 99)
        if a.lang == lang and a.text.strip()
    ]
    clean = [h for h in leads if not h.endswith("…")]
    return (clean or leads or [_shorten(articles[0].text)])[0]


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= HEADLINE_MAX_CHARS:
        return text.rstrip(".")
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
    fitting = [b for b in breaks if 30 <= b <= HEADLINE_MAX_CHARS]
    head = text[: fitting[-1]] if fitting else ""  # the longest clause that fits
    if not head:
        cut = text[: HEADLINE_MAX_CHARS + 1]
        head = cut[: cut.rfind(" ")] + "…" if " " in cut else cut
    return head.rstrip(" ,;:.")
