"""Pytest fixtures running a test on both backends: a SQLite file and an isolated PostgreSQL schema.

Use them from any conftest: `from amends.store.testing import store, store_url  # noqa: F401`.
PostgreSQL comes from env AMENDS_TEST_POSTGRES_URL; each test gets a fresh schema (the URL sets
`search_path`, so tables and Alembic's version table land there), dropped afterwards (after
ending any connection the test left open, recognised by its application_name).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from amends.store.engine import Store, open_store, resolve_url

#: The environment variable naming the PostgreSQL server the tests may use.
POSTGRES_ENV = "AMENDS_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


def postgres_base_url() -> str | None:
    """The test PostgreSQL URL from the environment (None when unset)."""
    return os.environ.get(POSTGRES_ENV) or None


@contextmanager
def postgres_schema_url(base_url: str) -> Iterator[str]:
    """A URL whose connections use a brand-new schema; the schema is dropped on exit."""
    base = resolve_url(base_url)
    schema = f"amends_t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base).update_query_dict(
            {
                "options": f"-csearch_path={schema} -csynchronous_commit=off",
                "application_name": schema,
            }
        )
        try:
            yield url.render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                # connections a test left open (e.g. a server process) would block the drop
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE application_name = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": schema},
                )
                conn.execute(text("SET lock_timeout = '10s'"))
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        admin.dispose()


def create_store(url: str) -> str:
    """Create the store at `url` (as `amends db upgrade` does) and return the URL: commands other
    than `db upgrade` refuse a store that does not exist."""
    open_store(url, create=True).close()
    return url


def sqlite_url(folder: Path) -> str:
    """A SQLite file URL inside `folder`."""
    return f"sqlite:///{folder / 'amends.db'}"


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for an empty database: a SQLite file in tmp_path, or a fresh PG schema."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    base = postgres_base_url()
    if base is None:
        pytest.skip(f"{POSTGRES_ENV} is not set: no PostgreSQL to run this test against")
    with postgres_schema_url(base) as url:
        yield url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An opened, migrated Store on each backend; closed after the test."""
    opened = open_store(store_url, create=True)
    try:
        yield opened
    finally:
        opened.close()
