"""An event's headline: one rule for the events list and the event's description.

The headline is in English when any article is, else in the event's most
common language. It is the first (earliest stored) title in that language,
else the lead sentence of the first article in that language, cut at a
clause to fit. Only languages and titles choose the article, so the store
can keep the headline up to date as articles join, reading one article's
text at most, and listing many events reads one column.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from babelwire.describe.text import split_sentences

HEADLINE_MAX_CHARS = 110
LEAD_CHARS = 4 * HEADLINE_MAX_CHARS  # a first sentence that fits a headline ends well before
_CLAUSE_BREAK = re.compile(
    r",\s|;\s|\s(?:as|while|after|following|because|amid|which|who|da|mens|etter|"
    r"als|während|nachdem|mientras|después|tras|alors|après)\s"
)


def headline_language(langs: Iterable[str]) -> str:
    """English when any article is English, else the most common language."""
    counts = Counter(langs)
    if "en" in counts or not counts:
        return "en"
    return counts.most_common(1)[0][0]  # a tie goes to the language seen first


def headline_source(members: Sequence[tuple[str, str | None]]) -> int:
    """Which article gives the headline, given each one's (language, title) in stored order."""
    lang = headline_language(member_lang for member_lang, _ in members)
    in_lang = [i for i, (member_lang, _) in enumerate(members) if member_lang == lang]
    return next((i for i in in_lang if members[i][1]), in_lang[0])


def headline_text(title: str | None, text: str) -> str:
    """The chosen article's headline: its title, else its lead sentence, short."""
    if title:
        return shorten(title)
    # Only the lead's first sentence is read, and past LEAD_CHARS it would be cut
    # anyway: splitting no further keeps listing many untitled events cheap.
    lead = text.lstrip()[:LEAD_CHARS]
    sentences = split_sentences(lead)
    return shorten(sentences[0] if sentences else lead)


def shorten(text: str) -> str:
    """At most HEADLINE_MAX_CHARS: the longest clause that fits, else cut at a word."""
    text = " ".join(text.split())
    if len(text) <= HEADLINE_MAX_CHARS:
        return text.rstrip(".")
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
    fitting = [b for b in breaks if 30 <= b <= HEADLINE_MAX_CHARS]
    head = text[: fitting[-1]] if fitting else ""
    if not head:
        cut = text[: HEADLINE_MAX_CHARS + 1]
        head = cut[: cut.rfind(" ")] + "…" if " " in cut else cut
    return head.rstrip(" ,;:.")
