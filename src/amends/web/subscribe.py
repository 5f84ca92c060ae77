"""Subscribing from the status page: a form (no script needed) where a visitor gives an email
address and chooses services, areas or everything; double opt-in through the outbox.

The form is protected as the console's login form is: a random value in a `SameSite=Strict`
cookie, and in the form the same value signed with the site secret and a time (valid
`FORM_MAX_AGE` seconds), so a post must come from a page this site served to that browser.
Each client address may send `Settings.subscribe_limit` forms per `subscribe_window_seconds`
(counted in this process), and the store bounds the confirmation emails per address and per hour
(`amends.publish.signup.Limits`). Whatever the address, the answer is the same "check your
inbox": the page never tells whether someone is subscribed.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from amends.web.i18n import translations

if TYPE_CHECKING:
    from amends.publish.site import ComponentRow
    from amends.store import Store
    from amends.web.cache import SnapshotCache
    from amends.web.settings import Settings


def _html(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/html": {}}}


#: An unknown locale (JSON, as FastAPI's other 404s).
NOT_FOUND: dict[str, Any] = {
    "description": "No such locale on this site",
    "content": {"application/json": {}},
}
#: What the form's post can answer (documented in the OpenAPI schema).
POST_RESPONSES: dict[int | str, dict[str, Any]] = {
    303: {"description": "Taken (or nothing to send): on to the check-your-inbox page"},
    403: _html("The form's token is missing, expired or not this browser's: the form again"),
    404: NOT_FOUND,
    413: {"description": "Request body over the limit", "content": {"application/json": {}}},
    422: {
        "description": "A field is wrong: the form again with the error at the field",
        "content": {"text/html": {}, "application/json": {}},
    },
    429: _html("Too many forms from this client: try again later"),
    503: {"description": "Notification settings unreadable", "content": {"application/json": {}}},
}

#: The cookie of the form's double submit, and how long a form stays valid (seconds).
COOKIE = "amends-subscribe"
FORM_MAX_AGE = 2 * 3600
_SALT = "amends-subscribe-form"


class ClientLimiter:
    """At most `limit` events per client in a sliding `window` (seconds), in this process; the
    table forgets idle clients and never holds more than `max_clients`."""

    def __init__(self, limit: int, window: float, max_clients: int = 10_000) -> None:
        self.limit = limit
        self.window = window
        self.max_clients = max_clients
        self._seen: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str, now: float | None = None) -> bool:
        """Count one event for `client`; False (and not counted) when it is over the limit."""
        moment = time.monotonic() if now is None else now
        with self._lock:
            times = [t for t in self._seen.get(client, []) if t > moment - self.window]
            if len(times) >= self.limit:
                self._seen[client] = times
                return False
            if client not in self._seen and len(self._seen) >= self.max_clients:
                self._seen = {
                    k: v for k, v in self._seen.items() if v and v[-1] > moment - self.window
                }
                while len(self._seen) >= self.max_clients:
                    self._seen.pop(next(iter(self._seen)))
            self._seen[client] = [*times, moment]
            return True


def _signer(secret: str) -> Any:
    from itsdangerous import TimestampSigner

    return TimestampSigner(secret, salt=_SALT)


def form_token(secret: str, nonce: str) -> str:
    """The form's token: the cookie's value signed with the site secret and the time."""
    return str(_signer(secret).sign(nonce).decode())


def token_ok(secret: str, token: str, nonce: str | None) -> bool:
    """Does the form's token carry this cookie value, unexpired and unaltered?"""
    from itsdangerous import BadSignature

    if not nonce or not token or len(token) > 200:
        return False
    try:
        value = _signer(secret).unsign(token, max_age=FORM_MAX_AGE).decode()
    except (BadSignature, UnicodeDecodeError):
        return False
    return secrets.compare_digest(value, nonce)


