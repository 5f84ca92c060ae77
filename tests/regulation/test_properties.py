"""Properties over many figures: the FCC verdict and clock start follow the rule's arithmetic."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from amends.regulation import assess, load_regime

from .helpers import incident, report, window

T0 = datetime(2026, 3, 8, 0, 30, tzinfo=ZoneInfo("America/Los_Angeles"))  # the DST night
FCC = load_regime("fcc-part4")


@settings(max_examples=60, deadline=None)
@given(
    users=st.integers(min_value=0, max_value=2_000_000),
    minutes=st.integers(min_value=1, max_value=600),
    discovered_after=st.integers(min_value=0, max_value=600),
)
def test_fcc_verdict_and_clock_start(users: int, minutes: int, discovered_after: int) -> None:
    discovered = T0.astimezone(UTC) + timedelta(minutes=discovered_after)
    result = assess(
        incident(discovered), report(window(T0, minutes, users)), [FCC], now=T0 + timedelta(days=2)
    )
    w = result.regimes[0].windows[0]
    expected = minutes >= 30 and users * minutes >= 900_000
    assert (w.reportable == "yes") is expected
    if expected:
        crossed = max(30, math.ceil(900_000 / users))
        at = T0.astimezone(UTC) + timedelta(minutes=crossed)  # elapsed minutes, not wall clock
        assert w.tests[0].crossed_at == at
        assert w.reportable_at == max(at, discovered)
        notification = next(c for c in w.clocks if c.id == "notification")
        assert notification.due - w.reportable_at == timedelta(minutes=120)
    else:
        assert w.clocks == []
