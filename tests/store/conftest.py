"""Store fixtures on both backends (SQLite file, PostgreSQL schema)."""

from amends.store.testing import store, store_url  # noqa: F401
