"""Where articles and events live: SQLite on disk by default, `:memory:` for tests."""

from babelwire.store.sqlite import LinkedArticle, SQLiteStore

__all__ = ["LinkedArticle", "SQLiteStore"]
