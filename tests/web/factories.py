"""An incident record with measured scope, fixes and two locales, and statement rows for tests
that must not wait for compose."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from amends.impact.model import ScopeEntry, Window
from amends.incident import (
    Action,
    Cause,
    Compensation,
    Feedback,
    Fixes,
    ImmediateFix,
    Incident,
    RegionInfo,
    SupportChannel,
)

START = datetime(2026, 3, 10, 21, 10, tzinfo=UTC)
SECRET_SUBSCRIBER = "sub-000417"


def scope(region: str, service: str, attempts: int, failures: int) -> ScopeEntry:
    """One measured (region, service) of a window."""
    rate = failures / attempts
    return ScopeEntry(
        region=region,
        service=service,
        attempts=attempts,
        failures=failures,
        failure_rate=rate,
        baseline_failure_rate=0.01,
        excess_failures=failures - attempts * 0.01,
        expected_attempts=float(attempts),
        ner=1 - rate,
    )


def incident(
    slug: str = "2026-03-10-ca-fiber", *, ongoing: bool = True, **changes: Any
) -> Incident:
    """A California calls + texts outage with two long-term fixes, in English and Spanish."""
    end = None if ongoing else START + timedelta(hours=3)
    base = Incident(
        id=slug,
        title="Calls and texts failing in California",
        provider="Example Mobile",
        time_zone="America/Los_Angeles",
        discovered_at=START + timedelta(minutes=5),
        status="investigating" if ongoing else "resolved",
        windows=[
            Window(
                id="w1",
                kind="failures",
                start=START,
                end=end,
                duration_minutes=180,
                regions=["california"],
                services=["voice", "sms"],
                scope=[
                    scope("california", "voice", 20_000, 14_000),
                    scope("california", "sms", 8_000, 900),
                ],
                subscribers_affected=1200,
                failed_attempts=14_900,
                missing_attempts=0.0,
            )
        ],
        regions={"california": RegionInfo(name="California", time_zone="America/Los_Angeles")},
        services={"voice": "Phone calls", "sms": "Text messages"},
        symptom="calls ended with 'all circuits are busy'",
        cause=Cause(
            category="fiber_cut",
            description="a construction crew cut our fiber cable near Fresno",
            contributing_factors=["we had no second cable on that route"],
        ),
        fixes=Fixes(
            immediate=[ImmediateFix(what="spliced the cable", at=START + timedelta(hours=3))],
            long_term=[
                Action(
                    what="Add a second fiber route",
                    how="lay a diverse cable along Highway 99",
                    owner="Network engineering",
                    due=date(2026, 6, 30),
                ),
                Action(
                    what="Mark our cables with the utility locator",
                    how="register every route",
                    owner="Field operations",
                    due=date(2026, 4, 15),
                    status="done",
                ),
            ],
        ),
        support=[SupportChannel(kind="phone", contact="611", hours="24/7")],
        compensation=Compensation(
            summary="every affected customer gets a credit of 2 days",
            applied_by=date(2026, 4, 1),
            how="on your next bill",
        ),
        feedback=Feedback(email="outage-feedback@example.com"),
        locales=["en", "es"],
    )
    return base.model_copy(update=changes)


def insert_statement(
    store: Any,
    incident_id: str,
    body: str,
    *,
    stage: str = "acknowledge",
    status: str = "investigating",
    locale: str = "en",
    channel: str = "web",
    audience: str = "public",
    at: datetime | None = None,
) -> int:
    """Insert a published statement row directly (what publishing stores)."""
    from sqlalchemy import insert

    from amends.store import schema as s

    with store.begin() as conn:
        res = conn.execute(
            insert(s.statements).values(
                incident_id=incident_id,
                stage=stage,
                channel=channel,
                locale=locale,
                audience=audience,
                body_text=body,
                status=status,
                published_by="test",
                published_at=at or START + timedelta(minutes=30),
                check_errors=0,
            )
        )
        return int(res.inserted_primary_key[0])
