"""People of the console: accounts with a role, passwords hashed with Argon2id, disabled rather
than deleted (the audit trail keeps naming them). Every change is recorded in the audit trail in
the same transaction.

Roles form a ladder (viewer < author < approver < admin): each may do what the ones below may.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, func, insert, select, update

from amends.errors import InputError
from amends.store.audit import record
from amends.store.schema import ROLES, console_sessions, users
from amends.store.types import utcnow

if TYPE_CHECKING:
    from argon2 import PasswordHasher

#: The longest user name (names are shown in the console and the audit trail).
MAX_NAME = 100
#: Password length bounds: long enough to resist guessing; short enough to hash cheaply.
MIN_PASSWORD = 12
MAX_PASSWORD = 1024
_HIDDEN = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs")  # control, format, separators, spaces


@dataclass(frozen=True)
class User:
    """An account, without its password hash."""

    id: int
    name: str
    role: str
    created_at: datetime
    updated_at: datetime
    disabled_at: datetime | None

    @property
    def active(self) -> bool:
        """True until disabled."""
        return self.disabled_at is None

    def can(self, role: str) -> bool:
        """True when this user's role is `role` or above it on the ladder (and not disabled)."""
        return self.active and ROLES.index(self.role) >= ROLES.index(role)

    def audit_view(self) -> dict[str, Any]:
        """What the audit trail keeps of the account (never the hash)."""
        return {"name": self.name, "role": self.role, "disabled": not self.active}


@cache
def hasher() -> PasswordHasher:
    """Argon2id with argon2-cffi's defaults (RFC 9106's low-memory profile)."""
    from argon2 import PasswordHasher, Type

    return PasswordHasher(type=Type.ID)


def hash_password(password: str) -> str:
    """The Argon2id PHC string (`$argon2id$v=19$m=...`) of a password that meets the policy."""
    check_password(password)
    return hasher().hash(password)


def password_matches(stored: str, password: str) -> bool:
    """True when `password` matches the stored Argon2id hash (any malformed hash: False)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    """A hash verified for unknown names, so a wrong name takes as long as a wrong password."""
    return hasher().hash("not a password of anyone")


def check_name(name: str) -> str:
    """The name, stripped; InputError when empty, too long, or holding spaces, colons, slashes
    or hidden characters (names appear in the audit trail beside `cli:` and `token:` actors)."""
    shown = ascii(name[:40]) + ("..." if len(name) > 40 else "")
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise InputError(f"user name {shown}: give 1 to {MAX_NAME} characters, e.g. alice")
    if any(unicodedata.category(ch) in _HIDDEN or ch in ":/" for ch in name):
        raise InputError(
            f"user name {shown} holds spaces, colons, slashes, control or direction-changing "
            "characters; use letters, digits, dots and dashes, e.g. alice.smith"
        )
    return name


def check_role(role: str) -> str:
    """The role; InputError naming the roles otherwise."""
    if role not in ROLES:
        raise InputError(f"unknown role {role!r}; use one of: {', '.join(ROLES)}")
    return role


def check_password(password: str) -> str:
    """The password; InputError when shorter than MIN_PASSWORD or longer than MAX_PASSWORD."""
    if len(password) < MIN_PASSWORD:
        raise InputError(f"password too short: give at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise InputError(f"password too long: give at most {MAX_PASSWORD} characters")
    return password


def _user(row: Row) -> User:
    return User(
        id=row.id,
        name=row.name,
        role=row.role,
        created_at=row.created_at,
        updated_at=row.updated_at,
        disabled_at=row.disabled_at,
    )


def get_user(conn: Connection, name: str) -> User | None:
    """The account called `name`, or None."""
    row = conn.execute(select(users).where(users.c.name == name)).first()
    return None if row is None else _user(row)


def user_by_id(conn: Connection, user_id: int) -> User | None:
    """The account with this id, or None."""
    row = conn.execute(select(users).where(users.c.id == user_id)).first()
    return None if row is None else _user(row)


def list_users(conn: Connection) -> list[User]:
    """Every account, by name."""
    return [_user(r) for r in conn.execute(select(users).order_by(users.c.name))]


def _existing(conn: Connection, name: str) -> User:
    found = get_user(conn, name)
    if found is None:
        raise InputError(f"no user named {name!r}; see `amends user list`")
    return found


def _active_admins(conn: Connection) -> int:
    query = select(func.count()).where(users.c.role == "admin", users.c.disabled_at.is_(None))
    return conn.execute(query).scalar_one()


def add_user(
    conn: Connection,
    name: str,
    role: str,
    password: str,
    *,
    by: str,
    now: datetime | None = None,
) -> User:
    """Create an account; InputError for a taken name, an unknown role or a weak password."""
    name, role = check_name(name), check_role(role)
    if get_user(conn, name) is not None:
        raise InputError(f"a user named {name!r} exists; choose another name")
    moment = now or utcnow()
    conn.execute(
        insert(users).values(
            name=name,
            role=role,
            password_hash=hash_password(password),
            created_at=moment,
            updated_at=moment,
        )
    )
    user = _existing(conn, name)
    record(
        conn, actor=by, action="user.add", object=f"user:{name}", after=user.audit_view(), at=moment
    )
    return user


def set_password(
    conn: Connection, name: str, password: str, *, by: str, now: datetime | None = None
) -> User:
    """Replace an account's password; its sessions end (whoever held them must log in again)."""
    user = _existing(conn, name)
    digest = hash_password(password)
    moment = now or utcnow()
    conn.execute(
        update(users).where(users.c.id == user.id).values(password_hash=digest, updated_at=moment)
    )
    conn.execute(console_sessions.delete().where(console_sessions.c.user_id == user.id))
    record(
        conn,
        actor=by,
        action="user.passwd",
        object=f"user:{name}",
        after={"password": "changed"},
        at=moment,
    )
    return _existing(conn, name)


