"""A subscription's filter: which changes to which events it wants.

    Filter.parse({"q": "Bishkek", "min_languages": 3, "kinds": ["event.opened"]})
    filter.matches(kind, event, keys)

Every field is optional; an empty filter wants every change. `q` searches
as `GET /api/events?q=` does (every word, in the headline, an entity name
in any spelling or script, or an article title); `languages` wants an event
with an article in any of them; the minimums count the event's articles,
outlets and languages after the change. The same filter narrows
`GET /api/stream`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from babelwire.alerts.changes import KINDS, SearchKeys
from babelwire.errors import InputError
from babelwire.represent.features import fold

FIELDS = ("q", "languages", "min_articles", "min_sources", "min_languages", "kinds")
MINIMUMS = ("min_articles", "min_sources", "min_languages")


@dataclass
class Filter:
    q: str = ""
    languages: list[str] = field(default_factory=list)
    min_articles: int = 0
    min_sources: int = 0
    min_languages: int = 0
    kinds: list[str] = field(default_factory=list)  # empty: every kind

    @classmethod
    def parse(cls, given: dict[str, Any]) -> Filter:
        """A filter from JSON-like values, each checked; InputError names what is wrong."""
        unknown = sorted(set(given) - set(FIELDS))
        if unknown:
            raise InputError(
                f"unknown filter {', '.join(map(repr, unknown))}",
                hint=f"filters are: {', '.join(FIELDS)}",
            )
        made = cls(
            q=_text("q", given.get("q")),
            languages=[code.lower() for code in _strings("languages", given.get("languages"))],
            kinds=_kinds(given.get("kinds")),
        )
        for name in MINIMUMS:
            setattr(made, name, _count(name, given.get(name)))
        return made

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def words(self) -> list[str]:
        return [key for key in (fold(word) for word in self.q.split()) if key]

    def matches(self, kind: str, event: dict[str, Any], keys: Callable[[], SearchKeys]) -> bool:
        """Whether a change of `kind` to `event` (EventView.summary()) is wanted;
        `keys` gives the event's search keys, asked for only when `q` is set."""
        if self.kinds and kind not in self.kinds:
            return False
        languages = event["languages"]
        if self.languages and not set(self.languages) & set(languages):
            return False
        if len(event["article_ids"]) < self.min_articles:
            return False
        if len(event["sources"]) < self.min_sources or len(languages) < self.min_languages:
            return False
        words = self.words
        if not words:
            return True
        found = keys()
        return all(found.has(word) for word in words)


def _text(name: str, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"`{name}` must be a string, got {_kind(value)}")
    return value.strip()


def _strings(name: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):  # one value where a list was meant: take it
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(
            f"`{name}` must be a list of non-empty strings, got {value!r}",
            hint=f'for example "{name}": ["en", "nb"]'
            if name == "languages"
            else f'for example "{name}": ["{KINDS[0]}"]',
        )
    return [v.strip() for v in value]


def _kinds(value: Any) -> list[str]:
    kinds = _strings("kinds", value)
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown:
        raise InputError(
            f"unknown kind of change {', '.join(map(repr, unknown))}",
            hint=f"kinds are: {', '.join(KINDS)}",
        )
    return kinds


def _count(name: str, value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(f"`{name}` must be a whole number of 0 or more, got {value!r}")
    return value


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__
