"""The console's subscribers page over real HTTP (SQLite and PostgreSQL): counts per component,
area and everything; the export is the CLI's, byte for byte; removal needs the CSRF token,
cancels queued messages and is in the audit trail; addresses never reach the public site."""

from __future__ import annotations

import csv
import io

import httpx
from sqlalchemy import select
from tests.console.conftest import TIMEOUT

from amends.publish import operations as ops
from amends.publish.notifyconfig import NotifySettings
from amends.publish.subscriptions import subscribe
from amends.store import schema as s
from amends.store.audit import entries

NOTIFY = NotifySettings(secret="console-test-secret-0123")


def _seed(store) -> None:
    from tests.web.factories import incident

    ops.save_incident(store, incident())
    with store.begin() as conn:
        subscribe(conn, NOTIFY, "email", "ana@example.com", component_id="voice:california",
                  confirmed=True)  # fmt: skip
        subscribe(conn, NOTIFY, "email", "ben@example.com", component_id="voice:california")
        subscribe(conn, NOTIFY, "email", "=cmd@example.com", region="california", confirmed=True)
        subscribe(conn, NOTIFY, "email", "all@example.com", confirmed=True)


def test_counts_list_and_export(console, cli):
    _seed(console.store)
    admin = console.browser()
    admin.login("admin")
    page = admin.get("/console/subscribers")
    assert page.status_code == 200
    rows = {
        m[0]: m[1:]
        for m in _cells(page.text, "Per component and area")
        if m  # header row has no cells
    }
    assert rows["everything"] == ("1", "0")
    assert rows["Phone calls — California voice:california"] == ("1", "1")  # confirmed, pending
    assert rows["Text messages — California sms:california"] == ("0", "0")
    assert rows["area california"] == ("1", "0")
    assert "ana@example.com" in page.text and "ben@example.com" in page.text
    found = admin.get("/console/subscribers?q=BEN")
    assert "ben@example.com" in found.text and "ana@example.com" not in found.text
    exported = admin.get("/console/subscribers/export?format=csv")
    assert exported.headers["content-disposition"].endswith('amends-subscribers.csv"')
    table = list(csv.DictReader(io.StringIO(exported.text)))
    assert [r["address"] for r in table] == [
        "ana@example.com",
        "ben@example.com",
        "'=cmd@example.com",  # a spreadsheet formula is neutralised
        "all@example.com",
    ]
    assert [r["state"] for r in table] == ["confirmed", "pending", "confirmed", "confirmed"]
    as_json = admin.get("/console/subscribers/export?format=json").json()
    assert as_json[2]["address"] == "=cmd@example.com" and as_json[2]["region"] == "california"
    assert admin.get("/console/subscribers/export?format=xml").status_code == 422
    # the CLI prints the same export
    for fmt in ("csv", "json"):
        result = cli("subscribers", "export", "--format", fmt, "--db", console.store.url)
        assert result.code == 0, result.err
        assert result.out == admin.get(f"/console/subscribers/export?format={fmt}").text
    bad = cli("subscribers", "export", "--format", "xml", "--db", console.store.url)
    assert bad.code == 2 and bad.out == ""
    assert bad.err.count("\n") == 1 and "--format 'xml' is not one of csv, json" in bad.err


def _cells(html: str, heading: str) -> list[tuple[str, ...]]:
    """The rows of the table after `heading`, as the text of their cells."""
    import re

    part = html.split(heading, 1)[1].split("</table>", 1)[0]
    out = []
    for row in re.findall(r"<tr>(.*?)</tr>", part, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        text = [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells]
        out.append(tuple(text) if "<td" in row else ())
    return out


def test_removal_is_audited_and_cancels_what_is_queued(console):
    _seed(console.store)
    with console.store.connect() as conn:
        ben = conn.execute(
            select(s.notify_subscriptions.c.id).where(
                s.notify_subscriptions.c.address == "ben@example.com"
            )
        ).scalar_one()
        conn.execute(
            s.outbox.update()
            .where(s.outbox.c.recipient == "ben@example.com")
            .values(subscription_id=ben)
        )
        conn.commit()
    admin = console.browser()
    admin.login("admin")
    form = {"id": str(ben)}
    assert admin.post("/console/subscribers/remove", data=form).status_code == 403  # no token
    assert admin.post("/console/subscribers/remove", data=form | {"csrf": "x"}).status_code == 403
    r = admin.post("/console/subscribers/remove", data=form | {"csrf": admin.csrf()})
    assert r.status_code == 303 and r.headers["location"] == "/console/subscribers"
    with console.store.connect() as conn:
        left = conn.execute(select(s.notify_subscriptions.c.address)).scalars().all()
        queued = conn.execute(
            select(s.outbox.c.status, s.outbox.c.last_error).where(
                s.outbox.c.recipient == "ben@example.com"
            )
        ).all()
        (entry,) = entries(conn, object=f"subscription:{ben}")
    assert "ben@example.com" not in left and len(left) == 3
    assert queued == [("dead", "subscription removed")]
    assert entry.actor == "admin" and entry.action == "subscription.remove"
    assert entry.before["address"] == "ben@example.com" and entry.after is None
    again = admin.post("/console/subscribers/remove", data=form | {"csrf": admin.csrf()})
    assert again.status_code == 422 and f"id: no subscription with id {ben}" in again.text
    junk = admin.post("/console/subscribers/remove", data={"id": "1x", "csrf": admin.csrf()})
    assert junk.status_code == 422 and "id: 1x is not a subscription id" in junk.text
    assert "subscription.remove" in admin.get("/console/audit").text


def test_addresses_stay_off_the_public_site(console):
    _seed(console.store)
    paths = ["/", "/history/", "/fixes/", "/subscribe/", "/es/subscribe/", "/history.atom",
             "/history.rss", "/api/v2/summary.json", "/api/v2/components.json",
             "/incidents/2026-03-10-ca-fiber/"]  # fmt: skip
    for path in paths:
        r = httpx.get(console.url + path, timeout=TIMEOUT)
        assert r.status_code == 200, path
        for address in ("ana@example.com", "ben@example.com", "cmd@example.com"):
            assert address not in r.text, f"{address} on {path}"
    viewer = console.browser()
    viewer.login("viewer")
    assert "Subscribers" not in viewer.get("/console/").text  # not in a viewer's menu
    assert viewer.get("/console/subscribers/export?format=json").status_code == 403
