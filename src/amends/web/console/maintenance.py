"""The console's scheduled-maintenance pages: the list (upcoming, in progress, finished) with
what was sent, the form that schedules one, and each maintenance's page with its steps by hand.

Every step calls the same `amends.publish.maintenance` function as the admin API, the CLI and
the worker's clock, in one transaction with its audit entry. Viewers see; authors and above act.
Access works as on the console's other pages (no session: login page or 401; wrong role or
CSRF token: 403).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from amends.errors import InputError
from amends.publish import maintenance as mnt
from amends.store.audit import record as audit
from amends.store.sessions import Session
from amends.web.console.pages import Pages

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from amends.store import Store
    from amends.web.console.settings import ConsoleSettings
    from amends.web.settings import Settings

#: The role that may schedule a maintenance and take its steps (viewers see them).
ROLE = "author"
#: The steps a person may take by hand, in the order the page shows them.
HAND_STEPS: tuple[str, ...] = ("announce", "remind", "start", "complete", "cancel")
#: Longest title and description the form accepts.
MAX_TITLE, MAX_BODY = 200, 4000
#: The groups of the list page, by status.
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("in-progress", "In progress", ("in_progress", "verifying")),
    ("upcoming", "Upcoming", ("scheduled",)),
    ("finished", "Completed and cancelled", ("completed", "cancelled")),
)


@dataclass(frozen=True)
class Sent:
    """The messages one step of a maintenance queued, and how many went out."""

    step: str
    queued: int
    sent: int


def sent_summary(conn: Connection, maintenance_id: str) -> list[Sent]:
    """Per step, the outbox messages of a maintenance (keys `m:{id}:{step}:{subscription}`)."""
    from sqlalchemy import select

    from amends.store import schema as s

    o = s.outbox.c
    rows = conn.execute(
        select(o.idempotency_key, o.status).where(o.idempotency_key.like(f"m:{maintenance_id}:%"))
    )
    counts: dict[str, list[int]] = {}
    for row in rows:
        step = row.idempotency_key.split(":")[2]
        c = counts.setdefault(step, [0, 0])
        c[0] += 1
        c[1] += row.status == "sent"
    return [Sent(step, *counts[step]) for step in mnt.STEPS if step in counts]


def available_steps(m: Mapping[str, Any]) -> list[str]:
    """The steps a maintenance in its present state can take (the buttons its page shows)."""
    if m["status"] == "scheduled":
        return ["announce", *(["remind"] if m["announced_at"] else []), "start", "cancel"]
    if m["status"] in ("in_progress", "verifying"):
        return ["complete", "cancel"]
    return []


def form_locales(settings: Settings) -> list[str]:
    """The locales the form asks a title and a description in: the site's first, then the
    languages the messages are written in."""
    return list(dict.fromkeys([settings.locale, *mnt.MESSAGES]))


def parse_form(
    form: Mapping[str, Any], components: list[str], locales: list[str], known: set[str]
) -> tuple[mnt.MaintenanceSpec | None, dict[str, str]]:
    """The spec a create form describes, or the errors by field id (one line each)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    errors: dict[str, str] = {}
    zone_name = str(form.get("zone", "")).strip()
    zone = None
    with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(zone_name) if zone_name else None
    if zone is None:
        errors["zone"] = "give an IANA time zone, e.g. Europe/Madrid or UTC"
    window: dict[str, datetime] = {}
    for key in ("start", "end"):
        raw = str(form.get(key, "")).strip()
        try:
            moment = datetime.fromisoformat(raw) if raw else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is not None:
            errors[key] = "give a date and time, e.g. 2026-12-10T02:00"
        elif zone is not None:
            window[key] = moment.replace(tzinfo=zone)
    chosen = [c for c in dict.fromkeys(components) if c]
    if not chosen:
        errors["components"] = "choose at least one component"
    elif any(c not in known for c in chosen):
        errors["components"] = "choose components from the list"
    title: dict[str, str] = {}
    body: dict[str, str] = {}
    for i, loc in enumerate(locales):
        t = str(form.get(f"title-{loc}", "")).strip()
        b = str(form.get(f"body-{loc}", "")).strip()
        if len(t) > MAX_TITLE:
            errors[f"title-{loc}"] = f"keep the title under {MAX_TITLE} characters"
        if len(b) > MAX_BODY:
            errors[f"body-{loc}"] = f"keep the description under {MAX_BODY:,} characters"
        if not t and (i == 0 or b):
            errors[f"title-{loc}"] = "give a title" + ("" if i == 0 else " (or leave both empty)")
        if not b and (i == 0 or t):
            errors[f"body-{loc}"] = "give a description" + (
                "" if i == 0 else " (or leave both empty)"
            )
        if t and b:
            title[loc], body[loc] = t, b
    data = {
        "id": str(form.get("id", "")).strip(),
        "title": title,
        "body": body,
        "components": chosen,
        "scheduled_for": window.get("start"),
        "scheduled_until": window.get("end"),
        "auto": form.get("auto") == "on",
    }
    from pydantic import ValidationError

    try:
        spec = mnt.MaintenanceSpec.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            field = _field_of(err, locales)
            if field is not None:
                errors.setdefault(field, _one_line(field, err))
        return None, errors or {"id": "check the form"}
    return (None, errors) if errors else (spec, {})


