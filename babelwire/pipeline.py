"""One article's way through babelwire, top to bottom.

    understand: clean ─► title ─► language ─► identity
    known?      the same input again (same id, or same text, source and link): known
    copy?       the same text as a stored article under another id, link or source:
                stored as its copy, in its event, and no new evidence
    represent:  embeddings (cached): e5, and USE where it is aligned; names, figures, words
    link:       in one store transaction: still new? ─► decide ─► store
                (too little text to link: an event of its own, see MIN_LINK_WORDS)

The expensive step (the embedding) runs outside the store transaction, so
concurrent writers wait only for the short decide-and-write step.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

import numpy as np

from babelwire import config
from babelwire.clean import clean_text, split_title
from babelwire.cluster.base import Decision, Linker
from babelwire.cluster.calibration import calibrated
from babelwire.cluster.online import (
    FAST_CONFIG,
    EncodedPriors,
    LinkerConfig,
    OnlineLinker,
    language_priors,
)
from babelwire.consolidate import Consolidator, Report
from babelwire.dates import infer_date
from babelwire.lang import detect_language
from babelwire.model import Article, RawArticle, Rejection, Skipped
from babelwire.represent import (
    ALIGNED_LANGUAGES,
    CachedEncoder,
    E5Encoder,
    Encoder,
    Features,
    OpenAIEncoder,
    USEEncoder,
    embedding_text,
    extract_names,
    extract_numbers,
    extract_terms,
    spelled_if_caseless,
)
from babelwire.store import Store

log = logging.getLogger("babelwire.consolidate")
T = TypeVar("T")

# Too little text to link is not an event. Under this many words (title and
# cleaned text together) an item says too little for its embedding to tell
# one story from another: one character, "Short teaser." or a lone photo
# caption would join, or be joined by, whatever happens to look alike. Such
# an article is stored in an event of its own that nothing can join. The
# shortest report in the labelled sets that links is seven words ("The
# parliament election is over in Turkmenistan."): six leaves it linked.
MIN_LINK_WORDS = 6
# Scripts written without spaces count a word for this many characters
# (Chinese words average under two characters, Japanese ones about two;
# Thai ones are longer, so a short Thai text counts generously).
CHARS_PER_WORD = 2
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Myanmar, Khmer
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"  # kana, Han
)


class Status(StrEnum):
    INGESTED = "ingested"
    KNOWN = "known"  # the same input again: nothing stored
    COPY = "copy"  # the same text as a stored article under another name: stored as its copy
    REJECTED = "rejected"
    SKIPPED = "skipped"  # a file in a folder that babelwire does not read: no error
    QUEUED = "queued"  # put on the queue of a PostgreSQL store, for a worker to link


@dataclass
class Outcome:
    """What happened to one input."""

    status: Status
    where: str
    article_id: str | None = None
    event_id: str | None = None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    copy_of: str | None = None  # status COPY: the article whose text this one repeats


@dataclass
class Prepared:
    """An article ready to link: understood and represented, not yet decided."""

    article: Article
    features: Features
    where: str
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Cadence:
    """When consolidation runs by itself: after `articles` new articles, or after
    `seconds` with any new article (0 articles: never by itself); and, when
    `share` is set, not before ingest has run 1/share times as long as the last
    consolidation took, so that a large window (seconds at 10,000 articles)
    never takes more than that share of the time. A replay that must not
    depend on the machine's speed sets no share."""

    articles: int
    seconds: float = math.inf
    share: float | None = 0.1

    @classmethod
    def from_settings(cls) -> Cadence:
        return cls(config.consolidate_every(), config.consolidate_seconds())

    def due(self, pending: int, waited: float, last_cost: float) -> bool:
        """Whether to consolidate, `pending` articles and `waited` seconds after the
        last consolidation, which took `last_cost` seconds."""
        if not self.articles or not pending:
            return False
        if self.share and waited * self.share < last_cost:
            return False
        return pending >= self.articles or waited >= self.seconds


NEVER = Cadence(0)


def understand(raw: RawArticle) -> Article:
    """Clean the text and identify the article; no store, no model but language."""
    cleaned = clean_text(raw.text)
    title, body = (raw.title, cleaned) if raw.title else split_title(cleaned)
    lang, confidence = (raw.lang, 1.0) if raw.lang else detect_language(body)
    article_id, content_hash = identity(raw)
    # Undated inputs often state their date in a dateline or their URL.
    date = raw.date or infer_date(raw.text, raw.url, lang)
    return Article(
        id=article_id,
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
        warnings=list(raw.warnings),
    )


def identity(raw: RawArticle) -> tuple[str, str]:
    """The article's id (its own, else a hash of its text) and the hash of its text."""
    content_hash = _content_hash(raw.text)
    return raw.id or content_hash[:16], content_hash


