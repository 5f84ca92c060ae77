"""Helpers for the notify tests: settings pointing at the loopback servers, seed rows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert

from amends.publish.notifyconfig import NotifySettings, load_settings
from amends.store.engine import Store
from amends.store.schema import components, incident_components, incidents, statements


def settings_for(
    smtp_port: int | None = None, *, sms_url: str | None = None, **extra: Any
) -> NotifySettings:
    """Settings for loopback servers: loopback allowed for webhooks, quick retries."""
    data: dict[str, Any] = {
        "secret": "test-secret-0123456789",
        "base_url": "https://status.example.net",
        "backoff_base_s": 0.05,
        "backoff_max_s": 0.2,
        "lease_s": 30.0,
        "poll_s": 0.05,
        "max_attempts": 5,
        "webhook": {"allow": ["127.0.0.0/8"], "timeout": 5.0},
        "email": {"host": "127.0.0.1", "port": smtp_port or 25, "sender": "status@example.net"},
    }
    if sms_url:
        data["sms"] = {"url": sms_url, "token": "gw-token", "sender": "Amends"}
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return load_settings(None, env={}, **data)


def seed_incident(store: Store, incident_id: str = "inc-1") -> None:
    """An incident touching voice:california (region california)."""
    now = datetime.now(UTC)
    with store.begin() as conn:
        conn.execute(
            insert(components),
            [
                {
                    "id": "voice:california",
                    "name": "Calls",
                    "service": "voice",
                    "region": "california",
                },
                {"id": "sms:texas", "name": "Texts", "service": "sms", "region": "texas"},
            ],
        )
        conn.execute(
            insert(incidents).values(
                id=incident_id,
                title="Calls failing",
                status="investigating",
                impact="major",
                record="{}",
                started_at=now,
            )
        )
        conn.execute(
            insert(incident_components).values(
                incident_id=incident_id, component_id="voice:california", status="major_outage"
            )
        )


def add_statement(
    store: Store, channel: str = "email", incident_id: str = "inc-1", locale: str = "en"
) -> int:
    """Insert a published statement and return its id (enqueue it in the same transaction)."""
    from amends.publish.outbox import enqueue_statement

    with store.begin() as conn:
        sid = conn.execute(
            insert(statements).values(
                incident_id=incident_id,
                stage="acknowledge",
                channel=channel,
                locale=locale,
                audience="public",
                subject="Calls in California are failing",
                body_text="We are sorry: calls in California fail since 09:12 UTC.",
                body_html="<p>We are sorry: calls in California fail since 09:12 UTC.</p>",
                status="investigating",
                published_by="test",
            )
        ).inserted_primary_key[0]
        enqueue_statement(conn, sid)
    return int(sid)
