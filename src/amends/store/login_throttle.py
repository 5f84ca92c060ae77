"""Login throttling: failed console logins are counted per account and per address over a window;
past either limit, logins are refused (429) until the window has moved on, before any password is
checked. Kept in the store so every server process counts the same failures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, func, insert, select

from amends.store.schema import login_failures


@dataclass(frozen=True)
class Limits:
    """At most `per_account` failures for one name, `per_address` from one address, per `window`."""

    per_account: int = 5
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)


def throttled(
    conn: Connection, account: str, address: str, *, now: datetime, limits: Limits
) -> int:
    """Seconds until a login for `account` from `address` may be tried again; 0: try now."""
    since = now - limits.window
    t = login_failures
    waits = [0]
    for column, key, limit in (
        (t.c.account, account[:100], limits.per_account),
        (t.c.address, address[:64], limits.per_address),
    ):
        count, oldest = conn.execute(
            select(func.count(), func.min(t.c.at)).where(column == key, t.c.at > since)
        ).one()
        if count >= limit and oldest is not None:
            waits.append(max(1, int((oldest + limits.window - now).total_seconds()) + 1))
    return max(waits)


def note_failure(
    conn: Connection, account: str, address: str, *, now: datetime, limits: Limits
) -> None:
    """Count one failed login (and forget those older than the window)."""
    t = login_failures
    conn.execute(delete(t).where(t.c.at <= now - limits.window))
    conn.execute(insert(t).values(account=account[:100], address=address[:64], at=now))


def note_success(conn: Connection, account: str, *, now: datetime, limits: Limits) -> None:
    """A successful login clears the account's failures (the address keeps its count) and drops
    failures older than the window."""
    t = login_failures
    conn.execute(delete(t).where(t.c.account == account[:100]))
    conn.execute(delete(t).where(t.c.at <= now - limits.window))
