"""Console sessions over real HTTP: the cookie's attributes, a new id at every login (no
fixation), idle and absolute expiry on the injected clock, CSRF tokens on every unsafe request,
login throttling per account and per address (429), and the security headers."""

from __future__ import annotations

from sqlalchemy import func, select
from tests.console.conftest import LIMITS, PASSWORD

from amends.store.schema import audit_trail, console_sessions, users


def _count(console, table) -> int:
    with console.store.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_session_cookie_is_secure_httponly_samesite_and_host_only(console):
    browser = console.browser()
    r = browser.login("viewer")
    assert r.status_code == 303 and r.headers["location"] == "/console/"
    cookie = next(c for c in browser.last_set if c.startswith("__Host-amends-console="))
    attributes = {a.strip().split("=")[0].lower() for a in cookie.split(";")[1:]}
    assert {"httponly", "secure", "samesite", "path", "max-age"} <= attributes
    assert "samesite=lax" in cookie.lower() and "path=/" in cookie.lower()
    assert "domain" not in attributes
    # only a hash of the id is stored
    with console.store.connect() as conn:
        stored = conn.execute(select(console_sessions.c.id_hash)).scalars().all()
    assert browser.session_id not in stored and len(stored) == 1


def test_login_gives_a_new_session_id_never_the_planted_one(console):
    """Session fixation: an id set before login (by an attacker or an earlier session) is never
    the session after login; the earlier session ends."""
    browser = console.browser()
    planted = "planted-by-an-attacker-0123456789abcdef"
    browser.cookies["__Host-amends-console"] = planted
    assert browser.login("author").status_code == 303
    first = browser.session_id
    assert first and first != planted
    assert browser.get("/console/").status_code == 200
    attacker = console.browser()
    attacker.cookies["__Host-amends-console"] = planted
    assert attacker.get("/console/").status_code == 303
    # logging in again (even as someone else) rotates the id and ends the earlier session
    assert browser.login("admin").status_code == 303
    second = browser.session_id
    assert second not in (first, planted)
    stale = console.browser()
    stale.cookies["__Host-amends-console"] = first
    assert stale.get("/console/").status_code == 303
    assert _count(console, console_sessions) == 1


def test_idle_session_expires(console):
    idle = console.settings.expiry.idle
    browser = console.browser()
    browser.login("viewer")
    console.clock.advance(seconds=idle.total_seconds() - 60)
    assert browser.get("/console/").status_code == 200  # a request keeps it alive
    console.clock.advance(seconds=idle.total_seconds() - 60)
    assert browser.get("/console/").status_code == 200
    console.clock.advance(seconds=idle.total_seconds() + 1)
    r = browser.get("/console/")
    assert r.status_code == 303 and r.headers["location"] == "/console/login"
    assert _count(console, console_sessions) == 0  # the expired session is deleted
    assert browser.post("/console/logout", data={"csrf": "anything"}).status_code == 401


def test_absolute_expiry_ends_even_a_busy_session(console):
    expiry = console.settings.expiry
    browser = console.browser()
    browser.login("viewer")
    step = expiry.idle / 2
    elapsed = step * 0  # since login
    while elapsed + step < expiry.absolute:
        console.clock.advance(seconds=step.total_seconds())
        elapsed += step
        assert browser.get("/console/").status_code == 200, f"refused after {elapsed}"
    console.clock.advance(seconds=(expiry.absolute - elapsed).total_seconds() + 1)
    assert browser.get("/console/").status_code == 303
    assert browser.login("viewer").status_code == 303  # logging in again starts a new one


def test_unsafe_requests_without_the_sessions_csrf_token_are_refused(console):
    admin = console.browser()
    admin.login("admin")
    other = console.browser()
    other.login("approver")
    form = {"name": "mallory", "role": "admin", "password": PASSWORD}
    for token in (None, "", "forged", other.csrf()):
        data = dict(form) if token is None else form | {"csrf": token}
        r = admin.post("/console/users", data=data)
        assert r.status_code == 403, token
        assert "Form expired" in r.text
    r = admin.post("/console/users/disable", data={"name": "viewer"})
    assert r.status_code == 403
    r = admin.post("/console/logout", data={})
    assert r.status_code == 403 and admin.get("/console/").status_code == 200
    with console.store.connect() as conn:
        names = set(conn.execute(select(users.c.name)).scalars())
        disabled = conn.execute(select(users.c.name).where(users.c.disabled_at.is_not(None)))
        assert "mallory" not in names and disabled.first() is None
    ok = admin.post("/console/users", data=form | {"csrf": admin.csrf()})
    assert ok.status_code == 303


