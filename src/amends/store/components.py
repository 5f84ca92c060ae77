"""Components (a service in a region, e.g. "voice:california"): create them from an incident,
set their status, list them in page order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select, update

from amends.errors import InputError
from amends.incident import Incident
from amends.store.schema import COMPONENT_STATUSES, components
from amends.store.types import utcnow
from amends.store.upsert import upsert


@dataclass(frozen=True)
class Component:
    """One component as stored."""

    id: str
    name: str
    service: str
    region: str
    status: str
    position: int
    updated_at: datetime


def component_id(service: str, region: str) -> str:
    """The component id for a service in a region: "service:region"."""
    return f"{service}:{region}"


def incident_components(incident: Incident) -> list[dict[str, str]]:
    """The components an incident touches: each affected region x each affected service.

    Names use what customers call them (`incident.services`, `incident.regions[...].name`),
    falling back to the ids; regions and services come from the windows, else the record's lists.
    """
    regions = incident.affected_regions or list(incident.regions)
    services = incident.affected_services or list(incident.services)
    rows = []
    for service in services:
        for region in regions:
            info = incident.regions.get(region)
            region_name = info.name if info else region
            service_name = incident.services.get(service, service)
            rows.append(
                {
                    "id": component_id(service, region),
                    "name": f"{service_name} — {region_name}",
                    "service": service,
                    "region": region,
                }
            )
    return rows


def upsert_components(
    conn: Connection, rows: Iterable[dict[str, str]], *, now: datetime | None = None
) -> list[str]:
    """Create missing components and refresh names of existing ones (status is left alone).

    New components start "operational" and go after the existing ones; returns their ids.
    """
    rows = list(rows)
    if not rows:
        return []
    moment = now or utcnow()
    last = conn.execute(select(components.c.position).order_by(components.c.position.desc()))
    start = (last.scalar() or 0) + 1
    values = [
        {**r, "status": "operational", "position": start + i, "updated_at": moment}
        for i, r in enumerate(rows)
    ]
    conn.execute(upsert(conn, components, ["id"], ["name", "service", "region"]), values)
    return [r["id"] for r in rows]


def set_component_status(
    conn: Connection, ids: Sequence[str], status: str, *, now: datetime | None = None
) -> int:
    """Set the Statuspage status of components; returns how many changed. Unknown ids are errors."""
    if status not in COMPONENT_STATUSES:
        raise InputError(
            f"unknown component status {status!r}; use one of: {', '.join(COMPONENT_STATUSES)}"
        )
    known = set(conn.execute(select(components.c.id).where(components.c.id.in_(ids))).scalars())
    missing = [i for i in ids if i not in known]
    if missing:
        raise InputError(f"unknown component {missing[0]!r}; see the components list")
    result = conn.execute(
        update(components)
        .where(components.c.id.in_(ids), components.c.status != status)
        .values(status=status, updated_at=now or utcnow())
    )
    return result.rowcount


def list_components(conn: Connection) -> list[Component]:
    """Every component in page order (position, then id)."""
    rows = conn.execute(select(components).order_by(components.c.position, components.c.id))
    return [Component(**r._mapping) for r in rows]


def incident_regions(conn: Connection) -> list[str]:
    """The regions of every component some incident affects, sorted (the demo subscribes one
    address per region)."""
    from amends.store.schema import incident_components

    query = (
        select(components.c.region)
        .join(incident_components, incident_components.c.component_id == components.c.id)
        .distinct()
    )
    return sorted(r for (r,) in conn.execute(query) if r)
