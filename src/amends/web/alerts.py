"""Alerts in: `POST /api/admin/alerts/alertmanager` (Alertmanager's webhook body, version 4,
unchanged) and `POST /api/admin/alerts/generic` (one JSON alert), with the admin token as a
bearer (Alertmanager's `http_config.authorization`); `GET .../alerts/incidents/{id}` shows what the
alerts noted on an incident. Also `/metrics` for Prometheus."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from amends.errors import InputError
from amends.events.alerts import AlertConfig, parse_alertmanager, parse_generic
from amends.publish.alerts import receive_alerts
from amends.web.auth import verify_token

if TYPE_CHECKING:
    from amends.store import Store

#: The largest alert body read: Alertmanager's notifications are a few kilobytes per alert.
MAX_BODY_BYTES = 1 << 20


async def read_json(request: Request, limit: int = MAX_BODY_BYTES) -> Any:
    """The request's JSON body, read up to `limit` bytes: 413 beyond it, 400 when not JSON."""
    declared = request.headers.get("content-length", "")
    too_big = HTTPException(413, f"the body is larger than {limit:,} bytes: send fewer alerts")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    try:
        return json.loads(b"".join(chunks))
    except (ValueError, UnicodeDecodeError):
        raise HTTPException(400, "the body is not JSON") from None


def alerts_router(store: Store, base: str = "/", config: AlertConfig | None = None) -> APIRouter:
    """The alert routes and `/metrics`, for the app of `store`; `config` defaults to the
    `[alerts]` table of ./amends.toml."""
    from prometheus_client import CollectorRegistry, Counter, generate_latest

    from amends.events.alerts import load_alert_config

    config = config or load_alert_config()
    registry = CollectorRegistry()
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

    def bearer(request: Request) -> str:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        name = None
        if scheme.lower() == "bearer":
            name = verify_token(store, token.strip(), scope="publish")
        if name is None:
            raise HTTPException(
                401,
                "a valid token with the 'publish' scope is needed as a bearer token",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return name

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

    @router.post(f"{base}api/admin/alerts/alertmanager", tags=tags)
    async def alertmanager(request: Request, by: str = Depends(bearer)) -> dict[str, Any]:
        """Alertmanager's webhook notification (version 4): a firing alert opens or joins an
        incident (detection.source = alertmanager); a resolved one is noted on its timeline."""
        return record("alertmanager", parse_alertmanager, await read_json(request))

    @router.post(f"{base}api/admin/alerts/generic", tags=tags)
    async def generic(request: Request, by: str = Depends(bearer)) -> dict[str, Any]:
        """One alert as JSON: {id, status, name, labels, starts_at, ends_at?, summary?}."""
        return record("generic", parse_generic, await read_json(request))

    @router.get(f"{base}api/admin/alerts/incidents/{{incident_id}}", tags=tags)
    async def incident_alerts(incident_id: str, by: str = Depends(bearer)) -> dict[str, Any]:
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

    @router.get(f"{base}metrics", include_in_schema=False)
    async def metrics() -> Response:
        """Prometheus text format: this server's alert counters."""
        return Response(generate_latest(registry), media_type="text/plain; version=0.0.4")

    return router
