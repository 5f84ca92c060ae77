"""Hostile input on the publishing side: `site build` never deletes a folder it did not write,
`publish` is all or nothing, feeds survive control characters, and `serve`, `token` and
`feedback` refuse bad values with one line and exit 2."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from tests.hostile.helpers import assert_rejected
from tests.web.factories import START, incident, insert_statement

from amends.incident import dump_incident
from amends.publish import operations as ops
from amends.store import schema as s
from amends.store.testing import create_store

MARKER = ".amends-site"


def _file(tmp_path: Path, **changes: object) -> tuple[object, Path]:
    inc = incident(**changes)
    return inc, dump_incident(inc, tmp_path / "incident.yaml")


def _counts(store) -> dict[str, int]:
    out = {}
    with store.connect() as conn:
        for t in (s.incidents, s.statements, s.outbox, s.components, s.action_items):
            out[t.name] = conn.execute(select(func.count()).select_from(t)).scalar_one()
        out["record"] = conn.execute(select(s.incidents.c.record)).scalars().all()
        out["component_status"] = sorted(conn.execute(select(s.components.c.status)).scalars())
    return out


# ----- 1. site build -o: never delete a folder amends did not write ----------------------------


def test_site_build_refuses_a_folder_it_did_not_write(tmp_path, store, cli):
    mine = tmp_path / "mydocs"
    mine.mkdir()
    (mine / "thesis.txt").write_text("my thesis")
    res = cli("site", "build", "-o", mine, "--db", store.url)
    line = assert_rejected(res, "mydocs", MARKER)
    assert "new or empty folder" in line
    assert (mine / "thesis.txt").read_text() == "my thesis"
    assert sorted(p.name for p in mine.iterdir()) == ["thesis.txt"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_site_build_refuses_a_file_and_a_path_under_a_file(tmp_path, store, cli):
    existing = tmp_path / "existing_file"
    existing.write_text("precious")
    line = assert_rejected(cli("site", "build", "-o", existing, "--db", store.url), "existing_file")
    assert "not a folder" in line
    assert existing.read_text() == "precious"
    under = existing / "s"
    line = assert_rejected(cli("site", "build", "-o", under, "--db", store.url), "existing_file")
    assert "is a file" in line
    assert existing.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_site_build_fills_an_empty_folder_and_replaces_its_own_export(tmp_path, store, cli):
    _inc, path = _file(tmp_path, locales=["en"])
    assert cli("publish", path, "--stage", "acknowledge", "--db", store.url).code == 0
    out = tmp_path / "site"
    out.mkdir()
    res = cli("site", "build", "-o", out, "--db", store.url)
    assert res.code == 0, res.err
    assert (out / MARKER).is_file() and (out / "index.html").is_file()
    (out / "stale.html").write_text("from an earlier export")
    res = cli("site", "build", "-o", out, "--db", store.url)
    assert res.code == 0, res.err
    assert not (out / "stale.html").exists()  # our own export is replaced whole
    assert (out / MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere: no permission to deny")
def test_site_build_refuses_an_unwritable_parent(tmp_path, store, cli):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert_rejected(cli("site", "build", "-o", locked / "site", "--db", store.url), "locked")
    finally:
        locked.chmod(0o700)
    assert list(locked.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_site_build_in_a_folder_nobody_can_write_is_one_line(store, cli):
    """/proc takes no new files, not even from root: the export is refused in one line."""
    assert "cannot write" in assert_rejected(
        cli("site", "build", "-o", "/proc/amends-site", "--db", store.url), "/proc/amends-site"
    )


# ----- 2. publish: validate everything first, then one transaction -----------------------------


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["--channel", "web", "--channel", "fax"], "fax"),
        (["--locale", "en", "--locale", "zz"], "zz"),
        (["--component", "voice:california=exploded"], "exploded"),
        (["--action", "1=finished"], "finished"),
        (["--component", "voice:nowhere=operational"], "voice:nowhere"),
        (["--action", "99999=done"], "99999"),
    ],
)
def test_publish_bad_later_value_leaves_the_store_unchanged(tmp_path, store, cli, args, name):
    inc, path = _file(tmp_path, locales=["en"])
    assert cli("publish", path, "--stage", "acknowledge", "--db", store.url).code == 0
    before = _counts(store)
    assert before["statements"] == 1 and before["incidents"] == 1
    changed = dump_incident(
        inc.model_copy(update={"title": "A new title"}), tmp_path / "changed.yaml"
    )
    res = cli("publish", changed, "--stage", "update", *args, "--db", store.url)
    assert_rejected(res, name)
    assert _counts(store) == before


def test_publish_to_a_server_checks_values_before_sending_anything(tmp_path, live, token, cli):
    _inc, path = _file(tmp_path, locales=["en"])
    for args, name in (
        (["--channel", "web", "--channel", "fax"], "fax"),
        (["--locale", "zz"], "zz"),
        (["--component", "voice:california=exploded"], "exploded"),
    ):
        res = cli(
            "publish", path, "--stage", "acknowledge", *args, "--server", live.url,
            "--token", token,
        )  # fmt: skip
        assert_rejected(res, name)
    assert _counts(live.store)["incidents"] == 0


def test_publish_failure_while_writing_the_second_statement_rolls_back(
    tmp_path, store, cli, monkeypatch
):
    from datetime import UTC, datetime

    from sqlalchemy import insert

    with store.begin() as conn:
        conn.execute(
            insert(s.notify_subscriptions).values(
                kind="webhook",
                address="https://hooks.example/x",
                locale="en",
                confirmed_at=datetime.now(UTC),
            )
        )
    _inc, path = _file(tmp_path, locales=["en"])
    before = _counts(store)
    calls: list[int] = []
    real = ops._enqueue

    def failing(conn, statement_id):
        calls.append(statement_id)
        if len(calls) == 2:
            raise ops.InputError("the outbox refused the second statement")
        return real(conn, statement_id)

    monkeypatch.setattr(ops, "_enqueue", failing)
    res = cli(
        "publish", path, "--stage", "acknowledge", "--channel", "web", "--channel", "email",
        "--db", store.url,
    )  # fmt: skip
    assert_rejected(res, "second statement")
    assert len(calls) == 2  # the first statement and its outbox row were written, then undone
    assert _counts(store) == before
    monkeypatch.setattr(ops, "_enqueue", real)
    res = cli(
        "publish", path, "--stage", "acknowledge", "--channel", "web", "--channel", "email",
        "--db", store.url,
    )  # fmt: skip
    assert res.code == 0, res.err
    after = _counts(store)
    assert (after["incidents"], after["statements"]) == (1, 2)
    assert after["outbox"] >= 1


def test_publish_check_refusal_of_the_second_statement_writes_nothing(
    tmp_path, store, cli, monkeypatch
):
    from tests.web.test_admin import BAD

    _inc, path = _file(tmp_path, locales=["en"])
    real = ops.check_statement
    calls: list[str] = []

    def second_is_bad(incident, stage, channel, locale, text):
        calls.append(channel)
        return real(incident, stage, channel, locale, BAD if len(calls) == 2 else text)

    monkeypatch.setattr(ops, "check_statement", second_is_bad)
    res = cli(
        "publish", path, "--stage", "acknowledge", "--channel", "web", "--channel", "email",
        "--db", store.url,
    )  # fmt: skip
    assert res.code == 2 and "generic-apology" in res.err and "Traceback" not in res.err
    assert calls == ["web", "email"]
    counts = _counts(store)
    assert (counts["incidents"], counts["statements"], counts["outbox"]) == (0, 0, 0)


def test_publish_check_refusal_writes_nothing(tmp_path, store, cli):
    from tests.web.test_admin import BAD

    _inc, path = _file(tmp_path)
    bad = tmp_path / "bad.md"
    bad.write_text(BAD)
    res = cli(
        "publish", path, "--stage", "acknowledge", "--locale", "en", "--text", bad,
        "--db", store.url,
    )  # fmt: skip
    assert res.code == 2 and "generic-apology" in res.err
    assert _counts(store)["incidents"] == 0


def test_publish_nan_in_the_record_is_refused_before_any_write(tmp_path, store, cli):
    inc = incident()
    w = inc.windows[0]
    spoiled = w.model_copy(
        update={"scope": [w.scope[0].model_copy(update={"failure_rate": float("nan")})]}
    )
    path = dump_incident(inc.model_copy(update={"windows": [spoiled]}), tmp_path / "nan.yaml")
    res = cli("publish", path, "--stage", "acknowledge", "--db", store.url)
    if res.code == 2 and "nan.yaml" in res.err:  # the record loader refuses NaN itself
        assert "Traceback" not in res.err
    else:
        assert_rejected(res, "failure_rate")
    assert _counts(store)["incidents"] == 0 and _counts(store)["statements"] == 0


def test_publish_text_not_utf8_is_one_line(tmp_path, store, cli):
    _inc, path = _file(tmp_path)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Lo sentimos: se cortó el servicio".encode("latin-1"))
    res = cli(
        "publish", path, "--stage", "acknowledge", "--locale", "es", "--text", latin,
        "--db", store.url,
    )  # fmt: skip
    assert "UTF-8" in assert_rejected(res, "latin.txt")
    assert _counts(store)["incidents"] == 0


def test_admin_ops_keep_working_one_by_one(store):
    """The store-taking operations (the admin API's) still each run in their own transaction."""
    inc = incident()
    ops.save_incident(store, inc)
    with pytest.raises(ops.InputError, match="exploded"):
        ops.set_component_status(store, "voice:california", "exploded")
    ops.set_component_status(store, "voice:california", "operational")
    res = ops.resolve_incident(store, inc.id)
    assert res.status == "resolved"
    with pytest.raises(ops.InputError, match="zz"):
        ops.publish_statement(store, res, "resolve", "web", "zz", by="t", text="x")


# ----- 7. feeds: control characters never reach the XML -----------------------------------


def test_feeds_and_site_survive_control_characters(tmp_path, store, cli):
    from tests.web.conftest import settings_for_tests

    from amends.publish.feeds import atom_feed, rss_feed
    from amends.publish.site import load_site_data

    inc = incident()
    ops.save_incident(store, inc)
    insert_statement(store, inc.id, "Bell \x07 and escape \x1b[31m in a body\x85")
    with store.begin() as conn:  # written straight to the store: whatever the model accepts
        conn.execute(
            update(s.incidents)
            .where(s.incidents.c.id == inc.id)
            .values(title="Calls \x07failing\x1f in\x9b California", updated_at=START)
        )
    data = load_site_data(store, settings_for_tests().page_info())
    atom = atom_feed(data).decode()
    rss = rss_feed(data).decode()
    for feed in (atom, rss):
        assert "Calls failing in California" in feed
        assert not any(ch in feed for ch in "\x07\x1f\x1b\x85\x9b")
    res = cli("site", "build", "-o", tmp_path / "site", "--db", store.url)
    assert res.code == 0, res.err
    assert "Calls failing in California" in (tmp_path / "site/history.atom").read_text()


def test_feed_keeps_newlines_and_tabs():
    from amends.publish.feeds import xml_safe

    assert xml_safe("a\tb\nc\x07d\x7fe\x9ff\ufffe\x00") == "a\tb\ncdef"
    assert xml_safe(START + timedelta(0)) == str(START)


# ----- 9/15: serve, token and feedback options -------------------------------------------


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["--tz", "Mars/Olympus"], "Mars/Olympus"),
        (["--tz", "../../etc/passwd"], "--tz"),
        (["--locale", "zz"], "zz"),
        (["--host", "256.1.1.1", "--port", "0"], "256.1.1.1"),
    ],
)
def test_serve_refuses_bad_options(tmp_path, cli, args, name):
    db = tmp_path / "s.db"
    if "--host" in args:  # the host is checked after the store is opened
        create_store(f"sqlite:///{db}")
    assert_rejected(cli("serve", *args, "--db", f"sqlite:///{db}"), name)
    assert not db.exists() or "--host" in args  # tz and locale are checked before the store


