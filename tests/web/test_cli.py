"""The CLI: `amends publish` (local store and remote server), `amends site build`, `amends due`."""

from __future__ import annotations

import json
from datetime import timedelta

from tests.web.factories import incident
from tests.web.test_admin import BAD, GOOD

from amends.incident import dump_incident


def _file(tmp_path, **changes):
    inc = incident(**changes)
    return inc, dump_incident(inc, tmp_path / "incident.yaml")


def test_publish_locally_refuses_then_overrides(tmp_path, store, cli):
    _inc, path = _file(tmp_path)
    bad = tmp_path / "bad.md"
    bad.write_text(BAD)
    res = cli(
        "publish",
        path,
        "--stage",
        "acknowledge",
        "--locale",
        "en",
        "--text",
        bad,
        "--db",
        store.url,
    )
    assert res.code == 2
    assert "error finding" in res.err and "generic-apology" in res.err
    res = cli(
        "publish",
        path,
        "--stage",
        "acknowledge",
        "--locale",
        "en",
        "--text",
        bad,
        "--override",
        "approved by legal",
        "--by",
        "ana",
        "--db",
        store.url,
    )
    assert res.code == 0, res.err
    from amends.publish.operations import audit_log

    log = audit_log(store)
    assert [(r["published_by"], r["override_reason"]) for r in log] == [
        ("ana", "approved by legal")
    ]


def test_publish_drafts_with_compose_and_site_build(tmp_path, store, cli):
    inc, path = _file(tmp_path, locales=["en"])
    res = cli("publish", path, "--stage", "acknowledge", "--db", store.url)
    assert res.code == 0, res.err
    assert "Published acknowledge" in res.out
    out = tmp_path / "site"
    res = cli("site", "build", "-o", out, "--db", store.url, "--url", "https://status.example")
    assert res.code == 0, res.err
    assert (out / "index.html").is_file()
    page = (out / "incidents" / inc.id / "index.html").read_text()
    assert "We are sorry" in page
    assert "<form" not in page  # a static host cannot take the POST; the address is shown
    assert "outage-feedback@example.com" in page
    summary = json.loads((out / "api/v2/summary.json").read_text())
    assert summary["page"]["url"] == "https://status.example"
    assert summary["incidents"][0]["incident_updates"][0]["body"].startswith("# We are sorry")
    assert (out / "history.atom").read_text().count("<entry>") == 1
    assert (out / "components/voice-california/history.rss").is_file()
    # rebuilding replaces the folder atomically and leaves no temp folders behind
    cli("site", "build", "-o", out, "--db", store.url)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_due_lists_overdue_updates(tmp_path, store, cli):
    from tests.web.factories import START, insert_statement

    inc, path = _file(tmp_path)
    assert cli("publish", path, "--db", store.url).code == 0  # saves the incident only
    insert_statement(store, inc.id, GOOD, at=START + timedelta(minutes=20))
    res = cli("due", "--db", store.url, "--fail-overdue")
    assert res.code == 1
    assert inc.id in res.out and "OVERDUE" in res.out
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    cli(
        "publish",
        path,
        "--stage",
        "update",
        "--locale",
        "en",
        "--text",
        good,
        "--override",
        "test text",
        "--db",
        store.url,
    )
    res = cli("due", "--db", store.url, "--fail-overdue")
    assert res.code == 0 and "on time" in res.out


def test_publish_remote_through_the_admin_api(tmp_path, live, token, cli):
    inc, path = _file(tmp_path, locales=["en"])
    res = cli("publish", path, "--stage", "acknowledge", "--server", live.url, "--token", token)
    assert res.code == 0, res.err
    import httpx

    doc = httpx.get(f"{live.url}/api/v2/incidents.json").json()
    assert doc["incidents"][0]["id"] == inc.id
    assert len(doc["incidents"][0]["incident_updates"]) == 1
    wrong = cli("publish", path, "--server", live.url, "--token", "amd_nope")
    assert wrong.code == 2 and "rejected the token" in wrong.err


