"""Admin API authentication: bearer tokens checked against the store's `api_tokens` table
(sha256-hashed, revocable; `amends.store.tokens` creates and lists them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from amends.store import Store


def create_token(store: Store, name: str, *, scopes: tuple[str, ...] = ("admin",)) -> str:
    """A new token called `name`; returns the plain token (shown once, only its hash is kept)."""
    from amends.store.tokens import create_token as _create

    with store.begin() as conn:
        return _create(conn, name, scopes=scopes).token


def verify_token(store: Store, token: str, *, scope: str = "admin") -> str | None:
    """The token's name when it is active and allows `scope`, else None."""
    from amends.store.tokens import verify_token as _verify

    if not token:
        return None
    with store.begin() as conn:
        info = _verify(conn, token, scope=scope)
    return info.name if info else None
