"""Maintenance messages delivered for real: the worker hands them to an SMTP server on loopback,
and each per-component subscriber receives exactly the messages of the maintenances on its
components, each once, in its language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert
from tests.notify.helpers import settings_for
from tests.notify.servers import SmtpRecorder, SmtpServer

from amends.publish import maintenance as mnt
from amends.publish.subscriptions import subscribe
from amends.publish.worker import Worker
from amends.store import schema as s

T0 = datetime(2026, 12, 10, 2, 0, tzinfo=UTC)


def _spec(mid: str, component: str, title: str) -> mnt.MaintenanceSpec:
    return mnt.MaintenanceSpec(
        id=mid,
        title={"en": title, "es": f"{title} (es)"},
        body={"en": "Planned router work.", "es": "Trabajos en los routers."},
        components=[component],
        scheduled_for=T0,
        scheduled_until=T0 + timedelta(hours=1),
    )


def test_each_subscriber_gets_the_messages_of_its_components_once(store) -> None:
    with SmtpServer(SmtpRecorder()) as smtp:
        settings = settings_for(smtp.port)
        with store.begin() as conn:
            conn.execute(
                insert(s.components),
                [
                    {"id": "voice:ca", "name": "Calls (CA)", "service": "voice", "region": "ca"},
                    {"id": "voice:tx", "name": "Calls (TX)", "service": "voice", "region": "tx"},
                ],
            )
            subscribe(conn, settings, "email", "ca@example.org", component_id="voice:ca",
                      confirmed=True)  # fmt: skip
            subscribe(conn, settings, "email", "tx@example.org", component_id="voice:tx",
                      confirmed=True, locale="es")  # fmt: skip
            mnt.create_maintenance(conn, _spec("ca-work", "voice:ca", "CA routers"), by="ops")
            mnt.create_maintenance(conn, _spec("tx-work", "voice:tx", "TX routers"), by="ops")
            mnt.announce(conn, "ca-work", now=T0 - timedelta(days=2))
            mnt.announce(conn, "tx-work", now=T0 - timedelta(days=2))
            mnt.advance(conn, now=T0 - timedelta(hours=3))  # reminders
            mnt.advance(conn, now=T0 + timedelta(hours=2))  # start and complete
            mnt.advance(conn, now=T0 + timedelta(hours=3))  # nothing more
        Worker(store, settings, until_empty=True).run()
        Worker(store, settings, until_empty=True).run()  # a second worker finds nothing to send
        got: dict[str, list[str]] = {}
        for message in smtp.recorder.parsed():
            got.setdefault(str(message["To"]), []).append(str(message["Subject"]))
    assert got == {
        "ca@example.org": [
            "Scheduled maintenance: CA routers",
            "Reminder: maintenance begins Thursday, December 10, 2:00 AM UTC",
            "Maintenance in progress: CA routers",
            "Maintenance completed: CA routers",
        ],
        "tx@example.org": [
            "Mantenimiento programado: TX routers (es)",
            "Recordatorio: el mantenimiento empieza jueves 10 de diciembre, 2:00 UTC",
            "Mantenimiento en curso: TX routers (es)",
            "Mantenimiento terminado: TX routers (es)",
        ],
    }


def test_the_worker_takes_the_due_steps_on_its_clock(store) -> None:
    """A maintenance whose window has begun is started by the worker, and its messages go out
    in the same run; nothing is due twice."""
    now = datetime.now(UTC)
    with SmtpServer(SmtpRecorder()) as smtp:
        settings = settings_for(smtp.port)
        with store.begin() as conn:
            conn.execute(
                insert(s.components),
                [{"id": "voice:ca", "name": "Calls (CA)", "service": "voice", "region": "ca"}],
            )
            subscribe(conn, settings, "email", "ca@example.org", component_id="voice:ca",
                      confirmed=True)  # fmt: skip
            spec = _spec("ca-work", "voice:ca", "CA routers").model_copy(
                update={"scheduled_for": now - timedelta(minutes=1),
                        "scheduled_until": now + timedelta(hours=1)}
            )  # fmt: skip
            mnt.create_maintenance(conn, spec, by="ops")
        worker = Worker(store, settings, until_empty=True)
        worker.run()
        assert worker.maintenance_steps == 1
        assert not [e for e in worker.errors if e.startswith("maintenance")]
        with store.connect() as conn:
            assert mnt.get_maintenance(conn, "ca-work")["status"] == "in_progress"
        subjects = [str(m["Subject"]) for m in smtp.recorder.parsed()]
        assert subjects == ["Maintenance in progress: CA routers"]
        again = Worker(store, settings, until_empty=True)
        again.run()
        assert again.maintenance_steps == 0