def test_serve_refuses_a_port_out_of_range_and_a_port_in_use(tmp_path, cli):
    import socket

    create_store(f"sqlite:///{tmp_path / 's.db'}")
    res = cli("serve", "--port", "99999", "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert res.code == 2 and "--port" in res.err and "Traceback" not in res.err
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        line = assert_rejected(
            cli("serve", "--port", str(port), "--db", f"sqlite:///{tmp_path / 's.db'}"),
            str(port),
        )
    assert "cannot listen" in line


def test_serve_port_0_prints_the_bound_port(tmp_path):
    """`amends serve --port 0` says the port it got, and answers there."""
    import re
    import subprocess
    import sys
    import time

    import httpx

    create_store(f"sqlite:///{tmp_path / 's.db'}")
    proc = subprocess.Popen(
        [sys.executable, "-m", "amends", "serve", "--port", "0", "--db",
         f"sqlite:///{tmp_path / 's.db'}"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        env={**os.environ, "AMENDS_SECRET": "test", "AMENDS_SITE_URL": "http://x.test"},
    )  # fmt: skip
    try:
        line = ""
        assert proc.stderr is not None
        while "serving" not in line:
            line = proc.stderr.readline()
            assert line, "serve exited before it said where it listens"
        assert "<port>" not in line
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert m and int(m.group(1)) > 0, line
        deadline = time.monotonic() + 20
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{m.group(1)}/api/v2/status.json", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert r.status_code == 200
    finally:
        proc.terminate()
        proc.wait(10)


def test_site_build_refuses_a_bad_time_zone(tmp_path, store, cli):
    out = tmp_path / "site"
    assert_rejected(cli("site", "build", "--tz", "Mars/Olympus", "-o", out, "--db", store.url),
                    "Mars/Olympus")  # fmt: skip
    assert not out.exists()


def test_token_names_with_control_or_bidi_characters_are_refused(tmp_path, cli):
    db = tmp_path / "t.db"
    for name in ("<script>\u202e\x07", "bot\x1b[2J", "a\u2066b", "x" * 101, "   "):
        line = assert_rejected(cli("token", "create", name, "--db", f"sqlite:///{db}"), "token")
        assert "\x07" not in line and "\x1b" not in line and "\u202e" not in line
    assert not db.exists()  # refused before the store is opened
    res = cli("token", "create", "status-bot", "--db", create_store(f"sqlite:///{db}"))
    assert res.code == 0 and res.out.startswith("amd_")


def test_feedback_comments_must_not_be_negative(store, cli):
    res = cli("feedback", "x", "--comments", "-5", "--db", store.url)
    assert res.code == 2 and "--comments" in res.err


def test_feedback_for_another_incidents_statement_is_refused(store):
    from amends.publish.feedback import StatementNotOfIncident, record_feedback

    a = incident()
    b = incident("2026-03-11-other")
    ops.save_incident(store, a)
    ops.save_incident(store, b)
    theirs = insert_statement(store, b.id, "the other incident's update")
    mine = insert_statement(store, a.id, "our update")
    kw = {"helpful": True, "locale": "en", "client": "1.2.3.4", "secret": "s"}
    for wrong in (theirs, 999_999_999):
        with pytest.raises(StatementNotOfIncident) as err:
            record_feedback(store, a.id, comment="x", statement_id=wrong, **kw)
        assert err.value.status_code == 422 and str(wrong) in str(err.value)
    assert record_feedback(store, a.id, comment="ok \x07\x1b[31m\u202eend", statement_id=mine, **kw)
    with store.connect() as conn:
        rows = conn.execute(select(s.feedback.c.statement_id, s.feedback.c.comment)).all()
    assert [(r.statement_id, r.comment) for r in rows] == [(mine, "ok [31mend")]


def test_feedback_form_with_a_foreign_statement_stores_nothing(live):
    import httpx

    a = incident()
    b = incident("2026-03-11-other")
    ops.save_incident(live.store, a)
    ops.save_incident(live.store, b)
    theirs = insert_statement(live.store, b.id, "the other incident's update")
    with httpx.Client(base_url=live.url) as c:
        r = c.post(f"/incidents/{a.id}/feedback", data={"helpful": "yes", "statement_id": theirs})
    assert r.status_code == 422  # the statement is not this incident's: nothing stored
    with live.store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(s.feedback)).scalar_one() == 0
