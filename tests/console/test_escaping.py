"""Hostile text on the console's pages: names, incident titles, token names and audit entries are
escaped; the CSV export defuses spreadsheet formulas."""

from __future__ import annotations

from tests.console.conftest import PASSWORD
from tests.web.factories import incident

from amends.store.audit import export, record
from amends.store.incidents import save_incident
from amends.store.tokens import issue_token

HOSTILE = "<script>alert(1)</script>"


def test_hostile_text_is_escaped_on_every_console_page(console):
    from amends.store.users import add_user

    with console.store.begin() as conn:
        add_user(conn, "<b>mallory", "viewer", PASSWORD, by="tests")
        save_incident(conn, incident("hostile-1", title=f"Calls fail {HOSTILE}"))
        record(conn, actor=HOSTILE, action="x", object=HOSTILE, after={"text": HOSTILE})
        issue_token(conn, HOSTILE, scopes=["read"], by=HOSTILE)
    browser = console.browser()
    browser.login("admin")
    pages = {
        p: browser.get(p)
        for p in ("/console/", "/console/users", "/console/tokens", "/console/audit")
    }
    assert all(r.status_code == 200 for r in pages.values())
    assert "Calls fail &lt;script&gt;" in pages["/console/"].text
    assert "&lt;b&gt;mallory" in pages["/console/users"].text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["/console/tokens"].text
    for path, r in pages.items():
        assert "<script>" not in r.text and "<b>" not in r.text, path
    r = browser.login("<b>mallory", "wrong password!")
    assert 'value="&lt;b&gt;mallory"' in r.text and "<b>" not in r.text


def test_csv_export_defuses_formulas(store):
    with store.begin() as conn:
        record(conn, actor="=HYPERLINK(1)", action="user.add", object="@SUM(A1)", after={"a": 1})
        body = export(conn, "csv")
    line = body.splitlines()[1]
    assert ",'=HYPERLINK(1),user.add,'@SUM(A1)," in line


def test_hostile_facts_and_drafts_are_escaped_on_the_workspace_pages(console):
    from tests.console.watched import open_watched_incident

    from amends.store.workspace import add_submission

    incident_id = open_watched_incident(console.store, console.clock())
    author = console.browser()
    author.login("author")
    path = f"/console/incidents/{incident_id}"
    token = author.csrf(path)
    facts = {
        "csrf": token,
        "title": f"Calls fail {HOSTILE}",
        "symptom": HOSTILE,
        "cause.description": f"<img src=x onerror=alert(1)> {HOSTILE}",
        "support.0.contact": HOSTILE,
    }
    assert author.post(f"{path}/facts", data=facts).status_code == 303
    draft = {
        "csrf": token,
        "stage": "acknowledge",
        "channel": "web",
        "locale": "en",
        "audience": "public",
        "subject": HOSTILE,
        "text": f"We are sorry. {HOSTILE}",
    }
    assert author.post(f"{path}/drafts", data=draft).status_code in (200, 303)
    bad = author.post(f"{path}/facts", data=facts | {"update_interval_minutes": HOSTILE})
    assert bad.status_code == 422  # the refused value is shown back, escaped
    with console.store.begin() as conn:
        sub = add_submission(
            conn,
            incident_id,
            "acknowledge",
            [
                {
                    "channel": "web",
                    "locale": "en",
                    "audience": "public",
                    "subject": HOSTILE,
                    "text": HOSTILE,
                    "override_reason": HOSTILE,
                }
            ],
            by="author",
            at=console.clock(),
        )
    admin = console.browser()
    admin.login("admin")
    pages = {
        p: admin.get(p)
        for p in (path, "/console/incidents", f"/console/submissions/{sub.id}", "/console/audit")
    }
    pages["refused facts"] = bad
    for where, r in pages.items():
        assert r.status_code in (200, 422), where
        assert "<script>" not in r.text and "<img" not in r.text, where
        assert "&lt;script&gt;" in r.text or "\\u003cscript\\u003e" in r.text, where


def test_hostile_maintenance_text_is_escaped_on_the_maintenance_pages(console):
    from datetime import timedelta

    from sqlalchemy import insert

    from amends.publish import maintenance as mnt
    from amends.store import schema as s

    now = console.clock()
    with console.store.begin() as conn:
        conn.execute(
            insert(s.components).values(
                id="voice:ca", name=f"Calls {HOSTILE}", service="voice", region="ca"
            )
        )
        spec = mnt.MaintenanceSpec(
            id="hostile-work",
            title={"en": f"Routers {HOSTILE}", "es": f"<b>Routers</b> {HOSTILE}"},
            body={"en": f"Work {HOSTILE}", "es": f"<img src=x onerror=alert(1)> {HOSTILE}"},
            components=["voice:ca"],
            scheduled_for=now + timedelta(days=1),
            scheduled_until=now + timedelta(days=1, hours=1),
        )
        mnt.create_maintenance(conn, spec, by=HOSTILE, now=now)
    author = console.browser()
    author.login("author")
    listed = author.get("/console/maintenances")
    page = author.get("/console/maintenances/hostile-work")
    assert listed.status_code == page.status_code == 200
    assert "Routers &lt;script&gt;alert(1)&lt;/script&gt;" in listed.text
    assert "Calls &lt;script&gt;" in listed.text
    assert "Work &lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.text
    token = author.csrf("/console/maintenances")
    form = {
        "csrf": token, "id": "bad id", "components": "voice:ca", "zone": "UTC",
        "start": "2026-12-20T01:00", "end": "2026-12-20T02:00",
        "title-en": HOSTILE, "body-en": f"</textarea>{HOSTILE}",
    }  # fmt: skip
    again = author.post("/console/maintenances", data=form)
    assert again.status_code == 422 and "&lt;/textarea&gt;&lt;script&gt;" in again.text
    for r in (listed, page, again):
        assert "<script>" not in r.text and "<b>" not in r.text and "<img" not in r.text
