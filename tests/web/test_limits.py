"""Limits of the admin API on a real server: request bodies over the maximum get 413 before they
are read whole (chunked too), text fields longer than the record allows get 422 naming the
field, hostile JSON/YAML (NaN, huge ids, deep nesting) gets a 4xx, and the public site answers
while an admin request waits on the database."""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from types import FrameType
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import func, select, update
from tests.web.conftest import Live, settings_for_tests, start_server
from tests.web.factories import incident

from amends.errors import InputError
from amends.incident.io import incident_yaml
from amends.incident.model import MAX_TEXT
from amends.store import schema as s
from amends.web.app import MAX_ID, MAX_STATEMENT, create_app
from amends.web.settings import Settings

LIMIT = 64 * 1024
INC = incident()
STATEMENTS = f"/api/admin/incidents/{INC.id}/statements"


@pytest.fixture
def small(store) -> Iterator[Live]:
    """The site with a 64 KiB body limit and the incident saved."""
    from amends.publish import operations as ops

    ops.save_incident(store, INC)
    settings = settings_for_tests(max_body_bytes=LIMIT)
    app = create_app(store, settings=settings)
    url, server, thread = start_server(app)
    try:
        yield Live(url, app, store, settings)
    finally:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(10)


def _client(live: Live, token: str) -> httpx.Client:
    return httpx.Client(base_url=live.url, headers={"Authorization": f"Bearer {token}"}, timeout=30)


def _statements(store) -> int:
    with store.connect() as conn:
        return conn.execute(select(func.count()).select_from(s.statements)).scalar_one()


def _detail(r: httpx.Response) -> str:
    return json.dumps(r.json()["detail"])


# ----- request size ----------------------------------------------------------------------------


def test_default_limit_is_one_mebibyte_and_configurable(monkeypatch):
    assert Settings().max_body_bytes == 1 << 20
    monkeypatch.setenv("AMENDS_MAX_BODY_BYTES", "2048")
    assert Settings.from_env().max_body_bytes == 2048
    monkeypatch.setenv("AMENDS_MAX_BODY_BYTES", "lots")
    with pytest.raises(InputError, match="AMENDS_MAX_BODY_BYTES"):
        Settings.from_env()


@pytest.mark.parametrize("value", ["lots", "0", "-5"])
def test_serve_refuses_a_bad_body_limit_in_one_line(tmp_path, cli, monkeypatch, value):
    from tests.hostile.helpers import assert_rejected

    monkeypatch.setenv("AMENDS_MAX_BODY_BYTES", value)
    db = tmp_path / "s.db"
    assert_rejected(cli("serve", "--port", "0", "--db", f"sqlite:///{db}"), "AMENDS_MAX_BODY_BYTES")
    assert not db.exists()


def test_body_over_the_limit_is_413_json_and_stores_nothing(small, token):
    with _client(small, token) as c:
        r = c.post(STATEMENTS, json={"stage": "acknowledge", "text": "x" * (2 * LIMIT)})
        assert r.status_code == 413
        assert r.headers["content-type"] == "application/json"
        assert r.json()["detail"] == "request body over 65,536 bytes; send less"
        big = incident_yaml(INC) + "#" + "x" * LIMIT
        assert c.post("/api/admin/incidents", content=big).status_code == 413
    assert _statements(small.store) == 0


def test_chunked_body_over_the_limit_is_413(small, token):
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        for _ in range(64):  # 4 MiB offered, 64 KiB allowed
            sent.append(1)
            yield b"#" + b"x" * 65535

    with _client(small, token) as c:
        r = c.post("/api/admin/incidents", content=chunks())
    assert r.status_code == 413, r.text
    assert _statements(small.store) == 0


def test_announced_body_over_the_limit_is_refused_before_it_is_sent(small, token):
    """A Content-Length over the limit is answered at once: the server never waits for it."""
    parts = urlsplit(small.url)
    head = (
        f"POST /api/admin/incidents HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/yaml\r\n"
        f"Content-Length: {100 * 1024 * 1024}\r\n\r\n"
    ).encode()
    with socket.create_connection((parts.hostname, parts.port), timeout=20) as sock:
        sock.sendall(head)  # and not one byte of the 100 MiB
        answer = sock.recv(4096).decode("latin-1")
    assert answer.startswith("HTTP/1.1 413"), answer


# ----- text fields -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"stage": "acknowledge", "text": "x" * (MAX_STATEMENT + 1)}, "text"),
        (
            {"stage": "acknowledge", "text": "x", "override_reason": "y" * (MAX_TEXT + 1)},
            "override_reason",
        ),
        ({"stage": "acknowledge", "text": "x", "subject": "y" * (MAX_TEXT + 1)}, "subject"),
        ({"stage": "acknowledge", "text": "x", "override_reason": "bell \x07"}, "override_reason"),
    ],
)
def test_text_longer_than_the_record_allows_is_422_naming_the_field(small, token, body, field):
    with _client(small, token) as c:
        r = c.post(STATEMENTS, json=body)
    assert r.status_code == 422, r.text
    assert field in _detail(r)
    assert _statements(small.store) == 0


def test_action_note_and_link_fields_are_limited(small, token):
    with _client(small, token) as c:
        r = c.post(
            "/api/admin/action-items/1", json={"status": "done", "note": "n" * (MAX_TEXT + 1)}
        )
        assert r.status_code == 422 and "note" in _detail(r)
        r = c.post(
            "/api/admin/affected-link",
            json={"incident_id": "i" * (MAX_TEXT + 1), "subscriber": "s"},
        )
        assert r.status_code == 422 and "incident_id" in _detail(r)


