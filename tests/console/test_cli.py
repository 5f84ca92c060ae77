"""`amends user add|passwd|role|disable|list` and `amends audit export` on SQLite and PostgreSQL:
passwords from stdin (never argv), changes audited under `cli:<login>`, and bad input as one line
with exit code 2."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select
from tests.console.conftest import PASSWORD

from amends.store.schema import users


@pytest.fixture
def db(store) -> str:
    return store.url


@pytest.fixture
def stdin(monkeypatch):
    def feed(text: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(text))

    return feed


def _users(store) -> dict[str, tuple[str, bool]]:
    with store.connect() as conn:
        rows = conn.execute(select(users.c.name, users.c.role, users.c.disabled_at))
        return {r.name: (r.role, r.disabled_at is None) for r in rows}


def test_add_passwd_role_disable_list(cli, store, db, stdin):
    from amends.store.users import authenticate

    stdin(PASSWORD + "\n")
    r = cli("user", "add", "root", "--role", "admin", "--db", db)
    assert (r.code, r.out.strip()) == (0, "user 'root' added (admin)"), r.err
    stdin(PASSWORD + "\n")
    assert cli("user", "add", "alice", "--db", db).code == 0  # viewer by default
    assert _users(store) == {"root": ("admin", True), "alice": ("viewer", True)}
    stdin("a brand new password\n")
    r = cli("user", "passwd", "alice", "--db", db)
    assert r.code == 0 and "password of 'alice' changed" in r.out
    with store.connect() as conn:
        assert authenticate(conn, "alice", "a brand new password") is not None
        assert authenticate(conn, "alice", PASSWORD) is None
    r = cli("user", "role", "alice", "approver", "--db", db)
    assert (r.code, r.out.strip()) == (0, "user 'alice' is now approver")
    r = cli("user", "disable", "alice", "--db", db)
    assert (r.code, r.out.strip()) == (0, "user 'alice' disabled")
    assert _users(store) == {"root": ("admin", True), "alice": ("approver", False)}
    listing = cli("user", "list", "--db", db).out.splitlines()
    assert (
        listing[0].startswith("alice\tapprover\tdisabled ") and listing[1] == "root\tadmin\tactive"
    )
    r = cli("audit", "export", "--format", "json", "--db", db)
    trail = json.loads(r.out)
    assert [(e["action"], e["object"]) for e in trail] == [
        ("user.add", "user:root"),
        ("user.add", "user:alice"),
        ("user.passwd", "user:alice"),
        ("user.role", "user:alice"),
        ("user.disable", "user:alice"),
    ]
    assert all(e["actor"].startswith("cli:") for e in trail)
    assert PASSWORD not in r.out and "argon2" not in r.out


@pytest.mark.parametrize(
    ("args", "stdin_text", "words"),
    [
        (("user", "add", "bob", "--role", "owner"), PASSWORD, "unknown role 'owner'"),
        (("user", "add", "bob"), "short\n", "password too short"),
        (("user", "add", "bob"), "", "no password on stdin"),
        (("user", "add", "two words"), PASSWORD, "spaces"),
        (("user", "add", "root"), PASSWORD, "a user named 'root' exists"),
        (("user", "passwd", "nobody"), PASSWORD, "no user named 'nobody'"),
        (("user", "role", "nobody", "admin"), "", "no user named 'nobody'"),
        (("user", "role", "root", "boss"), "", "unknown role 'boss'"),
        (("user", "role", "root", "viewer"), "", "'root' is the last admin"),
        (("user", "disable", "root"), "", "'root' is the last admin"),
        (("user", "disable", "nobody"), "", "no user named 'nobody'"),
        (("audit", "export", "--format", "xml"), "", "unknown audit export format 'xml'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli, store, db, stdin, args, stdin_text, words):
    from amends.store.users import add_user

    with store.begin() as conn:
        add_user(conn, "root", "admin", PASSWORD, by="tests")
    before = _users(store)
    stdin(stdin_text)
    r = cli(*args, "--db", db)
    assert r.code == 2, (r.out, r.err)
    assert r.err.count("\n") == 1 and words in r.err, r.err
    assert "Traceback" not in r.err and r.out == ""
    assert _users(store) == before


def test_a_password_on_the_command_line_is_refused(cli, db, stdin):
    stdin(PASSWORD + "\n")
    r = cli("user", "add", "bob", "--password", PASSWORD, "--db", db)
    assert r.code == 2 and "No such option" in r.err


def test_a_missing_store_is_one_line(cli, tmp_path, stdin):
    stdin(PASSWORD + "\n")
    r = cli("user", "add", "bob", "--db", f"sqlite:///{tmp_path}/none.db")
    assert r.code == 2 and r.err.count("\n") == 1 and "amends db upgrade" in r.err


def test_audit_export_to_a_file_matches_the_console_route(console, cli, tmp_path):
    """One function behind both: the file the CLI writes is the body the route sends."""
    browser = console.browser()
    browser.login("admin")
    browser.post(
        "/console/users/role", data={"name": "viewer", "role": "author"} | {"csrf": browser.csrf()}
    )
    for fmt in ("csv", "json"):
        out = tmp_path / f"audit.{fmt}"
        r = cli("audit", "export", "--format", fmt, "-o", out, "--db", console.store.url)
        assert r.code == 0, r.err
        route = browser.get(f"/console/audit/export?format={fmt}")
        assert route.status_code == 200
        assert route.headers["content-disposition"] == f'attachment; filename="amends-audit.{fmt}"'
        assert route.text == out.read_text(encoding="utf-8")
    rows = out.read_text(encoding="utf-8")
    assert "user.role" in rows and "session.login" in rows