def test_the_login_form_needs_its_token_too(console):
    browser = console.browser()
    r = browser.post("/console/login", data={"name": "admin", "password": PASSWORD})
    assert r.status_code == 403 and browser.session_id is None
    browser.get("/console/login")
    r = browser.post("/console/login", data={"name": "admin", "password": PASSWORD, "csrf": "x"})
    assert r.status_code == 403 and browser.session_id is None


def test_login_errors_are_shown_at_the_field(console):
    browser = console.browser()
    token = browser.csrf("/console/login")
    r = browser.post("/console/login", data={"name": "", "password": "", "csrf": token})
    assert r.status_code == 422
    assert 'aria-describedby="name-error"' in r.text and 'id="password-error"' in r.text
    r = browser.login("admin", "wrong password here")
    assert r.status_code == 401
    assert 'id="password-error"' in r.text and "Wrong user name or password." in r.text
    assert 'value="admin"' in r.text  # the name is kept, the password is not
    assert "wrong password here" not in r.text
    r = browser.login("nobody-at-all", PASSWORD)
    assert r.status_code == 401 and "Wrong user name or password." in r.text


def test_failed_logins_are_throttled_per_account(console):
    browser = console.browser()
    for _ in range(LIMITS.per_account):
        assert browser.login("admin", "not the password").status_code == 401
    r = browser.login("admin")  # even the right password waits
    assert r.status_code == 429
    assert 0 < int(r.headers["retry-after"]) <= LIMITS.window.total_seconds() + 1
    assert "Too many failed logins" in r.text and browser.session_id is None
    assert browser.login("author").status_code == 303  # other accounts are not locked out
    console.clock.advance(seconds=LIMITS.window.total_seconds() + 1)
    assert browser.login("admin").status_code == 303


def test_failed_logins_are_throttled_per_address(console):
    browser = console.browser()
    for i in range(LIMITS.per_address):
        name = ("viewer", "author", "approver")[i % 3]
        assert browser.login(name, "not the password").status_code == 401
    r = browser.login("admin")
    assert r.status_code == 429 and "retry-after" in r.headers


def test_a_successful_login_clears_the_accounts_count(console):
    browser = console.browser()
    for _ in range(LIMITS.per_account - 1):
        browser.login("author", "not the password")
    assert browser.login("author").status_code == 303
    for _ in range(LIMITS.per_account - 1):
        assert browser.login("author", "not the password").status_code == 401


def test_console_responses_carry_the_security_headers(console):
    browser = console.browser()
    answers = [
        browser.get("/console/login"),
        browser.get("/console/"),  # redirect
        browser.post("/console/users", data={}),  # 401
        browser.get("/console/nothing-here"),  # 404
    ]
    browser.login("viewer")
    answers += [browser.get("/console/"), browser.get("/console/users")]  # 200, 403
    assert [a.status_code for a in answers] == [200, 303, 401, 404, 200, 403]
    for a in answers:
        csp = a.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "script-src" not in csp and "unsafe" not in csp
        assert a.headers["x-content-type-options"] == "nosniff"
        assert a.headers["x-frame-options"] == "DENY"
        assert a.headers["referrer-policy"] == "same-origin"
        assert a.headers["cache-control"] == "no-store"
    assert "strict-transport-security" not in answers[0].headers  # the tests' site is http


def test_logins_and_logouts_are_in_the_audit_trail(console):
    browser = console.browser()
    browser.login("approver")
    browser.post("/console/logout", data={"csrf": browser.csrf()})
    with console.store.connect() as conn:
        rows = conn.execute(
            select(audit_trail.c.actor, audit_trail.c.action).where(
                audit_trail.c.action.like("session.%")
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("approver", "session.login"),
        ("approver", "session.logout"),
    ]
