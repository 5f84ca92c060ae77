"""The whole workspace flow as people do it, in Debian's Chromium driven by Playwright: an author
logs in, opens an incident the watcher opened from call records, supplies the missing fact, fixes
the flagged sentences and sees the findings go, submits; an approver logs in and approves. Then
the public page, the Statuspage API, the Atom feed and an email delivered by the outbox worker to
a real SMTP server all carry the statement. Every page is saved in build/screenshots/, and the
time from opening the incident to the published acknowledgement is printed (not asserted)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from tests.browser import BROWSER_MARKS, launched, screenshot
from tests.console.conftest import PASSWORD
from tests.console.watched import STANDING, open_watched_incident
from tests.notify.helpers import settings_for
from tests.notify.servers import SmtpRecorder, SmtpServer

from amends.publish.subscriptions import subscribe
from amends.publish.worker import Worker
from amends.store.audit import entries

FLAGGED = "because of technical difficulties"
FIXED = "with a fast busy tone"

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium for the module's tests."""
    yield from launched()


def _shot(page, name: str) -> None:
    screenshot(page, f"workspace-{name}")


def _login(page, url: str, name: str) -> None:
    page.goto(url + "/console/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(url + "/console/")


def _fix_sentence(page, key: str) -> None:
    """Rewrite the flagged sentence of one draft, save it, and see its finding go."""
    article = page.locator(f"#d-{key}")
    assert article.locator("mark").first.inner_text() == "technical difficulties"
    box = article.locator("textarea[name=text]")
    box.fill(box.input_value().replace(FLAGGED, FIXED))
    article.get_by_role("button", name="Save and check").click()
    page.wait_for_load_state()
    article = page.locator(f"#d-{key}")
    assert article.locator("mark").count() == 0
    assert "The check found nothing." in article.inner_text()


def test_author_and_approver_publish_an_incident_opened_from_records(console, browser, store):
    if not console.url.startswith("http://127.0.0.1"):
        pytest.skip("the flow runs against the local server")
    url = console.url
    # the watch policy's standing facts, without support (a person supplies it) and with a
    # symptom the checker flags
    assert STANDING["support"]
    incident_id = open_watched_incident(
        console.store, console.clock(), support=[], symptoms={"failures": f"calls fail {FLAGGED}"}
    )
    with SmtpServer(SmtpRecorder()) as smtp:
        notify = settings_for(smtp.port)
        with console.store.begin() as conn:
            subscribe(conn, notify, "email", "ana@example.org", confirmed=True)

        context = browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        # the author
        _login(page, url, "author")
        _shot(page, "home")
        page.get_by_role("navigation", name="Console").get_by_role("link", name="Incidents").click()
        page.wait_for_url(url + "/console/incidents")
        assert "the watcher (from records)" in page.locator("table").inner_text()
        _shot(page, "incident-list")
        started = time.monotonic()
        page.get_by_role("link", name="Local calls failing in Texas").click()
        page.wait_for_url(f"**/console/incidents/{incident_id}")
        assert "support" in page.locator("p.needed").first.inner_text()
        assert page.locator("#d-web-en-public").get_by_text("Needs facts first").count() == 1
        _shot(page, "incident-needs-facts")
        # the missing fact: where customers get help
        page.locator("#f-support-0-kind").fill("phone")
        page.locator("#f-support-0-contact").fill("611")
        page.locator("#f-support-0-hours").fill("24/7")
        page.get_by_role("button", name="Save the facts").click()
        page.wait_for_url(re.compile(rf".*/console/incidents/{incident_id}\?stage=\w+#facts$"))
        assert page.locator("#f-support-0-contact").input_value() == "611"
        assert page.locator("#d-web-en-public mark").count() >= 1  # drafted, with a finding
        _shot(page, "incident-flagged")
        for key in ("web-en-public", "email-en-public"):
            _fix_sentence(page, key)
        _shot(page, "incident-fixed")
        page.get_by_role("button", name="Submit for approval").click()
        page.wait_for_url("**/console/submissions/*")
        assert "pending" in page.locator("main").inner_text()
        _shot(page, "submitted")
        page.get_by_role("button", name="Log out").click()
        page.wait_for_url(url + "/console/login")
        # the approver
        _login(page, url, "approver")
        page.goto(url + "/console/incidents")
        page.get_by_role("link", name=f"acknowledge of {incident_id}").click()
        page.wait_for_url("**/console/submissions/*")
        assert page.locator("ins.diff-add").count() > 0  # nothing published before: all new
        _shot(page, "review")
        page.get_by_role("button", name="Approve and publish").click()
        page.wait_for_url(re.compile(rf".*/incidents/{incident_id}\?stage=acknowledge#publish$"))
        elapsed = time.monotonic() - started
        panel = page.locator("section", has=page.locator("#publish")).inner_text()
        assert "approved by approver" in panel
        _shot(page, "published")
        print(f"\nworkspace flow: opened the incident to published in {elapsed:.1f} s")
        # what the public sees
        page.goto(url + "/")
        assert "Local calls failing in Texas" in page.locator("main").inner_text()
        _shot(page, "public-page")
        page.goto(f"{url}/incidents/{incident_id}/")
        public = page.locator("main").inner_text()
        assert FIXED in public and FLAGGED not in public
        _shot(page, "public-incident")
        api = context.request.get(url + "/api/v2/incidents.json").json()
        (mine,) = [i for i in api["incidents"] if i["id"] == incident_id]
        assert any(FIXED in u["body"] for u in mine["incident_updates"])
        page.goto(url + "/api/v2/incidents.json")
        _shot(page, "statuspage-api")
        atom = context.request.get(url + "/history.atom").text()
        assert incident_id in atom and "fast busy tone" in atom
        page.goto(url + "/history.atom")
        _shot(page, "atom-feed")
        context.close()
        # the outbox worker delivers the email statement to the SMTP server
        worker = Worker(console.store, notify, until_empty=True)
        worker.run()
        messages = smtp.recorder.parsed()
    with console.store.connect() as conn:
        trail = [(e.actor, e.action) for e in entries(conn) if "." in e.action][::-1]
    assert [t for t in trail if t[1].split(".")[0] in ("incident", "draft", "statement")] == [
        ("author", "incident.facts"),
        ("author", "draft.edit"),
        ("author", "draft.edit"),
        ("author", "statement.submit"),
        ("approver", "statement.approve"),
    ]
    assert [str(m["To"]) for m in messages] == ["ana@example.org"]
    body = messages[0].get_body(preferencelist=("plain",)).get_content()
    assert FIXED in body and FLAGGED not in body
    assert "Texas" in str(messages[0]["Subject"])