def subscribe_router(
    store: Store,
    settings: Settings,
    cache: SnapshotCache,
    page: Callable[..., HTMLResponse],
    notify_settings: Callable[[], Any],
    page_headers: list[tuple[bytes, bytes]],
) -> APIRouter:
    """The routes `<base>subscribe/` (and `<base><locale>/subscribe/`): the form, its post and
    the "check your inbox" page, each with the public pages' security headers
    (`page_headers`), never cached."""
    base = settings.base_path.rstrip("/") + "/"
    router = APIRouter(tags=["public"])
    limiter = ClientLimiter(settings.subscribe_limit, settings.subscribe_window_seconds)
    secure = settings.url.startswith("https://")

    def locale_of(locale: str | None) -> str:
        """The page's locale: the default one without a prefix, else one of the site's (404)."""
        site = cache.current().site
        if locale is None:
            return str(site.locale)
        if locale not in site.locales or locale == site.locale:
            raise HTTPException(404, "no such page")
        return locale

    def choices(loc: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(component id, name) and (region, name) in the page's locale."""
        site = cache.current().site
        names = site._names(loc)["component_name"]
        comps: list[ComponentRow] = list(site.data.components)
        regions: dict[str, str] = {}
        for c in comps:
            if c.region and c.region not in regions:
                regions[c.region] = _region_name(site, c, loc)
        return [(c.id, names(c)) for c in comps], sorted(regions.items(), key=lambda kv: kv[1])

    def form(
        request: Request,
        loc: str,
        status: int = 200,
        *,
        errors: dict[str, str] | None = None,
        email: str = "",
        chosen: set[str] | None = None,
        everything: bool = False,
    ) -> HTMLResponse:
        nonce = request.cookies.get(COOKIE, "")
        if not 20 <= len(nonce) <= 64:
            nonce = secrets.token_urlsafe(24)
        comps, regions = choices(loc)
        pre = cache.current().site._prefix(loc)
        resp = page(
            "subscribe.j2",
            loc,
            status,
            action=f"{base}{pre}subscribe/",
            csrf=form_token(settings.secret, nonce),
            components_to_choose=comps,
            regions_to_choose=regions,
            errors=errors or {},
            email=email,
            chosen=chosen or set(),
            everything=everything,
        )
        resp.set_cookie(
            COOKIE,
            nonce,
            max_age=FORM_MAX_AGE,
            path=base,
            secure=secure,
            httponly=True,
            samesite="strict",
        )
        return guarded(resp)

    def guarded(resp: HTMLResponse) -> HTMLResponse:
        for key, value in page_headers:
            resp.headers[key.decode()] = value.decode()
        resp.headers["cache-control"] = "no-store"
        resp.headers["referrer-policy"] = "no-referrer"
        return resp

    def show_form(request: Request, locale: str | None = None) -> Response:
        """The form: an email address and the services, areas or everything to hear about."""
        return form(request, locale_of(locale))

    def take_form(
        request: Request,
        locale: str | None = None,
        email: str = Form(""),
        component: list[str] = Form([]),
        region: list[str] = Form([]),
        everything: str = Form(""),
        csrf: str = Form(""),
    ) -> Response:
        """Check the form, subscribe unconfirmed and queue one confirmation email."""
        from amends.publish.signup import SignupError, signup
        from amends.publish.subscriptions import with_secret

        loc = locale_of(locale)
        t = translations(loc).gettext
        email = email[:400]
        chosen = {c[:200] for c in [*component, *region][:400]}
        all_of_it = everything == "1"
        keep = {"email": email, "chosen": chosen, "everything": all_of_it}
        if not token_ok(settings.secret, csrf, request.cookies.get(COOKIE)):
            message = t("This form expired or was not sent from this page; please send it again.")
            return form(request, loc, 403, errors={"form": message}, **keep)
        client = request.client.host if request.client else "-"
        if not limiter.allow(client):
            message = t("You have sent this form several times already; try again in an hour.")
            resp = form(request, loc, 429, errors={"form": message}, **keep)
            resp.headers["retry-after"] = str(settings.subscribe_window_seconds)
            return resp
        notify = notify_settings()
        try:
            with store.begin() as conn:
                signup(
                    conn,
                    with_secret(conn, notify),
                    email,
                    chosen_components=component[:400],
                    chosen_regions=region[:400],
                    everything=all_of_it,
                    locale=loc,
                )
        except SignupError as exc:
            found = {field: t(text) for field, text in exc.errors.items()}
            return form(request, loc, 422, errors=found, **keep)
        pre = cache.current().site._prefix(loc)
        return RedirectResponse(f"{base}{pre}subscribe/sent", 303)

    def sent(locale: str | None = None) -> Response:
        """Check your inbox (said whatever the address: no one learns who is subscribed)."""
        loc = locale_of(locale)
        t = translations(loc).gettext
        return guarded(
            page(
                "message.j2",
                loc,
                heading=t("Check your inbox"),
                message=t(
                    "If the address can receive our updates, a message with a confirmation link is "
                    "on its way. Nothing is sent until you open that link."
                ),
                back=base + cache.current().site._prefix(loc),
            )
        )

    # the default locale's paths take no locale at all; the others' name it in the path
    def show_form_in(request: Request, locale: str) -> Response:
        """The form in another of the site's locales."""
        return show_form(request, locale)

    def take_form_in(
        request: Request,
        locale: str,
        email: str = Form(""),
        component: list[str] = Form([]),
        region: list[str] = Form([]),
        everything: str = Form(""),
        csrf: str = Form(""),
    ) -> Response:
        """The form's post in another of the site's locales."""
        return take_form(request, locale, email, component, region, everything, csrf)

    def sent_in(locale: str) -> Response:
        """Check your inbox, in another of the site's locales."""
        return sent(locale)

    def default_form(request: Request) -> Response:
        """The form: an email address and the services, areas or everything to hear about."""
        return show_form(request)

    def default_take(
        request: Request,
        email: str = Form(""),
        component: list[str] = Form([]),
        region: list[str] = Form([]),
        everything: str = Form(""),
        csrf: str = Form(""),
    ) -> Response:
        """Check the form, subscribe unconfirmed and queue one confirmation email."""
        return take_form(request, None, email, component, region, everything, csrf)

    def default_sent() -> Response:
        """Check your inbox (said whatever the address: no one learns who is subscribed)."""
        return sent()

    for prefix, get_form, post_form, get_sent, extra in (
        (base, default_form, default_take, default_sent, {}),
        (f"{base}{{locale}}/", show_form_in, take_form_in, sent_in, {404: NOT_FOUND}),
    ):
        html: dict[str, Any] = {"response_class": HTMLResponse}
        router.add_api_route(
            f"{prefix}subscribe/", get_form, methods=["GET"], responses=extra, **html
        )
        router.add_api_route(
            f"{prefix}subscribe/", post_form, methods=["POST"], responses=POST_RESPONSES, **html
        )
        router.add_api_route(
            f"{prefix}subscribe/sent", get_sent, methods=["GET"], responses=extra, **html
        )

    return router


def _region_name(site: Any, component: ComponentRow, locale: str) -> str:
    """An area's name in the locale, from the newest incident record that names it."""
    from amends.web.render import Localizer

    for inc in sorted(site.data.incidents, key=lambda i: i.updated_at, reverse=True):
        rec = inc.record
        if rec is not None and component.region in rec.regions:
            return Localizer(rec, locale).place_service(component.region, component.service)[0]
    return str(component.region)
