"""Small articles and features for the store tests."""

from __future__ import annotations

from collections import Counter

import numpy as np

from babelwire.cluster.base import Decision
from babelwire.model import Article, PartialDate
from babelwire.represent import Features
from babelwire.store import Store


def _article(number: int, lang: str = "en", date: str | None = "2020-10-06") -> Article:
    return Article(
        id=f"a{number}",
        raw_text=f"raw {number}",
        text=f"text {number}",
        content_hash=f"hash{number}",
        title=f"Title {number}",
        lang=lang,
        date=PartialDate.parse(date) if date else None,
    )


def _features(article: Article) -> Features:
    vector = np.zeros(4, dtype=np.float32)
    vector[0] = 1.0
    return Features(vector, Counter({"bishkek": 1}), article.date, article.lang)


def _add(store: Store, article: Article, event_id: str | None = None) -> str:
    features = _features(article)
    with store.transaction():
        return store.add(article, features, Decision(event_id, None, features.vector, {}))
