"""The plain data that flows through babelwire.

    RawArticle ──pipeline──► Article ──linker──► Link ──► Event

A reader yields RawArticle (what the input said, nothing interpreted),
Rejection (why an input could not become an article) or Skipped (a file in a
folder that babelwire does not read, such as a photo). The pipeline turns a
RawArticle into an Article (cleaned, language, date, representation), the
linker decides its Link, and the store keeps Events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import urlparse


class Precision(StrEnum):
    """How much of a date is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    NONE = "none"


_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        # Validate by building the earliest real date it stands for.
        dt.date(self.year, self.month or 1, self.day or 1)
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a full ISO 8601 timestamp.

        Raises ValueError for anything else, or for an impossible date.
        """
        text = text.strip()
        match = _ISO_PARTIAL.match(text)
        if match:
            year, month, day = match.groups()
            return cls(int(year), int(month) if month else None, int(day) if day else None)
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return cls(moment.year, moment.month, moment.day)

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @property
    def start(self) -> dt.date:
        """The first day this date may stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """The last day this date may stand for."""
        if self.day is not None:
            return self.start
        if self.month is None:
            return dt.date(self.year, 12, 31)
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    @property
    def middle(self) -> dt.date:
        return self.start + (self.end - self.start) / 2

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass
class RawArticle:
    """One article as an input gave it: text plus whatever metadata came along."""

    text: str
    origin: str  # file path, URL or "<stdin>": where to look when something is wrong
    line: int | None = None  # line (JSONL) or row (CSV) within the origin
    id: str | None = None
    title: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    source: str | None = None
    lang: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        return self.origin if self.line is None else f"{self.origin}:{self.line}"


@dataclass(frozen=True)
class Rejection:
    """An input that could not become an article, and why."""

    origin: str
    reason: str
    line: int | None = None

    @property
    def where(self) -> str:
        return self.origin if self.line is None else f"{self.origin}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class Skipped:
    """A file found in a folder that babelwire does not read (a photo, a PDF): no error,
    but named, so that nothing is left out in silence."""

    origin: str
    reason: str
    line: None = None

    @property
    def where(self) -> str:
        return self.origin


@dataclass
class Article:
    """An article understood: cleaned text, language, date and identity."""

    id: str
    raw_text: str
    text: str  # cleaned: page furniture removed; what linking and description read
    content_hash: str
    title: str | None = None
    lang: str = "und"
    lang_confidence: float = 0.0
    date: PartialDate | None = None
    date_inferred: bool = False
    url: str | None = None
    source: str | None = None
    origin: str | None = None
    warnings: list[str] = field(default_factory=list)  # what the readers warned of, kept
    copy_of: str | None = None  # the article whose text this one repeats, stored first

    @property
    def date_precision(self) -> Precision:
        return self.date.precision if self.date else Precision.NONE


@dataclass
class Link:
    """The decision that put an article in an event, with the evidence for it."""

    article_id: str
    event_id: str
    score: float | None  # None when the article opened the event
    evidence: dict[str, Any] = field(default_factory=dict)


UNKNOWN_OUTLET = "unknown outlet"


def outlet(source: str | None, url: str | None) -> str | None:
    """The outlet an article comes from: the source given, else its URL's host.

    The events list counts these and the event's `sources` name them: one rule.
    """
    if source or not url:
        return source or None
    host = urlparse(url).hostname
    return host.removeprefix("www.") if host else None


def event_sources(outlets: Iterable[str | None]) -> list[str]:
    """The sources an event lists, as its description names them: the outlets named,
    then one `UNKNOWN_OUTLET` for the articles that name none (plain text files), so
    that the events list counts what the event page shows."""
    found = set(outlets)
    return sorted(o for o in found if o) + [UNKNOWN_OUTLET] * (None in found)


@dataclass
class Event:
    """A real-world event as the articles linked to it report it."""

    id: str
    headline: str
    article_ids: list[str]
    languages: list[str]
    sources: list[str]  # see `event_sources`
    first_date: PartialDate | None
    last_date: PartialDate | None
    updated_seq: int = 0  # store-wide sequence of the last change: "most recent activity"

    def summary_dict(self) -> dict[str, Any]:
        """The shape `babelwire events --json` prints."""
        return {
            "id": self.id,
            "headline": self.headline,
            "article_count": len(self.article_ids),
            "article_ids": self.article_ids,
            "languages": self.languages,
            "sources": self.sources,
            "first_date": str(self.first_date) if self.first_date else None,
            "last_date": str(self.last_date) if self.last_date else None,
        }
