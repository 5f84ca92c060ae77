"""Builders for regulation tests: an impact report and an incident with exact figures."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from amends.impact.model import BaselineInfo, EventsSummary, ImpactReport, ScopeEntry, Window
from amends.incident import Incident


def window(
    start: datetime,
    minutes: int | None,
    users: int,
    *,
    wid: str = "w1",
    regions: tuple[str, ...] = ("CA",),
    services: tuple[str, ...] = ("local",),
    duration: int | None = None,
) -> Window:
    """A window `minutes` long (None: ongoing) with `users` affected subscribers."""
    end = None if minutes is None else start + timedelta(minutes=minutes)
    scope = [
        ScopeEntry(
            region=r,
            service=s,
            attempts=100,
            failures=50,
            failure_rate=0.5,
            baseline_failure_rate=0.01,
            excess_failures=49.0,
            expected_attempts=100.0,
            ner=0.5,
        )
        for r in regions
        for s in services
    ]
    return Window(
        id=wid,
        kind="failures",
        start=start,
        end=end,
        duration_minutes=duration if duration is not None else (minutes or 0),
        regions=list(regions),
        services=list(services),
        scope=scope,
        subscribers_affected=users,
        failed_attempts=users * 2,
        missing_attempts=0.0,
    )


def report(*windows: Window) -> ImpactReport:
    """An impact report holding these windows."""
    return ImpactReport(
        windows=list(windows),
        events=EventsSummary(
            attempts=1000,
            network_failures=100,
            start=windows[0].start if windows else None,
            end=None,
            minutes=60,
            regions=["CA"],
            services=["local"],
            subscribers_with_failures=sum(w.subscribers_affected for w in windows),
        ),
        baseline=BaselineInfo(
            mode="auto",
            sources={},
            comparable_half_width_minutes=30,
            volume_reference_minutes=60,
            rate_reference_minutes=60,
            overall_failure_rate=0.01,
            method="test",
        ),
    )


def incident(discovered: datetime, **kw: Any) -> Incident:
    """An incident record in America/Los_Angeles unless told otherwise."""
    data: dict[str, Any] = {
        "id": "test-outage",
        "title": "Calls failing in California",
        "time_zone": "America/Los_Angeles",
        "discovered_at": discovered,
        "regions": {"CA": {"name": "California", "time_zone": "America/Los_Angeles"}},
        "services": {"local": "local calls"},
    }
    data.update(kw)
    return Incident.model_validate(data)
