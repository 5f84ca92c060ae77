"""Scheduled maintenance in the admin API: schedule one (`POST /api/admin/maintenances`), take a
step by hand (`POST .../{id}/announce|remind|start|complete|cancel`), list them. The same
functions as `amends maintenance`; each request is one transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from amends.errors import InputError
from amends.publish import maintenance as m

if TYPE_CHECKING:
    from amends.store import Store

Step = Literal["announce", "remind", "start", "complete", "cancel"]


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    """A stored maintenance as JSON (times in ISO 8601)."""
    return {
        key: value.isoformat() if hasattr(value, "isoformat") else value
        for key, value in row.items()
    }


def maintenance_router(
    store: Store,
    base: str,
    *,
    admin: Callable[..., str],
    reader: Callable[..., str],
    changed: Callable[[], None],
) -> APIRouter:
    """The maintenance routes of the app of `store`; `changed` refreshes the public pages."""
    from amends.web.app import ADMIN_ERRORS, _errors

    router = APIRouter()
    tags = ["maintenance"]

    @router.post(
        f"{base}api/admin/maintenances",
        tags=tags,
        responses=_errors(401, 409, 413, 422),
    )
    def create(
        body: m.MaintenanceSpec,
        announce: bool = Query(False, description="Announce it to subscribers now"),
        by: str = Depends(admin),
    ) -> dict[str, Any]:
        """Schedule a maintenance (and optionally announce it), all or nothing."""
        try:
            with store.begin() as conn:
                m.create_maintenance(conn, body, by=by)
                queued = m.announce(conn, body.id) if announce else 0
        except m.MaintenanceExists as exc:
            raise HTTPException(409, str(exc)) from None
        except InputError as exc:
            raise HTTPException(422, str(exc)) from None
        changed()
        return {"id": body.id, "status": "scheduled", "queued": queued}

    @router.post(
        f"{base}api/admin/maintenances/{{maintenance_id}}/{{step}}",
        tags=tags,
        responses=_errors(401, 404, 409, 413, 422),
    )
    def step(
        maintenance_id: str = Path(..., pattern=m.ID_PATTERN, description="The maintenance id"),
        step: Step = Path(..., description="announce, remind, start, complete or cancel"),
        by: str = Depends(admin),
    ) -> dict[str, Any]:
        """Take one step now (by hand); the messages it sends are queued once."""
        try:
            with store.begin() as conn:
                queued = getattr(m, step)(conn, maintenance_id)
                status = m.get_maintenance(conn, maintenance_id)["status"]
        except m.UnknownMaintenance as exc:
            raise HTTPException(404, str(exc)) from None
        except InputError as exc:
            raise HTTPException(409, str(exc)) from None
        changed()
        return {"id": maintenance_id, "step": step, "status": status, "queued": queued}

    @router.get(f"{base}api/admin/maintenances", tags=tags, responses=ADMIN_ERRORS)
    def listing(by: str = Depends(reader)) -> list[dict[str, Any]]:
        """Every maintenance with its status and steps' times, the next to start first."""
        with store.connect() as conn:
            return [_shown(row) for row in m.list_maintenances(conn)]

    return router
