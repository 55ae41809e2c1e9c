"""The extractive summary: central sentences, each from one source.

A sentence is central when what it says (its content words, names and
numbers) is said by many of the event's articles; names and numbers are
compared by spelling key, so they count across languages. News puts the
news first, so lead sentences get a bonus. Sentences are then chosen
greedily, skipping any that repeat one already chosen (a wire copy's lead
says what the original's did). Candidates come from the headline's language
(describe/headline.py) when it has enough of them.

An event many outlets report is summarised from several of them: a sentence
from an outlet not cited yet gets a bonus, so the second sentence is the
best one another outlet adds, not the first article's next line. A sentence
in another language joins when it adds a number the chosen ones do not give
(a toll, a count): numbers read the same in every language, while its words
cannot be compared with theirs to tell whether it adds anything else.

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

from babelwire.describe.sources import outlet_of
from babelwire.describe.text import (
    Sentence,
    content_key,
    sentences_of,
    words,
)
from babelwire.model import UNKNOWN_OUTLET, Article
from babelwire.represent.names import name_key

MIN_WORDS, MAX_WORDS = 6, 55
REDUNDANT = 0.25  # share of features above which a sentence repeats a chosen one
_CAPTIONISH = re.compile(
    r"(?:\b(?:Foto|Photo|Bilde|Bild|Image|Picture)\s*:|\bAP Photo\b|\bREUTERS/|^[A-ZÆØÅÄÖÜ ]{3,}:)"
)
_SHORT_WORDS = 4  # words this short say little about what happened
NEW_SOURCE_BONUS = 0.5  # about the lead bonus of a third sentence over a first
_YEAR = re.compile(r"#(?:19|20)\d\d$")


@dataclass
class Candidate:
    sentence: Sentence
    lang: str
    source: str  # the outlet, or the article when it names none
    features: frozenset[str]
    score: float = 0.0

    @property
    def numbers(self) -> frozenset[str]:
        return frozenset(f for f in self.features if f[0] == "#" and not _YEAR.match(f))


def build_summary(articles: list[Article], lang: str) -> list[dict[str, Any]]:
    candidates = [c for a in articles for c in _candidates(a)]
    if not candidates:
        return []
    _score(candidates, len(articles))
    preferred = [c for c in candidates if c.lang == lang]
    main = preferred if len(preferred) >= 2 else candidates
    others = [c for c in candidates if c.lang != lang] if main is preferred else []
    wanted = min(6, 3 + len(articles) // 3)
    return [
        {"text": c.sentence.text, "article_id": c.sentence.article_id, "lang": c.lang}
        for c in _choose(main, others, wanted)
    ]


def _candidates(article: Article) -> Iterable[Candidate]:
    named = outlet_of(article)
    source = article.id if named == UNKNOWN_OUTLET else named
    for sentence in sentences_of(article.id, article.text):
        if _usable(sentence.text):
            yield Candidate(sentence, article.lang, source, _features(sentence.text))


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


def _choose(main: list[Candidate], others: list[Candidate], wanted: int) -> list[Candidate]:
    """The best sentences in turn, an outlet not cited yet counting extra; a sentence
    in another language only for a number the chosen ones lack, and most of the
    summary, its lead first, in the summary's language."""
    foreign = {id(c) for c in others}
    ranked = sorted([*main, *others], key=lambda c: -c.score)
    chosen: list[Candidate] = []
    while len(chosen) < wanted:
        room = bool(chosen) and sum(id(c) in foreign for c in chosen) < wanted // 2
        numbers = _numbers(chosen) if room else None
        cited = {c.source for c in chosen}
        best: dict[bool, Candidate] = {}  # the best from a new outlet, from a cited one
        for candidate in ranked:
            new = candidate.source not in cited
            if new not in best and _fits(candidate, chosen, foreign, numbers):
                best[new] = candidate
                if len(best) == 2:
                    break
        if not best:
            break
        _, pick = max(best.items(), key=lambda b: b[1].score + NEW_SOURCE_BONUS * b[0])
        chosen.append(pick)
    return chosen


def _fits(
    candidate: Candidate,
    chosen: list[Candidate],
    foreign: set[int],
    numbers: frozenset[str] | None,  # those chosen; None: no room for another language
) -> bool:
    if id(candidate) in foreign and (numbers is None or not candidate.numbers - numbers):
        return False
    return all(candidate is not c and _overlap(candidate, c) <= REDUNDANT for c in chosen)


def _numbers(chosen: list[Candidate]) -> frozenset[str]:
    return frozenset().union(*(c.numbers for c in chosen))


def _overlap(a: Candidate, b: Candidate) -> float:
    union = len(a.features | b.features) or 1
    return len(a.features & b.features) / union
