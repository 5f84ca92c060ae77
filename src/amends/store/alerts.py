"""Alerts in the store: each alert's latest state by fingerprint, and its changes on the timeline
of the incident it opened or joined."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from amends.events.alerts import Alert
from amends.store.schema import alert_timeline, alerts, watch_incidents


@dataclass(frozen=True)
class StoredAlert:
    """An alert's stored state."""

    source: str
    fingerprint: str
    status: str
    starts_at: datetime
    ends_at: datetime | None
    incident_id: str


@dataclass(frozen=True)
class TimelineEntry:
    """One change of an alert on an incident's timeline."""

    incident_id: str
    source: str
    fingerprint: str
    status: str
    at: datetime
    received_at: datetime
    note: str | None


def get_alert(conn: Connection, source: str, fingerprint: str) -> StoredAlert | None:
    """The stored alert with this identity, or None."""
    row = conn.execute(
        select(alerts).where(alerts.c.source == source, alerts.c.fingerprint == fingerprint)
    ).first()
    if row is None:
        return None
    return StoredAlert(
        row.source, row.fingerprint, row.status, row.starts_at, row.ends_at, row.incident_id
    )


def put_alert(conn: Connection, alert: Alert, incident_id: str, now: datetime) -> None:
    """Insert the alert, or set its state, times and incident when it is already stored."""
    values: dict[str, Any] = {
        "name": alert.name,
        "status": alert.status,
        "region": alert.region,
        "service": alert.service,
        "starts_at": alert.starts_at,
        "ends_at": alert.ends_at,
        "labels": json.dumps(alert.labels, sort_keys=True),
        "summary": alert.summary,
        "incident_id": incident_id,
        "updated_at": now,
    }
    if get_alert(conn, alert.source, alert.fingerprint) is None:
        conn.execute(
            alerts.insert().values(
                source=alert.source, fingerprint=alert.fingerprint, received_at=now, **values
            )
        )
        return
    conn.execute(
        update(alerts)
        .where(alerts.c.source == alert.source, alerts.c.fingerprint == alert.fingerprint)
        .values(**values)
    )


def add_to_timeline(
    conn: Connection, incident_id: str, alert: Alert, at: datetime, now: datetime, note: str
) -> bool:
    """Note the alert's change on the incident's timeline; False when it is already there."""
    exists = conn.execute(
        select(alert_timeline.c.id).where(
            alert_timeline.c.source == alert.source,
            alert_timeline.c.fingerprint == alert.fingerprint,
            alert_timeline.c.status == alert.status,
            alert_timeline.c.at == at,
        )
    ).first()
    if exists is not None:
        return False
    conn.execute(
        alert_timeline.insert().values(
            incident_id=incident_id,
            source=alert.source,
            fingerprint=alert.fingerprint,
            status=alert.status,
            at=at,
            received_at=now,
            note=note,
        )
    )
    return True


def timeline(conn: Connection, incident_id: str) -> list[TimelineEntry]:
    """The alert changes noted on an incident, oldest first."""
    rows = conn.execute(
        select(alert_timeline)
        .where(alert_timeline.c.incident_id == incident_id)
        .order_by(alert_timeline.c.at, alert_timeline.c.id)
    )
    return [
        TimelineEntry(r.incident_id, r.source, r.fingerprint, r.status, r.at, r.received_at, r.note)
        for r in rows
    ]


def open_incident_scopes(conn: Connection) -> list[tuple[str, set[str], set[str], str | None]]:
    """(id, regions, services, alert name) of each open, not withdrawn incident of the watcher
    (opened from the records or by an alert), oldest first."""
    rows = conn.execute(
        select(watch_incidents.c.id, watch_incidents.c.record, watch_incidents.c.detection)
        .where(
            watch_incidents.c.status.not_in(("resolved", "postmortem", "closed")),
            watch_incidents.c.withdrawn.is_(False),
        )
        .order_by(watch_incidents.c.start_minute, watch_incidents.c.id)
    )
    out = []
    for row in rows:
        record, detection = json.loads(row.record), json.loads(row.detection)
        regions: set[str] = set()
        services: set[str] = set()
        for window in record.get("windows", []):
            regions.update(window.get("regions", []))
            services.update(window.get("services", []))
        for pair in detection.get("scope", []):
            regions.update([pair["region"]] if pair.get("region") else [])
            services.update([pair["service"]] if pair.get("service") else [])
        out.append((row.id, regions, services, detection.get("alert")))
    return out
