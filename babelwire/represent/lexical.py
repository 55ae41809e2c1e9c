"""Words as evidence: the terms two reports of one story share in the same language.

The multilingual embedding tells a story's gist; the words tell which of two
look-alike stories it is (the same kind of earthquake, a different town and
toll). Terms are lemmas (simplemma, where it knows the language) folded to
ASCII lower case, numbers kept. They are weighted TF-IDF style with document
frequencies learnt from the stream itself, so no corpus ships and a word
that every article uses soon counts for nothing.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Mapping

from anyascii import anyascii

from babelwire.lemmas import SUPPORTED_LANGUAGES, lemmatize

# The lead carries the story; the rest only costs time.
TERM_TOKENS = 400
# Round weights in storage: four decimals change no decision.
DIGITS = 4

_TOKEN = re.compile(r"[^\W\d_]{3,}|\d+")


def extract_terms(title: str | None, text: str, lang: str) -> Counter[str]:
    """Term counts of the title and the first TERM_TOKENS tokens of the text."""
    tokens = _TOKEN.findall(f"{title or ''} {text}")[:TERM_TOKENS]
    lemma_lang = lang if lang in SUPPORTED_LANGUAGES else ""
    return Counter(_term(token.lower(), lemma_lang) for token in tokens)


@functools.lru_cache(maxsize=200_000)
def _term(word: str, lang: str) -> str:
    lemma = lemmatize(word, lang) if lang else word
    return anyascii(lemma).lower()


def weigh(terms: Counter[str], seen: int, frequency: Mapping[str, int]) -> dict[str, float]:
    """Unit-length TF-IDF weights; `seen` articles came before, in `frequency` of which a term."""
    weights = {}
    for term, count in terms.items():
        idf = math.log((seen + 1) / (frequency.get(term, 0) + 1))
        if idf > 0:
            weights[term] = (1 + math.log(count)) * idf
    length = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {term: round(w / length, DIGITS) for term, w in weights.items()}


def add_weights(total: Mapping[str, float], more: Mapping[str, float]) -> dict[str, float]:
    """An event's term vector: the sum of its articles' unit vectors."""
    summed = dict(total)
    for term, weight in more.items():
        summed[term] = round(summed.get(term, 0.0) + weight, DIGITS)
    return summed


def norm(weights: Mapping[str, float]) -> float:
    return math.sqrt(sum(w * w for w in weights.values()))


def similarity(article: Mapping[str, float], event: Mapping[str, float], total: float) -> float:
    """Cosine of an article's unit vector with an event's summed vector."""
    if not total:
        return 0.0
    return sum(w * event.get(term, 0.0) for term, w in article.items()) / total
