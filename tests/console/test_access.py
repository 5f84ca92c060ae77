"""Every console route against every role and against no session, over real HTTP on SQLite and
PostgreSQL: only what the role allows; no session: pages redirect to the login page, unsafe
requests get 401; a role below the route's: 403."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import insert, select
from tests.console.conftest import PASSWORD, ROLES

from amends.store.audit import entries
from amends.store.schema import api_tokens, components, notify_subscriptions, outbox, users

NEW_PASSWORD = "a new password for the table"


@dataclass(frozen=True)
class Route:
    """A console route, the least role it needs, and a form that does its job."""

    method: str
    path: str
    role: str
    form: tuple[tuple[str, str], ...] = ()


#: Every console route behind the login (logout last: it ends the session).
ROUTES = (
    Route("GET", "/console/", "viewer"),
    Route("GET", "/console/logout", "viewer"),
    Route("GET", "/console/account", "viewer"),
    Route("GET", "/console/users", "admin"),
    Route("GET", "/console/audit", "admin"),
    Route("GET", "/console/audit/export?format=csv", "admin"),
    Route("GET", "/console/audit/export?format=json", "admin"),
    Route(
        "POST",
        "/console/users",
        "admin",
        (("name", "newcomer"), ("role", "author"), ("password", PASSWORD)),
    ),
    Route("POST", "/console/users/role", "admin", (("name", "author"), ("role", "approver"))),
    Route("POST", "/console/users/disable", "admin", (("name", "viewer"),)),
    Route(
        "POST",
        "/console/account",
        "viewer",
        (("current", PASSWORD), ("password", NEW_PASSWORD), ("again", NEW_PASSWORD)),
    ),
    Route("GET", "/console/tokens", "admin"),
    Route("GET", "/console/incidents", "viewer"),
    Route("GET", "/console/incidents/{incident_id}", "viewer"),
    Route("GET", "/console/incidents/{incident_id}?stage=update", "viewer"),
    Route("GET", "/console/submissions/{submission_id}", "viewer"),
    Route(
        "POST",
        "/console/incidents/{incident_id}/facts",
        "author",
        (("symptom", "calls end with a fast busy tone"),),
    ),
    Route(
        "POST",
        "/console/incidents/{incident_id}/drafts",
        "author",
        (
            ("stage", "update"),
            ("channel", "web"),
            ("locale", "en"),
            ("audience", "public"),
            ("text", "{update_text}"),
        ),
    ),
    Route(
        "POST",
        "/console/incidents/{incident_id}/submit",
        "author",
        (("stage", "update"), ("channel", "web")),
    ),
    Route(
        "POST",
        "/console/incidents/{incident_id}/affected-link",
        "author",
        (("subscriber", "sub-000417"),),
    ),
    Route(
        "POST",
        "/console/incidents/{incident_id}/restored",
        "author",
        (("restored_at", "2026-12-03T08:59"),),
    ),
    Route("POST", "/console/submissions/{submission_id}/approve", "approver"),
    Route(
        "POST",
        "/console/submissions/{returned_id}/return",
        "approver",
        (("comment", "name the exchange"),),
    ),
    Route("POST", "/console/tokens", "admin", (("name", "status-bot"), ("scope", "read"))),
    Route("POST", "/console/tokens/revoke", "admin", (("id", "1"),)),
    Route("GET", "/console/subscribers", "admin"),
    Route("GET", "/console/subscribers?q=example", "admin"),
    Route("GET", "/console/subscribers/export?format=csv", "admin"),
    Route("GET", "/console/subscribers/export?format=json", "admin"),
    Route("POST", "/console/subscribers/remove", "admin", (("id", "1"),)),
    Route("GET", "/console/maintenances", "viewer"),
    Route("GET", "/console/maintenances/{maintenance_id}", "viewer"),
    Route(
        "POST",
        "/console/maintenances",
        "author",
        (
            ("id", "table-new"),
            ("components", "table:one"),
            ("start", "2026-12-20T01:00"),
            ("end", "2026-12-20T02:00"),
            ("zone", "UTC"),
            ("title-en", "Planned work"),
            ("body-en", "Calls may drop for a minute."),
        ),
    ),
    Route("POST", "/console/maintenances/{maintenance_id}/announce", "author"),
    Route("POST", "/console/maintenances/{maintenance_id}/remind", "author"),
    Route("POST", "/console/maintenances/{maintenance_id}/start", "author"),
    Route("POST", "/console/maintenances/{maintenance_id}/complete", "author"),
    Route("POST", "/console/maintenances/{cancel_id}/cancel", "author"),
    Route("POST", "/console/logout", "viewer"),
)


def test_the_table_holds_every_console_route(console):
    """A route added to the console without a row here fails this test."""
    from tests.web.conftest import settings_for_tests

    from amends.web.console.maintenance import maintenance_router
    from amends.web.console.routes import console_router
    from amends.web.console.subscribers import subscribers_router

    served = set()
    for make in (console_router, subscribers_router, maintenance_router):
        router = make(console.store, settings_for_tests(), console.settings)
        served |= {(m, r.path) for r in router.routes for m in getattr(r, "methods", ())}
    listed = {(r.method, _template(r.path)) for r in ROUTES}
    public = {("GET", "/console/login"), ("POST", "/console/login")}
    assert served == listed | public


def _template(path: str) -> str:
    """The path as the router declares it (the table names concrete steps and objects)."""
    path = path.split("?")[0].replace("{returned_id}", "{submission_id}")
    path = path.replace("{cancel_id}", "{maintenance_id}")
    return re.sub(r"(/maintenances/\{maintenance_id\})/\w+$", r"\1/{step}", path)


def _maintenances(console) -> dict[str, str]:
    """Each maintenance's status and when it was announced, and the outbox's keys."""
    from amends.publish.maintenance import list_maintenances

    with console.store.connect() as conn:
        out = {m["id"]: f"{m['status']} {m['announced_at']}" for m in list_maintenances(conn)}
        keys = conn.execute(select(outbox.c.idempotency_key).order_by(outbox.c.id)).scalars()
        out["outbox"] = " ".join(keys)
    return out


def _workspace(console) -> dict[str, str]:
    """An incident opened by the watcher with its facts complete, its acknowledgement submitted by
    another author (to approve), a later stage submitted too (to send back), and the text of its
    update draft; the values the table's paths and forms name."""
    from tests.console.watched import open_watched_incident

    from amends.publish import maintenance as mnt
    from amends.publish import workspace as ws
    from amends.store.users import add_user
    from amends.store.workspace import add_submission

    now = console.clock()
    incident_id = open_watched_incident(console.store, now)
    with console.store.begin() as conn:
        conn.execute(
            insert(components).values(id="table:one", name="One", service="table", region="one")
        )
        for mid in ("table-work", "table-cancel"):
            spec = mnt.MaintenanceSpec(
                id=mid,
                title={"en": "Work"},
                body={"en": "Calls may drop."},
                components=["table:one"],
                scheduled_for=now + timedelta(days=3),
                scheduled_until=now + timedelta(days=3, hours=1),
            )
            mnt.create_maintenance(conn, spec, by="tests", now=now)
        add_user(conn, "writer", "author", PASSWORD, by="tests")
        ack = ws.submit(conn, incident_id, "acknowledge", ["web"], by="writer", now=now)
        later = add_submission(conn, incident_id, "explain", [], by="writer", at=now)
        record = ws.require_record(conn, incident_id).record
    (web,) = [v for v in ws.stage_drafts(record, "update", {}, now) if v.key == "web-en-public"]
    assert web.ready, web.findings
    return {
        "incident_id": incident_id,
        "submission_id": str(ack.id),
        "returned_id": str(later.id),
        "update_text": web.text or "",
        "maintenance_id": "table-work",
        "cancel_id": "table-cancel",
    }


