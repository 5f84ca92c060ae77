"""API tokens: shown once, stored hashed, verified, revoked; and the `amends token` commands."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from amends.errors import InputError
from amends.store import Store, open_store
from amends.store.audit import entries
from amends.store.schema import api_tokens
from amends.store.testing import create_store
from amends.store.tokens import create_token, hash_token, list_tokens, revoke_token, verify_token


def test_create_stores_only_the_hash(store: Store) -> None:
    with store.begin() as conn:
        new = create_token(conn, "status-bot")
    with store.connect() as conn:
        row = conn.execute(select(api_tokens)).one()
    assert new.token.startswith("amd_") and len(new.token) > 40
    assert row.token_hash == hash_token(new.token) and new.token not in row
    assert row.prefix == new.token[:8]


def test_verify_scope_touch_and_revoke(store: Store) -> None:
    with store.begin() as conn:
        admin = create_token(conn, "ops")
        reader = create_token(conn, "widget", scopes=["read"])
    with store.begin() as conn:
        info = verify_token(conn, admin.token, scope="publish")
        assert info is not None and info.name == "ops"
        assert verify_token(conn, reader.token, scope="publish") is None
        assert verify_token(conn, reader.token, scope="read") is not None
        assert verify_token(conn, admin.token[:-1] + "x") is None
        assert verify_token(conn, "") is None
    with store.connect() as conn:
        used = {t.name: t.last_used_at for t in list_tokens(conn)}
    assert used["ops"] is not None and used["ops"] - info.created_at < timedelta(hours=1)
    with store.begin() as conn:
        assert revoke_token(conn, "ops", by="test") == 1
        assert revoke_token(conn, "ops", by="test") == 0
        assert verify_token(conn, admin.token) is None
        assert [t.name for t in list_tokens(conn, include_revoked=False)] == ["widget"]


def test_bad_scope_and_name(store: Store) -> None:
    with store.begin() as conn:
        with pytest.raises(InputError, match="scope"):
            create_token(conn, "x", scopes=["root"])
        with pytest.raises(InputError, match="name"):
            create_token(conn, "  ")
        with pytest.raises(InputError, match="control"):
            create_token(conn, "bot\u202e\x07")


def test_token_commands(cli, store_url: str) -> None:
    created = cli("token", "create", "bot", "--db", create_store(store_url))
    assert created.code == 0, created.err
    token = created.out.strip()
    assert token.startswith("amd_") and "not shown again" in created.err
    listed = cli("token", "list", "--db", store_url)
    assert listed.code == 0 and "bot" in listed.out and token not in listed.out
    assert cli("token", "revoke", "bot", "--db", store_url).code == 0
    again = cli("token", "revoke", "bot", "--db", store_url)
    assert again.code == 2 and "no active token" in again.err
    store = open_store(store_url)
    try:
        with store.connect() as conn:
            trail = [(e.action, e.actor) for e in entries(conn)]
    finally:
        store.close()
    assert sorted(a for a, _ in trail) == ["token.create", "token.revoke"]
    assert all(who.startswith("cli:") for _, who in trail)
