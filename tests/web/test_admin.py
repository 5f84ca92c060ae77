"""The admin API on a real server: tokens, creating an incident from its file, publishing with
the check gate and override audit, component status, action progress, deadlines, OpenAPI."""

from __future__ import annotations

from datetime import timedelta

import httpx
from tests.web.factories import START, incident

from amends.incident.io import incident_yaml

GOOD = (
    "We are sorry: since 2:10 PM PDT on March 10, phone calls and texts in California have "
    "failed for 1,200 customers. A construction crew cut our fiber cable near Fresno. We "
    "know how hard it is when you cannot reach your family. This is our network and our "
    "responsibility. We expect service back by 6:00 PM PDT. Our next update will be by "
    "4:00 PM PDT. Help: phone 611, 24/7."
)
BAD = "We apologize for any inconvenience caused by technical difficulties affecting some users."


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_admin_needs_a_valid_token(live, token):
    body = incident_yaml(incident())
    with httpx.Client(base_url=live.url) as c:
        assert c.post("/api/admin/incidents", content=body).status_code == 401
        bad = c.post("/api/admin/incidents", content=body, headers=_auth("amd_wrong"))
        assert bad.status_code == 401
        assert c.get("/api/admin/due", headers=_auth(token)).status_code == 200


def test_create_publish_refuse_override_and_audit(live, token):
    inc = incident()
    with httpx.Client(base_url=live.url, headers=_auth(token)) as c:
        r = c.post(
            "/api/admin/incidents",
            content=incident_yaml(inc),
            headers={"Content-Type": "application/yaml"},
        )
        assert r.status_code == 200, r.text
        assert c.get(f"/incidents/{inc.id}/").status_code == 200
        refused = c.post(
            f"/api/admin/incidents/{inc.id}/statements", json={"stage": "acknowledge", "text": BAD}
        )
        assert refused.status_code == 422
        rules = {f["rule"] for f in refused.json()["detail"]["findings"]}
        assert "generic-apology" in rules
        assert (
            c.get("/api/v2/incidents/unresolved.json").json()["incidents"][0]["incident_updates"]
            == []
        )
        ok = c.post(
            f"/api/admin/incidents/{inc.id}/statements",
            json={
                "stage": "acknowledge",
                "text": BAD,
                "override_reason": "legal asked for this wording",
            },
        )
        assert ok.status_code == 200, ok.text
        assert ok.json()["check_errors"] > 0
        updates = c.get("/api/v2/incidents/unresolved.json").json()["incidents"][0][
            "incident_updates"
        ]
        assert [u["body"] for u in updates] == [BAD]
        audit = c.get("/api/admin/audit").json()
        assert audit[0]["override_reason"] == "legal asked for this wording"
        assert audit[0]["published_by"] == "tests"
        page = c.get("/admin/")
        assert page.status_code == 200 and "legal asked for this wording" in page.text


def test_a_publication_is_one_all_or_nothing_request(live, token):
    """What `amends publish --server` sends: a refusal anywhere leaves the store as it was."""
    inc = incident()
    body = {
        "record": incident_yaml(inc),
        "stage": "acknowledge",
        "locales": ["en"],
        "text": BAD,
        "components": [{"id": "sms:california", "status": "major_outage"}],
    }
    with httpx.Client(base_url=live.url, headers=_auth(token)) as c:
        refused = c.post("/api/admin/publications", json=body)
        assert refused.status_code == 422
        assert "generic-apology" in {f["rule"] for f in refused.json()["detail"]["findings"]}
        assert c.get(f"/incidents/{inc.id}/").status_code == 404  # not even the incident
        ok = c.post("/api/admin/publications", json={**body, "text": GOOD})
        assert ok.status_code == 200, ok.text
        (row,) = ok.json()["statements"]
        assert row["channel"] == "web" and row["locale"] == "en" and not row["unchanged"]
        again = c.post("/api/admin/publications", json={**body, "text": GOOD}).json()
        assert again["statements"][0]["unchanged"] is True
        doc = c.get("/api/v2/components.json").json()
        status = {x["id"]: x["status"] for x in doc["components"]}
        assert status["sms:california"] == "major_outage"
        updates = c.get("/api/v2/incidents.json").json()["incidents"][0]["incident_updates"]
        assert [u["body"] for u in updates] == [GOOD]


def test_malformed_incident_file_is_a_clear_422(live, token):
    r = httpx.post(f"{live.url}/api/admin/incidents", content="id: [unclosed", headers=_auth(token))
    assert r.status_code == 422
    assert "request body" in r.json()["detail"]


def test_component_status_action_progress_and_due(live, token):
    from tests.web.factories import insert_statement

    inc = incident()
    with httpx.Client(base_url=live.url, headers=_auth(token)) as c:
        c.post("/api/admin/incidents", content=incident_yaml(inc)).raise_for_status()
        insert_statement(live.store, inc.id, GOOD, at=START + timedelta(minutes=20))
        r = c.post(
            "/api/admin/components/sms:california/status", json={"status": "degraded_performance"}
        )
        assert r.status_code == 200
        comps = {
            x["id"]: x["status"] for x in c.get("/api/v2/components.json").json()["components"]
        }
        assert comps["sms:california"] == "degraded_performance"
        assert (
            c.post("/api/admin/components/nope/status", json={"status": "operational"}).status_code
            == 404
        )
        assert (
            c.post(
                "/api/admin/components/sms:california/status", json={"status": "broken"}
            ).status_code
            == 422
        )
        fixes = c.get("/fixes/").text
        assert "On track" in fixes or "Overdue" in fixes
        from sqlalchemy import select

        from amends.store import schema as s

        with live.store.connect() as conn:
            action = conn.execute(
                select(s.action_items.c.id).where(s.action_items.c.what.like("Add a second%"))
            ).scalar_one()
        r = c.post(
            f"/api/admin/action-items/{action}", json={"status": "missed", "note": "permits late"}
        )
        assert r.status_code == 200
        assert "permits late" in c.get(f"/incidents/{inc.id}/").text
        due = c.get("/api/admin/due").json()
        assert due[0]["incident_id"] == inc.id
        assert due[0]["overdue"] is True  # promised 60 minutes after an update in March 2026


def test_openapi_documents_admin_and_statuspage_routes(live_sqlite):
    live = live_sqlite
    spec = httpx.get(f"{live.url}/openapi.json").json()
    paths = spec["paths"]
    assert "/api/admin/incidents/{incident_id}/statements" in paths
    assert "/api/v2/summary.json" in paths
    assert httpx.get(f"{live.url}/docs").status_code == 200
