"""Sentences, words and name keys: the text primitives every describer reads.

Sentence splitting is a regular expression rather than syntok: describing a
50-article event splits a few thousand sentences on every read, and the
regex is fast and good enough on news prose (abbreviations are guarded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anyascii import anyascii

# Words ending in a full stop that do not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "jr",
        "sr",
        "nr",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "etc",
        "ca",
        "bzw",
        "hr",
        "fr",
        "sra",
        "mme",
        "mlle",
        "jan",
        "feb",
        "aug",
        "sept",
        "oct",
        "nov",
        "dec",
        "feks",
        "bla",
        "ifm",
        "mv",
        "osv",
        "pres",
    ]
)
_SENTENCE_END = re.compile(
    r"[.!?…]+[\"'”\u2019»)]*\s+(?=[\"'“\u2018«(\u2013—-]?\s*[^\W_])", re.UNICODE
)
_LAST_WORD = re.compile(r"(\w+)\W*$")
WORD = re.compile(r"[^\W\d_](?:[\w\-]|['\u2019](?=\w))*", re.UNICODE)


@dataclass(frozen=True)
class Sentence:
    text: str
    article_id: str
    index: int  # position in its article: the lead matters most in news


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, paragraph breaks always ending one."""
    found: list[str] = []
    for paragraph in paragraphs(text):
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            before = paragraph[start : match.start()]
            if _is_abbreviation(before) or _goes_on(paragraph, match.end()):
                continue
            found.append(paragraph[start : match.end()].strip())
            start = match.end()
        tail = paragraph[start:].strip()
        if tail:
            found.append(tail)
    return found


def _goes_on(paragraph: str, at: int) -> bool:
    """A stop before a lower-case word ends an abbreviation, not a sentence ("4 a.m. local")."""
    following = next((c for c in paragraph[at:] if c.isalnum()), "")
    return following.islower()


def _is_abbreviation(before: str) -> bool:
    last = _LAST_WORD.search(before)
    if last is None:
        return False
    word = last.group(1)
    # "Mr." and initials ("V. Putin") do not end sentences.
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def sentences_of(article_id: str, text: str) -> list[Sentence]:
    return [Sentence(s, article_id, i) for i, s in enumerate(split_sentences(text))]


def words(text: str) -> list[str]:
    return WORD.findall(text)


def content_key(word: str) -> str:
    """A loose key for comparing words in sentences (case, accents, plural -s)."""
    folded = anyascii(word).lower()
    return folded[:-1] if len(folded) > 4 and folded.endswith("s") else folded
