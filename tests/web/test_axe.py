"""Accessibility: axe-core (vendored in tests/vendor/axe-core, never served) runs in Debian's
Chromium on every public page (status page with an incident and a maintenance, incident and
explanation pages in both locales, history, promised fixes, the subscribe form empty and with
errors, its "check your inbox", confirmation and unsubscribe pages, the personal page, the admin
page) and every console page (login, home, people, tokens, audit, account, subscribers, an
incident's resolve stage, maintenances, one maintenance, logout) logged in as an admin. No
violation of impact serious or critical may remain. A screenshot of each page goes to
build/screenshots/axe-*.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from tests.browser import BROWSER_MARKS, SCREENSHOTS, launched, screenshot
from tests.web.conftest import Live, settings_for_tests, start_server
from tests.web.factories import START, incident, insert_statement

from amends.publish import maintenance as mnt
from amends.publish import operations as ops
from amends.publish.notifyconfig import NotifySettings
from amends.store import Store
from amends.store import schema as s

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
PASSWORD = "an admin password for axe"
#: What fails the test (axe's impacts: minor, moderate, serious, critical).
BLOCKING = ("serious", "critical")

pytestmark = BROWSER_MARKS


@pytest.fixture
def site(sqlite_store: Store) -> Iterator[Live]:
    """The whole site with the console (cookies without Secure: the test speaks plain HTTP to
    127.0.0.1) over a store with an open and a resolved incident, a maintenance and an admin."""
    from amends.store.users import add_user
    from amends.web.app import create_app
    from amends.web.console import ConsoleSettings

    store = sqlite_store
    open_inc = incident()
    ops.save_incident(store, open_inc)
    insert_statement(store, open_inc.id, "We are sorry: calls fail in **California**.")
    insert_statement(store, open_inc.id, "Lo sentimos: las llamadas fallan.", locale="es")
    old = incident("2026-02-01-ca-power", ongoing=False, title="Calls failed in California")
    ops.save_incident(store, old)
    insert_statement(store, old.id, "Service is back. We are sorry.", stage="resolve",
                     status="resolved", at=START + timedelta(hours=4))  # fmt: skip
    insert_statement(store, old.id, "What happened, and what we change.", stage="explain",
                     status="resolved", at=START + timedelta(days=2))  # fmt: skip
    soon = datetime.now(UTC) + timedelta(days=2)
    with store.begin() as conn:
        add_user(conn, "alice", "admin", PASSWORD, by="tests")
        spec = mnt.MaintenanceSpec(
            id="core-upgrade",
            title={"en": "Core network upgrade", "es": "Mejora de la red troncal"},
            body={"en": "We replace two routers.", "es": "Cambiamos dos routers."},
            components=["voice:california"],
            scheduled_for=soon,
            scheduled_until=soon + timedelta(hours=2),
        )
        mnt.create_maintenance(conn, spec, by="tests")
    settings = settings_for_tests()
    app = create_app(store, settings=settings, console=ConsoleSettings(secure_cookie=False))
    url, server, thread = start_server(app)
    app.state.notify_settings = NotifySettings(base_url=url, secret="axe-test-secret-0123456")
    try:
        yield Live(url, app, store, settings)
    finally:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium for the module's tests."""
    yield from launched()


