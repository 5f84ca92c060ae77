"""Detection on a growing series: cold start, latency in event time, quiet days, matching."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from amends.events.load import load_events
from amends.impact.aggregate import minute_series
from amends.impact.analysis import analyse
from amends.impact.config import ImpactConfig
from amends.impact.live import Known, LiveSeries, detect_closed, match, minute_of
from amends.impact.model import ScopeEntry, Window

POLICY = ImpactConfig().failures


def _close(a: datetime | None, b: datetime | None, minutes: int) -> bool:
    if a is None or b is None:
        return a is b
    return abs((a - b).total_seconds()) <= minutes * 60


@pytest.mark.parametrize("name", ["nationwide", "nationwide_after_normal"])
def test_a_day_that_is_mostly_outage_is_found(day, name: str) -> None:
    """Twelve hours of 90% failures everywhere: found with or without a normal day before."""
    path, truth = day(name)
    result = analyse(load_events(path))
    windows = result.report.windows
    assert len(windows) == 1, [(w.kind, w.start, w.end) for w in windows]
    w, t = windows[0], truth.windows[0]
    assert _close(w.start, t.start, 5) and _close(w.end, t.end, 5)
    assert set(w.regions) == set(t.regions) and set(w.services) == set(t.services)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_a_quiet_day_opens_nothing(day, seed: int) -> None:
    """No outage injected: no window, batch or live."""
    path, _ = day("quiet", seed=seed)
    series = minute_series(load_events(path), POLICY)
    assert analyse(load_events(path)).report.windows == []
    top = max(series["minute"].to_pylist())
    for until in range(top - 600, top + 2, 120):  # live runs along the day
        assert detect_closed(series, until).windows == []


@pytest.mark.parametrize("name", ["partial", "wide", "silence", "two_windows", "dst"])
def test_windows_open_within_five_minutes_of_their_start(day, name: str) -> None:
    """Live detection on the complete minutes finds each window by its start + 5 minutes."""
    path, truth = day(name)
    series = minute_series(load_events(path), POLICY)
    for t in truth.windows:
        start = minute_of(t.start)
        opened = None
        for k in range(1, 6):
            found = detect_closed(series, start + k).windows
            if any(
                minute_of(w.start) < start + k and (w.end is None or minute_of(w.end) > start)
                for w in found
            ):
                opened = k
                break
        assert opened is not None, f"{name} {t.id}: not found within 5 minutes of its start"


def test_the_newest_minute_is_never_tested() -> None:
    """A minute still filling (few events so far) must not look like silence."""
    import pyarrow as pa

    from amends.impact.aggregate import SERIES_SCHEMA

    minutes = list(range(0, 600))
    table = pa.table(
        {
            "region": ["r"] * 601,
            "service": ["local"] * 601,
            "minute": pa.array([*minutes, 600], pa.int64()),
            "attempts": pa.array([100] * 600 + [3], pa.int64()),  # minute 600 has just begun
            "failures": pa.array([0] * 601, pa.int64()),
        },
        schema=SERIES_SCHEMA,
    )
    live = LiveSeries()
    live.add(table)
    assert live.closed_until() == 600
    assert detect_closed(live.table(), live.closed_until()).windows == []


def _window(start: int, end: int | None, regions: list[str]) -> Window:
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    scope = [
        ScopeEntry(
            region=r,
            service="local",
            attempts=10,
            failures=5,
            failure_rate=0.5,
            baseline_failure_rate=0.01,
            excess_failures=4.9,
            expected_attempts=10,
            ner=0.5,
        )
        for r in regions
    ]
    return Window(
        id="w1",
        kind="failures",
        start=epoch + timedelta(minutes=start),
        end=None if end is None else epoch + timedelta(minutes=end),
        duration_minutes=(end or start + 5) - start,
        regions=regions,
        services=["local"],
        scope=scope,
        subscribers_affected=1,
        failed_attempts=5,
        missing_attempts=0.0,
    )


def test_match_keeps_a_recut_window_as_the_same_incident() -> None:
    known = [Known("a", "failures", 100, None, frozenset({("ca", "local")}))]
    recut = _window(99, None, ["ca"])  # its start moved back a minute, more regions later
    other = _window(400, 420, ["ny"])  # elsewhere, later: a new incident
    got = dict((w.start, k) for w, k in match([recut, other], known))
    assert got[recut.start] == "a"
    assert got[other.start] is None


def test_match_gives_an_incident_to_one_window_only() -> None:
    known = [Known("a", "failures", 100, 200, frozenset({("ca", "local")}))]
    w1, w2 = _window(100, 150, ["ca"]), _window(160, 200, ["ca"])
    ids = [k for _, k in match([w1, w2], known)]
    assert ids.count("a") == 1 and ids.count(None) == 1


def test_match_needs_the_same_kind_and_a_shared_region() -> None:
    known = [Known("a", "silence", 100, None, frozenset({("ca", "local")}))]
    assert match([_window(100, None, ["ca"])], known)[0][1] is None
    known = [Known("b", "failures", 100, None, frozenset({("ny", "local")}))]
    assert match([_window(100, None, ["ca"])], known)[0][1] is None