def test_bad_incident_file_is_one_line_exit_2(tmp_path, store, cli):
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\ntitle: [oops\n")
    res = cli("publish", path, "--db", store.url)
    assert res.code == 2 and "broken.yaml" in res.err
    assert "Traceback" not in res.err


def test_publish_sets_component_status_and_action_progress(tmp_path, store, cli):
    from sqlalchemy import select

    from amends.store import schema as s

    _inc, path = _file(tmp_path)
    assert cli("publish", path, "--db", store.url).code == 0
    with store.connect() as conn:
        action = conn.execute(select(s.action_items.c.id).order_by(s.action_items.c.id)).scalar()
    res = cli(
        "publish",
        path,
        "--component",
        "sms:california=degraded_performance",
        "--action",
        f"{action}=done",
        "--note",
        "finished early",
        "--db",
        store.url,
    )
    assert res.code == 0, res.err
    with store.connect() as conn:
        comp = conn.execute(
            select(s.components.c.status).where(s.components.c.id == "sms:california")
        ).scalar_one()
        item = conn.execute(
            select(s.action_items.c.status, s.action_items.c.note).where(
                s.action_items.c.id == action
            )
        ).one()
    assert comp == "degraded_performance"
    assert (item.status, item.note) == ("done", "finished early")
    bad = cli("publish", path, "--component", "nonsense", "--db", store.url)
    assert bad.code == 2 and "ID=STATUS" in bad.err


def test_site_build_as_of_a_time_measures_uptime_from_it(tmp_path, store, cli):
    from tests.web.factories import START

    from amends.publish import operations as ops

    inc = incident(ongoing=False, locales=["en"])
    ops.save_incident(store, inc)
    at = START + timedelta(hours=3, minutes=15)
    ops.publish_statement(store, inc, "resolve", "web", "en", by="ana", now=at)
    out = tmp_path / "then"
    res = cli("site", "build", "-o", out, "--db", store.url, "--now", "2026-03-12T00:00:00Z")
    assert res.code == 0, res.err
    assert _uptimes(out) and max(_uptimes(out)) < 100  # the three hours are in the 90 days
    # the same instant with another offset is the same page: the bars are UTC days
    for name, when in (("utc", "2026-03-11T01:00:00Z"), ("pdt", "2026-03-10T18:00:00-07:00")):
        res = cli("site", "build", "-o", tmp_path / name, "--db", store.url, "--now", when)
        assert res.code == 0, res.err
    assert _uptimes(tmp_path / "pdt") == _uptimes(tmp_path / "utc")
    res = cli("site", "build", "-o", tmp_path / "now", "--db", store.url)
    assert res.code == 0, res.err
    assert set(_uptimes(tmp_path / "now")) == {100.0}  # today, March is long gone


def _uptimes(site) -> list[float]:
    """The uptime percentages the front page states, one per component."""
    import re

    text = (site / "index.html").read_text()
    return [float(v) for v in re.findall(r"Uptime over the last 90 days: ([\d.]+)%", text)]


def test_site_build_refuses_a_time_before_what_it_would_show(tmp_path, store, cli):
    from tests.web.factories import START

    from amends.publish import operations as ops

    inc = incident(ongoing=False, locales=["en"])
    ops.save_incident(store, inc)
    ops.publish_statement(
        store, inc, "resolve", "web", "en", by="ana", now=START + timedelta(hours=4)
    )
    out = tmp_path / "site"
    res = cli("site", "build", "-o", out, "--db", store.url, "--now", "2026-03-10T22:00:00Z")
    assert res.code == 2
    assert "before the newest published statement" in res.err
    assert len(res.err.strip().splitlines()) == 1
    assert not out.exists()
    res = cli("site", "build", "-o", out, "--db", store.url, "--now", "yesterday")
    assert res.code == 2 and "is not a time" in res.err


def test_publish_re_estimates_restoration_from_history(tmp_path, store, live, token, cli):
    """Issue 8 at publish time: the update and the saved record carry the estimate as of now."""
    from datetime import UTC, datetime

    import httpx

    from amends.eta.demo_data import SAMPLE_HISTORY
    from amends.publish import operations as ops

    began = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=40)
    inc = incident(locales=["en"], eta=None)
    (w,) = inc.windows
    inc = inc.model_copy(
        update={
            "discovered_at": began + timedelta(minutes=5),
            "windows": [w.model_copy(update={"start": began})],
        }
    )
    path = dump_incident(inc, tmp_path / "incident.yaml")
    res = cli(
        "publish", path, "--stage", "update", "--db", store.url, "--history", SAMPLE_HISTORY
    )  # fmt: skip
    assert res.code == 0, res.err
    assert "estimated restoration:" in res.err
    saved = ops.load_incident_record(store, inc.id)
    assert saved.eta is not None and saved.eta.source == "estimate"
    from sqlalchemy import select

    from amends.store.schema import statements

    with store.connect() as conn:
        (body,) = conn.execute(select(statements.c.body_text)).scalars().all()
    basis = saved.eta.basis or ""
    assert basis and basis.split(".")[0] in body
    # the same through a server: the re-estimated record is what it saves
    res = cli(
        "publish", path, "--stage", "update", "--server", live.url, "--token", token,
        "--history", SAMPLE_HISTORY,
    )  # fmt: skip
    assert res.code == 0, res.err
    doc = httpx.get(f"{live.url}/api/v2/incidents.json").json()
    updates = doc["incidents"][0]["incident_updates"]  # the live site serves the same store
    # the same text again is published once (issue 20): one update, carrying the estimate
    assert len(updates) == 1 and all(basis.split(".")[0] in u["body"] for u in updates)
