"""What every console router needs to answer a request: render a page, refuse one, and find
the session of a page or form request with its role and CSRF checks. One place, so every
console page asks for a login, a role and a token the same way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader

from amends.store.schema import ROLES
from amends.store.sessions import Session, find_session
from amends.web.console.security import same
from amends.web.render import TEMPLATES

if TYPE_CHECKING:
    from amends.store import Store
    from amends.web.console.settings import ConsoleSettings
    from amends.web.settings import Settings


def console_environment() -> Environment:
    """Jinja2 for the console's templates; every value is HTML-escaped."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES / "console"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class Pages:
    """Rendering and access checks for the console's routers, built once per router."""

    def __init__(self, store: Store, settings: Settings, console: ConsoleSettings) -> None:
        self.store = store
        self.console = console
        self.site_name = settings.name
        self.base = settings.base_path.rstrip("/") + "/"
        self.root = f"{self.base}console/"
        self.env = console_environment()
        self.now: Callable[[], datetime] = console.clock

    def render(self, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        """A console template with the site's names and roles filled in."""
        ctx.setdefault("session", None)
        html = self.env.get_template(template).render(
            root=self.root, base=self.base, site_name=self.site_name, roles=ROLES, **ctx
        )
        return HTMLResponse(html, status_code=status)

    def refuse(
        self, status: int, heading: str, message: str, session: Session | None
    ) -> HTMLResponse:
        """A page that says, in a heading and a line, why the request was not done."""
        return self.render("message.j2", status, heading=heading, message=message, session=session)

    def current(self, request: Request) -> Session | None:
        """The live session the request's cookie names, if any."""
        with self.store.begin() as conn:
            return find_session(
                conn,
                request.cookies.get(self.console.cookie),
                now=self.now(),
                expiry=self.console.expiry,
            )

    def page_access(self, request: Request, role: str) -> Session | Response:
        """The session of a page request, or the answer: log in first, or not your role."""
        session = self.current(request)
        if session is None:
            return RedirectResponse(f"{self.root}login", 303)
        if not session.user.can(role):
            return self.refuse(403, "Not allowed", f"This page needs the {role} role.", session)
        return session

    def form_access(self, request: Request, role: str, csrf: str) -> Session | Response:
        """The session of an unsafe request, or the refusal: no session, no token, not the role."""
        session = self.current(request)
        if session is None:
            return self.refuse(401, "Logged out", "Your session has ended; log in again.", None)
        if not same(csrf, session.csrf_token):
            return self.refuse(
                403,
                "Form expired",
                "This form is stale or was not sent from the console; reload the page and "
                "try again.",
                session,
            )
        if not session.user.can(role):
            return self.refuse(403, "Not allowed", f"This action needs the {role} role.", session)
        return session

    def download(
        self, session: Session, fmt: str, export: Callable[[Any, str], str], name: str
    ) -> Response:
        """An admin export (`export(conn, fmt)`) sent as the file `amends-{name}.{fmt}`, or 422
        for a format other than csv and json."""
        from amends.files import EXPORT_FORMATS

        if fmt not in EXPORT_FORMATS:
            return self.refuse(422, "Unknown format", "Export as csv or json.", session)
        with self.store.connect() as conn:
            body = export(conn, fmt)
        kind = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
        disposition = f'attachment; filename="amends-{name}.{fmt}"'
        return Response(body, media_type=kind, headers={"content-disposition": disposition})
