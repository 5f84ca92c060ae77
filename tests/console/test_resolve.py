"""Resolving from the console over real HTTP: an author says when service returned (errors at the
field; audited), submits the resolve statement; only its publication, approved by another
person, resolves the incident (status, end, components) and the list shows it resolved."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import select
from tests.web.factories import incident

from amends.publish import operations as ops
from amends.publish import workspace as ws
from amends.store import schema as s
from amends.store.audit import entries

SLUG = "2026-12-03-ca-fiber"
RESTORED = datetime(2026, 12, 3, 8, 40, tzinfo=UTC)


def _published_status(console) -> tuple[str, datetime | None, set[str]]:
    """The incident's row status and end, and its components' statuses."""
    with console.store.connect() as conn:
        row = conn.execute(
            select(s.incidents.c.status, s.incidents.c.resolved_at).where(s.incidents.c.id == SLUG)
        ).one()
        comps = set(conn.execute(select(s.components.c.status)).scalars())
    resolved_at = row.resolved_at
    if resolved_at is not None and resolved_at.tzinfo is None:
        resolved_at = resolved_at.replace(tzinfo=UTC)
    return row.status, resolved_at, comps


def _listed(browser) -> str:
    page = browser.get("/console/incidents").text
    found = re.search(rf'{SLUG}</span></th>\s*<td class="s-(\w+)"', page)
    assert found, page[:2000]
    return found.group(1)


def test_an_author_proposes_the_resolution_and_an_approver_publishes_it(console):
    ops.save_incident(
        console.store, incident(SLUG, locales=["en"]), now=console.clock()
    )  # ongoing, on the page
    status, end, comps = _published_status(console)
    assert status == "investigating" and end is None and comps != {"operational"}
    author = console.browser()
    author.login("author")
    path = f"/console/incidents/{SLUG}"
    page = author.get(path).text
    assert "Service restored: write the resolution" in page
    token = author.csrf(path)
    for bad, says in (
        ("yesterday", "give a date and time"),
        ("2026-12-03T10:00", "in the future"),
        ("2026-01-01T00:00", "restored_at"),  # before the outage began
    ):
        r = author.post(f"{path}/restored", data={"csrf": token, "restored_at": bad})
        assert r.status_code == 422, bad
        assert 'id="restored-error"' in r.text and says in r.text, (bad, r.text[-3000:])
    r = author.post(f"{path}/restored", data={"csrf": token, "restored_at": "2026-12-03T08:40"})
    assert r.status_code == 303
    assert r.headers["location"] == f"{path}?stage=resolve#drafts"
    with console.store.connect() as conn:
        working = ws.require_record(conn, SLUG).record
        (restored,) = [e for e in entries(conn) if e.action == "incident.restored"]
    assert working.restored_at == RESTORED and working.status == "investigating"
    assert restored.actor == "author" and restored.before == {"restored_at": None}
    assert restored.after == {"restored_at": RESTORED.isoformat()}
    assert _published_status(console)[0] == "investigating"  # nothing public yet
    assert _listed(author) == "investigating"

    r = author.post(
        f"{path}/submit", data={"csrf": token, "stage": "resolve", "channel": ["web", "email"]}
    )
    assert r.status_code == 303, r.text[-3000:]
    submission = r.headers["location"]
    assert re.fullmatch(r"/console/submissions/\d+", submission)
    assert _published_status(console)[0] == "investigating"  # waits for a second person
    sid = submission.rsplit("/", 1)[1]
    own = author.post(f"{submission}/approve", data={"csrf": token})
    assert own.status_code == 403
    approver = console.browser()
    approver.login("approver")
    r = approver.post(f"/console/submissions/{sid}/approve", data={"csrf": approver.csrf()})
    assert r.status_code == 303
    status, end, comps = _published_status(console)
    assert status == "resolved" and end == RESTORED and comps == {"operational"}
    assert _listed(author) == "resolved"
    page = author.get(path).text
    assert "This incident is resolved: service returned at 2026-12-03 08:40" in page
    assert "Service restored: write the resolution" not in page
    with console.store.connect() as conn:
        (resolve,) = [e for e in entries(conn) if e.action == "incident.resolve"]
        rec = ws.require_record(conn, SLUG).record
    assert resolve.actor == "approver"
    assert resolve.before == {"status": "investigating", "restored_at": RESTORED.isoformat()}
    assert resolve.after == {"status": "resolved", "restored_at": RESTORED.isoformat()}
    assert rec.status == "resolved"
    r = author.post(f"{path}/restored", data={"csrf": token, "restored_at": "2026-12-03T08:45"})
    assert r.status_code == 409 and "already resolved" in r.text


def test_without_approval_for_the_stage_publishing_resolves_at_once(console):
    """Where the resolve stage needs no second person, the author's submit publishes it and
    resolves the incident at once."""
    object.__setattr__(console.settings, "approval_stages", frozenset({"acknowledge"}))
    ops.save_incident(console.store, incident(SLUG, locales=["en"]), now=console.clock())
    author = console.browser()
    author.login("author")
    path = f"/console/incidents/{SLUG}"
    token = author.csrf(path)
    r = author.post(f"{path}/restored", data={"csrf": token, "restored_at": "2026-12-03T08:40"})
    assert r.status_code == 303
    r = author.post(f"{path}/submit", data={"csrf": token, "stage": "resolve", "channel": "web"})
    assert r.status_code == 303 and r.headers["location"].endswith("#publish")
    status, end, comps = _published_status(console)
    assert status == "resolved" and end == RESTORED and comps == {"operational"}
    assert _listed(author) == "resolved"
