"""The simulator's data: schema, determinism, calling curves, outcome rates and the outages."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pyarrow.parquet as pq
import pytest

from amends.events import simulate as sim
from amends.events.scenario import SIM_SERVICES, Scenario
from amends.events.schema import EVENT_SCHEMA
from amends.events.simulate import (
    DEFAULT_REGIONS,
    SimulationConfig,
    simulate,
    subscribers_path,
    truth_path,
)

from .conftest import Simulated


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _q(sql: str, calls: Path) -> list[tuple]:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"CREATE VIEW calls AS SELECT * FROM read_parquet('{calls}')")
    return con.execute(sql).fetchall()


def test_same_seed_gives_identical_files_and_another_seed_does_not(tmp_path: Path) -> None:
    config = SimulationConfig(
        subscribers=800, calls_per_day=20_000, scenario=Scenario.builtin("demo"), seed=3
    )
    runs = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        out = tmp_path / name / "calls.parquet"
        simulate(out, config.model_copy(update={"seed": seed}))
        runs.append((_digest(out), _digest(truth_path(out)), _digest(subscribers_path(out))))
    assert runs[0] == runs[1]
    assert runs[0][0] != runs[2][0]
    assert runs[0][1] != runs[2][1]


def test_schema_time_range_and_order(outage_data: Simulated) -> None:
    table = pq.read_table(outage_data.calls)
    assert table.schema.equals(EVENT_SCHEMA, check_metadata=False)
    assert table.num_rows == outage_data.truth.rows
    ts = table.column("ts").cast("int64").to_numpy()
    start = int(outage_data.truth.start.timestamp()) * 1_000_000
    end = int(outage_data.truth.end.timestamp()) * 1_000_000
    assert ts.min() >= start and ts.max() < end
    assert ts.min() < start + 60_000_000 and ts.max() >= end - 60_000_000
    minutes = ts // 60_000_000
    assert np.all(np.diff(minutes) >= 0)  # ascending minute order
    assert table.column("http_status").null_count == table.num_rows
    meta = pq.ParquetFile(outage_data.calls).metadata
    assert meta.num_row_groups > 1


def test_every_region_and_service_appears_and_home_regions_hold(outage_data: Simulated) -> None:
    calls = outage_data.calls
    regions = {r for (r,) in _q("SELECT DISTINCT region FROM calls", calls)}
    assert regions == {r.name for r in DEFAULT_REGIONS}
    services = {s for (s,) in _q("SELECT DISTINCT service FROM calls", calls)}
    assert services == set(SIM_SERVICES)
    roaming = _q(
        "SELECT subscriber FROM calls GROUP BY subscriber HAVING count(DISTINCT region) > 1",
        calls,
    )
    assert roaming == []
    subs = pq.read_table(subscribers_path(calls)).to_pylist()
    assert len(subs) == outage_data.config.subscribers
    home = {s["subscriber"]: s["home_region"] for s in subs}
    pairs = _q("SELECT DISTINCT subscriber, region FROM calls", calls)
    assert all(home[s] == r for s, r in pairs)
    assert all(s.startswith("S") and len(s) == 9 for s in home)
    sizes = {r.name: r.subscribers for r in outage_data.truth.regions}
    assert sum(sizes.values()) == outage_data.config.subscribers
    assert sizes["CA"] > sizes["CO"]  # weighted by population


def test_subscribers_file_columns(outage_data: Simulated) -> None:
    table = pq.read_table(subscribers_path(outage_data.calls))
    assert table.column_names == [
        "subscriber", "plan", "monthly_fee", "currency", "home_region",
        "time_zone", "locale", "email", "phone",
    ]  # fmt: skip
    assert str(table.schema.field("monthly_fee").type) == "decimal128(10, 2)"
    rows = table.to_pylist()
    assert {r["currency"] for r in rows} == {"USD"}
    assert {r["locale"] for r in rows} == {"en", "es"}
    zones = {r.name: r.tz for r in DEFAULT_REGIONS}
    assert all(zones[r["home_region"]] == r["time_zone"] for r in rows)
    assert all(r["phone"].startswith("+1") and r["phone"][5:10] == "55501" for r in rows)
    assert all(len(r["phone"]) == 12 for r in rows)
    assert len({r["phone"] for r in rows}) == len(rows)


def test_daily_curve_is_quiet_at_night_in_local_time(quiet_data: Simulated) -> None:
    for region in DEFAULT_REGIONS:
        rows = _q(
            f"""SELECT hour(timezone('{region.tz}', ts)) AS h, count(*) FROM calls
            WHERE region = '{region.name}' GROUP BY h ORDER BY h""",
            quiet_data.calls,
        )
        by_hour = dict(rows)
        night = np.mean([by_hour.get(h, 0) for h in (2, 3, 4)])
        peak = max(by_hour.values())
        assert night < 0.15 * peak, region.name
        assert max(by_hour, key=by_hour.__getitem__) in range(9, 20), region.name


def test_daily_volume_matches_calls_per_day(quiet_data: Simulated) -> None:
    expected = quiet_data.config.calls_per_day
    assert abs(quiet_data.truth.rows - expected) < 5 * np.sqrt(expected)


def test_outcome_rates_near_config(quiet_data: Simulated) -> None:
    [(total, busy, no_answer, rejected, answered, failed, bad_duration)] = _q(
        """SELECT count(*),
            count(*) FILTER (cause = 17 AND sip_status = 486),
            count(*) FILTER (cause = 19 AND sip_status = 480),
            count(*) FILTER (cause = 21 AND sip_status = 603),
            count(*) FILTER (cause = 16 AND sip_status = 200),
            count(*) FILTER (cause IN (34, 38, 41, 42, 44, 47, 63, 102)
                             AND sip_status IN (500, 502, 503, 504)),
            count(*) FILTER ((cause = 16) != (duration_s > 0))
        FROM calls""",
        quiet_data.calls,
    )
    assert busy + no_answer + rejected + answered + failed == total
    assert bad_duration == 0
    mix = sim.SERVICE_MIX
    exp_busy = sum(mix[s] * sim.OUTCOME_RATES[s][0] for s in mix)
    exp_no_answer = sum(mix[s] * sim.OUTCOME_RATES[s][1] for s in mix)
    assert busy / total == pytest.approx(exp_busy, rel=0.05)
    assert no_answer / total == pytest.approx(exp_no_answer, rel=0.05)
    assert failed / total == pytest.approx(quiet_data.config.background_failure_rate, rel=0.2)
    assert 0.6 < answered / total < 0.85


def _hourly(calls: Path, region: str, day: str) -> np.ndarray:
    rows = _q(
        f"""SELECT hour(ts) AS h, count(*) FROM calls
        WHERE region = '{region}' AND ts::DATE = DATE '{day}' GROUP BY h ORDER BY h""",
        calls,
    )
    out = np.zeros(24)
    for h, n in rows:
        out[h] = n
    return out


def _best_shift(calls: Path, region: str) -> int:
    """How many hours earlier (in UTC) the second day's curve runs than the first day's."""
    d1 = _hourly(calls, region, "2026-03-07")
    d2 = _hourly(calls, region, "2026-03-08")
    hours = np.arange(12, 22)  # well after the 02:00 local switch on 2026-03-08
    errors = {k: float(np.sum((d2[hours] - d1[hours + k]) ** 2)) for k in (-1, 0, 1)}
    return min(errors, key=errors.__getitem__)


def test_daylight_saving_shifts_the_curve_by_an_hour(outage_data: Simulated) -> None:
    assert _best_shift(outage_data.calls, "CA") == 1  # PST → PDT: an hour earlier in UTC
    assert _best_shift(outage_data.calls, "WA") == 1
    assert _best_shift(outage_data.calls, "AZ") == 0  # Arizona keeps standard time


def _failure_share(calls: Path, region: str, lo: str, hi: str, services: str = "") -> float:
    [(attempts, failed)] = _q(
        f"""SELECT count(*), count(*) FILTER (cause IN (34, 38, 41, 42, 44, 47, 63, 102)
                                              OR sip_status IN (500, 502, 503, 504))
        FROM calls WHERE region = '{region}' AND ts >= TIMESTAMPTZ '{lo}'
        AND ts < TIMESTAMPTZ '{hi}' {services}""",
        calls,
    )
    return failed / attempts


def test_outage_across_midnight_fails_on_both_days(outage_data: Simulated) -> None:
    calls = outage_data.calls
    before = _failure_share(calls, "NY", "2026-03-07 23:00Z", "2026-03-08 00:00Z")
    after = _failure_share(calls, "NY", "2026-03-08 00:00Z", "2026-03-08 01:30Z")
    outside = _failure_share(calls, "NY", "2026-03-08 01:30Z", "2026-03-08 06:00Z")
    assert before == pytest.approx(0.3, abs=0.06)
    assert after == pytest.approx(0.3, abs=0.06)
    assert outside < 0.02
    [window] = [w for w in outage_data.truth.windows if w.id == "midnight-ny"]
    days = {s.first_failure.date() for s in window.subscribers}
    days |= {s.last_failure.date() for s in window.subscribers}
    assert days == {date(2026, 3, 7), date(2026, 3, 8)}


def test_gradual_onset_ramps_up(outage_data: Simulated) -> None:
    calls = outage_data.calls
    first = _failure_share(calls, "FL", "2026-03-08 15:00Z", "2026-03-08 15:15Z")
    late = _failure_share(calls, "FL", "2026-03-08 15:45Z", "2026-03-08 16:00Z")
    full = _failure_share(calls, "FL", "2026-03-08 16:00Z", "2026-03-08 17:00Z")
    assert first == pytest.approx(0.8 * 7.5 / 60, abs=0.06)
    assert late == pytest.approx(0.8 * 52.5 / 60, abs=0.08)
    assert full == pytest.approx(0.8, abs=0.04)
    assert first < late < full


def test_silence_removes_records(outage_data: Simulated) -> None:
    calls = outage_data.calls
    # 10:00-11:00 local (CDT) on Sunday 8 March vs the same local hour (CST) on Saturday 7 March
    [(silent,)] = _q(
        """SELECT count(*) FROM calls WHERE region = 'TX'
        AND ts >= TIMESTAMPTZ '2026-03-08 15:00Z' AND ts < TIMESTAMPTZ '2026-03-08 16:00Z'""",
        calls,
    )
    [(normal,)] = _q(
        """SELECT count(*) FROM calls WHERE region = 'TX'
        AND ts >= TIMESTAMPTZ '2026-03-07 16:00Z' AND ts < TIMESTAMPTZ '2026-03-07 17:00Z'""",
        calls,
    )
    assert silent / normal == pytest.approx(0.1, abs=0.04)
    [window] = [w for w in outage_data.truth.windows if w.id == "silence-tx"]
    assert window.kind == "silence"
    assert window.suppressed_attempts / (window.suppressed_attempts + silent) == pytest.approx(
        0.9, abs=0.02
    )
    assert sum(s.suppressed_attempts for s in window.silenced_subscribers) == (
        window.suppressed_attempts
    )
    assert window.injected_failures == 0


def test_ongoing_window_runs_to_the_end_of_the_data(outage_data: Simulated) -> None:
    [window] = [w for w in outage_data.truth.windows if w.id == "w4"]
    assert window.end is None
    assert window.services == ["international", "long_distance"]
    late = _failure_share(
        outage_data.calls,
        "IL",
        "2026-03-08 22:00Z",
        "2026-03-09 00:00Z",
        "AND service IN ('international', 'long_distance')",
    )
    assert late == pytest.approx(0.5, abs=0.1)
    assert max(s.last_failure for s in window.subscribers) > window.start


def test_progress_reports_reach_the_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    simulate(
        tmp_path / "c.parquet",
        SimulationConfig(subscribers=100, calls_per_day=5_000, days=3),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert len(seen) >= 1
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1][0] == seen[-1][1] > 0
