"""Console sessions, kept server-side: the browser's cookie holds a random id, the store only its
sha256 hash with the user, a CSRF token and two clocks (idle and absolute expiry).

Every function takes `now`, so callers (and tests) decide what time it is.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, insert, or_, select, update

from amends.store.schema import console_sessions, users
from amends.store.users import User, user_by_id

#: `last_seen_at` is refreshed at most this often (most requests then only read).
TOUCH_EVERY = timedelta(seconds=30)


@dataclass(frozen=True)
class Expiry:
    """How long a session lasts: `idle` since its last request, `absolute` since login."""

    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)


@dataclass(frozen=True)
class Session:
    """A live session: its user and the CSRF token its forms must send back."""

    user: User
    csrf_token: str
    created_at: datetime
    last_seen_at: datetime


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8", "replace")).hexdigest()


def start_session(
    conn: Connection, user: User, *, now: datetime, address: str | None = None
) -> tuple[str, Session]:
    """A new session for `user`: returns the id for the cookie (a fresh random one every time, so
    an id planted before login never becomes valid) and the session."""
    session_id = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    conn.execute(
        insert(console_sessions).values(
            id_hash=_hash(session_id),
            user_id=user.id,
            csrf_token=csrf,
            created_at=now,
            last_seen_at=now,
            address=(address or "")[:64] or None,
        )
    )
    return session_id, Session(user, csrf, now, now)


def find_session(
    conn: Connection, session_id: str | None, *, now: datetime, expiry: Expiry
) -> Session | None:
    """The live session with this id, or None (unknown, idle too long, too old, or its user is
    disabled); an expired session is deleted. Call inside a write transaction."""
    if not session_id or len(session_id) > 200:
        return None
    key = _hash(session_id)
    row = conn.execute(select(console_sessions).where(console_sessions.c.id_hash == key)).first()
    if row is None:
        return None
    user = user_by_id(conn, row.user_id)
    expired = now - row.last_seen_at > expiry.idle or now - row.created_at > expiry.absolute
    if expired or user is None or not user.active:
        conn.execute(delete(console_sessions).where(console_sessions.c.id_hash == key))
        return None
    seen = row.last_seen_at
    if now - seen >= TOUCH_EVERY:
        seen = now
        conn.execute(
            update(console_sessions)
            .where(console_sessions.c.id_hash == key)
            .values(last_seen_at=now)
        )
    return Session(user, row.csrf_token, row.created_at, seen)


def end_session(conn: Connection, session_id: str | None) -> None:
    """End one session (logout; a stale or unknown id is fine)."""
    if session_id:
        conn.execute(
            delete(console_sessions).where(console_sessions.c.id_hash == _hash(session_id))
        )


def purge_expired(conn: Connection, *, now: datetime, expiry: Expiry) -> int:
    """Delete every expired session and those of disabled users; returns how many."""
    disabled = select(users.c.id).where(users.c.disabled_at.is_not(None))
    result = conn.execute(
        delete(console_sessions).where(
            or_(
                console_sessions.c.last_seen_at < now - expiry.idle,
                console_sessions.c.created_at < now - expiry.absolute,
                console_sessions.c.user_id.in_(disabled),
            )
        )
    )
    return result.rowcount