def _decisions(console) -> dict[str, tuple[str, str | None]]:
    """Each submission's state and decider, and the workspace rows written."""
    from amends.store.schema import workspace_drafts, workspace_records, workspace_submissions

    with console.store.connect() as conn:
        t = workspace_submissions.c
        rows = conn.execute(select(t.id, t.stage, t.state, t.decided_by))
        out = {f"sub:{r.id}:{r.stage}": (r.state, r.decided_by) for r in rows}
        out["records"] = (str(len(conn.execute(select(workspace_records)).all())), None)
        out["drafts"] = (str(len(conn.execute(select(workspace_drafts)).all())), None)
        records = [
            r if isinstance(r, dict) else json.loads(r)
            for r in conn.execute(select(workspace_records.c.record)).scalars()
        ]
        restored = sorted(str(r.get("restored_at")) for r in records)
        out["restored"] = (" ".join(restored), None)
    return out


def _state(console) -> dict[str, tuple[str, bool]]:
    with console.store.connect() as conn:
        rows = conn.execute(select(users.c.name, users.c.role, users.c.disabled_at))
        people = {r.name: (r.role, r.disabled_at is None) for r in rows}
        rows = conn.execute(select(api_tokens.c.name, api_tokens.c.revoked_at))
        tokens = {f"token:{r.name}": ("token", r.revoked_at is None) for r in rows}
        rows = conn.execute(select(notify_subscriptions.c.id, notify_subscriptions.c.address))
        subs = {f"subscription:{r.id}": (r.address, True) for r in rows}
        return people | tokens | subs


