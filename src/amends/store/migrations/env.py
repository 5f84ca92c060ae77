"""Alembic environment for the amends store: runs on the connection `amends.store.migrate` binds.

Autogenerate compares against `amends.store.schema.metadata`; SQLite uses batch mode so later
migrations can alter columns.
"""

from __future__ import annotations

from typing import Any

from alembic import context

from amends.store.engine import make_engine
from amends.store.migrate import compare_type
from amends.store.schema import metadata


def _configure(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        compare_type=compare_type,
        render_as_batch=connection.dialect.name == "sqlite",
    )


def run() -> None:
    """Run the migrations on the bound connection (or on a fresh engine for sqlalchemy.url)."""
    if context.is_offline_mode():
        raise SystemExit("amends migrations run online only: use `amends db upgrade`")
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
    try:
        with engine.begin() as conn:
            _configure(conn)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


run()
