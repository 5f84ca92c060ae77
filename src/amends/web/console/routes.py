"""The console's pages and forms: login and logout, the home page (open incidents, read-only),
one's own password; people and roles, the admin API's tokens, and the audit trail with its
export (admins).

Pages need a live session (else a redirect to the login page) and a role; every unsafe request
also needs the session's CSRF token (no session: 401; wrong token or role: 403).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from amends.errors import InputError
from amends.store.audit import entries, export, record
from amends.store.incidents import list_incidents
from amends.store.login_throttle import note_failure, note_success, throttled
from amends.store.sessions import (
    Session,
    end_session,
    purge_expired,
    start_session,
)
from amends.store.tokens import (
    SCOPES,
    NewToken,
    check_token_name,
    issue_token,
    list_tokens,
    withdraw_token,
)
from amends.store.users import (
    add_user,
    authenticate,
    check_name,
    check_password,
    check_role,
    disable_user,
    list_users,
    set_password,
    set_role,
)
from amends.web.console.pages import Pages
from amends.web.console.security import new_login_nonce, same
from amends.web.console.workspace import install_workspace

if TYPE_CHECKING:
    from amends.store import Store
    from amends.web.console.settings import ConsoleSettings
    from amends.web.settings import Settings

#: How many audit entries the audit page shows (the export has them all).
AUDIT_PAGE = 500
#: Password checks running at once (each Argon2id check takes 64 MiB and a core for a moment: a
#: flood of logins must not take the server's memory), and how long a login waits for a slot.
VERIFY_SLOTS = threading.BoundedSemaphore(4)
VERIFY_WAIT = 10.0


def console_router(store: Store, settings: Settings, console: ConsoleSettings) -> APIRouter:
    """The console's routes under `<base>console/`."""
    pages = Pages(store, settings, console)
    root, now = pages.root, pages.now
    router = APIRouter(include_in_schema=False)
    render, refuse = pages.render, pages.refuse
    page_access, form_access = pages.page_access, pages.form_access

    def address(request: Request) -> str:
        return request.client.host if request.client else "-"

    # ----- login and logout -------------------------------------------------------------------

    def login_form(
        request: Request,
        status: int = 200,
        *,
        name: str = "",
        errors: dict[str, str] | None = None,
        message: str | None = None,
    ) -> HTMLResponse:
        nonce = request.cookies.get(console.login_cookie, "")
        if not 20 <= len(nonce) <= 64:
            nonce = new_login_nonce()
        resp = render(
            "login.j2", status, csrf=nonce, name=name, errors=errors or {}, message=message
        )
        resp.set_cookie(
            console.login_cookie,
            nonce,
            max_age=3600,
            path="/",
            secure=console.secure_cookie,
            httponly=True,
            samesite="strict",
        )
        return resp

    @router.get(f"{root}login", response_class=HTMLResponse)
    def login_page(request: Request) -> Response:
        """The login form (also to someone logged in: logging in again starts a new session)."""
        return login_form(request)

    @router.post(f"{root}login", response_class=HTMLResponse)
    def login(
        request: Request, name: str = Form(""), password: str = Form(""), csrf: str = Form("")
    ) -> Response:
        """Check the name and password (throttled), then start a new session with a new id."""
        name = name.strip()[:200]
        if not same(csrf, request.cookies.get(console.login_cookie)):
            return login_form(
                request, 403, name=name, message="This form expired; please log in again."
            )
        errors = {}
        if not name:
            errors["name"] = "Give your user name."
        if not password:
            errors["password"] = "Give your password."
        if errors:
            return login_form(request, 422, name=name, errors=errors)
        who, moment = address(request), now()
        with store.connect() as conn:
            wait = throttled(conn, name, who, now=moment, limits=console.limits)
        if wait:
            minutes = -(-wait // 60)
            resp = login_form(
                request,
                429,
                name=name,
                message=f"Too many failed logins. Try again in {minutes} minute"
                + ("s." if minutes != 1 else "."),
            )
            resp.headers["retry-after"] = str(wait)
            return resp
        if not VERIFY_SLOTS.acquire(timeout=VERIFY_WAIT):
            resp = login_form(request, 429, name=name, message="The server is busy; try again.")
            resp.headers["retry-after"] = "5"
            return resp
        try:
            with store.connect() as conn:
                user = authenticate(conn, name, password)  # slow on purpose: no write lock held
                conn.commit()
        finally:
            VERIFY_SLOTS.release()
        with store.begin() as conn:
            if user is None:
                note_failure(conn, name, who, now=moment, limits=console.limits)
            else:
                end_session(conn, request.cookies.get(console.cookie))
                purge_expired(conn, now=moment, expiry=console.expiry)
                note_success(conn, name, now=moment, limits=console.limits)
                session_id, _ = start_session(conn, user, now=moment, address=who)
                record(
                    conn,
                    actor=user.name,
                    action="session.login",
                    object=f"user:{user.name}",
                    after={"address": who},
                    at=moment,
                )
        if user is None:
            return login_form(
                request, 401, name=name, errors={"password": "Wrong user name or password."}
            )
        resp = RedirectResponse(root, 303)
        set_session_cookie(resp, session_id)
        resp.delete_cookie(
            console.login_cookie,
            path="/",
            secure=console.secure_cookie,
            httponly=True,
            samesite="strict",
        )
        return resp

    @router.get(f"{root}logout", response_class=HTMLResponse)
    def logout_page(request: Request) -> Response:
        """A page with one button (GET never logs out: links are fetched by scanners)."""
        session = page_access(request, "viewer")
        if isinstance(session, Response):
            return session
        return render("logout.j2", session=session)

    @router.post(f"{root}logout", response_class=HTMLResponse)
    def logout(request: Request, csrf: str = Form("")) -> Response:
        """End the session and forget its cookie."""
        session = form_access(request, "viewer", csrf)
        if isinstance(session, Response):
            return session
        with store.begin() as conn:
            end_session(conn, request.cookies.get(console.cookie))
            name = session.user.name
            record(conn, actor=name, action="session.logout", object=f"user:{name}", at=now())
        resp = RedirectResponse(f"{root}login", 303)
        resp.delete_cookie(
            console.cookie, path="/", secure=console.secure_cookie, httponly=True, samesite="lax"
        )
        return resp

    def set_session_cookie(resp: Response, session_id: str) -> None:
        resp.set_cookie(
            console.cookie,
            session_id,
            max_age=int(console.expiry.absolute.total_seconds()),
            path="/",
            secure=console.secure_cookie,
            httponly=True,
            samesite="lax",
        )

    # ----- one's own account ------------------------------------------------------------------

    @router.get(f"{root}account", response_class=HTMLResponse)
    def account(request: Request, changed: str = "") -> Response:
        """The form to change one's own password."""
        session = page_access(request, "viewer")
        if isinstance(session, Response):
            return session
        return render("account.j2", session=session, errors={}, changed=changed == "1")

    @router.post(f"{root}account", response_class=HTMLResponse)
    def account_password(
        request: Request,
        current: str = Form(""),
        password: str = Form(""),
        again: str = Form(""),
        csrf: str = Form(""),
    ) -> Response:
        """Change one's own password (the current one first); every other session of the
        account ends and this one gets a new id."""
        session = form_access(request, "viewer", csrf)
        if isinstance(session, Response):
            return session
        name = session.user.name
        errors: dict[str, str] = {}
        try:
            check_password(password)
        except InputError as exc:
            errors["password"] = str(exc)
        if not errors and password != again:
            errors["again"] = "The two new passwords differ; type the same one twice."
        moment, who = now(), address(request)
        if not errors:
            # guessing the current password from a session counts as failed logins
            with store.connect() as conn:
                if throttled(conn, name, who, now=moment, limits=console.limits):
                    return refuse(429, "Too many tries", "Try again later.", session)
            with VERIFY_SLOTS, store.connect() as conn:
                matched = authenticate(conn, name, current) is not None
            if not matched:
                errors["current"] = "That is not your current password."
                with store.begin() as conn:
                    note_failure(conn, name, who, now=moment, limits=console.limits)
        if errors:
            return render("account.j2", 422, session=session, errors=errors)
        with store.begin() as conn:
            user = set_password(conn, name, password, by=name, now=moment)
            session_id, _ = start_session(conn, user, now=moment, address=who)
        resp = RedirectResponse(f"{root}account?changed=1", 303)
        set_session_cookie(resp, session_id)
        return resp

    # ----- home -------------------------------------------------------------------------------

    @router.get(root, response_class=HTMLResponse)
    def home(request: Request) -> Response:
        """The open incidents, newest first (read-only for now)."""
        session = page_access(request, "viewer")
        if isinstance(session, Response):
            return session
        with store.connect() as conn:
            incidents = list_incidents(conn, open_only=True)
        return render("home.j2", session=session, incidents=incidents)

    # ----- people and roles -------------------------------------------------------------------

    def users_page(
        session: Session, status: int = 200, errors: dict[str, str] | None = None, **form: str
    ) -> HTMLResponse:
        with store.connect() as conn:
            people = list_users(conn)
        return render(
            "users.j2", status, session=session, users=people, errors=errors or {}, form=form
        )

    @router.get(f"{root}users", response_class=HTMLResponse)
    def users(request: Request) -> Response:
        """Every account with its role and state, and the forms to change them (admins)."""
        session = page_access(request, "admin")
        if isinstance(session, Response):
            return session
        return users_page(session)

    @router.post(f"{root}users", response_class=HTMLResponse)
    def user_add(
        request: Request,
        name: str = Form(""),
        role: str = Form(""),
        password: str = Form(""),
        csrf: str = Form(""),
    ) -> Response:
        """Create an account (admins); errors are shown at their field."""
        session = form_access(request, "admin", csrf)
        if isinstance(session, Response):
            return session
        errors: dict[str, str] = {}
        for field, check, value in (
            ("add-name", check_name, name),
            ("add-role", check_role, role),
            ("add-password", check_password, password),
        ):
            try:
                check(value)
            except InputError as exc:
                errors[field] = str(exc)
        if not errors:
            try:
                with store.begin() as conn:
                    add_user(conn, name, role, password, by=session.user.name, now=now())
            except InputError as exc:
                errors["add-name"] = str(exc)
        if errors:
            return users_page(session, 422, errors, name=name, role=role)
        return RedirectResponse(f"{root}users", 303)

    @router.post(f"{root}users/role", response_class=HTMLResponse)
    def user_role(
        request: Request, name: str = Form(""), role: str = Form(""), csrf: str = Form("")
    ) -> Response:
        """Give an account another role (admins; the last admin stays one)."""
        session = form_access(request, "admin", csrf)
        if isinstance(session, Response):
            return session
        try:
            with store.begin() as conn:
                set_role(conn, name, role, by=session.user.name, now=now())
        except InputError as exc:
            return users_page(session, 422, {f"role-{name}": str(exc)})
        return RedirectResponse(f"{root}users", 303)

    @router.post(f"{root}users/disable", response_class=HTMLResponse)
    def user_disable(request: Request, name: str = Form(""), csrf: str = Form("")) -> Response:
        """Disable an account and end its sessions (admins; the last admin stays)."""
        session = form_access(request, "admin", csrf)
        if isinstance(session, Response):
            return session
        try:
            with store.begin() as conn:
                disable_user(conn, name, by=session.user.name, now=now())
        except InputError as exc:
            return users_page(session, 422, {f"disable-{name}": str(exc)})
        return RedirectResponse(f"{root}users", 303)

    # ----- API tokens (automation) ------------------------------------------------------------

    def tokens_page(
        session: Session,
        status: int = 200,
        errors: dict[str, str] | None = None,
        new: NewToken | None = None,
        **form: str,
    ) -> HTMLResponse:
        with store.connect() as conn:
            tokens = list_tokens(conn)
        return render(
            "tokens.j2",
            status,
            session=session,
            tokens=tokens,
            scopes=SCOPES,
            errors=errors or {},
            form=form,
            new=new,
        )

    @router.get(f"{root}tokens", response_class=HTMLResponse)
    def tokens(request: Request) -> Response:
        """The admin API's tokens (never their secrets) and the forms to create and revoke."""
        session = page_access(request, "admin")
        if isinstance(session, Response):
            return session
        return tokens_page(session)

    @router.post(f"{root}tokens", response_class=HTMLResponse)
    def token_create(
        request: Request, name: str = Form(""), scope: str = Form(""), csrf: str = Form("")
    ) -> Response:
        """Create a token and show it this once (admins); only its hash is kept."""
        session = form_access(request, "admin", csrf)
        if isinstance(session, Response):
            return session
        errors: dict[str, str] = {}
        try:
            check_token_name(name)
        except InputError as exc:
            errors["token-name"] = str(exc)
        if scope not in SCOPES:
            errors["token-scope"] = f"choose one of: {', '.join(SCOPES)}"
        if errors:
            return tokens_page(session, 422, errors, name=name, scope=scope)
        with store.begin() as conn:
            new = issue_token(conn, name, scopes=[scope], by=session.user.name, now=now())
        return tokens_page(session, 201, new=new)

    @router.post(f"{root}tokens/revoke", response_class=HTMLResponse)
    def token_revoke(request: Request, id: str = Form(""), csrf: str = Form("")) -> Response:
        """Revoke one token at once (admins)."""
        session = form_access(request, "admin", csrf)
        if isinstance(session, Response):
            return session
        try:
            if not id.isdigit() or len(id) > 18:
                raise InputError(f"no token with id {id[:20]!r}")
            with store.begin() as conn:
                withdraw_token(conn, int(id), by=session.user.name, now=now())
        except InputError as exc:
            return tokens_page(session, 422, {"revoke": str(exc)})
        return RedirectResponse(f"{root}tokens", 303)

    # ----- audit trail ------------------------------------------------------------------------

    @router.get(f"{root}audit", response_class=HTMLResponse)
    def audit(request: Request) -> Response:
        """The latest changes with who, when, the object before and after (admins)."""
        session = page_access(request, "admin")
        if isinstance(session, Response):
            return session
        with store.connect() as conn:
            rows = entries(conn, limit=AUDIT_PAGE)
        return render("audit.j2", session=session, entries=rows, limit=AUDIT_PAGE)

    @router.get(f"{root}audit/export", response_class=Response)
    def audit_export(request: Request, format: str = "csv") -> Response:
        """The whole audit trail as CSV or JSON, as `amends audit export` prints it (admins)."""
        session = page_access(request, "admin")
        if isinstance(session, Response):
            return session
        return pages.download(session, format, export, "audit")

    def affected_link(incident_id: str, subscriber: str) -> str:
        from amends.publish.signing import affected_url

        return affected_url(settings.url, settings.secret, incident_id, subscriber)

    install_workspace(
        router, store, console, root, render, page_access, form_access, refuse, affected_link
    )
    return router
