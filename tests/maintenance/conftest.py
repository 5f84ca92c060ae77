"""Maintenance tests run on the test store (SQLite and PostgreSQL)."""

from amends.store.testing import store, store_url  # noqa: F401
