"""The detection method on hand-made minute series: volume-aware tests, edges, merging."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from amends.impact import ImpactConfig, analyse_aggregates
from amends.impact.aggregate import Aggregates
from amends.impact.detect import max_segment, runs

M0 = 29_538_720  # 2026-03-01 00:00 UTC in minutes since the epoch
DAY = 1440


def series(
    pairs: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]],
) -> Aggregates:
    """Aggregates from per-pair attempts and failures arrays (one value per minute)."""
    rows = []
    for (region, service), (a, f) in pairs.items():
        for i, (ai, fi) in enumerate(zip(a, f, strict=True)):
            if ai:
                rows.append((region, service, M0 + i, int(ai), int(fi)))
    df = pd.DataFrame(rows, columns=["region", "service", "minute", "attempts", "failures"])
    fails = pa.Table.from_pandas(
        pd.DataFrame(
            {
                "subscriber": pd.Series(dtype=str),
                "region": pd.Series(dtype=str),
                "service": pd.Series(dtype=str),
                "minute": pd.Series(dtype="int64"),
                "failures": pd.Series(dtype="int64"),
                "first_failure": pd.Series(dtype="datetime64[us, UTC]"),
                "last_failure": pd.Series(dtype="datetime64[us, UTC]"),
            }
        ),
        preserve_index=False,
    )
    return Aggregates(series=df, failures=fails)


def traffic(rng: np.random.Generator, level: np.ndarray, rate: np.ndarray) -> tuple:
    """Poisson attempts at `level` per minute, each failing with probability `rate`."""
    a = rng.poisson(level)
    return a, rng.binomial(a, rate)


def test_busy_trunk_at_45_percent_alarms_with_exact_edges() -> None:
    rng = np.random.default_rng(3)
    level = np.full(DAY, 60.0)
    rate = np.full(DAY, 0.005)
    rate[600:660] = 0.45
    res = analyse_aggregates(series({("R", "local"): traffic(rng, level, rate)}))
    (w,) = res.report.windows
    assert w.kind == "failures"
    assert w.duration_minutes == 60
    assert (w.start.hour, w.start.minute) == (10, 0)


def test_quiet_night_does_not_alarm() -> None:
    """A trickle of calls at night, a few of which fail by chance, is no outage."""
    rng = np.random.default_rng(5)
    level = 10.15 - 9.85 * np.cos(2 * np.pi * np.arange(DAY) / DAY)  # 0.3/min at midnight
    rate = np.full(DAY, 0.01)
    rate[0:60] = 0.08  # a few more failures than usual, on a handful of night calls
    res = analyse_aggregates(series({("R", "local"): traffic(rng, level, rate)}))
    assert res.report.windows == []


def test_silence_needs_enough_expected_volume() -> None:
    rng = np.random.default_rng(7)
    busy = np.full(DAY, 30.0)
    busy[700:760] = 0.0
    quiet = np.full(DAY, 0.05)
    quiet[700:760] = 0.0
    res = analyse_aggregates(
        series(
            {
                ("A", "local"): traffic(rng, busy, np.full(DAY, 0.004)),
                ("B", "local"): traffic(rng, quiet, np.full(DAY, 0.004)),
            }
        )
    )
    (w,) = res.report.windows
    assert w.kind == "silence"
    assert w.regions == ["A"]
    assert abs(w.duration_minutes - 60) <= 2
    assert w.missing_attempts > 1000


def test_overlapping_pairs_merge_into_one_window() -> None:
    rng = np.random.default_rng(11)
    level = np.full(DAY, 40.0)
    r1 = np.full(DAY, 0.004)
    r1[500:600] = 0.5
    r2 = np.full(DAY, 0.004)
    r2[520:610] = 0.5
    res = analyse_aggregates(
        series(
            {
                ("A", "local"): traffic(rng, level, r1),
                ("B", "sms"): traffic(rng, level, r2),
                ("C", "local"): traffic(rng, level, np.full(DAY, 0.004)),
            }
        )
    )
    (w,) = res.report.windows
    assert w.regions == ["A", "B"]
    assert {(s.region, s.service) for s in w.scope} == {("A", "local"), ("B", "sms")}


def test_ongoing_window_has_no_end() -> None:
    rng = np.random.default_rng(13)
    level = np.full(DAY, 40.0)
    rate = np.full(DAY, 0.004)
    rate[DAY - 90 :] = 0.6
    (w,) = analyse_aggregates(series({("A", "local"): traffic(rng, level, rate)})).report.windows
    assert w.end is None


def test_stricter_config_is_respected() -> None:
    rng = np.random.default_rng(17)
    level = np.full(DAY, 40.0)
    rate = np.full(DAY, 0.004)
    rate[300:330] = 0.06  # mild: 6% for 30 minutes
    data = series({("A", "local"): traffic(rng, level, rate)})
    assert len(analyse_aggregates(data).report.windows) == 1
    strict = ImpactConfig(min_excess_rate=0.2)
    assert analyse_aggregates(data, strict).report.windows == []


def test_runs_and_max_segment() -> None:
    mask = np.array([0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1], dtype=bool)
    assert runs(mask, gap=2) == [(1, 6), (10, 11)]
    assert runs(mask, gap=0) == [(1, 3), (5, 6), (10, 11)]
    assert max_segment(np.array([-1.0, 2, 3, -10, 4, -1])) == (1, 3, 5.0)
