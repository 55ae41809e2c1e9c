"""Run the real pipeline over a folder in its own process, with the fast test
encoder: what the crash and concurrency tests start, kill and race."""

from __future__ import annotations

import sys
from pathlib import Path

# The checkout's root, not tests/: tests/queue would hide the standard library's queue.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from babelwire.pipeline import Pipeline
from babelwire.readers import read_paths
from babelwire.store import open_store
from tests.conftest import HashingEncoder

if __name__ == "__main__":
    db, folder = sys.argv[1], sys.argv[2]
    store = open_store(db)  # a file or a postgresql:// URL
    for _ in Pipeline(store, encoder=HashingEncoder()).ingest_all(read_paths([folder])):
        pass
    store.close()
