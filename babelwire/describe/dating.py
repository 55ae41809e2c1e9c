"""Publication dates filled in or narrowed for the articles of one event.

An article with no date, or only a year or a month, is dated

1. from its own text (a dateline or URL, `babelwire.dates.infer_date`), else
2. from the event: articles reporting one event are published within days
   of each other, so the most common exact day among the other articles
   that falls inside what the article's own date allows is the best guess.

Every date found this way is marked inferred. A date the input gave exactly
is never changed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from babelwire.model import Article, PartialDate, Precision


@dataclass(frozen=True)
class Dated:
    date: PartialDate | None
    inferred: bool


def effective_dates(articles: list[Article]) -> dict[str, Dated]:
    """Each article's best publication date, by article id."""
    own = {a.id: _own_date(a) for a in articles}
    exact = Counter(
        d.date for d in own.values() if d.date is not None and d.date.precision is Precision.DAY
    )
    return {a.id: _from_event(own[a.id], exact) for a in articles}


def _own_date(article: Article) -> Dated:
    if article.date is not None and article.date.precision is Precision.DAY:
        return Dated(article.date, article.date_inferred)
    found = _from_text(article)
    if found is not None and _within(found, article.date):
        return Dated(found, True)
    return Dated(article.date, article.date_inferred)


def _from_text(article: Article) -> PartialDate | None:
    try:
        from babelwire.dates import infer_date
    except ImportError:  # the date reader is another module's work; describe without it
        return None
    return infer_date(article.raw_text, article.url, article.lang)


def _from_event(own: Dated, exact: Counter[PartialDate]) -> Dated:
    if own.date is not None and own.date.precision is Precision.DAY:
        return own
    fitting = [(n, day) for day, n in exact.items() if _within(day, own.date)]
    if not fitting:
        return own
    # The most common day; on a tie the later one, as reports trail the news.
    _, day = max(fitting, key=lambda pair: (pair[0], pair[1].start))
    return Dated(day, True)


def _within(day: PartialDate, bound: PartialDate | None) -> bool:
    return bound is None or bound.start <= day.start <= bound.end
