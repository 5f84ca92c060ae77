"""Eta test fixtures: incidents, past cases and the store on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from amends.eta import PastCase
from amends.incident import Incident, RegionInfo
from amends.store.testing import store, store_url  # noqa: F401

T0 = datetime(2026, 3, 10, 21, 0, tzinfo=UTC)  # 2:00 PM PDT


def make_incident(
    cause: str = "fiber_cut", *, start: datetime = T0, regions: tuple[str, ...] = ("CA",)
) -> Incident:
    """An ongoing incident discovered at `start` in the given regions (Pacific time)."""
    names = {"CA": "California", "TX": "Texas", "NY": "New York"}
    zones = {"CA": "America/Los_Angeles", "TX": "America/Chicago", "NY": "America/New_York"}
    infos = {r: RegionInfo(name=names.get(r, r), time_zone=zones.get(r, "UTC")) for r in regions}
    return Incident(
        id="2026-03-10-test",
        title="Calls failing",
        time_zone="America/Los_Angeles",
        discovered_at=start,
        regions=infos,
        cause={"category": cause, "description": "test"},
    )


def case(
    n: int,
    cause: str,
    hours: float | None,
    *,
    days_ago: float = 30,
    regions: tuple[str, ...] = ("CA",),
    open_for: float | None = None,
) -> PastCase:
    """A past case that started `days_ago` before T0 and lasted `hours` (None: still open)."""
    start = T0 - timedelta(days=days_ago)
    return PastCase(
        ref=f"c{n}",
        cause_category=cause,
        started_at=start,
        restored_at=None if hours is None else start + timedelta(hours=hours),
        regions=regions,
        open_as_of=None if open_for is None else start + timedelta(hours=open_for),
    )


@pytest.fixture
def cases() -> Callable[..., list[PastCase]]:
    """`cases(cause, durations, start=0)`: past cases with those durations (None = open)."""

    def make(
        cause: str, durations: list[float | None], *, first: int = 0, **kw: object
    ) -> list[PastCase]:
        return [
            case(first + i, cause, h, days_ago=30 + i, **kw)  # type: ignore[arg-type]
            for i, h in enumerate(durations)
        ]

    return make
