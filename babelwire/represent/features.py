"""What the linker compares: an article's vector, names, figures and date.

Names and figures are the language-independent evidence. Names are
capitalised words folded to ASCII, lower case, so "Bishkek" in English and
"Бишкек" in Russian meet, and near spellings ("Bisjkek") are matched fuzzily
by the linker. Figures are the numbers a text states, written one way
whatever the language's separators ("8,500", "8.500" and "8 500" are 8500),
so two reports of one toll or one date meet even when no word does.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from anyascii import anyascii

from babelwire import config
from babelwire.dates import CALENDAR_WORDS
from babelwire.model import Article, PartialDate
from babelwire.represent.names import name_key

# Typographic apostrophes, quotes and dashes are meant: news text is full of them.
_WORD = re.compile(r"[^\W\d_][\w'\u2019\-]*", re.UNICODE)
# A figure: digits in groups of three after a separator (thousands), then
# an optional decimal part. Any script's digits count (Arabic-Indic too).
_FIGURE = re.compile(r"\d+(?:[,.\u00a0\u202f ]\d{3})*(?:[.,]\d+)?(?!\d)")
_THOUSANDS = re.compile(r"[,.\u00a0\u202f ](?=\d{3}(?:\D|$))")
# Characters read to tell a text's script: its opening says enough.
SCRIPT_SAMPLE = 400
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"\u201c\u201d\u00ab\u00bb\u2013\u2014]\s*|\n\s*)$")


@dataclass
class Features:
    vector: np.ndarray  # unit-length embedding, language component not yet removed
    names: Counter[str] = field(default_factory=Counter)
    date: PartialDate | None = None
    lang: str = "und"
    # The encoder's name: vectors of different encoders live in different spaces.
    space: str = ""
    # Every other setting that changes what the vector means (how many words the
    # encoder read): the store records them and refuses vectors made otherwise.
    recipe: dict[str, str] = field(default_factory=dict)
    # Lemma counts of the lead (represent/lexical.py), compared within a language.
    terms: Counter[str] = field(default_factory=Counter)
    # Figures the text states (extract_numbers), compared in every language.
    numbers: Counter[str] = field(default_factory=Counter)
    # For scripts without capitals (Chinese, Arabic ...), where names cannot be
    # told from other words: the whole text folded to one spelling key, in
    # which the linker looks for the names an event has ("拉海纳" reads "lahaina").
    spelled: str = ""
    # The aligner's vector (USE, encoder.py) for comparisons across languages;
    # None outside its languages.
    aligned: np.ndarray | None = None


def embedding_text(article: Article) -> str:
    """Title plus the first BABELWIRE_EMBED_WORDS words of the cleaned text.

    The encoder's cost grows with the length of its text and the lead carries
    the event: fewer words are faster and link less well (BENCHMARKS.md).
    """
    words = article.text.split()[: config.embed_words()]
    body = " ".join(words)
    return f"{article.title}. {body}".rstrip() if article.title else body


def fold(name: str) -> str:
    """One spelling key for a single-word name (see `name_key`)."""
    return name_key(name).replace(" ", "")


_CALENDAR_KEYS = frozenset(fold(word) for word in CALENDAR_WORDS)


def extract_names(text: str) -> Counter[str]:
    """Capitalised words that are not sentence-initial and never appear lower-cased.

    Crude on purpose: it needs no model and works the same in every Latin,
    Cyrillic or Greek script; the fuzzy matching in the linker absorbs the
    noise.
    """
    lowered = {m.group(0) for m in _WORD.finditer(text) if m.group(0)[0].islower()}
    names: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group(0)
        if not word[0].isupper() or len(word) < 3 or (word.isupper() and len(word) > 6):
            continue
        if word.lower() in lowered:
            continue
        if _SENTENCE_START.search(text[max(0, match.start() - 3) : match.start()]):
            continue
        key = fold(word)
        if len(key) >= 3 and key not in _CALENDAR_KEYS:
            names[key] += 1
    return names


def extract_numbers(text: str) -> Counter[str]:
    """The figures of two digits or more a text states, each written one way.

    Thousands separators go ("8,500", "8.500", "8 500" are all "8500") and a
    decimal comma becomes a point ("6,8" is "6.8"). Single digits are left
    out: they are too common to say which story a text tells.
    """
    figures: Counter[str] = Counter()
    for match in _FIGURE.finditer(text):
        digits = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in match.group(0))
        figure = _THOUSANDS.sub("", digits).replace(",", ".")
        if sum(c.isdigit() for c in figure) >= 2:
            figures[figure] += 1
    return figures


def spelled_if_caseless(text: str) -> str:
    """The text as one spelling key when most of its letters have no case, else "".

    Names are found by their capitals; a text in a script without them gets
    its names looked for instead, by the linker, in this folded form.
    """
    letters = [c for c in text[:SCRIPT_SAMPLE] if c.isalpha()]
    cased = sum(1 for c in letters if c.lower() != c.upper())
    if not letters or cased >= len(letters) / 2:
        return ""
    return name_key(anyascii(text)).replace(" ", "")
