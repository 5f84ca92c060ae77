"""Secrets the installation makes for itself and keeps in its store (made once, then read)."""

from __future__ import annotations

import secrets

from sqlalchemy import Connection, select

from amends.store.schema import instance_secrets
from amends.store.types import utcnow
from amends.store.upsert import upsert


def instance_secret(conn: Connection, name: str) -> str:
    """The store's secret called `name`, made (random, 256 bits) the first time it is asked for.

    Every process using the same store gets the same value; two processes asking at once both
    get the one that was written first (insert-if-missing, then read). `conn` must be able to
    write (a `store.begin()` connection) the first time.
    """
    query = select(instance_secrets.c.value).where(instance_secrets.c.name == name)
    value = conn.execute(query).scalar()
    if value is None:
        conn.execute(
            upsert(conn, instance_secrets, ["name"], []).values(
                name=name, value=secrets.token_urlsafe(32), created_at=utcnow()
            )
        )
        value = conn.execute(query).scalar_one()
    return str(value)
