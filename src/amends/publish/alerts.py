"""Receive alerts: a firing alert opens an incident, or joins the open one whose scope it matches;
a resolved alert is noted on its incident's timeline and ends nothing (the records decide).

Incidents opened here are the watcher's (`watch_incidents`): not public until a person publishes
one, with `detection.source` saying who saw the trouble first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from amends.errors import InputError
from amends.events.alerts import Alert, AlertConfig
from amends.store import alerts as stored
from amends.store.watch import WatchIncident, insert_watch_incident

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from amends.store import Store

Action = Literal["opened", "joined", "noted", "unchanged"]


@dataclass(frozen=True)
class Received:
    """What one alert did: its identity, the incident and the action taken."""

    fingerprint: str
    status: str
    incident_id: str
    action: Action


def receive_alerts(
    store: Store, alerts: list[Alert], config: AlertConfig, *, now: datetime | None = None
) -> list[Received]:
    """Record `alerts` in one transaction: all of them or, on an InputError, none."""
    moment = now or datetime.now(UTC)
    with store.begin() as conn:
        return [_receive(conn, alert, config, moment) for alert in alerts]


def _receive(conn: Connection, alert: Alert, config: AlertConfig, now: datetime) -> Received:
    known = stored.get_alert(conn, alert.source, alert.fingerprint)
    if alert.status == "resolved":
        if known is None:
            raise InputError(
                f"resolved alert {alert.fingerprint} ({alert.name}) was never received firing: "
                "nothing to note it on; nothing was recorded"
            )
        at = alert.ends_at or now
        note = f"{alert.name} resolved at the monitoring's word; the records decide the end"
        added = stored.add_to_timeline(conn, known.incident_id, alert, at, now, note)
        stored.put_alert(conn, alert, known.incident_id, now)
        return Received(alert.fingerprint, "resolved", known.incident_id, _noted(added))
    if known is not None and known.status == "firing" and known.starts_at == alert.starts_at:
        return Received(alert.fingerprint, "firing", known.incident_id, "unchanged")
    incident_id = _matching_incident(conn, alert)
    action: Action = "joined"
    if incident_id is None:
        incident_id = _open_incident(conn, alert, config, now)
        action = "opened"
    note = f"{alert.name} firing" + (f": {alert.summary}" if alert.summary else "")
    stored.add_to_timeline(conn, incident_id, alert, alert.starts_at, now, note[:2000])
    stored.put_alert(conn, alert, incident_id, now)
    return Received(alert.fingerprint, "firing", incident_id, action)


def _noted(added: bool) -> Action:
    return "noted" if added else "unchanged"


def _matching_incident(conn: Connection, alert: Alert) -> str | None:
    """The oldest open incident whose regions and services include the alert's scope; an alert
    that names no scope joins only an open incident opened by an alert of the same name."""
    for incident_id, regions, services, alert_name in stored.open_incident_scopes(conn):
        if alert.region is None and alert.service is None:
            if alert_name == alert.name and not regions and not services:
                return incident_id
            continue
        if (alert.region is None or alert.region in regions) and (
            alert.service is None or alert.service in services
        ):
            return incident_id
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "alert"


def _open_incident(conn: Connection, alert: Alert, config: AlertConfig, now: datetime) -> str:
    """A new watcher incident for the alert, with a valid (unpublished) incident record."""
    from amends.incident import Incident

    day = alert.starts_at.strftime("%Y-%m-%d")
    incident_id = _slug(f"{day}-{alert.name}-{alert.fingerprint[:8]}")[:200]
    where = " ".join(p for p in (alert.region, alert.service) if p)
    record = Incident(
        id=incident_id,
        title=(f"{alert.name} in {where}" if where else alert.name)[:200],
        time_zone=config.time_zone,
        discovered_at=min(alert.starts_at, now),
    )
    scope = [{"region": alert.region, "service": alert.service}]
    detection = {
        "source": alert.source,
        "alert": alert.name,
        "fingerprint": alert.fingerprint,
        "at": alert.starts_at.isoformat(),
        "scope": scope,
        "labels": alert.labels,
    }
    insert_watch_incident(
        conn,
        WatchIncident(
            id=incident_id,
            kind="alert",
            status="investigating",
            start_minute=int(alert.starts_at.timestamp() // 60),
            end_minute=None,
            record=record.model_dump(mode="json"),
            detection=detection,
            drafts=[],
            alerts={},
            withdrawn=False,
            created_at=now,
            updated_at=now,
        ),
    )
    return incident_id
