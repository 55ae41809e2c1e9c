"""Text out of HTML: a feed entry's markup, or a web page's main text.

    html_to_text("<p>One</p><p>Two</p>")   -> "One\n\nTwo"
    main_text(page_html, url)              -> the article body, without menus,
                                              comments and footers, or None

trafilatura finds a page's main text (it is made for news pages); a feed's
own HTML fragments are short and already the content, so they are only
stripped of markup.
"""

from __future__ import annotations

import html
import re

import trafilatura

_BLOCK = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6]|/blockquote|/tr)\b[^>]*>", re.IGNORECASE)
_DROP = re.compile(r"<\s*(script|style)\b.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, paragraphs kept apart by blank lines."""
    text = _DROP.sub(" ", fragment)
    text = _BLOCK.sub("\n\n", text)
    text = html.unescape(_TAG.sub("", text))
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def main_text(page: str | bytes, url: str | None = None) -> str | None:
    """The main text of a web page; None when it has none worth reading."""
    text = trafilatura.extract(
        page, url=url, include_comments=False, include_tables=False, favor_precision=True
    )
    return (text or "").strip() or None