@pytest.mark.parametrize("role", [None, *ROLES])
def test_every_route_against_every_role(console, role):
    from amends.publish.notifyconfig import NotifySettings
    from amends.publish.subscriptions import subscribe

    with console.store.begin() as conn:  # subscription 1, for the removal
        subscribe(conn, NotifySettings(), "email", "someone@example.com", confirmed=True)
    browser = console.browser()
    if role is not None:
        assert browser.login(role).status_code == 303
    values = _workspace(console)
    before, decided, planned = _state(console), _decisions(console), _maintenances(console)
    for route in ROUTES:
        allowed = role is not None and ROLES.index(role) >= ROLES.index(route.role)
        data = {k: v.format(**values) for k, v in route.form}
        if route.method == "POST" and role is not None:
            data["csrf"] = browser.csrf()
        r = browser.request(route.method, route.path.format(**values), data=data or None)
        where = f"{route.method} {route.path} as {role or 'no session'}"
        if role is None:
            expected = 303 if route.method == "GET" else 401
        elif not allowed:
            expected = 403
        elif route.path == "/console/tokens" and route.method == "POST":
            expected = 201  # the new token is shown once, on the answer itself
        elif route.path.endswith("/affected-link"):
            expected = 200  # the signed link is shown on the answer itself
        else:
            expected = 200 if route.method == "GET" else 303
        assert r.status_code == expected, f"{where}: {r.status_code} {r.text[:300]}"
        if role is None and route.method == "GET":
            assert r.headers["location"] == "/console/login", where
    after = _state(console)
    if role == "admin":
        assert after["token:status-bot"] == ("token", False)  # created, then revoked
        assert after["newcomer"] == ("author", True)
        assert after["author"] == ("approver", True)
        assert after["viewer"] == ("viewer", False)
        assert "subscription:1" in before and "subscription:1" not in after  # removed
    else:
        assert after == before, f"{role or 'no session'} changed accounts"
    now = _decisions(console)
    ack, later = (
        f"sub:{values['submission_id']}:acknowledge",
        f"sub:{values['returned_id']}:explain",
    )
    if role in ("approver", "admin"):
        assert now[ack] == ("approved", role) and now[later] == ("returned", role)
    else:
        assert now[ack] == decided[ack] == ("pending", None), role
        assert now[later] == ("pending", None), role
    if role in (None, "viewer"):
        assert now == decided, f"{role or 'no session'} changed the workspace"
        assert _maintenances(console) == planned, f"{role or 'no session'} changed maintenance"
    else:
        done = _maintenances(console)
        assert done["table-work"].startswith("completed 20"), role
        assert done["table-cancel"] == "cancelled None" and "table-new" in done, role
        steps = ("announce", "remind", "start", "complete")  # to subscription 1 (everything),
        sent = " ".join(f"m:table-work:{s}:1" for s in steps)  # unless an admin removed it first
        assert done["outbox"] == ("" if role == "admin" else sent), role
        with console.store.connect() as conn:
            acts = [e.action for e in entries(conn) if e.object.startswith("maintenance:")]
        assert sorted(acts) == sorted(
            f"maintenance.{a}"
            for a in ("create", "announce", "remind", "start", "complete", "cancel")
        ), role
        assert now["records"] == ("1", None) and now["drafts"] == ("1", None), role
        assert now["restored"] == ("2026-12-03T08:59:00Z", None), role


