"""Publishing on both stores: the check gate, one transaction with the outbox, the record's
history, and nothing written when anything fails."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select
from tests.web.factories import START, incident
from tests.web.test_admin import BAD, GOOD

from amends.publish import operations as ops
from amends.store import schema as s


def _count(store, table) -> int:
    with store.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_publish_queues_notifications_in_the_same_transaction(store):
    inc = incident()
    ops.save_incident(store, inc)
    with store.begin() as conn:
        conn.execute(
            insert(s.notify_subscriptions).values(
                kind="webhook",
                address="https://hooks.example/x",
                locale="en",
                confirmed_at=datetime.now(UTC),
            )
        )
    res = ops.publish_statement(
        store,
        inc,
        "update",
        "web",
        "en",
        by="t",
        text=GOOD,
        override_reason="test wording",
        now=START + timedelta(hours=1),
    )
    assert res.queued == 1
    with store.connect() as conn:
        row = conn.execute(select(s.outbox.c.statement_id, s.outbox.c.recipient)).one()
    assert (row.statement_id, row.recipient) == (res.statement_id, "https://hooks.example/x")
    record = ops.load_incident_record(store, inc.id)
    assert [(h.stage, h.override_reason) for h in record.history] == [("update", "test wording")]


def test_refused_statement_writes_nothing(store):
    inc = incident()
    ops.save_incident(store, inc)
    before = _count(store, s.statements)
    with pytest.raises(ops.CheckRefused) as err:
        ops.publish_statement(store, inc, "acknowledge", "web", "en", by="t", text=BAD)
    assert "generic-apology" in str(err.value)
    assert _count(store, s.statements) == before
    assert _count(store, s.outbox) == 0
    with pytest.raises(ops.InputError):
        ops.publish_statement(
            store, inc, "acknowledge", "web", "en", by="t", text=BAD, override_reason="   "
        )


def test_explain_marks_postmortem_and_releases_components(store):
    inc = incident()
    ops.save_incident(store, inc)
    ops.publish_statement(
        store, inc, "explain", "web", "en", by="t", text=GOOD, override_reason="test wording"
    )
    with store.connect() as conn:
        status = conn.execute(select(s.incidents.c.status)).scalar_one()
        comps = set(conn.execute(select(s.components.c.status)).scalars())
    assert status == "postmortem" and comps == {"operational"}
