"""Alerts in: `POST /api/admin/alerts/alertmanager` (Alertmanager's webhook body, version 4,
unchanged) and `POST /api/admin/alerts/generic` (one JSON alert), with the admin token as a
bearer (Alertmanager's `http_config.authorization`); `GET .../alerts/incidents/{id}` shows what the
alerts noted on an incident. The app's body limit, JSON parsing and error answers apply."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Body, Depends, HTTPException

from amends.errors import InputError
from amends.events.alerts import AlertConfig, parse_alertmanager, parse_generic
from amends.publish.alerts import receive_alerts

if TYPE_CHECKING:
    from prometheus_client import CollectorRegistry

    from amends.store import Store


def alerts_router(
    store: Store,
    base: str,
    *,
    admin: Callable[..., str],
    registry: CollectorRegistry,
    config: AlertConfig | None = None,
) -> APIRouter:
    """The alert routes of the app of `store`: `admin` is its token check, `registry` its
    Prometheus registry; `config` defaults to the `[alerts]` table of ./amends.toml."""
    from prometheus_client import Counter

    from amends.events.alerts import load_alert_config
    from amends.web.app import ADMIN_404, ADMIN_ERRORS

    config = config or load_alert_config()
    received = Counter(
        "amends_alerts_received",
        "Alerts received, by sender, status and what they did",
        ["source", "status", "action"],
        registry=registry,
    )
    refused = Counter(
        "amends_alerts_refused", "Alert bodies refused as malformed", ["source"], registry=registry
    )
    router = APIRouter()
    tags = ["alerts"]

    def record(source: str, parse: Any, data: Any) -> dict[str, Any]:
        try:
            alerts = parse(data, config)
            done = receive_alerts(store, alerts if isinstance(alerts, list) else [alerts], config)
        except InputError as exc:
            refused.labels(source).inc()
            raise HTTPException(422, str(exc)) from None
        for r in done:
            received.labels(source, r.status, r.action).inc()
        return {
            "received": [
                {"fingerprint": r.fingerprint, "status": r.status, "incident": r.incident_id,
                 "action": r.action}
                for r in done
            ]
        }  # fmt: skip

    @router.post(f"{base}api/admin/alerts/alertmanager", tags=tags, responses=ADMIN_ERRORS)
    def alertmanager(
        body: dict[str, Any] = Body(..., description="Alertmanager's webhook body, version 4"),
        by: str = Depends(admin),
    ) -> dict[str, Any]:
        """Alertmanager's webhook notification (version 4): a firing alert opens or joins an
        incident (detection.source = alertmanager); a resolved one is noted on its timeline."""
        return record("alertmanager", parse_alertmanager, body)

    @router.post(f"{base}api/admin/alerts/generic", tags=tags, responses=ADMIN_ERRORS)
    def generic(
        body: dict[str, Any] = Body(
            ..., description="{id, status, name, labels, starts_at, ends_at?, summary?}"
        ),
        by: str = Depends(admin),
    ) -> dict[str, Any]:
        """One alert as JSON: a firing one opens or joins an incident, a resolved one is noted."""
        return record("generic", parse_generic, body)

    @router.get(f"{base}api/admin/alerts/incidents/{{incident_id}}", tags=tags, responses=ADMIN_404)
    def incident_alerts(incident_id: str, by: str = Depends(admin)) -> dict[str, Any]:
        """How the incident was detected and every alert change noted on it, oldest first."""
        from amends.store.alerts import timeline
        from amends.store.watch import get_watch_incident

        with store.connect() as conn:
            inc = get_watch_incident(conn, incident_id)
            entries = timeline(conn, incident_id)
        if inc is None and not entries:
            raise HTTPException(404, f"no incident {incident_id!r} opened by the watcher or alerts")
        return {
            "id": incident_id,
            "status": inc.status if inc else None,
            "detection": inc.detection if inc else None,
            "timeline": [
                {"source": e.source, "fingerprint": e.fingerprint, "status": e.status,
                 "at": e.at.isoformat(), "received_at": e.received_at.isoformat(), "note": e.note}
                for e in entries
            ],
        }  # fmt: skip

    return router
