"""Insert-or-update statements that work the same on SQLite and PostgreSQL (ON CONFLICT)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def upsert(conn: Connection, table: Table, keys: Sequence[str], update: Sequence[str]) -> Any:
    """An INSERT into `table` that, when `keys` already exist, sets only the columns `update`.

    Name the columns to update explicitly (a column left out of the values would otherwise be
    overwritten by its default); an empty `update` means "insert if missing, else leave it".
    Execute it with a list of dicts (executemany) or call `.values(...)` on it.
    """
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table)
    if not update:
        return stmt.on_conflict_do_nothing(index_elements=list(keys))
    return stmt.on_conflict_do_update(
        index_elements=list(keys), set_={name: stmt.excluded[name] for name in update}
    )
