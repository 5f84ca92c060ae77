"""Incidents in the store: save the incident record (the YAML model as JSON) with its components,
load it back, list incidents for the pages and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, select

from amends.errors import InputError
from amends.incident import Incident
from amends.store.components import incident_components, upsert_components
from amends.store.schema import COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, incidents
from amends.store.schema import incident_components as links
from amends.store.types import utcnow
from amends.store.upsert import upsert


@dataclass(frozen=True)
class IncidentRow:
    """An incident's stored summary (the record itself: `load_incident`)."""

    id: str
    title: str
    status: str
    impact: str
    started_at: datetime | None
    resolved_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @property
    def open(self) -> bool:
        """True until resolved (or written up)."""
        return self.status not in ("resolved", "postmortem")


def default_impact(incident: Incident) -> str:
    """Statuspage impact when nobody set one: critical for a major outage, else major when
    customers were affected, else minor."""
    if incident.major:
        return "critical"
    return "major" if incident.customers_affected > 0 else "minor"


def _resolved_at(incident: Incident, existing: Any, moment: datetime) -> datetime:
    """When it was resolved: service's return, else the first save as resolved, else now."""
    if incident.ended_at is not None:
        return incident.ended_at
    if existing is not None and existing.resolved_at is not None:
        return existing.resolved_at
    return moment


def save_incident(
    conn: Connection,
    incident: Incident,
    *,
    status: str | None = None,
    impact: str | None = None,
    component_status: str | None = None,
    now: datetime | None = None,
) -> IncidentRow:
    """Insert or update the incident's row (record = `model_dump_json()`) and its components.

    `status` defaults to the record's status; `impact` to the stored one, else `default_impact`.
    Components (regions x services) are created if missing and linked with `component_status`
    (default: major_outage while open, operational once resolved); the component's own status
    is not changed here (`components.set_component_status`).
    """
    moment = now or utcnow()
    state = status or incident.status
    if state not in INCIDENT_STATUSES:
        raise InputError(f"unknown incident status {state!r}; use one of: {INCIDENT_STATUSES}")
    existing = conn.execute(select(incidents).where(incidents.c.id == incident.id)).first()
    level = impact or (existing.impact if existing else default_impact(incident))
    if level not in IMPACTS:
        raise InputError(f"unknown impact {level!r}; use one of: {', '.join(IMPACTS)}")
    resolved = state in ("resolved", "postmortem")
    row = {
        "id": incident.id,
        "title": incident.title,
        "status": state,
        "impact": level,
        "record": incident.model_dump_json(),
        "started_at": incident.started_at or incident.discovered_at,
        "resolved_at": _resolved_at(incident, existing, moment) if resolved else None,
        "created_at": existing.created_at if existing else min(moment, incident.discovered_at),
        "updated_at": moment,
    }
    changing = [k for k in row if k not in ("id", "created_at")]
    conn.execute(upsert(conn, incidents, ["id"], changing), [row])
    link = component_status or ("operational" if resolved else "major_outage")
    if link not in COMPONENT_STATUSES:
        raise InputError(f"unknown component status {link!r}; use one of: {COMPONENT_STATUSES}")
    ids = upsert_components(conn, incident_components(incident), now=moment)
    conn.execute(
        delete(links).where(links.c.incident_id == incident.id, links.c.component_id.not_in(ids))
    )
    if ids:
        linked = [{"incident_id": incident.id, "component_id": i, "status": link} for i in ids]
        conn.execute(upsert(conn, links, ["incident_id", "component_id"], ["status"]), linked)
    return IncidentRow(**{k: row[k] for k in IncidentRow.__dataclass_fields__})


def load_incident(conn: Connection, incident_id: str) -> Incident | None:
    """The stored incident record, or None when there is no such incident."""
    record = conn.execute(
        select(incidents.c.record).where(incidents.c.id == incident_id)
    ).scalar_one_or_none()
    return None if record is None else Incident.model_validate_json(record)


def list_incidents(
    conn: Connection, *, open_only: bool = False, limit: int | None = None
) -> list[IncidentRow]:
    """Incidents, newest first (by start); `open_only` keeps those not yet resolved."""
    fields = [incidents.c[name] for name in IncidentRow.__dataclass_fields__]
    query = select(*fields).order_by(
        incidents.c.started_at.desc(), incidents.c.created_at.desc(), incidents.c.id
    )
    if open_only:
        query = query.where(incidents.c.status.not_in(("resolved", "postmortem")))
    if limit is not None:
        query = query.limit(limit)
    return [IncidentRow(**r._mapping) for r in conn.execute(query)]


def incident_component_ids(conn: Connection, incident_id: str) -> dict[str, str]:
    """Component id -> status of this incident's components."""
    rows = conn.execute(
        select(links.c.component_id, links.c.status)
        .where(links.c.incident_id == incident_id)
        .order_by(links.c.component_id)
    )
    return {r.component_id: r.status for r in rows}
