"""The FastAPI application: the public site and Statuspage-compatible API served from a cached
snapshot, the feedback form, the signed "was I affected?" page and the token-authenticated
admin API (OpenAPI at /docs)."""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import Depends, FastAPI, Form, HTTPException, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from prometheus_client import CollectorRegistry
from pydantic import AfterValidator, AwareDatetime, BaseModel, Field, ValidationError
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.routing import Match

from amends.errors import InputError
from amends.incident.model import MAX_TEXT
from amends.publish import operations as ops
from amends.publish.metrics import OutboxCollector
from amends.publish.statuspage import DOCUMENTS
from amends.web.alerts import alerts_router
from amends.web.auth import verify_token
from amends.web.cache import CachedResource, Snapshot, SnapshotCache
from amends.web.console import ConsoleSettings, install_console
from amends.web.i18n import translations
from amends.web.maintenance import maintenance_router
from amends.web.metrics import RequestMetrics, exposition
from amends.web.render import ATOM, HTML, RSS, environment
from amends.web.settings import Settings
from amends.web.subscribe import subscribe_router

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Receive, Scope, Send

    from amends.store import Store

#: The longest statement the admin API takes (characters): an explanation with its timeline
#: fits many times over; a pasted log or a flood does not.
MAX_STATEMENT = 20_000
#: The longest incident file a publication request carries (characters; the whole request stays
#: under the body limit even in 4-byte characters).
MAX_RECORD = 150_000
#: The largest row id the API takes: the store's ids are signed 64-bit integers, and JSON
#: clients hold numbers as doubles, exact up to 2^53 - 1; a larger id is refused with 422.
MAX_ID = 2**53 - 1

#: Path prefixes the public fast path never answers (they are FastAPI routes).
DYNAMIC = (
    "api/admin",
    "admin",
    "affected/",
    "console",
    "docs",
    "redoc",
    "openapi.json",
    "subscribe/",
)


#: Pages need no script, no frames and nothing from elsewhere: say so to the browser.
PAGE_HEADERS: list[tuple[bytes, bytes]] = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        b"base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
]


class PublicFastPath:
    """ASGI middleware: GET/HEAD of a public path is answered from the cached snapshot without
    entering the router (this is what makes the page fast during an outage)."""

    def __init__(self, app: ASGIApp, cache: SnapshotCache, base_path: str) -> None:
        self.app = app
        self.cache = cache
        self.base = base_path.rstrip("/") + "/"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if not path.startswith(self.base):
            await self.app(scope, receive, send)
            return
        rel = path[len(self.base) :]
        if rel.startswith(DYNAMIC) or rel.endswith("/feedback/thanks"):
            await self.app(scope, receive, send)
            return
        # reading the store and rendering run in a worker thread: the event loop stays free for
        # the other requests (a cached resource is a dictionary read and stays on the loop)
        snap = self.cache.fresh() or await run_in_threadpool(self.cache.current)
        res = await _lookup(snap, rel)
        if res is None:
            folder = not rel.endswith("/") and "." not in rel.rsplit("/", 1)[-1]
            if folder and await _lookup(snap, rel + "/"):
                await _send(send, 308, [(b"location", (path + "/").encode())], b"")
                return
            await self.app(scope, receive, send)
            return
        headers = [
            (b"content-type", res.content_type.encode()),
            (b"etag", res.etag.encode()),
            (b"cache-control", b"public, max-age=10"),
            (b"x-content-type-options", b"nosniff"),
        ]
        if rel.startswith("api/v2/"):
            headers.append((b"access-control-allow-origin", b"*"))
        elif res.content_type.startswith("text/html"):
            headers += PAGE_HEADERS
        inm = next((v for k, v in scope["headers"] if k == b"if-none-match"), None)
        if inm is not None and inm.decode("latin-1") == res.etag:
            await _send(send, 304, headers, b"")
            return
        headers.append((b"content-length", str(len(res.body)).encode()))
        body = b"" if scope["method"] == "HEAD" else res.body
        await _send(send, 200, headers, body, length_set=True)


def too_large(limit: int) -> str:
    """The 413 answer's words."""
    return f"request body over {limit:,} bytes; send less"


