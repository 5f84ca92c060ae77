"""API tokens for the admin API: created once (shown once), stored as a sha256 hash, revocable.

A token is `amd_` plus 43 random URL-safe characters; only its sha256 hex digest and its first
8 characters (to recognise it in a list) are stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Row, insert, or_, select, update

from amends.errors import InputError
from amends.store.schema import api_tokens
from amends.store.types import utcnow

TOKEN_PREFIX = "amd_"
#: Scopes a token can carry; "admin" allows every admin operation.
SCOPES = ("admin", "publish", "read")
#: `last_used_at` is refreshed at most this often (a verify is then read-only).
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class TokenInfo:
    """A stored token, without the secret."""

    id: int
    name: str
    prefix: str | None
    scopes: tuple[str, ...]
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        """True until revoked."""
        return self.revoked_at is None

    def allows(self, scope: str) -> bool:
        """True when the token carries `scope` (or "admin", which carries every scope)."""
        return scope in self.scopes or "admin" in self.scopes


@dataclass(frozen=True)
class NewToken:
    """A freshly created token: `token` is the secret, shown once and never stored."""

    info: TokenInfo
    token: str


def hash_token(token: str) -> str:
    """The sha256 hex digest stored for `token`."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _info(row: Row) -> TokenInfo:
    return TokenInfo(
        id=row.id,
        name=row.name,
        prefix=row.prefix,
        scopes=tuple(row.scopes.split()),
        created_at=row.created_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )


def _scopes(scopes: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(s.strip() for s in scopes if s.strip()))
    unknown = [s for s in wanted if s not in SCOPES]
    if unknown or not wanted:
        raise InputError(
            f"unknown token scope {unknown or wanted}; use one of: {', '.join(SCOPES)}"
        )
    return wanted


#: The longest token name: names are shown in terminals and on the admin page.
MAX_NAME = 100
_HIDDEN = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")  # control, format (bidi, zero-width), ...


def check_token_name(name: str) -> str:
    """The name, stripped; InputError when it is empty, longer than MAX_NAME characters, or
    holds control, format (bidi overrides, zero-width) or line-separator characters."""
    shown = ascii(name[:40]) + ("..." if len(name) > 40 else "")
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise InputError(f"token name {shown}: give 1 to {MAX_NAME} characters, e.g. status-bot")
    if any(unicodedata.category(ch) in _HIDDEN for ch in name):
        raise InputError(
            f"token name {shown} holds control or direction-changing characters; use letters, "
            "digits and dashes, e.g. status-bot"
        )
    return name


def create_token(
    conn: Connection,
    name: str,
    *,
    scopes: Iterable[str] = ("admin",),
    now: datetime | None = None,
) -> NewToken:
    """Create a token called `name`; returns the secret once (only its hash is stored)."""
    name = check_token_name(name)
    granted = _scopes(scopes)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    created = now or utcnow()
    new_id = conn.execute(
        insert(api_tokens)
        .values(
            name=name,
            token_hash=hash_token(token),
            prefix=token[:8],
            scopes=" ".join(granted),
            created_at=created,
        )
        .returning(api_tokens.c.id)
    ).scalar_one()
    info = TokenInfo(new_id, name, token[:8], granted, created, None, None)
    return NewToken(info=info, token=token)


def verify_token(
    conn: Connection,
    token: str | None,
    *,
    scope: str | None = None,
    now: datetime | None = None,
) -> TokenInfo | None:
    """The active token matching `token` (and allowing `scope`), else None.

    The stored hash is compared in constant time; `last_used_at` is refreshed (at most once a
    minute), so call it inside a write transaction.
    """
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    digest = hash_token(token)
    row = conn.execute(select(api_tokens).where(api_tokens.c.token_hash == digest)).first()
    if row is None or not hmac.compare_digest(row.token_hash, digest) or row.revoked_at:
        return None
    info = _info(row)
    if scope is not None and not info.allows(scope):
        return None
    moment = now or utcnow()
    if info.last_used_at is None or moment - info.last_used_at >= TOUCH_EVERY:
        conn.execute(
            update(api_tokens).where(api_tokens.c.id == info.id).values(last_used_at=moment)
        )
    return info


def list_tokens(conn: Connection, *, include_revoked: bool = True) -> list[TokenInfo]:
    """Every token (oldest first), without secrets."""
    query = select(api_tokens).order_by(api_tokens.c.id)
    if not include_revoked:
        query = query.where(api_tokens.c.revoked_at.is_(None))
    return [_info(r) for r in conn.execute(query)]


def revoke_token(conn: Connection, name_or_id: str, *, by: str, now: datetime | None = None) -> int:
    """Revoke the active token(s) with this name, id or prefix, each recorded in the audit trail
    as `token.revoke` by `by`; returns how many were revoked."""
    key = name_or_id.strip()
    match = [api_tokens.c.name == key, api_tokens.c.prefix == key]
    if key.isdigit():
        match.append(api_tokens.c.id == int(key))
    ids = conn.execute(
        select(api_tokens.c.id)
        .where(or_(*match), api_tokens.c.revoked_at.is_(None))
        .order_by(api_tokens.c.id)
    ).scalars()
    return len([withdraw_token(conn, token_id, by=by, now=now) for token_id in list(ids)])


def _audit_view(info: TokenInfo) -> dict[str, object]:
    """What the audit trail keeps of a token (never the secret or its hash)."""
    return {
        "name": info.name,
        "prefix": info.prefix,
        "scopes": list(info.scopes),
        "revoked": info.revoked_at is not None,
    }


def issue_token(
    conn: Connection,
    name: str,
    *,
    scopes: Iterable[str],
    by: str,
    now: datetime | None = None,
) -> NewToken:
    """`create_token`, recorded in the audit trail as `token.create` by `by` (the console)."""
    from amends.store.audit import record

    new = create_token(conn, name, scopes=scopes, now=now)
    record(
        conn,
        actor=by,
        action="token.create",
        object=f"token:{new.info.id}",
        after=_audit_view(new.info),
        at=new.info.created_at,
    )
    return new


def withdraw_token(
    conn: Connection, token_id: int, *, by: str, now: datetime | None = None
) -> TokenInfo:
    """Revoke the token with this id (exactly that one), recorded in the audit trail as
    `token.revoke`; InputError when there is no such token. A revoked token stays revoked."""
    row = conn.execute(select(api_tokens).where(api_tokens.c.id == token_id)).first()
    if row is None:
        raise InputError(f"no token with id {token_id}; see `amends token list`")
    before = _info(row)
    if not before.active:
        return before
    moment = now or utcnow()
    conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(revoked_at=moment))
    after = _info(conn.execute(select(api_tokens).where(api_tokens.c.id == token_id)).one())
    from amends.store.audit import record

    record(
        conn,
        actor=by,
        action="token.revoke",
        object=f"token:{token_id}",
        before=_audit_view(before),
        after=_audit_view(after),
        at=moment,
    )
    return after