def words_to_link(text: str) -> int:
    """How many words a text gives the linker (see MIN_LINK_WORDS); a dash or a bullet is none."""
    unspaced = len(_UNSPACED.findall(text))
    spaced = _UNSPACED.sub(" ", text).split()
    return (
        sum(1 for word in spaced if any(ch.isalnum() for ch in word)) + unspaced // CHARS_PER_WORD
    )


def standalone(features: Features, words: int) -> tuple[Features, Decision]:
    """Features and a decision that open an event nothing can join.

    The event keeps no evidence to match: a zero centroid (cosine 0 with
    every article and event), no names, figures, words or aligned vector.
    No score then reaches the linker's threshold and no merge takes it in.
    """
    mute = dataclasses.replace(features, names=Counter(), numbers=Counter(), aligned=None)
    why = f"too short to link ({words} words, minimum {MIN_LINK_WORDS})"
    return mute, Decision(None, None, np.zeros_like(features.vector), {"standalone": why})


def _content_hash(text: str) -> str:
    # Whitespace and case do not make a different article.
    normal = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(normal.encode()).hexdigest()


class Pipeline:
    def __init__(
        self,
        store: Store,
        encoder: Encoder | None = None,
        linker: Linker | None = None,
        aligner: Encoder | None = None,
        aligned_languages: frozenset[str] = ALIGNED_LANGUAGES,
        fast: bool | None = None,
        cadence: Cadence | None = None,
        batch: int | None = None,
        use_calibration: bool = True,
    ) -> None:
        """`fast`: the aligner reads every article and e5 none (None: BABELWIRE_ENCODER says).

        `cadence`: when consolidation runs by itself (None: the settings say).
        `batch`: articles encoded together by `ingest_all` (None: BABELWIRE_ENCODER_BATCH).
        `use_calibration`: False links with the built-in settings whatever
        BABELWIRE_CALIBRATION says (what `babelwire calibrate` starts from).
        """
        self.store = store
        self.aligner = aligner or CachedEncoder(USEEncoder(), config.cache_dir())
        choice = None if encoder else config.encoder_choice()
        if fast is None:
            fast = choice == "use"
        self.encoder = encoder or (self.aligner if fast else configured_encoder(choice))
        self.aligned_languages = aligned_languages
        self.batch = batch or config.encoder_batch()
        built_in = FAST_CONFIG if fast else LinkerConfig()
        self.linker = linker or OnlineLinker(
            calibrated(built_in, self.encoder.name, store.space) if use_calibration else built_in,
            priors=language_priors if choice != "openai" else EncodedPriors(self.encoder),
        )
        self.cadence = cadence or Cadence.from_settings()
        self.consolidator = Consolidator(
            store,
            getattr(self.linker, "config", LinkerConfig()),
            window_days=config.consolidate_window_days(),
            priors=getattr(self.linker, "priors", language_priors),
        )
        self._pending = 0  # articles linked since the last consolidation
        self._last_consolidation = time.monotonic()  # when it ended
        self._last_cost = 0.0  # how long it took

    def represent(self, article: Article) -> Features:
        return self.represent_many([article])[0]

    def represent_many(self, articles: list[Article]) -> list[Features]:
        """Each article's features; each encoder sees all their leads at once (one batch)."""
        leads = [embedding_text(article) for article in articles]
        vectors = list(self.encoder.encode(leads)) if leads else []
        aligned = self._aligned_vectors(articles, leads, vectors)
        return [
            self._features(article, vector, vector_aligned)
            for article, vector, vector_aligned in zip(articles, vectors, aligned, strict=True)
        ]

    def _aligned_vectors(
        self, articles: list[Article], leads: list[str], vectors: list[np.ndarray]
    ) -> list[np.ndarray | None]:
        """The aligner's vector of each article in its languages, else None."""
        aligned: list[np.ndarray | None] = [None] * len(articles)
        at = [i for i, article in enumerate(articles) if article.lang in self.aligned_languages]
        if not at:
            return aligned
        if self.aligner is self.encoder:  # the fast path: its vectors serve both
            found = [vectors[i] for i in at]
        else:
            found = list(self.aligner.encode([leads[i] for i in at]))
        for i, vector in zip(at, found, strict=True):
            aligned[i] = vector
        return aligned

    def _features(
        self, article: Article, vector: np.ndarray, aligned: np.ndarray | None
    ) -> Features:
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
            # How many words were read, and the vectors' size (a model swapped
            # behind the same name): the store refuses a mix.
            recipe={"embed_words": str(config.embed_words()), "dimensions": str(len(vector))},
            terms=extract_terms(article.title, article.text, article.lang),
        )

    def decide(self, article: Article, features: Features) -> tuple[Features, Decision]:
        """The linker's decision, unless the article has too little text to link."""
        words = words_to_link(f"{article.title or ''} {article.text}")
        if words < MIN_LINK_WORDS:
            return standalone(features, words)
        return features, self.linker.decide(features, self.store)

    def ingest(self, item: RawArticle | Rejection | Skipped) -> Outcome:
        return self.settle(self.prepare(item))

    def settle(self, prepared: Outcome | Prepared) -> Outcome:
        """Link a prepared article in its own transaction; consolidate when due."""
        if isinstance(prepared, Outcome):
            return prepared
        with self.store.transaction():
            outcome = self.link(prepared)
        if outcome.status is Status.INGESTED:
            self._pending += 1
            if self._consolidation_due():
                self.consolidate()
        return outcome

    def prepare(self, item: RawArticle | Rejection | Skipped) -> Outcome | Prepared:
        """Everything before linking: the article understood and represented (the
        expensive part, which needs no lock), or the outcome when it goes no further."""
        return self.prepare_many([item])[0]

    def prepare_many(
        self, items: list[RawArticle | Rejection | Skipped]
    ) -> list[Outcome | Prepared]:
        """`prepare` for several items, their texts encoded together (fewer, larger
        requests to an embeddings server). Whether each is still new is checked
        again when it is linked: an earlier one of the batch may carry its text."""
        understood = [self._understood(item) for item in items]
        articles = [entry[0] for entry in understood if isinstance(entry, tuple)]
        features = iter(self.represent_many(articles))
        return [
            Prepared(entry[0], next(features), entry[1], entry[2])
            if isinstance(entry, tuple)
            else entry
            for entry in understood
        ]

    def _understood(
        self, item: RawArticle | Rejection | Skipped
    ) -> Outcome | tuple[Article, str, list[str]]:
        """The article, where it came from and its warnings; or its outcome if it stops here."""
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
        seen = self._seen(article, item.where, item.warnings)
        return seen or (article, item.where, item.warnings)

    def link(self, prepared: Prepared) -> Outcome:
        """Decide and write one prepared article; inside store.transaction()."""
        article, where, warnings = prepared.article, prepared.where, prepared.warnings
        # Another process may have stored it (or its text) while we were encoding.
        seen = self._known_or_copy(article, where, warnings)
        if seen:
            return seen
        # Vectors another store's settings made cannot even be compared with its events.
        self.store.check_settings(prepared.features)
        features, decision = self.decide(article, prepared.features)
        event_id = self.store.add(article, features, decision)
        return Outcome(Status.INGESTED, where, article.id, event_id, warnings=warnings)

    def _seen(self, article: Article, where: str, warnings: list[str]) -> Outcome | None:
        """As `_known_or_copy`, checked first without taking the writers' turn."""
        if self.store.stored(article):
            with self.store.transaction():
                return self._known_or_copy(article, where, warnings)
        return None

    def _known_or_copy(self, article: Article, where: str, warnings: list[str]) -> Outcome | None:
        """KNOWN for the same input again; a stored COPY for the same text under
        another name; None for an article that is new. Inside a transaction."""
        known = self.store.known(article)
        if known:
            return Outcome(Status.KNOWN, where, known, warnings=warnings)
        original = self.store.original(article.content_hash)
        if original is None:
            return None
        event_id = self.store.add_copy(dataclasses.replace(article, copy_of=original), original)
        return Outcome(
            Status.COPY, where, article.id, event_id, warnings=warnings, copy_of=original
        )

    def _consolidation_due(self) -> bool:
        waited = time.monotonic() - self._last_consolidation
        return self.cadence.due(self._pending, waited, self._last_cost)

    def consolidate(self, dry_run: bool = False) -> Report:
        """Mend the recent events with hindsight (see consolidate.py)."""
        report = self.consolidator.run(dry_run)
        if not dry_run:
            self._pending, self._last_consolidation = 0, time.monotonic()
            self._last_cost = report.seconds
        log.info("%s", report.summary())
        return report

    def finish(self) -> Report | None:
        """The end of a batch: consolidate what arrived since the last time, if anything."""
        if self.cadence.articles and self._pending:
            return self.consolidate()
        return None

    def ingest_all(self, items: Iterable[RawArticle | Rejection | Skipped]) -> Iterator[Outcome]:
        """Ingest a stream in order, `batch` articles encoded at a time."""
        if self.batch == 1:  # article by article, through `ingest` (which bench/ times)
            yield from map(self.ingest, items)
            return
        for chunk in _chunks(items, self.batch):
            for prepared in self.prepare_many(chunk):
                yield self.settle(prepared)


def configured_encoder(choice: str | None) -> Encoder:
    """The main encoder BABELWIRE_ENCODER names, behind the vector cache."""
    inner: Encoder = OpenAIEncoder.from_settings() if choice == "openai" else E5Encoder()
    return CachedEncoder(inner, config.cache_dir())


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
