"""Statuspage-compatible /api/v2 documents (summary, status, components, incidents, unresolved,
scheduled maintenances), with Statuspage's field names and values, built from `SiteData`.

Widgets, bots and aggregators written for a Statuspage page read these unchanged. Only the
page's default locale is served here (Statuspage has one body per update).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from amends.publish.site import (
    ComponentRow,
    IncidentRow,
    MaintenanceRow,
    SiteData,
    StatementRow,
    overall_status,
)

#: The /api/v2 documents, by file name (the static export writes each of them).
DOCUMENTS: tuple[str, ...] = (
    "summary.json",
    "status.json",
    "components.json",
    "incidents.json",
    "incidents/unresolved.json",
    "scheduled-maintenances.json",
    "scheduled-maintenances/upcoming.json",
    "scheduled-maintenances/active.json",
)


def iso(value: datetime | None) -> str | None:
    """Statuspage's time format: ISO 8601 with milliseconds and an offset."""
    if value is None:
        return None
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def page(data: SiteData) -> dict[str, Any]:
    """The `page` object every document starts with."""
    return {
        "id": data.page.id,
        "name": data.page.name,
        "url": data.page.url,
        "time_zone": data.page.time_zone,
        "updated_at": iso(data.updated_at),
    }


def component(data: SiteData, c: ComponentRow) -> dict[str, Any]:
    """One component, as Statuspage describes it."""
    created = c.created_at or c.updated_at or data.generated_at
    return {
        "id": c.id,
        "name": c.name,
        "status": c.status,
        "created_at": iso(created),
        "updated_at": iso(c.updated_at or created),
        "position": c.position,
        "description": None,
        "showcase": True,
        "start_date": created.date().isoformat(),
        "group_id": None,
        "page_id": data.page.id,
        "group": False,
        "only_show_if_degraded": False,
    }


def _component_names(data: SiteData) -> dict[str, ComponentRow]:
    return {c.id: c for c in data.components}


def incident_update(
    data: SiteData, inc: IncidentRow, s: StatementRow, before: dict[str, str]
) -> dict[str, Any]:
    """One statement as an incident update; `before` holds each component's status after the
    previous update (and is advanced to this update's)."""
    comps = _component_names(data)
    affected = []
    for comp_id, status in inc.components:
        row = comps.get(comp_id)
        new = "operational" if s.status in ("resolved", "postmortem") else status
        affected.append(
            {
                "code": comp_id,
                "name": row.name if row else comp_id,
                "old_status": before.get(comp_id, "operational"),
                "new_status": new,
            }
        )
        before[comp_id] = new
    return {
        "id": str(s.id),
        "status": s.status,
        "body": s.body_text,
        "incident_id": inc.id,
        "created_at": iso(s.published_at),
        "updated_at": iso(s.published_at),
        "display_at": iso(s.published_at),
        "affected_components": affected or None,
        "deliver_notifications": True,
        "custom_tweet": None,
        "tweet_id": None,
    }


def incident(data: SiteData, inc: IncidentRow) -> dict[str, Any]:
    """One incident with its updates (newest first) and components."""
    comps = _component_names(data)
    stmts = data.statements_of(inc.id, data.page.locale)
    before: dict[str, str] = {}
    updates = [incident_update(data, inc, s, before) for s in stmts]
    updates.reverse()
    monitoring = next((s.published_at for s in stmts if s.status == "monitoring"), None)
    return {
        "id": inc.id,
        "name": inc.title,
        "status": inc.status,
        "created_at": iso(inc.created_at),
        "updated_at": iso(inc.updated_at),
        "monitoring_at": iso(monitoring),
        "resolved_at": iso(inc.resolved_at),
        "impact": inc.impact,
        "shortlink": f"{data.page.url.rstrip('/')}/incidents/{inc.id}/",
        "started_at": iso(inc.started_at or inc.created_at),
        "page_id": data.page.id,
        "incident_updates": updates,
        "components": [component(data, comps[c]) for c, _ in inc.components if c in comps],
    }


