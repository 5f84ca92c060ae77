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
    return {
        "summary.json": {
            "page": head,
            "components": comps,
            "incidents": unresolved,
            "scheduled_maintenances": [],
            "status": status,
        },
        "status.json": {"page": head, "status": status},
        "components.json": {"page": head, "components": comps},
        "incidents.json": {"page": head, "incidents": every},
        "incidents/unresolved.json": {"page": head, "incidents": unresolved},
        "scheduled-maintenances.json": {"page": head, "scheduled_maintenances": []},
        "scheduled-maintenances/upcoming.json": {"page": head, "scheduled_maintenances": []},
        "scheduled-maintenances/active.json": {"page": head, "scheduled_maintenances": []},
    }


def dumps(document: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON, as Statuspage serves it."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
