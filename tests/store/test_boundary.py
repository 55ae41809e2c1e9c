"""The store's boundary: nothing outside babelwire/store/ speaks SQL to the store
or names a backend, so every command runs on either backend unchanged."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "babelwire"
STATEMENT = re.compile(
    r"^\s*(SELECT \S|INSERT (OR \w+ )?INTO|UPDATE \w+ SET|DELETE FROM|"
    r"CREATE (TABLE|INDEX|VIEW)|ALTER TABLE|PRAGMA|BEGIN\b)"
)
BACKENDS = {"babelwire.store.sqlite", "babelwire.store.postgres", "babelwire.store.sql"}
# The local caches under BABELWIRE_CACHE_DIR are files of their own, not the store.
LOCAL_CACHES = {"cache.py", "represent/encoder.py", "describe/llm.py", "describe/places.py"}


def _outside_the_store() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "store" not in p.relative_to(PACKAGE).parts[:1]]


def _statements(tree: ast.AST) -> list[str]:
    texts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    return [t for t in texts if isinstance(t, str) and STATEMENT.match(t)]


def _imported(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_sql_outside_the_store_but_the_local_caches():
    speaking = {
        str(path.relative_to(PACKAGE))
        for path in _outside_the_store()
        if _statements(ast.parse(path.read_text()))
    }
    assert speaking == LOCAL_CACHES


def test_nothing_outside_the_store_names_a_backend():
    naming = {
        str(path.relative_to(PACKAGE)): _imported(ast.parse(path.read_text())) & BACKENDS
        for path in _outside_the_store()
    }
    assert {module: found for module, found in naming.items() if found} == {}


def test_the_local_caches_never_touch_the_store():
    for module in LOCAL_CACHES:
        assert not any(
            name.startswith("babelwire.store")
            for name in _imported(ast.parse((PACKAGE / module).read_text()))
        ), module
