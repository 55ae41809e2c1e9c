"""The full description of one event, as `babelwire event ID --json` prints it.

Computed on read from the event's articles, so it always reflects every
article that has joined. Descriptions are cached per process, keyed by the
event's member list and last change, so a page or an export that asks
twice pays once.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from babelwire.describe.dating import Dated, effective_dates
from babelwire.describe.entities import build_entities
from babelwire.describe.figures import build_figures
from babelwire.describe.headline import headline_language, headline_source, headline_text
from babelwire.describe.llm import ChatBackend, rewrite
from babelwire.describe.sources import build_sources, find_copies
from babelwire.describe.summary import build_summary
from babelwire.describe.timeline import build_timeline
from babelwire.model import Article, Event
from babelwire.store import LinkedArticle, Store

CACHE_SIZE = 256
_cache: OrderedDict[tuple[object, ...], dict[str, Any]] = OrderedDict()


def explain_link(linked: LinkedArticle) -> str:
    """One sentence saying why the article is in its event."""
    arrival = _explain_arrival(linked)
    moved = linked.relinked
    if not moved:
        return arrival
    by = "consolidation" if moved.get("by") == "consolidation" else "the linker"
    return f"{arrival}; then moved here by {by} ({_explain_move(moved)})"


def _explain_move(moved: dict[str, Any]) -> str:
    """Why consolidation moved an article: the mean evidence it weighed."""
    kind = "split off" if moved.get("kind") == "split" else "merged"
    text = f"{kind} from {moved.get('from')}"
    if moved.get("article"):
        text += f" when {moved['article']} arrived"
    scores = [
        f"{moved[key]:.2f} with the articles it {verb}"
        for key, verb in (("with_rest_of_event", "left"), ("with_event_joined", "joined"))
        if moved.get(key) is not None
    ]
    return text + (f": mean score {' and '.join(scores)}" if scores else "")


def _explain_arrival(linked: LinkedArticle) -> str:
    evidence = linked.evidence
    best: dict[str, Any] = evidence.get("best") or {}
    runner_up: dict[str, Any] = evidence.get("runner_up") or {}
    threshold = evidence.get("threshold")
    if evidence.get("standalone"):
        return str(evidence["standalone"])  # never compared: too little text to link
    if evidence.get("copy_of"):
        return f"a copy of {evidence['copy_of']} (the same text): joined its event"
    if linked.score is None:
        if not best:
            return "opened this event: no live event to compare with"
        return (
            f"opened this event: the closest live event {best['event_id']} scored "
            f"{best['score']:.2f}, under the threshold {threshold:.2f}"
        )
    similarity = (
        f"cosine {best['cosine']:.2f}"
        if best.get("aligned_cosine") is None
        else f"cosine across languages {best['aligned_cosine']:.2f}"
    )
    text = (
        f"joined with score {best['score']:.2f} ≥ {threshold:.2f}: {similarity}, "
        f"shared names {best['names']:.0%}"
    )
    if best.get("numbers"):
        text += f", shared figures {best['numbers']:.0%}"
    if best.get("words"):
        text += f", shared words {best['words']:.2f}"
    if best.get("cross_language"):
        text += ", a language new to the event"
    if best.get("gap_days") is not None:
        text += f", {best['gap_days']:.0f} days apart"
    if runner_up:
        text += f"; runner-up {runner_up['event_id']} scored {runner_up['score']:.2f}"
    return text


def describe_event(store: Store, event_id: str) -> dict[str, Any]:
    event = store.event(event_id)
    members = store.event_articles(event.id)
    backend = ChatBackend.from_settings()
    key = (
        store.key,
        event.id,
        event.updated_seq,
        tuple(m.article.id for m in members),
        backend,
    )
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    described = describe_members(event, members)
    described["history"] = build_history(event.id, members, store.history(event.id))
    if backend:
        described = rewrite(described, [m.article for m in members], backend)
    _cache[key] = described
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return described


def describe_members(event: Event, members: list[LinkedArticle]) -> dict[str, Any]:
    """The description of an event from its linked articles (no store needed)."""
    articles = [m.article for m in members]
    dates = effective_dates(articles)
    copies = find_copies(articles, dates)
    lang = headline_language(a.lang for a in articles)
    summary = build_summary(articles, lang)
    first, last = _date_range(dates)
    return {
        **event.summary_dict(),
        "headline": event_headline(articles),
        "first_date": first,
        "last_date": last,
        "articles": [_article_entry(m, dates[m.article.id], copies) for m in members],
        "summary": summary,
        "entities": build_entities(articles),
        "figures": build_figures(articles, dates),
        "timeline": build_timeline(articles, dates, lang),
        "sources": build_sources(articles, copies),
        "generated_by": "extractive",
    }


def build_history(
    event_id: str, members: list[LinkedArticle], changes: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """What happened to the event, oldest first: opened, articles joined on
    arrival, merges and splits (with their evidence)."""
    entries = [
        {
            "at": m.ingested_at,
            "kind": "opened" if m.score is None and i == 0 else "joined",
            "article_ids": [m.article.id],
            "why": _explain_arrival(m),
        }
        for i, m in enumerate(members)
        if not m.relinked
    ]
    entries += [dict(change) for change in changes]
    # Split-off parts open with their split; sorting is stable within a second.
    return sorted(entries, key=lambda entry: entry["at"] or "")


def event_headline(articles: list[Article]) -> str:
    """The headline by the rule the store keeps for the events list (describe/headline.py)."""
    chosen = articles[headline_source([(a.lang, a.title) for a in articles])]
    return headline_text(chosen.title, chosen.text)


def _date_range(dates: dict[str, Dated]) -> tuple[str | None, str | None]:
    known = [d.date for d in dates.values() if d.date is not None]
    if not known:
        return None, None
    first = min(known, key=lambda d: (d.start, d.end))
    last = max(known, key=lambda d: (d.end, d.start))
    return str(first), str(last)


def _article_entry(linked: LinkedArticle, dated: Dated, copies: dict[str, str]) -> dict[str, Any]:
    article = linked.article
    return {
        "id": article.id,
        "title": article.title,
        "lang": article.lang,
        "lang_confidence": round(article.lang_confidence, 3),
        "source": article.source,
        "url": article.url,
        "date": str(dated.date) if dated.date else None,
        "date_precision": dated.date.precision.value if dated.date else "none",
        "date_inferred": dated.inferred,
        "repeats": copies.get(article.id),
        "copy_of": article.copy_of,
        "warnings": article.warnings,
        "why": explain_link(linked),
        "evidence": {"score": linked.score, **linked.evidence},
    }
