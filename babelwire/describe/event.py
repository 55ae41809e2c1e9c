"""The full description of one event, as `babelwire event ID --json` prints it."""

from __future__ import annotations

from typing import Any

from babelwire.store import LinkedArticle, SQLiteStore


def explain_link(linked: LinkedArticle) -> str:
    """One sentence saying why the article is in its event."""
    evidence = linked.evidence
    best, runner_up = evidence.get("best"), evidence.get("runner_up")
    threshold = evidence.get("threshold")
    if linked.score is None:
        if best is None:
            return "opened this event: no live event to compare with"
        return (
            f"opened this event: the closest live event {best['event_id']} scored "
            f"{best['score']:.2f}, under the threshold {threshold:.2f}"
        )
    text = (
        f"joined with score {best['score']:.2f} ≥ {threshold:.2f}: cosine {best['cosine']:.2f}, "
        f"shared names {best['names']:.0%}"
    )
    if best.get("gap_days") is not None:
        text += f", {best['gap_days']:.0f} days apart"
    if runner_up:
        text += f"; runner-up {runner_up['event_id']} scored {runner_up['score']:.2f}"
    return text


def _article_entry(linked: LinkedArticle) -> dict[str, Any]:
    article = linked.article
    return {
        "id": article.id,
        "title": article.title,
        "lang": article.lang,
        "lang_confidence": round(article.lang_confidence, 3),
        "source": article.source,
        "url": article.url,
        "date": str(article.date) if article.date else None,
        "date_precision": article.date_precision.value,
        "date_inferred": article.date_inferred,
        "why": explain_link(linked),
        "evidence": {"score": linked.score, **linked.evidence},
    }


def describe_event(store: SQLiteStore, event_id: str) -> dict[str, Any]:
    event = store.event(event_id)
    members = store.event_articles(event.id)
    return {**event.summary_dict(), "articles": [_article_entry(m) for m in members]}