class Auditor:
    """Runs axe on pages and keeps every violation, so one run reports all of them."""

    def __init__(self) -> None:
        self.source = AXE.read_text(encoding="utf-8")
        self.blocking: list[str] = []
        self.others: list[str] = []
        self.pages: list[str] = []

    def check(self, page: object, name: str) -> None:
        """Inject axe into the page as it is, run it, note the violations, take a screenshot."""
        page.evaluate(self.source)  # type: ignore[attr-defined]
        result = page.evaluate(  # type: ignore[attr-defined]
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        self.pages.append(name)
        for v in result["violations"]:
            targets = [" ".join(map(str, n["target"])) for n in v["nodes"]][:5]
            line = f"{name}: {v['id']} ({v['impact']}) {v['help']} at {targets}"
            (self.blocking if v["impact"] in BLOCKING else self.others).append(line)
        screenshot(page, f"axe-{name}")


def test_no_serious_or_critical_violation_on_any_page(site, browser):
    from amends.publish.signing import sign_affected
    from amends.publish.subscriptions import unsubscribe_token, with_secret
    from amends.web.auth import create_token

    axe = Auditor()
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    inc = "2026-03-10-ca-fiber"
    for name, path in (
        ("status-page", "/"),
        ("status-page-es", "/es/"),
        ("incident", f"/incidents/{inc}/"),
        ("incident-es", f"/es/incidents/{inc}/"),
        ("explanation", "/incidents/2026-02-01-ca-power/explanation/"),
        ("history", "/history/"),
        ("fixes", "/fixes/"),
    ):
        assert page.goto(site.url + path).status == 200, path
        axe.check(page, name)
    page.goto(site.url + "/")  # the maintenance is announced on the status page
    assert page.get_by_role("heading", name="Core network upgrade").count() == 1
    axe.check(page, "maintenance")

    # subscribing, as a visitor does it: errors first, then the form sent
    page.goto(site.url + "/")
    page.get_by_role("link", name="Get updates by email").click()
    page.wait_for_url("**/subscribe/")
    axe.check(page, "subscribe")
    page.get_by_role("button", name="Subscribe").click()
    assert page.get_by_role("alert").count() == 1
    axe.check(page, "subscribe-errors")
    page.get_by_label("Your email address").fill("visitor@example.com")
    page.get_by_label("Text messages — California").check()
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/subscribe/sent")
    axe.check(page, "subscribe-sent")
    assert page.goto(site.url + "/es/subscribe/").status == 200
    axe.check(page, "subscribe-es")
    page.set_viewport_size({"width": 360, "height": 800})  # narrow screens: no sideways scroll
    assert page.evaluate("document.documentElement.scrollWidth <= 360")
    axe.check(page, "subscribe-es-narrow")
    page.set_viewport_size({"width": 1100, "height": 900})
    with site.store.begin() as conn:
        body = conn.execute(
            select(s.outbox.c.body_text).where(s.outbox.c.recipient == "visitor@example.com")
        ).scalar_one()
        sub_id = conn.execute(select(s.notify_subscriptions.c.id)).scalar_one()
        stop = unsubscribe_token(with_secret(conn, site.app.state.notify_settings), sub_id)
    link = re.search(r"(http://\S+/notify/confirm/\S+)", body)
    assert link
    page.goto(link.group(1))
    assert page.locator("h1").inner_text() == "Subscription confirmed"
    axe.check(page, "subscribe-confirmed")
    page.goto(f"{site.url}/notify/unsubscribe/{stop}")
    axe.check(page, "unsubscribe")
    page.goto(f"{site.url}/affected/{sign_affected(site.settings.secret, inc, 'sub-x')}")
    axe.check(page, "affected-unknown")

    # the admin page (API token over HTTP Basic)
    token = create_token(site.store, "axe")
    admin_api = browser.new_context(http_credentials={"username": "axe", "password": token})
    admin_page = admin_api.new_page()
    assert admin_page.goto(site.url + "/admin/").status == 200
    axe.check(admin_page, "admin")
    admin_api.close()

    # the console, as an admin
    assert page.goto(site.url + "/console/login").status == 200
    axe.check(page, "console-login")
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill("wrong password!")
    page.get_by_role("button", name="Log in").click()
    axe.check(page, "console-login-error")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/console/")
    axe.check(page, "console-home")
    for name, path in (
        ("console-users", "/console/users"),
        ("console-tokens", "/console/tokens"),
        ("console-audit", "/console/audit"),
        ("console-account", "/console/account"),
        ("console-subscribers", "/console/subscribers"),
        ("console-incident", "/console/incidents/2026-03-10-ca-fiber?stage=resolve"),
        ("console-maintenances", "/console/maintenances"),
        ("console-maintenance", "/console/maintenances/core-upgrade"),
        ("console-logout", "/console/logout"),
    ):
        assert page.goto(site.url + path).status == 200, path
        axe.check(page, name)
    assert "visitor@example.com" in page.goto(site.url + "/console/subscribers").text()
    context.close()
    report = "\n".join([*axe.blocking, "(not blocking)", *axe.others])
    Path(SCREENSHOTS / "axe-report.txt").write_text(report + "\n", encoding="utf-8")
    assert len(axe.pages) == 29
    assert not axe.blocking, "axe found serious or critical violations:\n" + report


def test_the_harness_reports_what_is_wrong(browser):
    """The same injection on a page built to fail: axe must report its problems as blocking
    (an image without text, an input without a label, grey on white, no language)."""
    axe = Auditor()
    page = browser.new_page()
    page.set_content(
        '<html><head><title>broken</title></head><body><main><img src="data:,">'
        '<p style="color:#c8c8c8;background:#fff">faint</p><input type="text"></main></body></html>'
    )
    axe.check(page, "harness-broken")
    page.close()
    found = {line.split(": ", 1)[1].split(" ", 1)[0] for line in axe.blocking}
    assert {"image-alt", "label", "color-contrast", "html-has-lang"} <= found, axe.blocking