class AnnouncedBodyLimit:
    """ASGI middleware: a request whose Content-Length is over the limit gets 413 at once,
    before one byte of its body is read (Starlette's limiter would answer it in plain text)."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = next((v for k, v in scope["headers"] if k == b"content-length"), b"")
            if length.isdigit() and int(length) > self.max_body_bytes:
                body = json.dumps({"detail": too_large(self.max_body_bytes)}).encode()
                headers = [(b"content-type", b"application/json"), (b"connection", b"close")]
                await _send(send, 413, headers, body)
                return
        await self.app(scope, receive, send)


async def _lookup(snap: Snapshot, rel: str) -> CachedResource | None:
    """The resource at `rel`, rendered in a worker thread the first time."""
    if snap.rendered(rel):
        return snap.get(rel)
    return await run_in_threadpool(snap.get, rel)


async def _send(
    send: Send,
    status: int,
    headers: list[tuple[bytes, bytes]],
    body: bytes,
    *,
    length_set: bool = False,
) -> None:
    if not length_set:
        headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


#: The public pages and feeds, documented in the OpenAPI schema (the fast path answers them;
#: each is also under /<locale>/ for the incidents' other locales).
PAGES = [
    ("", "The status page", HTML),
    ("history/", "Every resolved incident", HTML),
    ("fixes/", "Every promised long-term fix and whether it was kept", HTML),
    ("incidents/{incident_id}/", "One incident and its updates", HTML),
    ("incidents/{incident_id}/explanation/", "What happened and what we got wrong", HTML),
    ("history.atom", "Incident history (Atom)", ATOM),
    ("history.rss", "Incident history (RSS)", RSS),
    ("components/{component}/history.atom", "One component's incidents (Atom)", ATOM),
    ("components/{component}/history.rss", "One component's incidents (RSS)", RSS),
]

# ----- admin API models ----------------------------------------------------------------------


def _no_nul(value: str) -> str:
    """Refuse a NUL character: no id holds one and PostgreSQL cannot store one (the record
    refuses every control character in its own text)."""
    if "\x00" in value:
        raise ValueError("contains a NUL character (U+0000); remove it")
    return value


class _NoNulDocumented:
    """Says in the OpenAPI schema what `_no_nul` checks (a pattern without U+0000), so clients
    and schema-driven tests know it; the check itself keeps its own message."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = handler(core_schema)
        schema["pattern"] = r"^[^\u0000]*$"
        return schema


#: Text the API passes on to the store: no NUL.
Text = Annotated[str, AfterValidator(_no_nul), _NoNulDocumented()]


class StatementRequest(BaseModel):
    """Publish one statement of an incident already in the store."""

    stage: Literal["acknowledge", "update", "resolve", "explain", "follow_up"]
    channel: Literal["web", "email", "sms", "social", "notice"] = "web"
    locale: Text = Field("en", max_length=MAX_TEXT)
    text: Text | None = Field(
        None,
        min_length=1,
        max_length=MAX_STATEMENT,
        description="The statement; omitted: compose drafts it",
    )
    subject: Text | None = Field(None, max_length=MAX_TEXT)
    override_reason: Text | None = Field(
        None,
        max_length=MAX_TEXT,
        description="Publish despite error findings; the reason is recorded (audit log)",
    )


class StatementResult(BaseModel):
    """What publishing did."""

    statement_id: int
    check_errors: int
    queued: int
    override_reason: str | None


class ComponentChange(BaseModel):
    """A component's new status, recorded with a publication."""

    id: Text = Field(max_length=200)
    status: Literal[
        "operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"
    ]


class ActionChange(BaseModel):
    """Progress on a promised fix, recorded with a publication."""

    id: int = Field(ge=1, le=MAX_ID)
    status: Literal["planned", "in_progress", "done", "missed"]


