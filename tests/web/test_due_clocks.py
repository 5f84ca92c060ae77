"""Regulatory clocks beside the update cadence: `GET /api/admin/due`, the `/admin/` page and
`amends due`, on SQLite and PostgreSQL, over a real server."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import httpx
from tests.web.factories import START, incident

from amends.incident import Incident
from amends.incident.io import incident_yaml
from amends.publish import operations as ops

FCC = ["notification", "initial-report", "final-report"]


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _recent(slug: str, minutes_ago: int, *, resolved: bool = False, users: int = 20_000):
    """An outage that began `minutes_ago` (on a whole minute) with `users` affected: 20,000
    users reach 900,000 user minutes 45 minutes in."""
    start = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=minutes_ago)
    base = incident(slug, ongoing=not resolved)
    w = base.windows[0].model_copy(
        update={"start": start, "subscribers_affected": users, "failed_attempts": users * 2}
        | ({"end": start + timedelta(hours=3)} if resolved else {})
    )
    inc = base.model_copy(update={"windows": [w], "discovered_at": start + timedelta(minutes=5)})
    return Incident.model_validate(inc.model_dump()), start


def _filed(inc: Incident, *obligations: str, at: datetime | None = None) -> Incident:
    data = inc.model_dump()
    data["filings"] = [
        {"regime": "fcc-part4", "obligation": o, "at": at or START + timedelta(hours=13)}
        for o in obligations
    ]
    return Incident.model_validate(data)


def test_admin_due_lists_regulatory_clocks_beside_the_cadence(live, token):
    inc = incident()  # ongoing since March: 1,200 users cross 900,000 user minutes at 09:40 UTC
    with httpx.Client(base_url=live.url, headers=_auth(token)) as c:
        c.post("/api/admin/incidents", content=incident_yaml(inc)).raise_for_status()
        rows = c.get("/api/admin/due").json()
        assert [r["incident_id"] for r in rows] == [inc.id]
        row = rows[0]
        assert row["overdue"] is True and row["regulatory_overdue"] is True
        clocks = row["regulatory"]
        assert [(k["regime"], k["obligation"], k["state"]) for k in clocks] == [
            ("fcc-part4", o, "overdue") for o in FCC
        ]
        note = clocks[0]
        assert note["due"] == "2026-03-11T11:40:00Z"  # reportable 09:40 UTC + 120 minutes
        assert note["due_local"] == "2026-03-11 04:40 PDT"
        assert note["time_zone"] == "America/Los_Angeles"
        assert note["recipient"] == "regulator" and note["window"] == "w1"
        assert note["section"].startswith("47 CFR 4.9(a)")
        # the record says the Notification was filed: it leaves the list
        filed = _filed(inc, "notification")
        c.post("/api/admin/incidents", content=incident_yaml(filed)).raise_for_status()
        row = c.get("/api/admin/due").json()[0]
        assert [k["obligation"] for k in row["regulatory"]] == FCC[1:]


def test_recent_clocks_are_due_and_resolved_incidents_keep_open_clocks(live, token):
    ongoing, start = _recent("2026-11-ongoing", 60)
    done, _ = _recent("2026-11-resolved", 10 * 24 * 60, resolved=True)
    done = done.model_copy(update={"status": "resolved"})
    old = incident("2026-03-old", ongoing=False)  # discovered in March: beyond 90 days
    small, _ = _recent("2026-11-small", 30, users=100)  # 100 users: not reportable
    for i in (ongoing, done, old, small):
        ops.save_incident(live.store, i)
    with httpx.Client(base_url=live.url, headers=_auth(token)) as c:
        rows = {r["incident_id"]: r for r in c.get("/api/admin/due").json()}
    assert set(rows) == {ongoing.id, done.id, small.id}
    assert rows[small.id]["regulatory"] == []
    now_clocks = rows[ongoing.id]["regulatory"]
    assert [(k["obligation"], k["state"]) for k in now_clocks] == [(o, "due") for o in FCC]
    due = (start + timedelta(minutes=165)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert now_clocks[0]["due"] == due
    assert rows[ongoing.id]["regulatory_overdue"] is False
    gone = rows[done.id]
    assert gone["status"] == "resolved" and gone["due_at"] is None and gone["overdue"] is False
    assert [(k["obligation"], k["state"]) for k in gone["regulatory"]] == [
        ("notification", "overdue"),
        ("initial-report", "overdue"),
        ("final-report", "due"),  # 30 calendar days: still running
    ]
    assert gone["regulatory_overdue"] is True


def test_admin_page_shows_the_clocks_in_utc_and_the_incident_zone(live, token):
    ops.save_incident(live.store, incident())
    assert httpx.get(f"{live.url}/admin/").status_code == 401
    page = httpx.get(f"{live.url}/admin/", headers=_auth(token))
    assert page.status_code == 200
    html = page.text
    assert "Regulatory clocks" in html and 'id="regulatory-clocks"' in html
    assert "Notification to the FCC" in html and "Final Communications Outage Report" in html
    assert "2026-03-11 11:40 UTC" in html and "2026-03-11 04:40 PDT" in html
    assert html.count('data-state="overdue"') == 3
    assert "Next updates due" in html  # the cadence is still there, beside the clocks


def test_due_cli_lists_clocks_and_fails_on_overdue_ones(store, cli, tmp_path):
    inc = incident()
    ops.save_incident(store, inc)
    res = cli("due", "--db", store.url)
    assert res.code == 0, res.err
    assert "Next updates" in res.out and "Regulatory clocks" in res.out
    assert "Notification to the FCC" in res.out and "fcc-part4" in res.out
    assert "2026-03-11 11:40 UTC" in res.out and "2026-03-11 04:40 PDT" in res.out
    assert res.out.count("OVERDUE") == 4  # the next update and three FCC clocks
    assert cli("due", "--db", store.url, "--fail-regulatory").code == 1
    rows = json.loads(cli("due", "--db", store.url, "--json").out)
    assert rows[0]["regulatory"][0]["due"] == "2026-03-11T11:40:00Z"
    assert rows[0]["regulatory"][0]["due_local"] == "2026-03-11 04:40 PDT"
    quiet = cli("due", "--db", store.url, "--no-regulatory")
    assert "Regulatory clocks" not in quiet.out and "Next updates" in quiet.out
    acma = cli("due", "--db", store.url, "--regime", "acma-outages-2024")
    assert "fcc-part4" not in acma.out and "no regulatory clock is open" in acma.out
    bad = cli("due", "--db", store.url, "--regime", "ofcom-nonexistent")
    assert bad.code == 2 and len(bad.err.strip().splitlines()) == 1
    ops.save_incident(store, _filed(inc, *FCC))
    res = cli("due", "--db", store.url, "--fail-regulatory")
    assert res.code == 0 and "no regulatory clock is open" in res.out


def test_the_regulatory_contact_never_reaches_a_public_page(live, token):
    contact = {"name": "Dana Ruiz", "phone": "+1 415 555 0199"}
    inc = Incident.model_validate(incident().model_dump() | {"regulatory_contact": contact})
    ops.save_incident(live.store, inc)
    public = ["/", f"/incidents/{inc.id}/", "/api/v2/summary.json", "/api/v2/incidents.json"]
    public += ["/history.atom", "/es/"]
    for path in public:
        body = httpx.get(f"{live.url}{path}").text
        assert "555 0199" not in body and "Dana Ruiz" not in body, path
    admin = httpx.get(f"{live.url}/api/admin/due", headers=_auth(token)).json()
    assert admin[0]["incident_id"] == inc.id  # the record was stored and read


def test_acma_major_outage_owed_clocks_and_update_cadence(live, token):
    start = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=2)
    base = incident("2026-11-nsw")
    w = base.windows[0].model_copy(
        update={
            "start": start,
            "regions": ["NSW"],
            "subscribers_affected": 150_000,
            "failed_attempts": 300_000,  # each affected subscriber had a failed attempt
        }
    )
    published = {"stage": "acknowledge", "channel": "web", "published_at": start}
    data = base.model_dump() | {
        "windows": [w.model_dump()],
        "discovered_at": start + timedelta(minutes=10),
        "time_zone": "Australia/Sydney",
        "regions": {"NSW": {"name": "New South Wales", "time_zone": "Australia/Sydney"}},
        "history": [published],  # the public was told: that clock is done
    }
    ops.save_incident(live.store, Incident.model_validate(data))
    with httpx.Client(base_url=live.url, headers=_auth(token)) as c:
        row = c.get("/api/admin/due").json()[0]
        html = c.get("/admin/").text
    acma = [k for k in row["regulatory"] if k["regime"] == "acma-outages-2024"]
    states = {k["obligation"]: k["state"] for k in acma}
    assert states == {"customer-updates": "due", "stakeholders": "owed", "other-carriers": "owed"}
    updates = next(k for k in acma if k["obligation"] == "customer-updates")
    # major from 61 minutes in (longer than 60 minutes); the first update 6 hours after that
    due = start + timedelta(minutes=61, hours=6)
    assert updates["due"] == due.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert updates["due_local"].endswith(("AEDT", "AEST"))
    assert "as soon as practicable" in html and 'data-state="owed"' in html
