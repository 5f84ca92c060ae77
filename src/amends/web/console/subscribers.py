"""The console's subscribers page (admins): how many subscriptions each component, area and
"everything" has, confirmed and waiting, the latest subscriptions with their addresses, the
export (CSV or JSON, as `amends subscribers export`) and removal (recorded in the audit trail).

Addresses are personal data: this page, its export and the CLI are the only places they are
shown. Access works as on the console's other pages: no session sends a page to the login form
and refuses a form (401); another role gets 403; a form without the session's CSRF token 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from amends.errors import InputError
from amends.publish.subscriber_admin import counts, export, remove, subscriptions
from amends.store.sessions import Session
from amends.web.console.pages import Pages

if TYPE_CHECKING:
    from amends.store import Store
    from amends.web.console.settings import ConsoleSettings
    from amends.web.settings import Settings

#: How many subscriptions the page lists (the export has them all).
PAGE_ROWS = 500
#: The role this page needs.
ROLE = "admin"


def subscribers_router(store: Store, settings: Settings, console: ConsoleSettings) -> APIRouter:
    """The routes `<base>console/subscribers`, `.../export` and `.../remove`."""

    pages = Pages(store, settings, console)
    root, now = pages.root, pages.now
    router = APIRouter(include_in_schema=False)
    render = pages.render

    def page_access(request: Request) -> Session | Response:
        return pages.page_access(request, ROLE)

    def form_access(request: Request, csrf: str) -> Session | Response:
        return pages.form_access(request, ROLE, csrf)

    def listing(
        session: Session, status: int = 200, *, q: str = "", errors: dict[str, str] | None = None
    ) -> HTMLResponse:
        with store.connect() as conn:
            per_target = counts(conn)
            rows = subscriptions(conn, contains=q or None, limit=PAGE_ROWS)
        return render(
            "subscribers.j2",
            status,
            session=session,
            counts=per_target,
            rows=rows,
            q=q,
            limit=PAGE_ROWS,
            errors=errors or {},
        )

    @router.get(f"{root}subscribers", response_class=HTMLResponse)
    def subscribers(request: Request, q: str = "") -> Response:
        """Counts per component, area and everything; the latest subscriptions (admins)."""
        session = page_access(request)
        if isinstance(session, Response):
            return session
        return listing(session, q=q.strip()[:200])

    @router.get(f"{root}subscribers/export", response_class=Response)
    def subscribers_export(request: Request, format: str = "csv") -> Response:
        """Every subscription as CSV or JSON, as `amends subscribers export` prints it."""
        session = page_access(request)
        if isinstance(session, Response):
            return session
        return pages.download(session, format, export, "subscribers")

    @router.post(f"{root}subscribers/remove", response_class=HTMLResponse)
    def subscribers_remove(request: Request, id: str = Form(""), csrf: str = Form("")) -> Response:
        """Remove one subscription (its queued messages are cancelled; audited)."""
        session = form_access(request, csrf)
        if isinstance(session, Response):
            return session
        try:
            if not id.isdigit() or len(id) > 18:
                raise InputError(f"id: {id[:20]} is not a subscription id (a number)")
            with store.begin() as conn:
                remove(conn, int(id), by=session.user.name, now=now())
        except InputError as exc:
            return listing(session, 422, errors={"remove": str(exc)})
        return RedirectResponse(f"{root}subscribers", 303)

    return router
