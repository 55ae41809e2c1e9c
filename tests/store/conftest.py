"""Every store test runs on both backends: one contract, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from babelwire.store import Store, open_store

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, tmp_path) -> str:
    """Where a new, empty store is: a file, or a fresh database on the test server."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    opened = open_store(location)
    yield opened
    opened.close()
