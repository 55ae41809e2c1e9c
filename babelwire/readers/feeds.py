"""RSS and Atom feeds, and OPML lists of them, as feed entries.

    parse_feed(data, url)  -> Feed(title, entries=[FeedEntry, ...])
    feed_urls(opml_text)   -> ["https://.../rss", ...]

feedparser reads every RSS and Atom dialect, broken ones included. An entry
carries whatever text the feed gives (full content, or only a summary); the
watcher decides whether to fetch the page for the rest. Its date and
language pass the checks a file's do (readers/dates.py, records.py): a date
more than a day ahead, or a language code that names no language, is
dropped with a warning the entry carries to its article.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from typing import Any

import feedparser

from babelwire.errors import InputError
from babelwire.model import PartialDate
from babelwire.readers.dates import not_a_date, not_ahead
from babelwire.readers.html import html_to_text
from babelwire.readers.records import checked_language

# Feed content shorter than this many words is taken to be a teaser.
FULL_TEXT_WORDS = 80


@dataclass
class FeedEntry:
    key: str  # identity within its feed: the entry's guid, else its link, else its text
    title: str | None
    link: str | None
    date: PartialDate | None
    summary: str  # plain text; may be empty
    content: str  # plain text of the full content when the feed carries it
    lang: str | None = None  # the entry's xml:lang, else the feed's <language>
    warnings: list[str] = field(default_factory=list)  # a date or language dropped

    @property
    def has_full_text(self) -> bool:
        return len(self.content.split()) >= FULL_TEXT_WORDS


@dataclass
class Feed:
    url: str
    title: str | None
    entries: list[FeedEntry] = field(default_factory=list)


def parse_feed(data: bytes, url: str) -> Feed:
    """The entries of an RSS or Atom document; InputError when it is not a feed."""
    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        problem = parsed.get("bozo_exception") or "no RSS or Atom document found"
        raise InputError(f"{url} is not a readable feed: {problem}", hint="check the feed URL")
    language = parsed.feed.get("language") or None
    entries = [_entry(raw, url, language) for raw in parsed.entries]
    return Feed(url, parsed.feed.get("title") or None, [e for e in entries if e is not None])


def _entry(raw: Any, feed_url: str, feed_language: str | None) -> FeedEntry | None:
    summary = html_to_text(raw.get("summary", ""))
    content = "\n\n".join(html_to_text(part.get("value", "")) for part in raw.get("content", []))
    link = raw.get("link") or None
    key = raw.get("id") or link or (raw.get("title", "") + summary)
    if not key:
        return None  # nothing to know it by, nothing to read
    where = f"{feed_url} entry {key[:200]!r}"
    warnings: list[str] = []
    return FeedEntry(
        key=key,
        title=raw.get("title") or None,
        link=link,
        date=_date(raw, where, warnings),
        summary=summary,
        content=content,
        lang=checked_language(_language(raw) or feed_language, where, warnings),
        warnings=warnings,
    )


def _date(raw: Any, where: str, warnings: list[str]) -> PartialDate | None:
    """The entry's publication (else update) day, checked as a file's date is."""
    for name in ("published", "updated"):
        value = raw.get(name)
        if not value:
            continue
        moment: time.struct_time | None = raw.get(f"{name}_parsed")
        date = _day(moment) if moment else None
        if date is None:
            warnings.append(not_a_date(str(value), where))
            return None
        return not_ahead(date, str(value), where, warnings)
    return None


def _day(moment: time.struct_time) -> PartialDate | None:
    try:
        return PartialDate(moment.tm_year, moment.tm_mon, moment.tm_mday)
    except ValueError:
        return None


def _language(raw: Any) -> str | None:
    """The language the entry's own text declares (xml:lang), if any."""
    details = [raw.get("title_detail"), raw.get("summary_detail"), *raw.get("content", [])]
    declared = (d.get("language") for d in details if d)
    return next((tag for tag in declared if tag), None)


def is_opml(data: bytes | str) -> bool:
    head = data[:2000].lower() if isinstance(data, str) else data[:2000].decode(errors="replace")
    return "<opml" in head.lower()


def feed_urls(opml: bytes | str) -> list[str]:
    """The feed addresses (xmlUrl) of an OPML outline, nested groups included."""
    try:
        root = ElementTree.fromstring(opml)
    except ElementTree.ParseError as error:
        raise InputError(f"not a readable OPML file: {error}", hint="check the file") from error
    urls = (node.get("xmlUrl") or node.get("xmlurl") for node in root.iter("outline"))
    return list(dict.fromkeys(url.strip() for url in urls if url and url.strip()))
