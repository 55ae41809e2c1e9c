"""What a change to an event is, and what it says to a receiver.

The store notes each change as it writes it (`Noted`: an article opened or
joined an event, two events merged, one split) and, at the end of the
transaction, turns each note into one or more `EventChange`s against the
event as the transaction leaves it (`EventView`): an article that brings
a language the event did not have yet is both `event.grew` and
`event.new_language`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

OPENED = "event.opened"
GREW = "event.grew"
NEW_LANGUAGE = "event.new_language"
MERGED = "event.merged"
SPLIT = "event.split"
FIGURES_DISAGREE = "figures.disagree"
KINDS = (OPENED, GREW, NEW_LANGUAGE, MERGED, SPLIT, FIGURES_DISAGREE)


@dataclass
class Noted:
    """A change as the store writes it: `kind` is one of opened, grew, merged, split,
    or figures (found after the fact: alerts/figures.py)."""

    kind: str
    event_id: str
    article_id: str | None = None  # opened, grew
    other_id: str | None = None  # merged: the event folded in; split: the event split off
    article_ids: list[str] = field(default_factory=list)  # merged, split: the articles moved
    figures: list[dict[str, Any]] = field(default_factory=list)  # figures: those disputed


@dataclass
class ArticleView:
    id: str
    title: str | None
    lang: str
    source: str | None
    url: str | None
    copy_of: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "lang": self.lang,
            "source": self.source,
            "url": self.url,
            "copy_of": self.copy_of,
        }


@dataclass
class SearchKeys:
    """The folded keys `GET /api/events?q=` searches: headline, names, titles."""

    headline: str = ""
    names: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    def has(self, key: str) -> bool:
        """Whether one folded search word is found, as the store's search finds it."""
        return (
            key in self.headline
            or any(name.startswith(key) for name in self.names)
            or any(key in title for title in self.titles)
        )


@dataclass
class EventView:
    """An event as filters see it, at the end of the transaction that changed it.

    `keys` are the folded search keys `GET /api/events?q=` reads, so a
    subscription's `q` matches what that search would find.
    """

    id: str
    headline: str
    articles: list[ArticleView]
    sources: list[str]
    keys: SearchKeys = field(default_factory=lambda: SearchKeys())
    # Articles per language, in the order each language first came; kept by add().
    counts: Counter[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.counts = Counter(a.lang for a in self.articles)

    def add(self, article: ArticleView) -> None:
        """One more article, the event's latest."""
        self.articles.append(article)
        self.counts[article.lang] += 1

    @property
    def languages(self) -> list[str]:
        return sorted(self.counts)

    @property
    def article_ids(self) -> list[str]:
        return [a.id for a in self.articles]

    def article(self, article_id: str) -> ArticleView | None:
        # Latest first: a change names the article that just came, as a rule.
        return next((a for a in reversed(self.articles) if a.id == article_id), None)

    def summary(self) -> dict[str, Any]:
        """The event as a receiver gets it."""
        return {
            "id": self.id,
            "headline": self.headline,
            "languages": self.languages,
            "article_ids": self.article_ids,
            "sources": self.sources,
        }


@dataclass
class EventChange:
    """One change to alert on: its kind, the event after it, and what changed."""

    kind: str
    event: dict[str, Any]  # EventView.summary()
    changed: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "event": self.event, "changed": self.changed}


def changes_of(note: Noted, view: EventView) -> list[EventChange]:
    """What one noted change is to a subscriber; grew may also bring a new language."""
    summary = view.summary()
    if note.kind in ("opened", "grew"):
        article = view.article(note.article_id or "")
        changed = {"article": article.as_dict() if article else {"id": note.article_id}}
        found = [EventChange(OPENED if note.kind == "opened" else GREW, summary, changed)]
        if note.kind == "grew" and article and _first_in_language(view, article):
            found.append(EventChange(NEW_LANGUAGE, summary, {"language": article.lang, **changed}))
        return found
    if note.kind == "figures":
        return [EventChange(FIGURES_DISAGREE, summary, {"figures": note.figures})]
    moved = {"article_ids": note.article_ids}
    if note.kind == "merged":
        return [EventChange(MERGED, summary, {"merged_from": note.other_id, **moved})]
    return [EventChange(SPLIT, summary, {"split_into": note.other_id, **moved})]


def _first_in_language(view: EventView, article: ArticleView) -> bool:
    return view.counts[article.lang] == 1
