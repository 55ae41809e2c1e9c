"""One article's way through babelwire, top to bottom.

    understand: clean ─► title ─► language ─► identity
    represent:  embeddings (cached): e5, and USE where it is aligned; names, figures, words
    link:       in one store transaction: still new? ─► decide ─► store

The expensive step (the embedding) runs outside the store transaction, so
concurrent writers wait only for the short decide-and-write step.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from babelwire import config
from babelwire.clean import clean_text, split_title
from babelwire.cluster.base import Linker
from babelwire.cluster.online import FAST_CONFIG, LinkerConfig, OnlineLinker
from babelwire.dates import infer_date
from babelwire.lang import detect_language
from babelwire.model import Article, RawArticle, Rejection, Skipped
from babelwire.represent import (
    ALIGNED_LANGUAGES,
    CachedEncoder,
    E5Encoder,
    Encoder,
    Features,
    USEEncoder,
    embedding_text,
    extract_names,
    extract_numbers,
    extract_terms,
    spelled_if_caseless,
)
from babelwire.store import SQLiteStore


class Status(StrEnum):
    INGESTED = "ingested"
    KNOWN = "known"
    REJECTED = "rejected"
    SKIPPED = "skipped"  # a file in a folder that babelwire does not read: no error


@dataclass
class Outcome:
    """What happened to one input."""

    status: Status
    where: str
    article_id: str | None = None
    event_id: str | None = None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)


def understand(raw: RawArticle) -> Article:
    """Clean the text and identify the article; no store, no model but language."""
    cleaned = clean_text(raw.text)
    title, body = (raw.title, cleaned) if raw.title else split_title(cleaned)
    lang, confidence = (raw.lang, 1.0) if raw.lang else detect_language(body)
    content_hash = _content_hash(raw.text)
    # Undated inputs often state their date in a dateline or their URL.
    date = raw.date or infer_date(raw.text, raw.url, lang)
    return Article(
        id=raw.id or content_hash[:16],
        raw_text=raw.text,
        text=body,
        content_hash=content_hash,
        title=title,
        lang=lang,
        lang_confidence=confidence,
        date=date,
        date_inferred=raw.date is None and date is not None,
        url=raw.url,
        source=raw.source,
        origin=raw.where,
    )


def _content_hash(text: str) -> str:
    # Whitespace and case do not make a different article.
    normal = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(normal.encode()).hexdigest()


class Pipeline:
    def __init__(
        self,
        store: SQLiteStore,
        encoder: Encoder | None = None,
        linker: Linker | None = None,
        aligner: Encoder | None = None,
        aligned_languages: frozenset[str] = ALIGNED_LANGUAGES,
        fast: bool | None = None,
    ) -> None:
        """`fast`: the aligner reads every article and e5 none (None: BABELWIRE_ENCODER says)."""
        self.store = store
        self.aligner = aligner or CachedEncoder(USEEncoder(), config.cache_dir())
        if fast is None:
            fast = encoder is None and config.encoder_choice() == "use"
        self.encoder = encoder or (
            self.aligner if fast else CachedEncoder(E5Encoder(), config.cache_dir())
        )
        self.aligned_languages = aligned_languages
        self.linker = linker or OnlineLinker(FAST_CONFIG if fast else LinkerConfig())

    def represent(self, article: Article) -> Features:
        lead = embedding_text(article)
        vector = self.encoder.encode([lead])[0]
        aligned = None
        if article.lang in self.aligned_languages:
            # The fast path's one encoder is the aligner: its vector serves both.
            fast = self.aligner is self.encoder
            aligned = vector if fast else self.aligner.encode([lead])[0]
        text = f"{article.title or ''}\n{article.text}"
        return Features(
            vector=vector,
            aligned=aligned,
            names=extract_names(text),
            numbers=extract_numbers(text),
            spelled=spelled_if_caseless(text),
            date=article.date,
            lang=article.lang,
            space=self.encoder.name,
            terms=extract_terms(article.title, article.text, article.lang),
        )

    def ingest(self, item: RawArticle | Rejection | Skipped) -> Outcome:
        if isinstance(item, Rejection):
            return Outcome(Status.REJECTED, item.where, reason=item.reason)
        if isinstance(item, Skipped):
            return Outcome(Status.SKIPPED, item.where, reason=item.reason)
        if not item.text.strip():
            return Outcome(Status.REJECTED, item.where, reason="the article has no text")
        article = understand(item)
        if not article.text.strip():
            return Outcome(
                Status.REJECTED,
                item.where,
                article.id,
                reason="nothing but page furniture (captions, credits) is left after cleaning",
            )
        known = self.store.known(article.id, article.content_hash)
        if known:
            return Outcome(Status.KNOWN, item.where, known, warnings=item.warnings)
        features = self.represent(article)
        with self.store.transaction():
            # Another process may have stored it while we were encoding.
            known = self.store.known(article.id, article.content_hash)
            if known:
                return Outcome(Status.KNOWN, item.where, known, warnings=item.warnings)
            decision = self.linker.decide(features, self.store)
            event_id = self.store.add(article, features, decision)
        return Outcome(Status.INGESTED, item.where, article.id, event_id, warnings=item.warnings)

    def ingest_all(self, items: Iterable[RawArticle | Rejection | Skipped]) -> Iterator[Outcome]:
        for item in items:
            yield self.ingest(item)