def maintenance(data: SiteData, m: MaintenanceRow) -> dict[str, Any]:
    """One scheduled maintenance, as Statuspage describes it (impact "maintenance"; its updates
    are the announcement, the start and the completion, newest first)."""
    from amends.publish.maintenance import message

    comps = _component_names(data)
    locale = data.page.locale
    facts = {
        "id": m.id, "title": m.title, "body": m.body, "components": list(m.components),
        "scheduled_for": m.scheduled_for, "scheduled_until": m.scheduled_until,
        "started_at": m.started_at, "completed_at": m.completed_at,
    }  # fmt: skip
    names = {c.id: c.name for c in data.components}
    steps = [("scheduled", m.created_at or m.scheduled_for, m.text("body", locale))]
    if m.started_at:
        steps.append(("in_progress", m.started_at, message(facts, "start", locale, names)[1]))
    if m.completed_at:
        steps.append(("completed", m.completed_at, message(facts, "complete", locale, names)[1]))
    updates = [
        {
            "id": f"{m.id}-{status}",
            "status": status,
            "body": body,
            "incident_id": m.id,
            "created_at": iso(at),
            "updated_at": iso(at),
            "display_at": iso(at),
            "affected_components": [
                {"code": c, "name": comps[c].name if c in comps else c,
                 "old_status": "under_maintenance" if status == "completed" else "operational",
                 "new_status": "under_maintenance" if status == "in_progress" else "operational"}
                for c in m.components
            ] if status != "scheduled" else None,
            "deliver_notifications": True,
            "custom_tweet": None,
            "tweet_id": None,
        }
        for status, at, body in reversed(steps)
    ]  # fmt: skip
    return {
        "id": m.id,
        "name": m.text("title", locale),
        "status": m.status,
        "created_at": iso(m.created_at or m.scheduled_for),
        "updated_at": iso(m.updated_at or m.created_at or m.scheduled_for),
        "monitoring_at": None,
        "resolved_at": iso(m.completed_at),
        "impact": "maintenance",
        "shortlink": f"{data.page.url.rstrip('/')}/#maintenance-{m.id}",
        "started_at": iso(m.started_at or m.scheduled_for),
        "page_id": data.page.id,
        "incident_updates": updates,
        "components": [component(data, comps[c]) for c in m.components if c in comps],
        "scheduled_for": iso(m.scheduled_for),
        "scheduled_until": iso(m.scheduled_until),
    }


def status_object(data: SiteData) -> dict[str, str]:
    """The rolled-up indicator and its description."""
    o = overall_status(data)
    return {"indicator": o.indicator, "description": o.description}


def documents(data: SiteData) -> dict[str, dict[str, Any]]:
    """Every /api/v2 document, keyed by its path under /api/v2/."""
    head = page(data)
    comps = [component(data, c) for c in data.components]
    unresolved = [incident(data, i) for i in data.open_incidents]
    every = unresolved + [incident(data, i) for i in data.past_incidents[:50]]
    status = status_object(data)
    upcoming = [maintenance(data, m) for m in data.upcoming_maintenances]
    active = [maintenance(data, m) for m in data.active_maintenances]
    recent = sorted(data.maintenances, key=lambda m: (m.scheduled_for, m.id), reverse=True)
    recent_works = [maintenance(data, m) for m in recent[:50]]
    return {
        "summary.json": {
            "page": head,
            "components": comps,
            "incidents": unresolved,
            "scheduled_maintenances": active + upcoming,
            "status": status,
        },
        "status.json": {"page": head, "status": status},
        "components.json": {"page": head, "components": comps},
        "incidents.json": {"page": head, "incidents": every},
        "incidents/unresolved.json": {"page": head, "incidents": unresolved},
        "scheduled-maintenances.json": {"page": head, "scheduled_maintenances": recent_works},
        "scheduled-maintenances/upcoming.json": {"page": head, "scheduled_maintenances": upcoming},
        "scheduled-maintenances/active.json": {"page": head, "scheduled_maintenances": active},
    }


def dumps(document: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON, as Statuspage serves it."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
