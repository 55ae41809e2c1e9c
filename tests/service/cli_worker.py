"""`babelwire ingest` in its own process with the fast test encoder: the CLI
writer the concurrency test races against the service."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import babelwire.api
from babelwire.cli import main
from babelwire.pipeline import Pipeline
from babelwire.store import SQLiteStore
from tests.conftest import HashingEncoder


def _fast_pipeline(store: SQLiteStore) -> Pipeline:
    return Pipeline(store, encoder=HashingEncoder())


if __name__ == "__main__":
    babelwire.api.Pipeline = _fast_pipeline  # type: ignore[misc, assignment]
    main(["ingest", *sys.argv[1:]])
