"""Open the store: one SQLAlchemy engine for SQLite (default) or PostgreSQL, migrated on open.

Only a caller that means to create the store (`amends db upgrade`, the demo) passes
`create=True`; everyone else gets a one-line InputError for a store that does not exist or has
no schema, so a mistyped `--db` never reads as an empty, healthy store.

SQLite connections get WAL, foreign keys and a busy timeout, and real transactions (SQLAlchemy
emits BEGIN, so DDL and reads are transactional too); `Store.begin()` takes the write lock up
front (BEGIN IMMEDIATE) so concurrent writers wait instead of failing. PostgreSQL sessions run
in UTC.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from amends.errors import InputError

#: The default database when neither an URL nor AMENDS_DB_URL is given.
DEFAULT_URL = "sqlite:///amends.db"
#: How long a SQLite writer waits for the lock before giving up (milliseconds).
SQLITE_BUSY_TIMEOUT_MS = 10_000
_WRITE = "amends_write"


def resolve_url(url: str | URL | None = None) -> URL:
    """The URL to open: the argument, else env AMENDS_DB_URL, else sqlite:///amends.db.

    `postgresql://` and `postgres://` mean psycopg 3 (`postgresql+psycopg://`).
    """
    raw = url if url is not None else os.environ.get("AMENDS_DB_URL") or DEFAULT_URL
    try:
        parsed = make_url(raw)
    except Exception as exc:
        raise InputError(
            f"not a database URL: {raw!s}; use e.g. sqlite:///amends.db or "
            "postgresql://user@host/dbname"
        ) from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise InputError(
            f"unsupported database {parsed.get_backend_name()!r} in {parsed!r}: "
            "use sqlite:///FILE or postgresql://..."
        )
    return parsed


def _is_memory(url: URL) -> bool:
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    """Per-connection SQLite setup: SQLAlchemy controls BEGIN; WAL, foreign keys, busy timeout."""
    dbapi_connection.isolation_level = None  # the driver must not BEGIN on its own
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if mode not in ("memory", "wal"):
            _to_wal(cursor)
        if mode != "memory":
            cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _to_wal(cursor: Any) -> None:
    """Switch a new database file to WAL. SQLite answers "database is locked" at once, without
    waiting out the busy timeout, when another connection opens the same new file meanwhile
    (three threads opening one new store at once): tried again until the timeout has passed."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def _postgres_on_connect(dbapi_connection: Any, _record: Any) -> None:
    """Sessions in UTC, so times read with raw SQL are UTC too (typed columns always are)."""
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    try:
        dbapi_connection.execute("SET TIME ZONE 'UTC'")
    finally:
        dbapi_connection.autocommit = autocommit


def _sqlite_on_begin(conn: Connection) -> None:
    """BEGIN IMMEDIATE for `Store.begin()` (writes), plain deferred BEGIN otherwise (reads)."""
    write = conn.get_execution_options().get(_WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def sqlite_file_missing(url: str | URL | None = None) -> bool:
    """True when `url` names a SQLite file that does not exist (connecting would create it)."""
    parsed = resolve_url(url)
    return (
        parsed.get_backend_name() == "sqlite"
        and not _is_memory(parsed)
        and not Path(parsed.database or "").expanduser().exists()
    )


def not_created(url: URL) -> InputError:
    """The one-line refusal of a store that does not exist or has no schema, with the fix."""
    shown = url.render_as_string(hide_password=True)
    what = "does not exist" if sqlite_file_missing(url) else "has no amends tables"
    return InputError(
        f"the database {shown} {what}; check --db or AMENDS_DB_URL, or create it with "
        f"`amends db upgrade --db {shown}` first"
    )


def make_engine(url: str | URL | None = None, *, create: bool = True, **kwargs: Any) -> Engine:
    """An engine for `url` with the store's per-backend settings (see the module docstring).

    `create=False` refuses a SQLite file that does not exist instead of creating it.
    """
    parsed = resolve_url(url)
    options: dict[str, Any] = {"future": True, **kwargs}
    if parsed.get_backend_name() == "sqlite":
        if not create and sqlite_file_missing(parsed):
            raise not_created(parsed)
        if _is_memory(parsed):
            options.setdefault("poolclass", StaticPool)
            options.setdefault("connect_args", {"check_same_thread": False})
        elif parsed.database and create:
            folder = Path(parsed.database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError(
                    f"cannot create the folder for the database {parsed.database}: "
                    f"{exc.strerror or exc}; check the path in the URL"
                ) from None
        engine = create_engine(parsed, **options)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    else:
        options.setdefault("pool_pre_ping", True)
        engine = create_engine(parsed, **options)
        event.listen(engine, "connect", _postgres_on_connect)
    return engine


class Store:
    """The opened database: its engine plus transaction helpers; close it when done."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        """The full database URL (with password: do not print it; `repr` hides it)."""
        return self.engine.url.render_as_string(hide_password=False)

    @property
    def dialect(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.engine.dialect.name

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection in one write transaction: committed on success, rolled back on error."""
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn.execution_options(**{_WRITE: True})
            with conn.begin():
                yield conn

    def connect(self) -> Connection:
        """A connection for reads (use as a context manager; it autobegins a transaction)."""
        return self.engine.connect()

    def upgrade(self, revision: str = "head") -> None:
        """Migrate the database to `revision` (default: the newest)."""
        from amends.store.migrate import upgrade

        upgrade(self, revision)

    def current(self) -> str | None:
        """The database's migration revision (None: not migrated yet)."""
        from amends.store.migrate import current

        return current(self)

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url!r})"


def open_store(
    url: str | URL | None = None,
    *,
    migrate: bool = True,
    create: bool = False,
    **engine_kwargs: Any,
) -> Store:
    """Open the store at `url` (default: env AMENDS_DB_URL, else sqlite:///amends.db).

    Without `create` (the default) the store must exist and have its schema: a missing SQLite
    file or an empty database (PostgreSQL schema) is an InputError saying to run
    `amends db upgrade`. With `migrate` (the default) the schema is brought to the newest
    migration (with `create`, from nothing).
    """
    store = Store(make_engine(url, create=create, **engine_kwargs))
    try:
        if not create and store.current() is None:
            raise not_created(store.engine.url)
        if migrate:
            store.upgrade()
    except BaseException:
        store.close()
        raise
    return store
