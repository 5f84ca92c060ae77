"""JSON Schemas of Statuspage's public /api/v2 documents, written from Statuspage's documented
response shapes (page, status, components, incidents with incident_updates and
affected_components, scheduled maintenances) and its enumerated values."""

from __future__ import annotations

from typing import Any

TIME = {"type": "string", "format": "date-time"}
NTIME = {"type": ["string", "null"], "format": "date-time"}
COMPONENT_STATUS = [
    "operational",
    "degraded_performance",
    "partial_outage",
    "major_outage",
    "under_maintenance",
]
INCIDENT_STATUS = ["investigating", "identified", "monitoring", "resolved", "postmortem"]
MAINTENANCE_STATUS = ["scheduled", "in_progress", "verifying", "completed"]
IMPACT = ["none", "minor", "major", "critical", "maintenance"]

PAGE = {
    "type": "object",
    "required": ["id", "name", "url", "updated_at"],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "time_zone": {"type": "string"},
        "updated_at": TIME,
    },
}
STATUS = {
    "type": "object",
    "required": ["indicator", "description"],
    "properties": {
        "indicator": {"enum": ["none", "minor", "major", "critical", "maintenance"]},
        "description": {"type": "string", "minLength": 1},
    },
}
COMPONENT = {
    "type": "object",
    "required": [
        "id",
        "name",
        "status",
        "created_at",
        "updated_at",
        "position",
        "description",
        "showcase",
        "group_id",
        "page_id",
        "group",
        "only_show_if_degraded",
    ],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "status": {"enum": COMPONENT_STATUS},
        "created_at": TIME,
        "updated_at": TIME,
        "position": {"type": "integer"},
        "description": {"type": ["string", "null"]},
        "showcase": {"type": "boolean"},
        "start_date": {"type": ["string", "null"], "format": "date"},
        "group_id": {"type": ["string", "null"]},
        "page_id": {"type": "string"},
        "group": {"type": "boolean"},
        "only_show_if_degraded": {"type": "boolean"},
    },
}
AFFECTED = {
    "type": "object",
    "required": ["code", "name", "old_status", "new_status"],
    "properties": {
        "code": {"type": "string"},
        "name": {"type": "string"},
        "old_status": {"enum": COMPONENT_STATUS},
        "new_status": {"enum": COMPONENT_STATUS},
    },
}
UPDATE = {
    "type": "object",
    "required": [
        "id",
        "status",
        "body",
        "incident_id",
        "created_at",
        "updated_at",
        "display_at",
        "affected_components",
        "deliver_notifications",
        "custom_tweet",
        "tweet_id",
    ],
    "properties": {
        "id": {"type": "string"},
        "status": {"enum": INCIDENT_STATUS + MAINTENANCE_STATUS},
        "body": {"type": "string"},
        "incident_id": {"type": "string"},
        "created_at": TIME,
        "updated_at": TIME,
        "display_at": TIME,
        "affected_components": {"type": ["array", "null"], "items": AFFECTED},
        "deliver_notifications": {"type": "boolean"},
        "custom_tweet": {"type": ["string", "null"]},
        "tweet_id": {"type": ["string", "null"]},
    },
}


def _incident(statuses: list[str], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    props: dict[str, Any] = {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "status": {"enum": statuses},
        "created_at": TIME,
        "updated_at": NTIME,
        "monitoring_at": NTIME,
        "resolved_at": NTIME,
        "impact": {"enum": IMPACT},
        "shortlink": {"type": "string"},
        "started_at": TIME,
        "page_id": {"type": "string"},
        "incident_updates": {"type": "array", "items": UPDATE},
        "components": {"type": "array", "items": COMPONENT},
    }
    required = [
        "id",
        "name",
        "status",
        "created_at",
        "updated_at",
        "monitoring_at",
        "resolved_at",
        "impact",
        "shortlink",
        "started_at",
        "page_id",
        "incident_updates",
    ]
    if extra:
        props |= extra
        required += list(extra)
    return {"type": "object", "required": required, "properties": props}


INCIDENT = _incident(INCIDENT_STATUS)
MAINTENANCE = _incident(MAINTENANCE_STATUS, {"scheduled_for": TIME, "scheduled_until": TIME})


def _doc(**members: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["page", *members],
        "properties": {"page": PAGE, **members},
    }


SCHEMAS: dict[str, dict[str, Any]] = {
    "summary.json": _doc(
        components={"type": "array", "items": COMPONENT},
        incidents={"type": "array", "items": INCIDENT},
        scheduled_maintenances={"type": "array", "items": MAINTENANCE},
        status=STATUS,
    ),
    "status.json": _doc(status=STATUS),
    "components.json": _doc(components={"type": "array", "items": COMPONENT}),
    "incidents.json": _doc(incidents={"type": "array", "items": INCIDENT}),
    "incidents/unresolved.json": _doc(incidents={"type": "array", "items": INCIDENT}),
    "scheduled-maintenances.json": _doc(
        scheduled_maintenances={"type": "array", "items": MAINTENANCE}
    ),
    "scheduled-maintenances/upcoming.json": _doc(
        scheduled_maintenances={"type": "array", "items": MAINTENANCE}
    ),
    "scheduled-maintenances/active.json": _doc(
        scheduled_maintenances={"type": "array", "items": MAINTENANCE}
    ),
}