def set_role(
    conn: Connection, name: str, role: str, *, by: str, now: datetime | None = None
) -> User:
    """Give an account another role; the last active admin keeps theirs (InputError)."""
    role = check_role(role)
    user = _existing(conn, name)
    if user.role == role:
        return user
    if user.role == "admin" and user.active and _active_admins(conn) <= 1:
        raise InputError(f"{name!r} is the last admin; make another admin first")
    moment = now or utcnow()
    conn.execute(update(users).where(users.c.id == user.id).values(role=role, updated_at=moment))
    after = _existing(conn, name)
    record(
        conn,
        actor=by,
        action="user.role",
        object=f"user:{name}",
        before=user.audit_view(),
        after=after.audit_view(),
        at=moment,
    )
    return after


def disable_user(conn: Connection, name: str, *, by: str, now: datetime | None = None) -> User:
    """Disable an account at once: it cannot log in and its sessions end; the last active admin
    stays (InputError). Disabling a disabled account changes nothing."""
    user = _existing(conn, name)
    if not user.active:
        return user
    if user.role == "admin" and _active_admins(conn) <= 1:
        raise InputError(f"{name!r} is the last admin; make another admin first")
    moment = now or utcnow()
    conn.execute(
        update(users).where(users.c.id == user.id).values(disabled_at=moment, updated_at=moment)
    )
    conn.execute(console_sessions.delete().where(console_sessions.c.user_id == user.id))
    after = _existing(conn, name)
    record(
        conn,
        actor=by,
        action="user.disable",
        object=f"user:{name}",
        before=user.audit_view(),
        after=after.audit_view(),
        at=moment,
    )
    return after


def authenticate(conn: Connection, name: str, password: str) -> User | None:
    """The active account when `name` and `password` match, else None (an unknown name costs as
    much time as a wrong password). A hash made with weaker parameters is upgraded."""
    if len(password) > MAX_PASSWORD:
        return None
    row = conn.execute(select(users).where(users.c.name == name.strip())).first()
    if row is None:
        password_matches(_dummy_hash(), password)
        return None
    if not password_matches(row.password_hash, password) or row.disabled_at is not None:
        return None
    if hasher().check_needs_rehash(row.password_hash):
        conn.execute(
            update(users).where(users.c.id == row.id).values(password_hash=hasher().hash(password))
        )
    return _user(row)
