"""Scheduled maintenance through the admin API of a real server: scheduled, announced, started
and completed; the Statuspage documents (in Statuspage's shape), the page and the feeds show it;
hostile text stays text; bad requests are refused with nothing written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import jsonschema
from sqlalchemy import func, insert, select
from tests.web.statuspage_schemas import SCHEMAS

from amends.store import schema as s

START = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
HOSTILE = "<script>alert(1)</script> Core & edge"


def _components(store) -> None:
    with store.begin() as conn:
        conn.execute(
            insert(s.components),
            [
                {
                    "id": "voice:ca",
                    "name": "Calls (California)",
                    "service": "voice",
                    "region": "ca",
                },
                {"id": "voice:tx", "name": "Calls (Texas)", "service": "voice", "region": "tx"},
            ],
        )


def _spec(**changes: object) -> dict[str, object]:
    return {
        "id": "core-upgrade",
        "title": {"en": HOSTILE, "es": "Mejora de la red troncal"},
        "body": {"en": "Two core routers are replaced.", "es": "Cambiamos dos routers."},
        "components": ["voice:ca"],
        "scheduled_for": START.isoformat(),
        "scheduled_until": (START + timedelta(hours=2)).isoformat(),
        "auto": False,
    } | changes


def _valid(doc: dict, name: str) -> None:
    jsonschema.Draft202012Validator(
        SCHEMAS[name], format_checker=jsonschema.FormatChecker()
    ).validate(doc)


def test_a_maintenance_through_the_api_and_on_every_public_surface(live, token) -> None:
    _components(live.store)
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=live.url, headers=auth) as c:
        made = c.post("/api/admin/maintenances?announce=true", json=_spec())
        assert made.status_code == 200, made.text
        upcoming = c.get("/api/v2/scheduled-maintenances/upcoming.json").json()
        _valid(upcoming, "scheduled-maintenances/upcoming.json")
        [work] = upcoming["scheduled_maintenances"]
        assert (work["id"], work["status"], work["impact"]) == (
            "core-upgrade",
            "scheduled",
            "maintenance",
        )
        assert work["name"] == HOSTILE and [x["id"] for x in work["components"]] == ["voice:ca"]
        assert (
            c.get("/api/v2/scheduled-maintenances/active.json").json()["scheduled_maintenances"]
            == []
        )
        page = c.get("/").text
        assert "Scheduled maintenance" in page and "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Core &amp; edge" in page

        started = c.post("/api/admin/maintenances/core-upgrade/start")
        assert started.json()["status"] == "in_progress", started.text
        summary = c.get("/api/v2/summary.json").json()
        _valid(summary, "summary.json")
        assert summary["status"]["indicator"] == "maintenance"
        assert {x["id"]: x["status"] for x in summary["components"]} == {
            "voice:ca": "under_maintenance", "voice:tx": "operational"
        }  # fmt: skip
        [active] = summary["scheduled_maintenances"]
        assert [u["status"] for u in active["incident_updates"]] == ["in_progress", "scheduled"]

        done = c.post("/api/admin/maintenances/core-upgrade/complete")
        assert done.json()["status"] == "completed"
        every = c.get("/api/v2/scheduled-maintenances.json").json()
        _valid(every, "scheduled-maintenances.json")
        [finished] = every["scheduled_maintenances"]
        assert finished["status"] == "completed" and finished["resolved_at"] is not None
        assert c.get("/api/v2/components.json").json()["components"][0]["status"] == "operational"
        feed = c.get("/history.atom").text
        assert "maintenance completed" in feed and "&lt;script&gt;" in feed
        assert "<script>" not in feed
        assert "maintenance completed" in c.get("/components/voice-ca/history.atom").text
        assert "maintenance" not in c.get("/components/voice-tx/history.atom").text
        listed = c.get("/api/admin/maintenances").json()
        assert [(x["id"], x["status"]) for x in listed] == [("core-upgrade", "completed")]


def test_bad_requests_write_nothing(live, token) -> None:
    _components(live.store)
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=live.url) as c:
        assert c.post("/api/admin/maintenances", json=_spec()).status_code == 401
        c.headers.update(auth)
        late = _spec(scheduled_until=START.isoformat())
        assert c.post("/api/admin/maintenances", json=late).status_code == 422
        unknown = c.post("/api/admin/maintenances", json=_spec(components=["voice:nv"]))
        assert unknown.status_code == 422 and "no component 'voice:nv'" in unknown.text
        with live.store.connect() as conn:
            assert conn.execute(select(func.count()).select_from(s.maintenances)).scalar() == 0
        assert c.post("/api/admin/maintenances", json=_spec()).status_code == 200
        assert c.post("/api/admin/maintenances", json=_spec()).status_code == 409
        assert c.post("/api/admin/maintenances/nope/start").status_code == 404
        assert c.post("/api/admin/maintenances/core-upgrade/complete").status_code == 409
        assert c.post("/api/admin/maintenances/core-upgrade/explode").status_code == 422