class PublicationRequest(BaseModel):
    """A whole publication, all or nothing: the incident file, optionally resolved, component and
    action changes, and one statement per channel and locale (none without a stage)."""

    record: Text = Field(
        min_length=1, max_length=MAX_RECORD, description="The incident file (YAML or JSON)"
    )
    stage: Literal["acknowledge", "update", "resolve", "explain", "follow_up"] | None = None
    channels: list[Literal["web", "email", "sms", "social", "notice"]] = Field(
        default_factory=lambda: ["web"], max_length=5
    )
    locales: list[Annotated[Text, Field(max_length=35)]] = Field(
        default_factory=list,
        max_length=20,
        description="Locales to publish (default: every locale of the incident)",
    )
    text: Text | None = Field(
        None,
        min_length=1,
        max_length=MAX_STATEMENT,
        description="The statement (one channel and locale); omitted: compose drafts it",
    )
    override_reason: Text | None = Field(
        None,
        max_length=MAX_TEXT,
        description="Publish despite error findings; the reason is recorded (audit log)",
    )
    resolve: bool = False
    components: list[ComponentChange] = Field(default_factory=list, max_length=100)
    actions: list[ActionChange] = Field(default_factory=list, max_length=100)
    note: Text | None = Field(None, max_length=MAX_TEXT)


class PublishedRow(BaseModel):
    """One statement of a publication: written, or `unchanged` (the same text was already out)."""

    channel: str
    locale: str
    statement_id: int
    check_errors: int
    queued: int
    unchanged: bool


class PublicationResult(BaseModel):
    """What a publication did."""

    id: str
    statements: list[PublishedRow]


class ComponentStatusRequest(BaseModel):
    """A component's new status."""

    status: Literal[
        "operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"
    ]


class ResolveRequest(BaseModel):
    """When service was restored (default: the measured end of the outage, else now)."""

    restored_at: AwareDatetime | None = None


class ActionProgressRequest(BaseModel):
    """Progress on a promised fix."""

    status: Literal["planned", "in_progress", "done", "missed"]
    note: Text | None = Field(None, max_length=MAX_TEXT)


class AffectedLinkRequest(BaseModel):
    """Whom a personal "was I affected?" link is for."""

    incident_id: Text = Field(max_length=MAX_TEXT)
    subscriber: Text = Field(max_length=MAX_TEXT)


class FieldProblem(BaseModel):
    """One field a request got wrong: where (`loc`), what, and the kind of problem."""

    loc: list[str]
    msg: str
    type: str


class Refusal(BaseModel):
    """A statement the check refused, with its findings."""

    error: str
    findings: list[dict[str, Any]]


class Problem(BaseModel):
    """An error answer: a sentence saying the fix, the fields at fault, or the check's refusal."""

    detail: str | list[FieldProblem] | Refusal


def _errors(*codes: int, html: bool = False) -> dict[int | str, dict[str, Any]]:
    """The documented error answers of a route (JSON `Problem`, or with `html` a page)."""
    words = {
        401: "No valid token with the scope this route needs",
        404: "No such incident, component, action item, maintenance or link",
        409: "The request conflicts with what is stored (an id taken, a step out of order)",
        413: "Request body over the limit (AMENDS_MAX_BODY_BYTES, default 1 MiB)",
        422: "A field, the body or the record's own validation refused the request",
        429: "Too many answers from this client; nothing was stored",
        503: "Notification links are not available (notify settings)",
    }
    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        if html:
            out[code] = {"description": words[code], "content": {"text/html": {}}}
        else:
            out[code] = {"description": words[code], "model": Problem}
    return out


#: Every admin route can answer these.
ADMIN_ERRORS = _errors(401, 413, 422)
#: ... and those that name a row that may not exist.
ADMIN_404 = _errors(401, 404, 413, 422)


def _bearer(request: Request) -> str:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            return base64.b64decode(value).decode().partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return ""
    return ""


def _problems(errors: Any) -> list[dict[str, Any]]:
    """Pydantic's errors as JSON-safe objects: where, what and the kind, never the input (it may
    be NaN, which JSON cannot carry, or megabytes long)."""
    return [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": e["type"]}
        for e in errors
    ]


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    """422 for a request that does not fit its model (FastAPI's would echo a NaN and fail)."""
    assert isinstance(exc, RequestValidationError)
    return JSONResponse({"detail": _problems(exc.errors())}, status_code=422)


async def _invalid_value(request: Request, exc: Exception) -> JSONResponse:
    """422 for a value the incident record refuses (its own validation, met while publishing)."""
    assert isinstance(exc, ValidationError)
    return JSONResponse({"detail": _problems(exc.errors())}, status_code=422)


