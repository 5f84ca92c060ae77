"""Scheduled maintenance on both backends: scheduling, announcing, reminding, starting and
completing at its times or by hand; components under maintenance meanwhile; each component's
subscribers get exactly the messages of the maintenances on their components, once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import insert, select
from tests.notify.helpers import settings_for

from amends.errors import InputError
from amends.publish import maintenance as mnt
from amends.publish.subscriptions import subscribe
from amends.store import schema as s

T0 = datetime(2026, 12, 10, 2, 0, tzinfo=UTC)


def _spec(mid: str = "core-upgrade", comps=("voice:ca",), **kw) -> mnt.MaintenanceSpec:
    values = {
        "id": mid,
        "title": {"en": "Core network upgrade", "es": "Mejora de la red troncal"},
        "body": {
            "en": "We are replacing two core routers in Los Angeles.",
            "es": "Cambiamos dos routers troncales en Los Ángeles.",
        },
        "components": list(comps),
        "scheduled_for": T0,
        "scheduled_until": T0 + timedelta(hours=2),
    }
    return mnt.MaintenanceSpec(**(values | kw))


@pytest.fixture
def seeded(store):
    """Three components in two regions; subscribers to one component, one region, everything
    (one in Spanish), another component, and one never confirmed."""
    settings = settings_for()
    with store.begin() as conn:
        conn.execute(
            insert(s.components),
            [
                {
                    "id": "voice:ca",
                    "name": "Calls (California)",
                    "service": "voice",
                    "region": "ca",
                },
                {"id": "sms:ca", "name": "Texts (California)", "service": "sms", "region": "ca"},
                {"id": "voice:tx", "name": "Calls (Texas)", "service": "voice", "region": "tx"},
            ],
        )
        for address, kw in [
            ("voice-ca@example.org", {"component_id": "voice:ca"}),
            ("region-ca@example.org", {"region": "ca"}),
            ("all@example.org", {}),
            ("todo@example.org", {"locale": "es"}),
            ("voice-tx@example.org", {"component_id": "voice:tx"}),
        ]:
            subscribe(conn, settings, "email", address, confirmed=True, **kw)
        subscribe(conn, settings, "email", "pending@example.org", component_id="voice:ca")
    return store


def _messages(store) -> dict[str, list[str]]:
    """Queued maintenance messages per recipient: their subjects, in order."""
    o = s.outbox.c
    with store.connect() as conn:
        rows = conn.execute(
            select(o.recipient, o.subject, o.idempotency_key)
            .where(o.idempotency_key.like("m:%"))
            .order_by(o.id)
        ).all()
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(row.recipient, []).append(row.subject)
    return found


def _statuses(store) -> dict[str, str]:
    with store.connect() as conn:
        return dict(conn.execute(select(s.components.c.id, s.components.c.status)).all())


def test_a_maintenance_from_announcement_to_completion_at_its_times(seeded) -> None:
    with seeded.begin() as conn:
        mnt.create_maintenance(conn, _spec(), by="ops")
        assert mnt.announce(conn, "core-upgrade", now=T0 - timedelta(days=3)) == 4
        # nothing due two days before; the reminder a day before; then the start; the end
        assert mnt.advance(conn, now=T0 - timedelta(days=2)) == []
        assert mnt.advance(conn, now=T0 - timedelta(hours=20)) == [("core-upgrade", "remind")]
        assert mnt.advance(conn, now=T0 - timedelta(hours=19)) == []
        assert mnt.advance(conn, now=T0 + timedelta(minutes=1)) == [("core-upgrade", "start")]
    assert _statuses(seeded) == {"voice:ca": "under_maintenance", "sms:ca": "operational",
                                 "voice:tx": "operational"}  # fmt: skip
    with seeded.begin() as conn:
        assert mnt.advance(conn, now=T0 + timedelta(hours=2)) == [("core-upgrade", "complete")]
        assert mnt.advance(conn, now=T0 + timedelta(hours=3)) == []
        done = mnt.get_maintenance(conn, "core-upgrade")
    assert done["status"] == "completed" and done["completed_at"] == T0 + timedelta(hours=2)
    assert set(_statuses(seeded).values()) == {"operational"}
    got = _messages(seeded)
    # the component's, the region's and everything's subscribers; not Texas's, not unconfirmed
    assert set(got) == {"voice-ca@example.org", "region-ca@example.org", "all@example.org",
                        "todo@example.org"}  # fmt: skip
    assert got["voice-ca@example.org"] == [
        "Scheduled maintenance: Core network upgrade",
        "Reminder: maintenance begins Thursday, December 10, 2:00 AM UTC",
        "Maintenance in progress: Core network upgrade",
        "Maintenance completed: Core network upgrade",
    ]
    assert got["todo@example.org"][0] == "Mantenimiento programado: Mejora de la red troncal"


def test_each_step_is_sent_once(seeded) -> None:
    with seeded.begin() as conn:
        mnt.create_maintenance(conn, _spec(auto=False), by="ops")
        mnt.announce(conn, "core-upgrade", now=T0 - timedelta(days=1))
        assert mnt.announce(conn, "core-upgrade", now=T0 - timedelta(hours=23)) == 0
        # by hand: nothing moves at its times
        assert mnt.advance(conn, now=T0 + timedelta(hours=5)) == []
        assert mnt.start(conn, "core-upgrade", now=T0 + timedelta(hours=5)) == 4
        with pytest.raises(InputError, match="is in_progress: only a scheduled one starts"):
            mnt.start(conn, "core-upgrade")
        assert mnt.complete(conn, "core-upgrade", now=T0 + timedelta(hours=6)) == 4
        with pytest.raises(InputError, match="is completed: nothing to cancel"):
            mnt.cancel(conn, "core-upgrade")
    assert [len(v) for v in _messages(seeded).values()] == [3, 3, 3, 3]


def test_an_outage_is_not_hidden_and_a_shared_component_waits_for_both(seeded) -> None:
    with seeded.begin() as conn:
        mnt.create_maintenance(conn, _spec("a", ("voice:ca", "sms:ca")), by="ops")
        mnt.create_maintenance(conn, _spec("b", ("sms:ca",)), by="ops")
        conn.execute(
            s.components.update()
            .where(s.components.c.id == "voice:ca")
            .values(status="major_outage")
        )
        mnt.start(conn, "a", now=T0)
        mnt.start(conn, "b", now=T0)
    assert _statuses(seeded)["voice:ca"] == "major_outage"  # the incident's status stays
    with seeded.begin() as conn:
        mnt.complete(conn, "a", now=T0 + timedelta(hours=1))
    assert _statuses(seeded)["sms:ca"] == "under_maintenance"  # b still holds it
    with seeded.begin() as conn:
        mnt.cancel(conn, "b", now=T0 + timedelta(hours=1))
    assert _statuses(seeded)["sms:ca"] == "operational"
    assert _statuses(seeded)["voice:ca"] == "major_outage"
    # b was never announced but had started: its subscribers hear that it was called off
    assert any(
        subject == "Maintenance cancelled: Core network upgrade"
        for subjects in _messages(seeded).values()
        for subject in subjects
    )


def test_bad_maintenances_are_refused_and_nothing_is_written(seeded) -> None:
    with pytest.raises(ValidationError, match="scheduled_until must be after"):
        _spec(scheduled_until=T0)
    with pytest.raises(ValidationError, match="holds a placeholder"):
        _spec(body={"en": "Routers in {{ city }}.", "es": "Routers."})
    with pytest.raises(ValidationError, match="same locales"):
        _spec(body={"en": "Routers."})
    with pytest.raises(ValidationError, match="timezone"):
        _spec(scheduled_for=datetime(2026, 12, 10, 2, 0))
    with pytest.raises(InputError, match="no component 'voice:nv'"), seeded.begin() as conn:
        mnt.create_maintenance(conn, _spec(comps=("voice:ca", "voice:nv")), by="ops")
    with seeded.begin() as conn:
        assert mnt.list_maintenances(conn) == []
        mnt.create_maintenance(conn, _spec(), by="ops")
        with pytest.raises(InputError, match="exists: choose another id"):
            mnt.create_maintenance(conn, _spec(), by="ops")
        with pytest.raises(InputError, match="not announced"):
            mnt.remind(conn, "core-upgrade")
        with pytest.raises(InputError, match="no maintenance 'nope'"):
            mnt.announce(conn, "nope")


def test_cancelling_an_unannounced_maintenance_tells_nobody(seeded) -> None:
    with seeded.begin() as conn:
        mnt.create_maintenance(conn, _spec(), by="ops")
        assert mnt.cancel(conn, "core-upgrade") == 0
        assert mnt.get_maintenance(conn, "core-upgrade")["status"] == "cancelled"
    assert _messages(seeded) == {}
