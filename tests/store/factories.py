"""Small incident records for the store tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from amends.impact.model import Window
from amends.incident import Incident, RegionInfo

START = datetime(2026, 3, 10, 21, 10, tzinfo=UTC)


def window(regions: list[str], services: list[str], *, hours: int = 3) -> Window:
    """A failures window over regions x services, with 1,200 subscribers affected."""
    return Window(
        id="w1",
        kind="failures",
        start=START,
        end=START + timedelta(hours=hours),
        duration_minutes=hours * 60,
        regions=regions,
        services=services,
        scope=[],
        subscribers_affected=1200,
        failed_attempts=5400,
        missing_attempts=0.0,
    )


def incident(slug: str = "2026-03-10-ca-fiber", **changes: object) -> Incident:
    """A California voice + SMS outage record."""
    base = Incident(
        id=slug,
        title="Calls and texts failing in California",
        time_zone="America/Los_Angeles",
        discovered_at=START + timedelta(minutes=5),
        windows=[window(["california"], ["voice", "sms"])],
        regions={"california": RegionInfo(name="California", time_zone="America/Los_Angeles")},
        services={"voice": "Phone calls", "sms": "Text messages"},
    )
    return base.model_copy(update=changes)