# ----- hostile JSON and YAML: 4xx, never 500 ---------------------------------------------------


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_in_json_are_422(small, token, number):
    with _client(small, token) as c:
        for path, body in [
            (STATEMENTS, f'{{"stage": "acknowledge", "text": {number}}}'),
            (f"/api/admin/incidents/{INC.id}/resolve", f'{{"restored_at": {number}}}'),
            ("/api/admin/components/voice:california/status", f'{{"status": {number}}}'),
        ]:
            r = c.post(path, content=body, headers={"Content-Type": "application/json"})
            assert r.status_code == 422, (path, r.text)
            assert r.json()["detail"][0]["loc"][0] == "body"


def test_ids_beyond_64_bits_are_422_and_unknown_ids_404(small, token):
    with _client(small, token) as c:
        for big in (MAX_ID + 1, 2**63, 2**64, 10**30):
            r = c.post(f"/api/admin/action-items/{big}", json={"status": "done"})
            assert r.status_code == 422 and "action_id" in _detail(r)
        assert (
            c.post(f"/api/admin/action-items/{MAX_ID}", json={"status": "done"}).status_code == 404
        )
        r = c.post(
            f"/incidents/{INC.id}/feedback", data={"helpful": "yes", "statement_id": str(2**64)}
        )
        assert r.status_code == 422 and "statement_id" in _detail(r)


def test_deeply_nested_bodies_are_4xx_with_a_message(small, token):
    with _client(small, token) as c:
        for body in (
            "a: " + "[" * 1000 + "]" * 1000,
            "[" * 1000 + "]" * 1000,
            "a:\n  " + "- " * 1000 + "x",
        ):
            r = c.post("/api/admin/incidents", content=body)
            assert r.status_code == 422, r.text
            detail = r.json()["detail"]  # the record's reader names the depth it allows
            assert "nested too deeply" in detail or "nested more than 64 levels" in detail
        deep = '{"stage": "acknowledge", "text": ' + "[" * 5000 + "]" * 5000 + "}"
        r = c.post(STATEMENTS, content=deep, headers={"Content-Type": "application/json"})
        assert r.status_code == 422, r.text
        assert "nested too deeply" in _detail(r)
    assert _statements(small.store) == 0


def test_a_nul_character_in_an_id_or_text_is_422_on_every_backend(small, token):
    """PostgreSQL cannot hold U+0000 in text: refused at the door, never a 500."""
    with _client(small, token) as c:
        answers = [
            c.get("/api/admin/audit", params={"incident_id": "a\x00b"}),
            c.get("/api/admin/feedback/a%00b"),
            c.post("/api/admin/components/a%00b/status", json={"status": "operational"}),
            c.post("/api/admin/incidents/a%00b/resolve", json={}),
            c.post("/api/admin/action-items/1", json={"status": "done", "note": "a\x00b"}),
            c.post("/incidents/a%00b/feedback", data={"helpful": "yes"}),
            c.post(STATEMENTS, json={"stage": "update", "text": "\x00", "override_reason": "t"}),
        ]
    for r in answers:
        assert r.status_code == 422, (r.request.url, r.text)
        assert "NUL character" in _detail(r)
    assert _statements(small.store) == 0


def test_restored_at_needs_a_time_zone(small, token):
    with _client(small, token) as c:
        r = c.post(
            f"/api/admin/incidents/{INC.id}/resolve", json={"restored_at": "2026-03-10T23:00:00"}
        )
        assert r.status_code == 422 and "restored_at" in _detail(r)
        r = c.post("/api/admin/incidents/no-such-incident/resolve", json={})
        assert r.status_code == 404


# ----- the public site while the admin API waits --------------------------------------------


def _waiting_in(function: str, seconds: float = 30.0) -> bool:
    """Whether some thread of this process (the server runs in one) is inside `function`
    within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for frame in sys._current_frames().values():
            f: FrameType | None = frame
            while f is not None:
                if f.f_code.co_name == function:
                    return True
                f = f.f_back
        time.sleep(0.01)
    return False


def test_public_site_answers_while_an_admin_write_waits_for_the_database(small, token):
    """An admin request blocked on a database lock must not hold up the public pages (its
    database work runs off the event loop). On PostgreSQL, where a row lock holds the admin
    write after its token was checked; SQLite locks the whole file, the token check included."""
    store = small.store
    if store.dialect != "postgresql":
        pytest.skip("needs a row lock: PostgreSQL")
    public = httpx.Client(base_url=small.url, timeout=30)
    assert public.get("/api/v2/status.json").status_code == 200
    with _client(small, token) as c:  # the token's use is recorded now, not while locked
        assert c.get("/api/admin/due").status_code == 200
    results: list[int] = []
    with store.begin() as conn:  # hold the write lock until the public request is answered
        conn.execute(
            update(s.components)
            .where(s.components.c.id == "voice:california")
            .values(status="operational")
        )
        admin = threading.Thread(
            target=lambda: results.append(
                _client(small, token)
                .post(
                    "/api/admin/components/voice:california/status", json={"status": "major_outage"}
                )
                .status_code
            )
        )
        admin.start()
        assert _waiting_in("set_component_status_in")  # the admin write waits for the lock
        r = public.get("/api/v2/status.json")
        assert r.status_code == 200
        assert admin.is_alive()  # answered while the admin request was still waiting
    admin.join(30)
    assert results == [200]
    assert public.get("/api/v2/components.json").status_code == 200