def _field_of(err: Mapping[str, Any], locales: list[str]) -> str | None:
    """The form field a validation error belongs to (None: already said at its field)."""
    loc = [str(p) for p in err["loc"]]
    if loc[:1] == ["id"]:
        return "id"
    if loc[:1] in (["title"], ["body"]) and len(loc) > 1:
        return f"{loc[0]}-{loc[1]}"
    if loc[:1] in (["title"], ["body"]):
        return f"{loc[0]}-{locales[0]}"
    if loc[:1] == ["scheduled_for"]:
        return None  # said at "start" or "zone"
    if loc[:1] == ["scheduled_until"]:
        return None
    found = re.match(r"Value error, (title|body) in '([^']+)'", str(err["msg"]))
    if found:
        return f"{found.group(1)}-{found.group(2)}"
    if "scheduled_until" in str(err["msg"]):
        return "end"
    return "id" if loc[:1] != ["components"] else "components"


def _one_line(field: str, err: Mapping[str, Any]) -> str:
    if field == "id" and [str(p) for p in err["loc"]][:1] == ["id"]:
        return "use lowercase letters, digits and hyphens, e.g. core-2026-12"
    if field == "end":
        return "the end must be after the start"
    message = str(err["msg"]).removeprefix("Value error, ")
    return message.splitlines()[0][:200]


