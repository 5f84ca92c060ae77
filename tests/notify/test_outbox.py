"""The transactional outbox on both backends: who a statement reaches, idempotent enqueueing,
personal notices in bulk, and that a rolled-back publish leaves no outbox rows."""

from __future__ import annotations

import pyarrow as pa
import pytest
from sqlalchemy import func, select

from amends.errors import InputError
from amends.publish.outbox import enqueue_notices, enqueue_statement, status_counts
from amends.publish.subscriptions import subscribe
from amends.store.schema import outbox

from .helpers import add_statement, seed_incident, settings_for


def _recipients(store, channel=None):
    q = select(outbox.c.recipient).order_by(outbox.c.recipient)
    if channel:
        q = q.where(outbox.c.channel == channel)
    with store.connect() as conn:
        return conn.execute(q).scalars().all()


def test_statement_fans_out_to_matching_confirmed_subscriptions(store):
    settings = settings_for()
    seed_incident(store)
    with store.begin() as conn:
        for address, kw in [
            ("all@example.org", {}),
            ("region@example.org", {"region": "california"}),
            ("component@example.org", {"component_id": "voice:california"}),
            ("other-region@example.org", {"region": "texas"}),
            ("other-component@example.org", {"component_id": "sms:texas"}),
            ("french@example.org", {"locale": "fr"}),
            ("english-au@example.org", {"locale": "en-AU"}),
        ]:
            subscribe(conn, settings, "email", address, confirmed=True, **kw)
        subscribe(conn, settings, "email", "unconfirmed@example.org")  # double opt-in pending
        # the same address twice (region and component): one message, not two
        subscribe(conn, settings, "email", "twice@example.org", region="california", confirmed=True)
        subscribe(
            conn,
            settings,
            "email",
            "twice@example.org",
            component_id="voice:california",
            confirmed=True,
        )
        subscribe(conn, settings, "sms", "+14155552671", region="california")
    before = len(_recipients(store))  # the confirmation email already queued
    sid = add_statement(store, "email")
    with store.connect() as conn:
        rows = (
            conn.execute(select(outbox.c.recipient).where(outbox.c.statement_id == sid))
            .scalars()
            .all()
        )
    assert sorted(rows) == [
        "all@example.org",
        "component@example.org",
        "english-au@example.org",
        "region@example.org",
        "twice@example.org",
    ]
    assert before == 1
    with store.begin() as conn:  # enqueueing again adds nothing (idempotency keys)
        assert enqueue_statement(conn, sid) == 0
    sms_sid = add_statement(store, "sms")
    with store.connect() as conn:
        sms = conn.execute(select(outbox).where(outbox.c.statement_id == sms_sid)).all()
    assert [(r.recipient, r.subject, r.body_html) for r in sms] == [("+14155552671", None, None)]


def test_web_statement_becomes_a_webhook_event(store, http):
    settings = settings_for()
    seed_incident(store)
    with store.begin() as conn:
        subscribe(conn, settings, "webhook", http.url + "/hook")
    sid = add_statement(store, "web")
    with store.connect() as conn:
        row = conn.execute(select(outbox).where(outbox.c.statement_id == sid)).one()
    assert row.channel == "webhook" and row.recipient == http.url + "/hook"
    import json

    event = json.loads(row.payload)
    assert event["type"] == "incident.statement.published"
    assert event["data"]["statement_id"] == sid and event["data"]["incident_id"] == "inc-1"


def test_rolled_back_publish_leaves_no_outbox_rows(store):
    settings = settings_for()
    seed_incident(store)
    with store.begin() as conn:
        subscribe(conn, settings, "email", "all@example.org", confirmed=True)
    with pytest.raises(RuntimeError), store.begin() as conn:
        from sqlalchemy import insert

        from amends.store.schema import statements

        sid = conn.execute(
            insert(statements).values(
                incident_id="inc-1",
                stage="acknowledge",
                channel="email",
                body_text="x",
                status="investigating",
                published_by="t",
            )
        ).inserted_primary_key[0]
        assert enqueue_statement(conn, sid) == 1
        raise RuntimeError("publish failed after enqueue")
    assert _recipients(store) == []


def _notices(n: int, channel: str = "email") -> pa.Table:
    return pa.table(
        {
            "subscriber": [f"S{i:06d}" for i in range(n)],
            "locale": ["en"] * n,
            "channel": [channel] * n,
            "recipient": [None if i % 10 == 0 else f"s{i}@example.org" for i in range(n)],
            "subject": ["Your credit for the outage"] * n,
            "text": [f"You had {i % 7 + 1} failed calls; we credit you $5." for i in range(n)],
        }
    )


def test_notices_in_bulk_and_idempotent(store):
    table = _notices(5000)
    with store.begin() as conn:
        assert enqueue_notices(conn, "inc-1", table) == 4500  # rows without contact skipped
    with store.begin() as conn:
        assert enqueue_notices(conn, "inc-1", table) == 0
    with store.begin() as conn:
        assert enqueue_notices(conn, "inc-2", table.slice(0, 20)) == 18  # another incident
        counts = status_counts(conn)
    assert counts["email"]["queued"] == 4518
    with store.connect() as conn:
        n = conn.execute(select(func.count(func.distinct(outbox.c.idempotency_key)))).scalar_one()
    assert n == 4518


def test_notices_channel_inferred_and_bad_tables_refused(store):
    table = pa.table(
        {
            "subscriber": ["A", "B"],
            "channel": ["notice", "notice"],
            "recipient": ["a@example.org", "+14155552671"],
            "text": ["hello", "hello"],
        }
    )
    with store.begin() as conn:
        assert enqueue_notices(conn, "inc-1", table) == 2
        assert status_counts(conn).keys() == {"email", "sms"}
    with pytest.raises(InputError, match="lacks column"), store.begin() as conn:
        enqueue_notices(conn, "inc-1", table.drop_columns(["recipient"]))
    bad = table.set_column(2, "recipient", pa.array(["nobody", "x"]))
    with pytest.raises(InputError, match="row 1"), store.begin() as conn:
        enqueue_notices(conn, "inc-1", bad)
