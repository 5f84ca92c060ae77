"""Run the packaged Alembic migrations programmatically (no alembic.ini needed).

Migrations run in one transaction; on PostgreSQL an advisory lock keyed on the current schema
serialises concurrent migrators, on SQLite BEGIN IMMEDIATE does (with foreign keys off while the
schema changes, checked before commit).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Connection, text
from sqlalchemy.types import TypeDecorator, TypeEngine

if TYPE_CHECKING:
    from amends.store.engine import Store

#: The packaged migrations folder (env.py + versions/).
MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config pointing at the packaged migrations, optionally bound to `connection`."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def head() -> str:
    """The newest migration revision shipped with this version of amends."""
    rev = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert rev is not None
    return rev


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('amends:' || current_schema()))"))


@contextmanager
def migration_connection(store: Store) -> Iterator[Connection]:
    """A connection in one transaction for schema changes, committed at the end.

    SQLite: foreign keys are switched off for the migration (Alembic's batch mode rebuilds a
    table by dropping it, which would otherwise cascade-delete its children), checked with
    `PRAGMA foreign_key_check` before commit, and switched on again. PostgreSQL: an advisory
    lock keyed on the current schema serialises concurrent migrators.
    """
    with store.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw = conn.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")  # outside any transaction: takes effect
        try:
            if sqlite:
                conn.execution_options(amends_write=True)
            with conn.begin():
                _lock(conn)
                yield conn
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


def upgrade(store: Store, revision: str = "head") -> None:
    """Migrate `store` up to `revision` in one transaction (a quick no-op when already there)."""
    if revision in ("head", head()) and current(store) == head():
        return
    with migration_connection(store) as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade(store: Store, revision: str) -> None:
    """Migrate `store` down to `revision` ("base": no tables) in one transaction."""
    with migration_connection(store) as conn:
        command.downgrade(alembic_config(conn), revision)


def current(store: Store) -> str | None:
    """The revision the database is at (None when it has never been migrated)."""
    with store.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def compare_type(
    ctx: MigrationContext,
    inspected_column: Column[Any],
    metadata_column: Column[Any],
    inspected_type: TypeEngine[Any],
    metadata_type: TypeEngine[Any],
) -> bool | None:
    """Alembic type comparison that sees a decorated type as what it becomes on this dialect.

    (Money is text on SQLite and NUMERIC(20, 6) on PostgreSQL.) None: Alembic's default rules.
    """
    if isinstance(metadata_type, TypeDecorator):
        impl = metadata_type.load_dialect_impl(ctx.dialect)
        return ctx.impl.compare_type(inspected_column, Column(metadata_column.name, impl))
    return None


def drift(store: Store) -> list[Any]:
    """Differences between the migrated database and `schema.metadata` (empty: in step)."""
    from amends.store.schema import metadata

    with store.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": compare_type, "target_metadata": metadata}
        )
        return list(compare_metadata(ctx, metadata))