def maintenance_router(store: Store, settings: Settings, console: ConsoleSettings) -> APIRouter:
    """The routes `<base>console/maintenances`, `.../{id}` and `.../{id}/{step}`."""

    pages = Pages(store, settings, console)
    root, now = pages.root, pages.now
    router = APIRouter(include_in_schema=False)
    render, refuse = pages.render, pages.refuse
    locales = form_locales(settings)

    def page_access(request: Request) -> Session | Response:
        return pages.page_access(request, "viewer")

    def form_access(request: Request, csrf: str) -> Session | Response:
        return pages.form_access(request, ROLE, csrf)

    def components(conn: Connection) -> list[Any]:
        from sqlalchemy import select

        from amends.store import schema as s

        c = s.components.c
        return list(conn.execute(select(c.id, c.name, c.status).order_by(c.position, c.id)).all())

    def listing(
        session: Session,
        status: int = 200,
        *,
        form: Mapping[str, Any] | None = None,
        chosen: list[str] | None = None,
        errors: dict[str, str] | None = None,
    ) -> HTMLResponse:
        with store.connect() as conn:
            rows = mnt.list_maintenances(conn)
            sent = {m["id"]: sent_summary(conn, m["id"]) for m in rows}
            comps = components(conn)
        groups = [
            (key, heading, [m for m in rows if m["status"] in statuses])
            for key, heading, statuses in GROUPS
        ]
        return render(
            "maintenances.j2",
            status,
            session=session,
            groups=groups,
            sent=sent,
            components=comps,
            names={c.id: c.name for c in comps},
            locales=locales,
            form=form or {"zone": settings.time_zone, "auto": "on"},
            chosen=chosen or [],
            errors=errors or {},
            can_act=session.user.can(ROLE),
        )

    def detail(
        session: Session, maintenance_id: str, status: int = 200, error: str | None = None
    ) -> HTMLResponse:
        with store.connect() as conn:
            try:
                m = mnt.get_maintenance(conn, maintenance_id)
            except mnt.UnknownMaintenance:
                return refuse(
                    404, "No such maintenance", f"There is no maintenance {maintenance_id!r}.",
                    session,
                )  # fmt: skip
            sent = sent_summary(conn, maintenance_id)
            names = {c.id: c.name for c in components(conn)}
        return render(
            "maintenance.j2",
            status,
            session=session,
            m=m,
            sent=sent,
            names=names,
            steps=available_steps(m),
            error=error,
            can_act=session.user.can(ROLE),
        )

    def refresh(request: Request) -> None:
        cache = getattr(request.app.state, "cache", None)
        if cache is not None:  # the public page and feeds show the change at once
            cache.invalidate()

    @router.get(f"{root}maintenances", response_class=HTMLResponse)
    def maintenances(request: Request) -> Response:
        """Every maintenance by status, with what was sent; the form that schedules one."""
        session = page_access(request)
        if isinstance(session, Response):
            return session
        return listing(session)

    @router.post(f"{root}maintenances", response_class=HTMLResponse)
    async def create(request: Request) -> Response:
        """Schedule a maintenance (errors at the field; audited)."""
        raw = await request.form()
        form = {k: v for k, v in raw.items() if isinstance(v, str) and k != "components"}
        chosen = [str(c) for c in raw.getlist("components")]

        def work() -> Response:
            session = form_access(request, str(form.get("csrf", "")))
            if isinstance(session, Response):
                return session
            with store.connect() as conn:
                known = {c.id for c in components(conn)}
            spec, errors = parse_form(form, chosen, locales, known)
            if spec is None:
                return listing(session, 422, form=form, chosen=chosen, errors=errors)
            try:
                with store.begin() as conn:
                    mnt.create_maintenance(conn, spec, by=session.user.name, now=now())
                    audit(
                        conn,
                        actor=session.user.name,
                        action="maintenance.create",
                        object=f"maintenance:{spec.id}",
                        after=spec.model_dump(mode="json"),
                        at=now(),
                    )
            except mnt.MaintenanceExists as exc:
                return listing(session, 422, form=form, chosen=chosen, errors={"id": str(exc)})
            except InputError as exc:
                errors = {"components": str(exc)}
                return listing(session, 422, form=form, chosen=chosen, errors=errors)
            refresh(request)
            return RedirectResponse(f"{root}maintenances/{quote(spec.id, safe='')}", 303)

        return await run_in_threadpool(work)

    @router.get(f"{root}maintenances/{{maintenance_id}}", response_class=HTMLResponse)
    def maintenance(request: Request, maintenance_id: str) -> Response:
        """One maintenance: its window, components, texts, steps taken, messages, buttons."""
        session = page_access(request)
        if isinstance(session, Response):
            return session
        return detail(session, maintenance_id)

    @router.post(f"{root}maintenances/{{maintenance_id}}/{{step}}", response_class=HTMLResponse)
    async def take_step(request: Request, maintenance_id: str, step: str) -> Response:
        """Announce, remind, start, complete or cancel now (the publish layer's function;
        audited with the status before and after)."""
        raw = await request.form()
        csrf = str(raw.get("csrf", ""))

        def work() -> Response:
            session = form_access(request, csrf)
            if isinstance(session, Response):
                return session
            if step not in HAND_STEPS:
                return refuse(404, "No such step", f"Use one of {', '.join(HAND_STEPS)}.", session)
            try:
                with store.begin() as conn:
                    before = mnt.get_maintenance(conn, maintenance_id)
                    queued = getattr(mnt, step)(conn, maintenance_id, now=now())
                    after = mnt.get_maintenance(conn, maintenance_id)
                    audit(
                        conn,
                        actor=session.user.name,
                        action=f"maintenance.{step}",
                        object=f"maintenance:{maintenance_id}",
                        before=_state(before),
                        after={**_state(after), "queued": queued},
                        at=now(),
                    )
            except mnt.UnknownMaintenance as exc:
                return refuse(404, "No such maintenance", str(exc), session)
            except InputError as exc:
                return detail(session, maintenance_id, 409, error=str(exc))
            refresh(request)
            return RedirectResponse(f"{root}maintenances/{quote(maintenance_id, safe='')}", 303)

        return await run_in_threadpool(work)

    return router


def _state(m: Mapping[str, Any]) -> dict[str, Any]:
    """What a step changes, for the audit trail (times in ISO 8601)."""
    keys = ("status", "announced_at", "reminded_at", "started_at", "completed_at")
    return {k: m[k].isoformat() if isinstance(m[k], datetime) else m[k] for k in keys}
