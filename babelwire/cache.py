"""The on-disk cache of expensive results, in the directory BABELWIRE_CACHE_DIR names.

Each kind of result (embeddings, model-written summaries) has its own small
SQLite file there, keyed by a hash of exactly what produced it, so a result
is computed once and re-ingesting or re-describing never pays again.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def content_key(*parts: str) -> str:
    """A key that changes whenever any part changes (NUL cannot occur in the parts)."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def connect(cache_dir: Path, file_name: str, create_table: str) -> sqlite3.Connection:
    """Open (creating it if needed) one cache file; WAL lets processes share it."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(cache_dir / file_name, timeout=60)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(create_table)
    return db