async def _http_error(request: Request, exc: Exception) -> Response:
    """FastAPI's HTTP errors, with a clearer word for a JSON body nested too deeply to parse and
    for a body over the limit."""
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and isinstance(exc.__cause__, RecursionError):
        exc = HTTPException(422, "request body: JSON nested too deeply; send a flat object")
    elif exc.status_code == 400 and exc.detail == "There was an error parsing the body":
        exc = HTTPException(422, "request body: not JSON in UTF-8; send a JSON object")
    elif exc.status_code == 405:
        # the methods of every route at this path (Starlette names only the first route's)
        allowed = sorted(
            {
                m
                for r in request.app.routes
                if isinstance(r, APIRoute) and r.matches(request.scope)[0] != Match.NONE
                for m in r.methods
            }
        )
        return JSONResponse(
            {"detail": "Method Not Allowed"}, 405, headers={"Allow": ", ".join(allowed)}
        )
    elif exc.status_code == 413:
        limit = request.app.state.settings.max_body_bytes
        exc = HTTPException(413, too_large(limit))
    return await http_exception_handler(request, exc)


#: What the routes import on first use; `warm_up` imports it before the first request.
LAZY_MODULES = (
    "amends.incident",
    "amends.publish.cadence",
    "amends.publish.feedback",
    "amends.publish.notifyconfig",
    "amends.publish.signing",
    "amends.publish.subscriptions",
    "amends.web.personal",
)


def settle_heap() -> None:
    """Collect once and freeze what start-up allocated, so garbage collection during requests
    only walks what requests allocate (shorter pauses: a better p99)."""
    import gc

    gc.collect()
    gc.freeze()


def warm_up(app: FastAPI) -> None:
    """Do before the first request what it would otherwise wait for: the routes' imports, the
    first read of the store and the home page (together most of a second on a busy machine)."""
    import importlib

    for name in LAZY_MODULES:
        importlib.import_module(name)
    try:
        app.state.cache.current().get("")
    except SQLAlchemyError as exc:  # the store is down: the first request will say so
        log.warning("store unreachable at start: %s", exc)