def test_a_logged_out_session_is_refused(console):
    browser = console.browser()
    browser.login("admin")
    old = dict(browser.cookies)
    assert browser.post("/console/logout", data={"csrf": browser.csrf()}).status_code == 303
    assert browser.session_id is None  # the cookie is deleted
    browser.cookies = old  # a copy kept elsewhere is no use either
    assert browser.get("/console/").status_code == 303
    assert browser.post("/console/logout", data={"csrf": "x"}).status_code == 401


def test_a_disabled_or_demoted_account_loses_access_at_once(console):
    from amends.store.users import disable_user, set_role

    author = console.browser()
    author.login("author")
    admin = console.browser()
    admin.login("admin")
    assert author.get("/console/").status_code == 200
    with console.store.begin() as conn:
        disable_user(conn, "author", by="tests")
    assert author.get("/console/").status_code == 303
    assert author.login("author").status_code == 401  # a disabled account cannot log in
    from amends.store.users import add_user

    with console.store.begin() as conn:
        add_user(conn, "second-admin", "admin", PASSWORD, by="tests")
        set_role(conn, "admin", "viewer", by="tests")
    assert admin.get("/console/users").status_code == 403
    assert admin.get("/console/").status_code == 200


def test_changing_ones_own_password(console):
    from amends.store.users import authenticate

    browser = console.browser()
    browser.login("author")
    elsewhere = console.browser()
    elsewhere.login("author")
    old_id = browser.session_id
    form = {"current": PASSWORD, "password": "short", "again": "short", "csrf": browser.csrf()}
    r = browser.post("/console/account", data=form)
    assert r.status_code == 422 and 'id="password-error"' in r.text
    new = "a long new password"
    r = browser.post("/console/account", data=form | {"password": new, "again": new + "x"})
    assert r.status_code == 422 and 'id="again-error"' in r.text
    wrong = {"current": "wrong!", "password": new, "again": new}
    r = browser.post("/console/account", data=form | wrong)
    assert r.status_code == 422 and 'id="current-error"' in r.text
    for _ in range(2):  # wrong current passwords count as failed logins (3 allowed)
        browser.post("/console/account", data=form | wrong)
    assert browser.post("/console/account", data=form | wrong).status_code == 429
    console.clock.advance(minutes=16)
    r = browser.post("/console/account", data=form | {"password": new, "again": new})
    assert r.status_code == 303 and r.headers["location"] == "/console/account?changed=1"
    assert browser.session_id not in (None, old_id)  # this session goes on under a new id
    assert "Password changed." in browser.get(r.headers["location"]).text
    assert elsewhere.get("/console/").status_code == 303  # the other session ended
    with console.store.connect() as conn:
        assert authenticate(conn, "author", new) is not None
