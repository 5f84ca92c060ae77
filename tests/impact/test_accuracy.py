"""Accuracy against the simulator's truth: windows, edges, scope, who and how many."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import ibis
import pytest

from amends.events.failures import DEFAULT_FAILURES
from amends.events.scenario import Truth, TruthWindow
from amends.impact import ImpactResult, Window, analyse

TOLERANCE = timedelta(minutes=5)


def run(path: Path) -> ImpactResult:
    """The analysis on DuckDB, over the simulated Parquet file."""
    return analyse(ibis.duckdb.connect().read_parquet(str(path)))


def failures_in(
    path: Path, start: datetime, end: datetime | None, regions: list[str], services: list[str]
) -> tuple[int, set[str]]:
    """Network failures and the subscribers who had them, counted straight from the raw events."""
    p = DEFAULT_FAILURES
    cond = (
        f"(cause IN ({','.join(map(str, sorted(p.network_causes)))})"
        f" OR sip_status IN ({','.join(map(str, sorted(p.network_sip)))})"
        f" OR http_status >= {p.http_min_failure})"
    )
    where = [cond, "ts >= ?"]
    params: list[object] = [start]
    if end is not None:
        where.append("ts < ?")
        params.append(end)
    where.append(f"region IN ({','.join('?' * len(regions))})")
    where.append(f"service IN ({','.join('?' * len(services))})")
    params += regions + services
    rows = duckdb.execute(
        f"SELECT subscriber FROM read_parquet(?) WHERE {' AND '.join(where)}",
        [str(path), *params],
    ).fetchall()
    return len(rows), {r[0] for r in rows}


def close(found: datetime | None, truth: datetime | None) -> bool:
    """Both null (ongoing), or within the tolerance."""
    if found is None or truth is None:
        return found is None and truth is None
    return abs(found - truth) <= TOLERANCE


def check_window(path: Path, result: ImpactResult, w: Window, t: TruthWindow) -> None:
    """Every acceptance criterion for one found window against its true window."""
    assert w.kind == t.kind
    assert close(w.start, t.start), (w.start, t.start)
    assert close(w.end, t.end), (w.end, t.end)
    assert set(w.regions) == set(t.regions)
    assert set(w.services) == set(t.services)

    subs = result.subscribers.to_pandas()
    mine = subs[subs["window"] == w.id]
    found = set(mine["subscriber"])
    truth = {s.subscriber for s in t.subscribers}
    if truth or found:
        hit = len(found & truth)
        assert hit / max(len(found), 1) >= 0.98, ("precision", hit, len(found), len(truth))
        assert hit / max(len(truth), 1) >= 0.98, ("recall", hit, len(found), len(truth))
    assert w.subscribers_affected == len(found)

    # Counts are exact: the window's failed attempts equal the network failures counted from the
    # raw events over the found [start, end) in the true scope, and the subscriber table adds up.
    n, who = failures_in(path, w.start, w.end, t.regions, t.services)
    assert w.failed_attempts == n
    assert found == who
    assert int(mine["failed_attempts"].sum()) == n
    assert w.failed_attempts == sum(s.failures for s in w.scope)
    if w.start == t.start and w.end == t.end:  # same edges: the truth file's own count
        assert w.failed_attempts == sum(s.failed_attempts for s in t.subscribers)


def check(path: Path, truth: Truth, result: ImpactResult) -> None:
    """Every true window found once, and nothing else."""
    found = result.report.windows
    assert len(found) == len(truth.windows), [(w.start, w.end, w.regions) for w in found]
    for t in truth.windows:
        match = [w for w in found if w.kind == t.kind and close(w.start, t.start)]
        assert len(match) == 1, (t.id, t.start, [(w.start, w.end) for w in found])
        check_window(path, result, match[0], t)


SCENARIOS = ["partial", "two_windows", "wide", "silence", "midnight", "dst", "ongoing"]


@pytest.mark.slow
@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_found_exactly(scenario_data, name: str) -> None:
    path, truth = scenario_data(name)
    check(path, truth, run(path))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["partial", "silence"])
def test_other_seed(scenario_data, name: str) -> None:
    path, truth = scenario_data(name, seed=11)
    check(path, truth, run(path))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_quiet_day_has_no_window(scenario_data, seed: int) -> None:
    path, truth = scenario_data("quiet", seed=seed, calls_per_day=150_000)
    assert truth.windows == []
    result = run(path)
    assert result.report.windows == []
    assert result.subscribers.num_rows == 0
    assert result.report.events.attempts == truth.rows


def test_partial_scope_numbers(scenario_data) -> None:
    """The 45% outage: each scope entry's rate is near 45% and far above its baseline."""
    path, _ = scenario_data("partial")
    (w,) = run(path).report.windows
    for s in w.scope:
        assert 0.38 <= s.failure_rate <= 0.52
        assert s.baseline_failure_rate < 0.02
        assert s.excess_failures > 0.9 * s.failures
        assert s.ner == pytest.approx(1 - s.failure_rate)