def create_app(
    store: Store, *, settings: Settings | None = None, console: ConsoleSettings | None = None
) -> FastAPI:
    """The whole site for one store: public pages, /api/v2, feeds, feedback, personal page, the
    admin API and the console (its settings from the environment unless given)."""
    settings = (settings or Settings.from_env()).with_secret()
    cache = SnapshotCache(store, settings)
    base = settings.base_path.rstrip("/") + "/"
    app = FastAPI(
        title=f"{settings.name} - amends status API",
        description=(
            "Public: Statuspage-compatible `/api/v2/*.json`, Atom/RSS feeds, HTML pages. "
            "Admin (`/api/admin/*`): send `Authorization: Bearer <token>` "
            "(create one with `amends serve token NAME`)."
        ),
        version="1",
    )
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(ValidationError, _invalid_value)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.state.cache = cache
    app.state.store = store
    app.state.settings = settings
    app.add_middleware(PublicFastPath, cache=cache, base_path=settings.base_path)
    # bodies streamed past the limit (chunked, or a false Content-Length) stop being read there:
    # 413 from Starlette's limiter, as JSON through the app's error handling
    app.add_middleware(RequestBodyLimitMiddleware, max_body_size=settings.max_body_bytes)
    app.add_middleware(AnnouncedBodyLimit, max_body_bytes=settings.max_body_bytes)
    metrics = CollectorRegistry()
    metrics.register(OutboxCollector(store))
    app.add_middleware(RequestMetrics, registry=metrics)  # outermost: sees every request

    @app.get(f"{base}metrics", include_in_schema=False)
    def prometheus_metrics() -> Response:
        body, kind = exposition(metrics)
        return Response(body, media_type=kind)

    def needs(scope: str) -> Any:
        def check(request: Request) -> str:
            name = verify_token(store, _bearer(request), scope=scope)
            if name is None:
                raise HTTPException(
                    401,
                    f"a valid token with the {scope!r} scope is needed",
                    headers={"WWW-Authenticate": "Bearer"},
                )
            return name

        return check

    admin = needs("publish")
    reader = needs("read")

    def page(template: str, locale: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        site = cache.current().site
        loc = locale if locale in site.locales else site.locale
        # dynamic pages have no other-language twin: no language switcher
        html = (
            environment(loc)
            .get_template(template)
            .render(site.context(loc, "") | {"locales": []} | ctx)
        )
        return HTMLResponse(html, status_code=status)

    # ----- public (documented; answered by the fast path in practice) ----------------------

    def _api_route(name: str) -> None:
        def handler() -> Response:
            res = cache.current().get(f"api/v2/{name}")
            assert res is not None
            return Response(res.body, media_type=res.content_type)

        app.get(
            f"{base}api/v2/{name}",
            tags=["Statuspage-compatible API"],
            summary=f"Statuspage /api/v2/{name}",
            response_class=JSONResponse,
        )(handler)

    for _name in DOCUMENTS:
        _api_route(_name)

    def _page_route(path: str, summary: str, media: str) -> None:
        def handler(request: Request) -> Response:
            res = cache.current().get(request.url.path[len(base) :])
            if res is None:
                raise HTTPException(404, "no such page; the incidents are listed at /history/")
            return Response(res.body, media_type=res.content_type)

        app.get(
            f"{base}{path}",
            tags=["public pages and feeds"],
            summary=summary,
            response_class=Response,
            responses={200: {"description": summary, "content": {media: {}}}} | _errors(404),
            openapi_extra={
                "parameters": [
                    {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                    for name in re.findall(r"{(\w+)}", path)
                ]
            },
        )(handler)

    for _path, _summary, _media in PAGES:
        _page_route(_path, _summary, _media)

    @app.post(
        f"{base}incidents/{{incident_id}}/feedback",
        tags=["public"],
        status_code=303,
        response_class=RedirectResponse,
        responses={303: {"description": "Stored: on to the thank-you page"}}
        | _errors(404, 413, 422)
        | _errors(429, html=True),
    )
    def feedback(
        request: Request,
        incident_id: Text,
        helpful: str | None = Form(None),
        comment: str | None = Form(None),
        locale: str = Form("en"),
        statement_id: int = Form(0, ge=0, le=MAX_ID, description="0: the latest statement"),
    ) -> Response:
        """Store one answer to "Did this answer your questions?" (rate limited per client)."""
        from amends.publish.feedback import StatementNotOfIncident, record_feedback

        site = cache.current().site
        locale = locale if locale in site.locales else site.locale
        answer = {"yes": True, "no": False}.get((helpful or "").lower())
        client = f"{request.client.host if request.client else '-'}"
        try:
            stored = record_feedback(
                store,
                incident_id,
                helpful=answer,
                comment=comment,
                locale=locale,
                client=client,
                secret=settings.secret,
                statement_id=statement_id or None,
                limit=settings.feedback_limit,
                window_seconds=settings.feedback_window_seconds,
            )
        except StatementNotOfIncident as exc:
            raise HTTPException(422, str(exc)) from None
        except InputError:
            raise HTTPException(404, "no such incident") from None
        pre = site._prefix(locale)
        if not stored:
            t = translations(locale).gettext
            return page(
                "message.j2",
                locale,
                429,
                heading=t("Too many answers"),
                message=t("You have answered several times already. Thank you."),
                back=f"{base}{pre}incidents/{incident_id}/",
            )
        return RedirectResponse(f"{base}{pre}incidents/{incident_id}/feedback/thanks", 303)

    @app.get(f"{base}incidents/{{incident_id}}/feedback/thanks", include_in_schema=False)
    @app.get(f"{base}{{locale}}/incidents/{{incident_id}}/feedback/thanks", include_in_schema=False)
    def thanks(incident_id: str, locale: str | None = None) -> HTMLResponse:
        site = cache.current().site
        loc = locale if locale in site.locales else site.locale
        t = translations(loc).gettext
        pre = site._prefix(loc)
        return page(
            "message.j2",
            loc,
            heading=t("Thank you"),
            message=t("Your answer was stored. It helps us write clearer updates."),
            back=f"{base}{pre}incidents/{incident_id}/",
        )

    @app.get(
        f"{base}affected/{{token}}",
        response_class=HTMLResponse,
        tags=["public"],
        responses=_errors(404, html=True),
    )
    def affected(token: str) -> HTMLResponse:
        """The signed personal page: one customer's failed calls and credit; nothing without a
        valid, unexpired link."""
        from amends.publish.signing import verify_affected
        from amends.web.personal import personal_figures

        claim = verify_affected(settings.secret, token, max_age_days=settings.affected_max_age_days)
        snap = cache.current()
        inc = snap.site.data.incident(claim.incident_id) if claim else None
        figures = personal_figures(store, claim.incident_id, claim.subscriber) if inc else None
        locale = (figures.locale if figures else None) or snap.site.locale
        resp = page("affected.j2", locale, 200 if figures else 404, personal=figures, incident=inc)
        for key, value in PAGE_HEADERS:
            resp.headers[key.decode()] = value.decode()
        resp.headers["cache-control"] = "private, no-store"
        resp.headers["x-robots-tag"] = "noindex, nofollow"
        resp.headers["referrer-policy"] = "no-referrer"
        return resp

    # ----- the links in notification emails (double opt-in, RFC 8058 one-click unsubscribe) ---

    def notify_settings() -> Any:
        """The notify settings (their secret signs the unsubscribe links), read once."""
        if getattr(app.state, "notify_settings", None) is None:
            from amends.publish.notifyconfig import load_settings

            try:
                app.state.notify_settings = load_settings()
            except InputError as exc:  # `amends serve` refuses this at start; other hosts may not
                log.error("notification settings: %s", exc)
                raise HTTPException(503, "notification links are not available") from None
        return app.state.notify_settings

    def unknown_link(loc: str) -> HTMLResponse:
        """The 404 page of a confirmation or unsubscribe link that is unknown or used."""
        t = translations(loc).gettext
        return page(
            "message.j2",
            loc,
            404,
            heading=t("Link unknown"),
            message=t("This link is unknown or was already used."),
        )

    @app.get(
        f"{base}notify/confirm/{{token}}",
        response_class=HTMLResponse,
        tags=["public"],
        responses=_errors(404, html=True),
    )
    def notify_confirm(token: str) -> HTMLResponse:
        """Confirm an email subscription (the double opt-in link)."""
        from amends.publish.subscriptions import confirm

        loc = cache.current().site.locale
        t = translations(loc).gettext
        with store.begin() as conn:
            found = confirm(conn, token)
        if found is None:
            return unknown_link(loc)
        return page(
            "message.j2",
            loc,
            heading=t("Subscription confirmed"),
            message=t("You will get our status updates. Every message has a link to stop them."),
            back=base,
        )

    @app.get(f"{base}notify/unsubscribe/{{token}}", response_class=HTMLResponse, tags=["public"])
    def notify_unsubscribe_page(token: str) -> HTMLResponse:
        """A page with one button: mail scanners fetch links, so GET never unsubscribes."""
        loc = cache.current().site.locale
        return page("unsubscribe.j2", loc, action=f"{base}notify/unsubscribe/{token}")

    @app.post(
        f"{base}notify/unsubscribe/{{token}}",
        response_class=HTMLResponse,
        tags=["public"],
        responses=_errors(404, html=True) | _errors(413, 503),
    )
    def notify_unsubscribe(token: str) -> HTMLResponse:
        """One-click unsubscribe (RFC 8058 POST from mail clients, or the page's button)."""
        from amends.publish.subscriptions import unsubscribe

        loc = cache.current().site.locale
        t = translations(loc).gettext
        settings = notify_settings()  # read before the transaction: a 503 writes nothing
        with store.begin() as conn:
            found = unsubscribe(conn, settings, token)
        if found is None:
            return unknown_link(loc)
        return page(
            "message.j2",
            loc,
            heading=t("Unsubscribed"),
            message=t("You will get no more messages from us at this address."),
        )

    app.include_router(
        subscribe_router(store, settings, cache, page, notify_settings, PAGE_HEADERS)
    )

    # ----- admin API ------------------------------------------------------------------------

    tags = ["admin"]

    def done(result: Any = None) -> Any:
        cache.invalidate()
        return result

    def input_error(exc: InputError) -> HTTPException:
        return HTTPException(422, str(exc))

    def check_refused(exc: ops.CheckRefused) -> HTTPException:
        """422 with the checker's findings: the statement was not published."""
        findings = [f.model_dump(mode="json") for f in exc.report.findings]
        return HTTPException(422, {"error": str(exc), "findings": findings})

    @app.post(
        f"{base}api/admin/incidents",
        tags=tags,
        responses=ADMIN_ERRORS,
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "The incident file: YAML, or the same record as JSON",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        },
    )
    async def create_incident(request: Request, by: str = Depends(admin)) -> dict[str, str]:
        """Create or update an incident from its incident file (YAML or JSON body)."""
        from amends.incident import parse_incident

        text = (await request.body()).decode("utf-8", errors="replace")

        def save() -> Any:
            incident = parse_incident(text, source="request body")
            ops.save_incident(store, incident)
            return incident

        try:
            incident = await run_in_threadpool(save)
        except InputError as exc:
            raise input_error(exc) from None
        except RecursionError:
            raise HTTPException(
                422, "request body: nested too deeply to be an incident file; send the record"
            ) from None
        return done({"id": incident.id, "url": f"{base}incidents/{incident.id}/"})

    @app.post(
        f"{base}api/admin/incidents/{{incident_id}}/statements",
        tags=tags,
        response_model=StatementResult,
        responses=ADMIN_404,
    )
    def publish(
        incident_id: Text, body: StatementRequest, by: str = Depends(admin)
    ) -> StatementResult:
        """Publish a statement: checked first; error findings refuse it (422 with the findings)
        unless `override_reason` says why it must go out; queued for notification."""
        try:
            incident = ops.load_incident_record(store, incident_id)
            result = ops.publish_statement(
                store,
                incident,
                body.stage,
                body.channel,
                body.locale,
                by=by,
                override_reason=body.override_reason,
                text=body.text,
                subject=body.subject,
            )
        except ops.CheckRefused as exc:
            raise check_refused(exc) from None
        except InputError as exc:
            raise input_error(exc) from None
        return done(
            StatementResult(
                statement_id=result.statement_id,
                check_errors=result.check_errors,
                queued=result.queued,
                override_reason=result.override_reason,
            )
        )

    @app.post(
        f"{base}api/admin/publications",
        tags=tags,
        response_model=PublicationResult,
        responses=ADMIN_ERRORS,
    )
    def publication(body: PublicationRequest, by: str = Depends(admin)) -> PublicationResult:
        """Save the incident and publish, all or nothing, in one transaction: resolution,
        component and action changes, and a checked statement per channel and locale (422 with
        the findings when one is refused); what `amends publish --server` sends."""
        from amends.incident import parse_incident

        try:
            incident = parse_incident(body.record, source="record")
            locales = body.locales or list(incident.locales)
            jobs = [(c, loc) for c in body.channels for loc in locales] if body.stage else []
            if body.text is not None and len(jobs) != 1:
                raise InputError("`text` publishes one statement: give one channel and one locale")
            results = ops.publish(
                store,
                incident,
                body.stage,
                jobs,
                by=by,
                text=body.text,
                override_reason=body.override_reason,
                resolve=body.resolve,
                changes=ops.Changes(
                    components=[(c.id, c.status) for c in body.components],
                    actions=[(a.id, a.status) for a in body.actions],
                    note=body.note,
                ),
            )
        except ops.CheckRefused as exc:
            raise check_refused(exc) from None
        except InputError as exc:
            raise input_error(exc) from None
        except RecursionError:
            raise HTTPException(
                422, "record: nested too deeply to be an incident file; send the record"
            ) from None
        rows = [
            PublishedRow(
                channel=channel,
                locale=locale,
                statement_id=r.statement_id,
                check_errors=r.check_errors,
                queued=r.queued,
                unchanged=r.unchanged,
            )
            for (channel, locale), r in zip(jobs, results, strict=True)
        ]
        return done(PublicationResult(id=incident.id, statements=rows))

    @app.post(f"{base}api/admin/incidents/{{incident_id}}/resolve", tags=tags, responses=ADMIN_404)
    def resolve(
        incident_id: Text, body: ResolveRequest | None = None, by: str = Depends(admin)
    ) -> dict[str, Any]:
        """Mark the incident resolved and its components operational."""
        try:
            ops.load_incident_record(store, incident_id)
        except InputError as exc:
            raise HTTPException(404, str(exc)) from None
        try:
            rec = ops.resolve_incident(store, incident_id, at=body.restored_at if body else None)
        except InputError as exc:
            raise input_error(exc) from None
        return done({"id": rec.id, "status": rec.status, "restored_at": rec.restored_at})

    @app.post(f"{base}api/admin/components/{{component_id}}/status", tags=tags, responses=ADMIN_404)
    def component_status(
        component_id: Text, body: ComponentStatusRequest, by: str = Depends(admin)
    ) -> dict[str, str]:
        """Change one component's status."""
        try:
            ops.set_component_status(store, component_id, body.status)
        except InputError as exc:
            raise HTTPException(404, str(exc)) from None
        return done({"id": component_id, "status": body.status})

    @app.post(f"{base}api/admin/action-items/{{action_id}}", tags=tags, responses=ADMIN_404)
    def action_progress(
        action_id: Annotated[int, Path(ge=1, le=MAX_ID)],
        body: ActionProgressRequest,
        by: str = Depends(admin),
    ) -> dict[str, Any]:
        """Record progress on a promised long-term fix (done, missed, ...)."""
        try:
            ops.record_action_progress(store, action_id, body.status, note=body.note)
        except InputError as exc:
            raise HTTPException(404, str(exc)) from None
        return done({"id": action_id, "status": body.status})

    def due_rows(data: Any) -> list[dict[str, Any]]:
        """Next-update deadlines with each incident's open regulatory clocks beside them."""
        from amends.publish.cadence import with_regulatory
        from amends.web.personal import deadlines

        everyone = [(i.id, i.title, i.status, i.record) for i in data.incidents]
        return with_regulatory(deadlines(data), everyone, data.generated_at)

    @app.get(f"{base}api/admin/due", tags=tags, responses=_errors(401, 422))
    def due(by: str = Depends(reader)) -> list[dict[str, Any]]:
        """Every open incident's next-update deadline with its open regulatory clocks
        (`regulatory`: regime, obligation, recipient, due in UTC and the incident's zone, state
        overdue/due/owed, section), overdue first; resolved incidents with an open clock too."""
        return [json.loads(json.dumps(d, default=str)) for d in due_rows(cache.current().site.data)]

    @app.get(f"{base}api/admin/audit", tags=tags, responses=_errors(401, 422))
    def audit(incident_id: Text | None = None, by: str = Depends(reader)) -> Any:
        """Every published statement with who, when, check errors and override reasons."""
        rows = ops.audit_log(store, incident_id)
        return json.loads(json.dumps(rows, default=str))

    @app.get(f"{base}api/admin/feedback/{{incident_id}}", tags=tags, responses=_errors(401, 422))
    def feedback_summary(incident_id: Text, by: str = Depends(reader)) -> dict[str, Any]:
        """Answers to "Did this answer your questions?" for one incident."""
        from amends.publish.feedback import summarise_feedback

        s = summarise_feedback(store, incident_id)
        return {
            "incident_id": incident_id,
            "total": s.total,
            "helpful": s.helpful,
            "not_helpful": s.not_helpful,
            "no_answer": s.no_answer,
            "by_locale": {k: {"yes": v[0], "no": v[1]} for k, v in s.by_locale.items()},
            "comments": [
                {"at": str(c[0]), "locale": c[1], "helpful": c[2], "comment": c[3]}
                for c in s.comments
            ],
        }

    @app.post(f"{base}api/admin/affected-link", tags=tags, responses=ADMIN_ERRORS)
    async def affected_link(body: AffectedLinkRequest, by: str = Depends(admin)) -> dict[str, str]:
        """A signed, expiring personal link for one subscriber (for notices)."""
        from amends.publish.signing import affected_url

        return {
            "url": affected_url(settings.url, settings.secret, body.incident_id, body.subscriber)
        }

    @app.get(
        f"{base}admin/",
        response_class=HTMLResponse,
        tags=tags,
        responses={401: {"description": "An admin token is needed", "content": {"text/plain": {}}}},
    )
    def admin_page(request: Request) -> HTMLResponse:
        """The admin page: next updates, regulatory clocks and the audit log (HTTP Basic with
        the token as password, or a bearer token)."""
        name = verify_token(store, _bearer(request), scope="read")
        if name is None:
            return HTMLResponse(
                "admin token needed",
                401,
                headers={"WWW-Authenticate": 'Basic realm="amends admin"'},
            )
        snap = cache.current()
        return page(
            "admin.j2",
            snap.site.locale,
            due=due_rows(snap.site.data),
            audit=ops.audit_log(store)[:200],
            who=name,
        )

    app.include_router(alerts_router(store, base, admin=admin, registry=metrics))
    app.include_router(
        maintenance_router(store, base, admin=admin, reader=reader, changed=cache.invalidate)
    )
    install_console(app, store, settings, console)
    return app
