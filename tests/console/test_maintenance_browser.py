"""A maintenance scheduled, announced, started and completed from the console in Debian's
Chromium; the real worker delivers each step's email to an SMTP server on loopback: the
subscriber of its component gets exactly those three, the other component's subscriber none."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import insert
from tests.browser import BROWSER_MARKS, launched, screenshot
from tests.console.conftest import PASSWORD
from tests.notify.helpers import settings_for
from tests.notify.servers import SmtpRecorder, SmtpServer

from amends.publish.subscriptions import subscribe
from amends.publish.worker import Worker
from amends.store import schema as s
from amends.store.audit import entries

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium for the module's tests."""
    yield from launched()


def _shot(page: object, name: str) -> None:
    screenshot(page, f"maintenance-{name}")


def test_an_author_runs_a_maintenance_and_only_its_subscribers_hear(console, browser):
    if not console.url.startswith("http://127.0.0.1"):
        pytest.skip("the flow runs against the local server")
    url = console.url
    with SmtpServer(SmtpRecorder()) as smtp:
        notify = settings_for(smtp.port)
        with console.store.begin() as conn:
            conn.execute(
                insert(s.components),
                [
                    {"id": "voice:ca", "name": "Calls (CA)", "service": "voice", "region": "ca"},
                    {"id": "voice:tx", "name": "Calls (TX)", "service": "voice", "region": "tx"},
                ],
            )
            for who, component in (("ca", "voice:ca"), ("tx", "voice:tx")):
                subscribe(conn, notify, "email", f"{who}@example.org", component_id=component,
                          confirmed=True)  # fmt: skip

        def deliver() -> None:
            Worker(console.store, notify, until_empty=True).run()

        context = browser.new_context(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(url + "/console/login")
        page.get_by_label("User name").fill("author")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(url + "/console/")
        nav = page.get_by_role("navigation", name="Console")
        nav.get_by_role("link", name="Maintenance").click()
        page.wait_for_url(url + "/console/maintenances")
        _shot(page, "list-empty")
        page.get_by_label("Id (lowercase letters, digits and hyphens)").fill("ca-routers")
        page.locator("input[name=components][value='voice:ca']").check()
        page.get_by_label("Starts (date and time in the zone below)").fill("2026-12-10T03:00")
        page.get_by_label("Ends").fill("2026-12-10T04:30")
        page.get_by_label("Time zone").fill("Europe/Madrid")
        page.locator("#title-en").fill("Router upgrade in California")
        page.locator("#body-en").fill("Calls may drop for a minute while the routers restart.")
        _shot(page, "form-filled")
        page.get_by_role("button", name="Schedule").click()
        page.wait_for_url(url + "/console/maintenances/ca-routers")
        main = page.locator("main")
        assert "scheduled" in main.inner_text() and "2026-12-10 02:00" in main.inner_text()
        _shot(page, "scheduled")
        for button, status in (
            ("Announce", "scheduled"),
            ("Start now", "in progress"),
            ("Complete now", "completed"),
        ):
            with page.expect_navigation():
                page.get_by_role("button", name=button).click()
            deliver()
            page.reload()
            text = page.locator("main").inner_text()
            assert f"Status\n{status}" in text, (button, text)
            _shot(page, button.split()[0].lower())
        sent = page.locator("table").inner_text()
        for step in ("announce", "start", "complete"):
            assert f"{step}\t1\t1" in sent, sent  # queued once, delivered
        page.goto(url + "/console/maintenances")
        assert "Router upgrade in California" in page.locator("#finished-h + table").inner_text()
        _shot(page, "list-completed")
        context.close()
        deliver()  # nothing more to send
        got: dict[str, list[str]] = {}
        for message in smtp.recorder.parsed():
            got.setdefault(str(message["To"]), []).append(str(message["Subject"]))
    assert got == {
        "ca@example.org": [
            "Scheduled maintenance: Router upgrade in California",
            "Maintenance in progress: Router upgrade in California",
            "Maintenance completed: Router upgrade in California",
        ]
    }
    with console.store.connect() as conn:
        trail = [(e.actor, e.action) for e in entries(conn, object="maintenance:ca-routers")]
    assert trail[::-1] == [
        ("author", f"maintenance.{a}") for a in ("create", "announce", "start", "complete")
    ]
