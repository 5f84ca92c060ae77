"""Subscribed from the page, delivered for real: visitors fill the form on a live server, the
worker mails the confirmation to an aiosmtpd server on loopback, each visitor opens the link in
that email, and then every subscriber receives exactly the statements and maintenance messages
of its own components and areas, each once; a visitor who never confirmed gets nothing more."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx
from tests.notify.helpers import settings_for
from tests.notify.servers import SmtpRecorder, SmtpServer
from tests.web.factories import START, incident, scope

from amends.impact.model import Window
from amends.incident import RegionInfo
from amends.publish import maintenance as mnt
from amends.publish import operations as ops
from amends.publish.worker import Worker

T0 = datetime.now(UTC) + timedelta(days=3)


def _texas() -> object:
    """Calls failing in Texas (component voice:texas), nothing in California."""
    start = START + timedelta(hours=2)
    window = Window(
        id="w1",
        kind="failures",
        start=start,
        end=None,
        duration_minutes=60,
        regions=["texas"],
        services=["voice"],
        scope=[scope("texas", "voice", 10_000, 6_000)],
        subscribers_affected=300,
        failed_attempts=6_000,
        missing_attempts=0.0,
    )
    return incident(
        "2026-03-12-tx-power",
        title="Calls failing in Texas",
        windows=[window],
        regions={"texas": RegionInfo(name="Texas", time_zone="America/Chicago")},
        services={"voice": "Phone calls"},
        locales=["en"],
    )


def _fill_form(url: str, data: dict[str, object]) -> None:
    """What a visitor's browser does: fetch the form (its cookie and token), send it."""
    with httpx.Client(base_url=url) as client:
        page = client.get("/subscribe/")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert token
        form = {"csrf": token.group(1), **data}
        r = client.post("/subscribe/", data=form, follow_redirects=False)  # type: ignore[arg-type]
        assert r.status_code == 303, r.text[:300]


def _maintenance(mid: str, component: str, title: str) -> mnt.MaintenanceSpec:
    return mnt.MaintenanceSpec(
        id=mid,
        title={"en": title},
        body={"en": "Planned router work."},
        components=[component],
        scheduled_for=T0,
        scheduled_until=T0 + timedelta(hours=1),
    )


def test_a_subscriber_from_the_page_gets_exactly_its_components_messages(live_sqlite) -> None:
    live = live_sqlite
    california, texas = incident(), _texas()
    ops.save_incident(live.store, california)  # voice:california, sms:california
    ops.save_incident(live.store, texas)  # voice:texas
    with SmtpServer(SmtpRecorder()) as smtp:
        notify = settings_for(smtp.port, base_url=live.url)
        live.app.state.notify_settings = notify
        _fill_form(live.url, {"email": "texts-ca@example.org", "component": ["sms:california"]})
        _fill_form(live.url, {"email": "all-tx@example.org", "region": ["texas"]})
        _fill_form(live.url, {"email": "never@example.org", "everything": "1"})
        Worker(live.store, notify, until_empty=True).run()
        confirmations = {str(m["To"]): m for m in smtp.recorder.parsed()}
        assert sorted(confirmations) == ["all-tx@example.org", "never@example.org",
                                         "texts-ca@example.org"]  # fmt: skip
        for address in ("texts-ca@example.org", "all-tx@example.org"):  # "never" does not click
            body = confirmations[address].get_body(("plain",)).get_content()
            link = re.search(r"(http://127\.0\.0\.1:\d+/notify/confirm/\S+)", body)
            assert link, body
            page = httpx.get(link.group(1))
            assert page.status_code == 200 and "Subscription confirmed" in page.text
        smtp.recorder.messages.clear()

        # statements by email about each incident, and a maintenance on each component
        for inc, subject in ((california, "California: we are sorry"),
                             (texas, "Texas: we are sorry")):  # fmt: skip
            ops.publish_statement(
                live.store, inc, "acknowledge", "email", by="ops", subject=subject,
                text=f"{subject}. Calls fail; we are fixing it.", override_reason="test text",
            )  # fmt: skip
        with live.store.begin() as conn:
            for mid, comp, title in (("ca-sms", "sms:california", "CA texting core"),
                                     ("ca-voice", "voice:california", "CA voice core"),
                                     ("tx-voice", "voice:texas", "TX voice core")):  # fmt: skip
                mnt.create_maintenance(conn, _maintenance(mid, comp, title), by="ops")
                mnt.announce(conn, mid, now=T0 - timedelta(days=2))
        Worker(live.store, notify, until_empty=True).run()
        Worker(live.store, notify, until_empty=True).run()  # nothing is sent twice
        got: dict[str, list[str]] = {}
        for message in smtp.recorder.parsed():
            got.setdefault(str(message["To"]), []).append(str(message["Subject"]))
            if str(message["To"]) == "texts-ca@example.org":
                assert message["List-Unsubscribe"].startswith(f"<{live.url}/notify/unsubscribe/")
    assert {k: sorted(v) for k, v in got.items()} == {
        "texts-ca@example.org": [
            "California: we are sorry",
            "Scheduled maintenance: CA texting core",
        ],
        "all-tx@example.org": [
            "Scheduled maintenance: TX voice core",
            "Texas: we are sorry",
        ],
    }
