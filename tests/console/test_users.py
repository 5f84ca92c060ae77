"""Accounts in the store (SQLite and PostgreSQL): Argon2id hashes, the role ladder, the last
admin kept, sessions ended by a password change or disabling, and every change audited."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from tests.console.conftest import PASSWORD

from amends.errors import InputError
from amends.store.audit import entries
from amends.store.schema import users
from amends.store.sessions import Expiry, find_session, start_session
from amends.store.users import (
    add_user,
    authenticate,
    disable_user,
    get_user,
    hash_password,
    password_matches,
    set_password,
    set_role,
)

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def test_passwords_are_hashed_with_argon2id_at_the_default_cost(real_hasher):
    digest = hash_password(PASSWORD)
    assert digest.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert password_matches(digest, PASSWORD)


def test_stored_hash_is_argon2id_and_never_the_password(store):
    with store.begin() as conn:
        add_user(conn, "alice", "author", PASSWORD, by="tests")
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert password_matches(stored, PASSWORD)
    assert not password_matches(stored, PASSWORD + "!")
    assert not password_matches("not a hash", PASSWORD)
    assert hash_password(PASSWORD) != hash_password(PASSWORD)  # salted


def test_authenticate(store):
    with store.begin() as conn:
        add_user(conn, "alice", "author", PASSWORD, by="tests")
        assert authenticate(conn, "alice", PASSWORD).name == "alice"
        assert authenticate(conn, " alice ", PASSWORD).name == "alice"
        assert authenticate(conn, "alice", "wrong password!") is None
        assert authenticate(conn, "bob", PASSWORD) is None
        disable_user(conn, "alice", by="tests")
        assert authenticate(conn, "alice", PASSWORD) is None


@pytest.mark.parametrize(
    ("name", "role", "password", "words"),
    [
        ("", "viewer", PASSWORD, "user name"),
        ("two words", "viewer", PASSWORD, "spaces"),
        ("cli:root", "viewer", PASSWORD, "colons"),
        ("a\u202eb", "viewer", PASSWORD, "direction-changing"),
        ("x" * 101, "viewer", PASSWORD, "1 to 100"),
        ("alice", "owner", PASSWORD, "unknown role"),
        ("alice", "viewer", "short", "too short"),
    ],
)
def test_bad_accounts_are_refused_with_the_fix(store, name, role, password, words):
    with pytest.raises(InputError, match=words), store.begin() as conn:
        add_user(conn, name, role, password, by="tests")
    with store.connect() as conn:
        assert conn.execute(select(users)).first() is None


def test_names_are_unique(store):
    with store.begin() as conn:
        add_user(conn, "alice", "author", PASSWORD, by="tests")
    with pytest.raises(InputError, match="exists"), store.begin() as conn:
        add_user(conn, "alice", "admin", PASSWORD, by="tests")


def test_role_ladder(store):
    with store.begin() as conn:
        for role in ("viewer", "author", "approver", "admin"):
            add_user(conn, role, role, PASSWORD, by="tests")
        people = {r: get_user(conn, r) for r in ("viewer", "author", "approver", "admin")}
    allowed = {
        (who, need)
        for who, user in people.items()
        for need in ("viewer", "author", "approver", "admin")
        if user.can(need)
    }
    assert allowed == {
        ("viewer", "viewer"),
        ("author", "viewer"),
        ("author", "author"),
        ("approver", "viewer"),
        ("approver", "author"),
        ("approver", "approver"),
        ("admin", "viewer"),
        ("admin", "author"),
        ("admin", "approver"),
        ("admin", "admin"),
    }


def test_the_last_admin_stays(store):
    with store.begin() as conn:
        add_user(conn, "root", "admin", PASSWORD, by="tests")
    with pytest.raises(InputError, match="last admin"), store.begin() as conn:
        set_role(conn, "root", "viewer", by="tests")
    with pytest.raises(InputError, match="last admin"), store.begin() as conn:
        disable_user(conn, "root", by="tests")
    with store.begin() as conn:
        add_user(conn, "second", "admin", PASSWORD, by="tests")
        set_role(conn, "root", "viewer", by="tests")
        assert get_user(conn, "root").role == "viewer"


def test_password_change_and_disabling_end_sessions(store):
    expiry = Expiry()
    with store.begin() as conn:
        alice = add_user(conn, "alice", "author", PASSWORD, by="tests")
        sid, _ = start_session(conn, alice, now=NOW)
        assert find_session(conn, sid, now=NOW, expiry=expiry).user.name == "alice"
        set_password(conn, "alice", "another long password", by="tests")
        assert find_session(conn, sid, now=NOW, expiry=expiry) is None
        assert authenticate(conn, "alice", "another long password") is not None
        sid, _ = start_session(conn, alice, now=NOW)
        disable_user(conn, "alice", by="tests")
        assert find_session(conn, sid, now=NOW, expiry=expiry) is None


def test_every_user_change_is_audited_without_secrets(store):
    with store.begin() as conn:
        add_user(conn, "root", "admin", PASSWORD, by="cli:ops", now=NOW)
        add_user(conn, "alice", "author", PASSWORD, by="root")
        set_role(conn, "alice", "approver", by="root")
        set_role(conn, "alice", "approver", by="root")  # no change: nothing recorded
        set_password(conn, "alice", "another long password", by="alice")
        disable_user(conn, "alice", by="root")
        disable_user(conn, "alice", by="root")  # already disabled: nothing recorded
        trail = list(reversed(entries(conn)))
    assert [(e.actor, e.action, e.object) for e in trail] == [
        ("cli:ops", "user.add", "user:root"),
        ("root", "user.add", "user:alice"),
        ("root", "user.role", "user:alice"),
        ("alice", "user.passwd", "user:alice"),
        ("root", "user.disable", "user:alice"),
    ]
    assert trail[0].at == NOW and trail[0].before is None
    assert trail[0].after == {"name": "root", "role": "admin", "disabled": False}
    assert trail[2].before["role"] == "author" and trail[2].after["role"] == "approver"
    assert trail[4].before["disabled"] is False and trail[4].after["disabled"] is True
    text = repr(trail)
    assert "argon2" not in text and PASSWORD not in text and "another long" not in text
