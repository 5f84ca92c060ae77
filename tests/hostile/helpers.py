"""Helpers for the hostile-input tests: bad bytes, an unreachable database, row counts, and the
check that a command rejected its input the way the project promises."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

DATA = Path(__file__).parent / "data"
#: A PostgreSQL URL nobody listens on: connecting fails at once (connection refused).
UNREACHABLE_DB = "postgresql+psycopg://nobody@127.0.0.1:1/x"

#: Random-looking bytes that are neither UTF-8, Parquet nor any other format.
GARBAGE = bytes(range(128, 256)) * 16 + b"\x00\x8a\xff\xfe" * 64


def rows(db: Path, table: str) -> int:
    """Rows in a table of a SQLite file; 0 when the file or the table does not exist."""
    if not db.exists():
        return 0
    with closing(sqlite3.connect(db)) as con:
        found = con.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?", (table,)
        ).fetchone()[0]
        if not found:
            return 0
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def assert_rejected(result: object, *names: str) -> str:
    """Exit 2, no traceback, exactly one `error:` line, naming each of `names`; returns it."""
    code, out, err = result.code, result.out, result.err  # type: ignore[attr-defined]
    assert code == 2, f"exit {code}\nstdout: {out}\nstderr: {err}"
    assert "Traceback" not in out + err
    lines = [line for line in (out + err).splitlines() if "error:" in line.lower()]
    if not lines:  # Typer/Click usage errors: a framed "Invalid value" box, also exit 2
        assert "Invalid value" in err or "No such option" in err or "Usage" in err, err
        return err
    assert len(lines) == 1, lines
    for name in names:
        assert name in lines[0], (name, lines[0])
    return lines[0]


def count(url: str, table: str) -> int:
    """Rows in `table` of the database at `url`; 0 when the table does not exist yet."""
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.pool import NullPool

    from amends.store.engine import resolve_url

    engine = create_engine(resolve_url(url), poolclass=NullPool)
    try:
        if not inspect(engine).has_table(table):
            return 0
        with engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def store_in(folder: Path, name: str) -> str:
    """The URL of a created (migrated) SQLite store `name`.db in `folder`: only `amends db
    upgrade` creates a store, so a test of another command starts from an existing one."""
    from amends.store.testing import create_store

    return create_store(f"sqlite:///{folder / f'{name}.db'}")
