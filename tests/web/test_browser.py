"""Real headless Chromium (Debian's, driven by Playwright): the status page shows the incident
and its timeline, feed links resolve, the feedback form submits and is stored, and the signed
link shows one customer's figures while a tampered one shows nothing. Screenshots are saved."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

import httpx
import pytest
from tests.browser import BROWSER_MARKS, launched, screenshot
from tests.web.factories import SECRET_SUBSCRIBER, START, incident, insert_statement

from amends.publish import operations as ops
from amends.publish.signing import sign_affected

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium for the module's tests."""
    yield from launched()


def _seed(store) -> str:
    inc = incident()
    ops.save_incident(store, inc)
    insert_statement(store, inc.id, "We are sorry: calls fail in **California**.")
    insert_statement(store, inc.id, "Lo sentimos: las llamadas fallan en California.", locale="es")
    insert_statement(
        store,
        inc.id,
        "We found the cut cable and are splicing it.",
        stage="update",
        status="identified",
        at=START + timedelta(hours=1),
    )
    return inc.id


def test_status_page_incident_timeline_and_feeds(live_sqlite, browser, tmp_path):
    live = live_sqlite
    inc_id = _seed(live.store)
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(live.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text() == "Major System Outage"
    assert page.get_by_role("link", name="Calls and texts failing in California").count() == 1
    screenshot(page, "status-page")
    page.get_by_role("link", name="Calls and texts failing in California").click()
    page.wait_for_url(f"**/incidents/{inc_id}/")
    items = page.locator("ol.timeline > li")
    assert items.count() == 2
    assert "splicing" in items.nth(0).inner_text()  # newest first
    assert "California" in items.nth(1).locator("strong").inner_text()  # Markdown rendered
    assert page.locator("figure.chart svg").count() == 1
    screenshot(page, "incident-page")
    hrefs = [a.get_attribute("href") for a in page.locator("a.feed").all()]
    assert hrefs
    for href in hrefs:
        r = httpx.get(live.url + href)
        assert r.status_code == 200 and r.headers["content-type"].startswith(
            ("application/atom+xml", "application/rss+xml")
        )
        assert "Calls and texts failing in California" in r.text
    # every locale of the incident: the language switcher leads to the Spanish page
    page.get_by_role("link", name="español").click()
    page.wait_for_url(f"**/es/incidents/{inc_id}/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", name="Cronología").count() == 1
    screenshot(page, "incident-page-es")
    page.goto(f"{live.url}/incidents/{inc_id}/")
    # keyboard: the skip link is the first tab stop and moves focus to the content
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    # narrow screens: no horizontal scrolling
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= 360")
    screenshot(page, "incident-page-mobile")
    page.close()


def test_feedback_form_submits_and_is_stored(live_sqlite, browser, tmp_path):
    from sqlalchemy import select

    from amends.store import schema as s

    live = live_sqlite
    inc_id = _seed(live.store)
    page = browser.new_page()
    page.goto(f"{live.url}/incidents/{inc_id}/")
    page.get_by_role("radio", name="No").check()
    page.get_by_label("What is still missing?").fill("Please say which towns.")
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/feedback/thanks")
    assert page.locator("h1").inner_text() == "Thank you"
    screenshot(page, "feedback-thanks")
    with live.store.connect() as conn:
        rows = conn.execute(select(s.feedback.c.helpful, s.feedback.c.comment)).all()
    assert [(r.helpful, r.comment) for r in rows] == [(False, "Please say which towns.")]
    page.close()


def test_signed_link_shows_one_customer_and_tampered_shows_nothing(live_sqlite, browser, tmp_path):
    from sqlalchemy import insert

    from amends.store import schema as s

    live = live_sqlite
    inc_id = _seed(live.store)
    with live.store.begin() as conn:
        for sub, amount, failed in ((SECRET_SUBSCRIBER, "12.50", 7), ("sub-other", "99.00", 40)):
            conn.execute(
                insert(s.subscribers).values(
                    subscriber=sub, time_zone="America/Los_Angeles", locale="en"
                )
            )
            conn.execute(
                insert(s.ledger).values(
                    run_id="r1",
                    incident_id=inc_id,
                    subscriber=sub,
                    window_id="w1",
                    policy_id="p",
                    policy_version="1",
                    amount=Decimal(amount),
                    currency="USD",
                    unit="cash",
                    inputs=f'{{"failed_attempts": {failed}}}',
                )
            )
    token = sign_affected(live.settings.secret, inc_id, SECRET_SUBSCRIBER)
    page = browser.new_page()
    resp = page.goto(f"{live.url}/affected/{token}")
    assert resp.status == 200
    assert resp.headers["cache-control"] == "private, no-store"
    assert page.locator("[data-figure=failed-calls]").inner_text() == "7"
    assert page.locator("[data-figure=credit]").inner_text() == "$12.50"
    body = page.content()
    assert SECRET_SUBSCRIBER in body and "sub-other" not in body and "99.00" not in body
    screenshot(page, "affected-page")
    bad = token[:-3] + ("xyz" if not token.endswith("xyz") else "abc")
    resp = page.goto(f"{live.url}/affected/{bad}")
    assert resp.status == 404
    assert page.locator("[data-figure]").count() == 0
    text = page.content()
    assert SECRET_SUBSCRIBER not in text and "12.50" not in text
    assert "not valid" in text
    screenshot(page, "affected-tampered")
    page.close()


def test_static_export_works_opened_from_disk(sqlite_store, browser, tmp_path):
    """The static export links relatively and names index.html: it works from file:// too."""
    from tests.web.conftest import settings_for_tests

    from amends.publish.static import build_site

    inc_id = _seed(sqlite_store)
    out = tmp_path / "site"
    build_site(sqlite_store, out, settings_for_tests(feedback_action=None))
    page = browser.new_page()
    page.goto((out / "index.html").as_uri())
    colour = page.evaluate("getComputedStyle(document.querySelector('.overall')).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # the stylesheet loaded
    page.get_by_role("link", name="Calls and texts failing in California").click()
    page.wait_for_url(f"**/incidents/{inc_id}/index.html")
    assert page.locator("ol.timeline > li").count() == 2
    page.get_by_role("link", name="español").click()
    page.wait_for_url(f"**/es/incidents/{inc_id}/index.html")
    assert page.locator("html").get_attribute("lang") == "es"
    page.get_by_role("link", name="Estado").click()
    page.wait_for_url("**/es/index.html")
    screenshot(page, "static-export-es")
    page.close()
