"""Text out of HTML: a feed entry's markup, a web page's main text, a saved page.

    html_to_text("<p>One</p><p>Two</p>")   -> "One\n\nTwo"
    main_text(page_html, url)              -> the article body, without menus,
                                              comments and footers, or None
    read_html(Path("saved.html"))          -> RawArticle | Rejection

trafilatura finds a page's main text (it is made for news pages) and what the
page says about it: title, publication date, canonical URL, site name; the
language is the page's own `<html lang>`. A feed's own HTML fragments are
short and already the content, so they are only stripped of markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import trafilatura
from trafilatura.settings import Document

from babelwire.model import RawArticle, Rejection
from babelwire.readers.dates import parse_date
from babelwire.readers.records import checked_language
from babelwire.readers.textfile import load_text

_BLOCK = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6]|/blockquote|/tr)\b[^>]*>", re.IGNORECASE)
_DROP = re.compile(r"<\s*(script|style)\b.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_PAGE_LANGUAGE = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([^\"'\s>]+)", re.IGNORECASE)
NO_MAIN_TEXT = (
    "has no article text that babelwire could find (a page of links, a login wall,"
    " or a page its scripts fill in?); save the article's own page, or its text as .txt"
)


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


def read_html(path: Path) -> Iterator[RawArticle | Rejection]:
    """The article on one saved web page (`.html`, `.htm`)."""
    loaded = load_text(path)
    if isinstance(loaded, Rejection):
        yield loaded
        return
    yield parse_page(loaded.text, str(path), loaded.warnings)


def parse_page(page: str, origin: str, warnings: list[str]) -> RawArticle | Rejection:
    """The page's main text and what the page says about it."""
    found = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True,
    )  # fmt: skip
    text = (found.text or "").strip() if isinstance(found, Document) else ""
    if not isinstance(found, Document) or not text:
        return Rejection(origin, NO_MAIN_TEXT)
    title = found.title or None
    language = _PAGE_LANGUAGE.search(page[:5000])
    return RawArticle(
        text=_without_title(text, title),
        origin=origin,
        title=title,
        date=parse_date(found.date, origin, warnings),
        url=found.url or None,
        source=found.sitename or None,
        lang=checked_language(language.group(1) if language else None, origin, warnings),
        warnings=warnings,
    )


def _without_title(text: str, title: str | None) -> str:
    # The page's headline opens its main text too: it is the title, not the body.
    first, _, rest = text.partition("\n")
    return rest.strip() if title and rest.strip() and first.strip() == title.strip() else text
