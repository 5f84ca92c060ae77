"""The console's maintenance pages over real HTTP (SQLite and PostgreSQL): scheduling with errors
at the field, each step through `amends.publish.maintenance` with its audit entry, and refusals."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select

from amends.publish import maintenance as mnt
from amends.store import schema as s
from amends.store.audit import entries

FORM = {
    "id": "ca-routers",
    "start": "2026-12-10T03:00",
    "end": "2026-12-10T04:30",
    "zone": "Europe/Madrid",
    "title-en": "Router upgrade in California",
    "body-en": "Calls may drop for a minute while the routers restart.",
    "title-es": "Cambio de routers en California",
    "body-es": "Las llamadas pueden cortarse un minuto.",
    "auto": "on",
}


def _seed(store: Any) -> None:
    """Two components and a confirmed subscriber to the first."""
    from amends.publish.notifyconfig import NotifySettings
    from amends.publish.subscriptions import subscribe

    with store.begin() as conn:
        conn.execute(
            insert(s.components),
            [
                {"id": "voice:ca", "name": "Calls (CA)", "service": "voice", "region": "ca"},
                {"id": "voice:tx", "name": "Calls (TX)", "service": "voice", "region": "tx"},
            ],
        )
        subscribe(
            conn, NotifySettings(), "email", "ca@example.org", component_id="voice:ca",
            confirmed=True,
        )  # fmt: skip


def _outbox(store: Any) -> list[str]:
    with store.connect() as conn:
        return sorted(conn.execute(select(s.outbox.c.idempotency_key)).scalars())


def _schedule(browser: Any, **changes: str) -> Any:
    data = FORM | {"csrf": browser.csrf("/console/maintenances")} | changes
    return browser.post("/console/maintenances", data={**data, "components": ["voice:ca"]})


def test_an_author_schedules_and_steps_through_a_maintenance(console):
    _seed(console.store)
    author = console.browser()
    author.login("author")
    r = _schedule(author)
    assert r.status_code == 303 and r.headers["location"] == "/console/maintenances/ca-routers"
    with console.store.connect() as conn:
        m = mnt.get_maintenance(conn, "ca-routers")
    assert m["components"] == ["voice:ca"] and m["status"] == "scheduled"
    assert m["scheduled_for"].isoformat() == "2026-12-10T02:00:00+00:00"  # Madrid is UTC+1
    assert m["title"]["es"] == FORM["title-es"] and m["created_by"] == "author"
    page = author.get("/console/maintenances")
    assert page.status_code == 200 and "Router upgrade in California" in page.text
    assert "Calls (CA)" in page.text and "2026-12-10 02:00 to 2026-12-10 03:30" in page.text

    path = "/console/maintenances/ca-routers"
    expected = {
        "announce": "scheduled",
        "remind": "scheduled",
        "start": "in_progress",
        "complete": "completed",
    }
    for step, status in expected.items():
        r = author.post(f"{path}/{step}", data={"csrf": author.csrf(path)})
        assert r.status_code == 303, (step, r.text[:300])
        with console.store.connect() as conn:
            assert mnt.get_maintenance(conn, "ca-routers")["status"] == status
            component = conn.execute(
                select(s.components.c.status).where(s.components.c.id == "voice:ca")
            ).scalar_one()
        assert component == ("under_maintenance" if step == "start" else "operational"), step
        assert f"m:ca-routers:{step}:1" in _outbox(console.store)
        console.clock.advance(minutes=1)
    assert len(_outbox(console.store)) == 4  # the subscriber of voice:tx would make it more
    with console.store.connect() as conn:
        trail = entries(conn, object="maintenance:ca-routers")
    assert [e.action for e in reversed(trail)] == [
        "maintenance.create",
        *(f"maintenance.{step}" for step in expected),
    ]
    assert all(e.actor == "author" for e in trail)
    start = next(e for e in trail if e.action == "maintenance.start")
    assert start.before["status"] == "scheduled" and start.before["started_at"] is None
    assert start.after["status"] == "in_progress" and start.after["queued"] == 1
    assert start.after["started_at"] == "2026-12-03T09:02:00+00:00"  # the console's clock
    done = author.get(path)
    assert "complete</th><td>1</td>" in done.text  # what was sent, per step
    assert "Take a step now" not in done.text  # a completed maintenance has no step left


def test_the_page_offers_the_steps_its_state_allows(console):
    _seed(console.store)
    author = console.browser()
    author.login("author")
    _schedule(author)
    path = "/console/maintenances/ca-routers"

    def buttons() -> list[str]:
        import re

        return re.findall(r"<button type=\"submit\">([^<]+)</button>", author.get(path).text)

    assert buttons() == ["Log out", "Announce", "Start now", "Cancel"]
    author.post(f"{path}/announce", data={"csrf": author.csrf(path)})
    assert buttons() == ["Log out", "Announce", "Remind", "Start now", "Cancel"]
    author.post(f"{path}/start", data={"csrf": author.csrf(path)})
    assert buttons() == ["Log out", "Complete now", "Cancel"]


def test_a_second_announce_sends_nothing_twice(console):
    _seed(console.store)
    author = console.browser()
    author.login("author")
    assert _schedule(author).status_code == 303
    path = "/console/maintenances/ca-routers"
    for _ in range(2):
        assert author.post(f"{path}/announce", data={"csrf": author.csrf(path)}).status_code == 303
    assert _outbox(console.store) == ["m:ca-routers:announce:1"]
    with console.store.connect() as conn:
        trail = entries(conn, object="maintenance:ca-routers")
    assert [e.after["queued"] for e in trail if e.action == "maintenance.announce"] == [0, 1]


def test_a_step_out_of_order_is_refused_on_the_page(console):
    _seed(console.store)
    author = console.browser()
    author.login("author")
    _schedule(author)
    path = "/console/maintenances/ca-routers"
    r = author.post(f"{path}/complete", data={"csrf": author.csrf(path)})
    assert r.status_code == 409 and "only one in progress completes" in r.text
    assert author.post(f"{path}/reboot", data={"csrf": author.csrf(path)}).status_code == 404
    assert author.get("/console/maintenances/no-such").status_code == 404
    r = author.post("/console/maintenances/no-such/start", data={"csrf": author.csrf(path)})
    assert r.status_code == 404
    with console.store.connect() as conn:
        assert mnt.get_maintenance(conn, "ca-routers")["status"] == "scheduled"
        assert [e.action for e in entries(conn, object="maintenance:ca-routers")] == [
            "maintenance.create"
        ]


def test_errors_are_shown_at_their_fields_one_line_each(console):
    _seed(console.store)
    author = console.browser()
    author.login("author")
    token = author.csrf("/console/maintenances")
    bad = FORM | {
        "csrf": token,
        "id": "Not A Slug",
        "start": "2026-12-10T05:00",
        "end": "2026-12-10T04:00",
        "title-en": "",
        "body-es": "",
    }
    r = author.post("/console/maintenances", data=bad)
    assert r.status_code == 422
    for field in ("id", "components", "title-en", "body-es"):
        assert f'id="{field}-error"' in r.text, field
        assert f'aria-describedby="{field}-error"' in r.text, field
    assert 'value="Cambio de routers en California"' in r.text  # what was typed stays
    r = author.post(
        "/console/maintenances",
        data={**FORM, "csrf": token, "components": ["voice:ca"], "end": "2026-12-10T02:00"},
    )
    assert r.status_code == 422 and 'id="end-error">the end must be after the start' in r.text
    r = author.post(
        "/console/maintenances",
        data={**FORM, "csrf": token, "components": ["voice:ca"], "zone": "Mars/Olympus"},
    )
    assert r.status_code == 422 and 'id="zone-error"' in r.text
    r = author.post(
        "/console/maintenances",
        data={**FORM, "csrf": token, "components": ["voice:zz"], "start": "soon"},
    )
    assert r.status_code == 422 and 'id="components-error"' in r.text
    assert 'id="start-error"' in r.text
    r = _schedule(author, **{"title-es": "Trabajos a las XX:XX"})  # the checker's placeholder
    assert r.status_code == 422
    assert 'id="title-es-error">title in &#39;es&#39; holds a placeholder' in r.text
    assert _schedule(author).status_code == 303
    r = _schedule(author)  # the same id again
    assert r.status_code == 422
    assert 'id="id-error">maintenance &#39;ca-routers&#39; exists' in r.text
    assert "-error" not in author.get("/console/maintenances").text
    with console.store.connect() as conn:
        assert [m["id"] for m in mnt.list_maintenances(conn)] == ["ca-routers"]


def test_without_the_csrf_token_or_as_a_viewer_nothing_happens(console):
    _seed(console.store)
    author = console.browser()
    author.login("author")
    r = author.post("/console/maintenances", data={**FORM, "components": ["voice:ca"]})
    assert r.status_code == 403 and "Form expired" in r.text
    assert _schedule(author, csrf="forged").status_code == 403
    assert _schedule(author).status_code == 303
    path = "/console/maintenances/ca-routers"
    assert author.post(f"{path}/announce", data={"csrf": "forged"}).status_code == 403
    viewer = console.browser()
    viewer.login("viewer")
    page = viewer.get(path)
    assert page.status_code == 200 and "Announce</button>" not in page.text
    assert "Announce</button>" in author.get(path).text
    listed = viewer.get("/console/maintenances")
    assert listed.status_code == 200 and "Schedule a maintenance" not in listed.text
    assert viewer.post(f"{path}/start", data={"csrf": viewer.csrf(path)}).status_code == 403
    r = _schedule(viewer, id="by-viewer")
    assert r.status_code == 403
    with console.store.connect() as conn:
        assert [m["id"] for m in mnt.list_maintenances(conn)] == ["ca-routers"]
        assert mnt.get_maintenance(conn, "ca-routers")["announced_at"] is None
    assert _outbox(console.store) == []
