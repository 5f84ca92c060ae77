"""The truth file agrees exactly with the data, recomputed independently with DuckDB."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from amends.events import simulate as sim
from amends.events.failures import DEFAULT_FAILURES
from amends.events.scenario import Scenario, Truth, TruthWindow
from amends.events.simulate import SimulationConfig, simulate, truth_path

from .conftest import Simulated


def _recompute(calls: Path, truth: Truth, w: TruthWindow) -> list[tuple]:
    """Subscribers with >= 1 network failure in the window's scope: (id, count, first, last)."""
    causes = ", ".join(str(c) for c in sorted(DEFAULT_FAILURES.network_causes))
    sips = ", ".join(str(c) for c in sorted(DEFAULT_FAILURES.network_sip))
    end = w.end or truth.end
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    return con.execute(
        f"""SELECT subscriber, count(*), min(ts), max(ts)
        FROM read_parquet('{calls}')
        WHERE ts >= ? AND ts < ? AND list_contains(?, region) AND list_contains(?, service)
          AND (cause IN ({causes}) OR sip_status IN ({sips}) OR http_status >= 500)
        GROUP BY subscriber ORDER BY subscriber""",
        [w.start, end, w.regions, w.services],
    ).fetchall()


def _check(calls: Path) -> Truth:
    truth = Truth.read(truth_path(calls))
    assert truth.windows
    for w in truth.windows:
        expected = _recompute(calls, truth, w)
        got = [
            (s.subscriber, s.failed_attempts, s.first_failure, s.last_failure)
            for s in w.subscribers
        ]
        assert got == expected, w.id
        assert w.subscribers_affected == len(expected)
        assert w.failed_attempts == sum(n for _, n, _, _ in expected)
        assert w.injected_failures <= w.failed_attempts
        ids = [s.subscriber for s in w.silenced_subscribers]
        assert ids == sorted(ids)
    return truth


def test_truth_matches_the_data(outage_data: Simulated) -> None:
    truth = _check(outage_data.calls)
    assert truth == outage_data.truth
    for w in truth.windows:
        if w.kind == "failures":
            assert w.injected_failures > 0.8 * (w.failed_attempts - 50)
            assert w.subscribers_affected > 50


def test_truth_matches_with_short_slices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sim, "SLICE_ROWS", 500)  # 10-minute slices: windows span many slices
    calls = tmp_path / "calls.parquet"
    config = SimulationConfig(
        subscribers=1500, calls_per_day=60_000, scenario=Scenario.builtin("demo"), seed=2
    )
    simulate(calls, config)
    truth = _check(calls)
    assert truth.windows[0].subscribers_affected > 20


def test_truth_file_shape(outage_data: Simulated) -> None:
    import json

    data = json.loads(truth_path(outage_data.calls).read_text())
    assert set(data) == {"seed", "config", "rows", "start", "end", "regions", "windows"}
    assert data["seed"] == 11 and data["config"]["days"] == 2
    assert data["start"] == "2026-03-07T00:00:00Z"
    w = data["windows"][0]
    assert w["id"] == "midnight-ny" and w["start"] == "2026-03-07T23:00:00Z"
    assert set(w) >= {
        "id", "kind", "regions", "services", "start", "end", "cause", "sip_status", "rate",
        "collapse", "onset_minutes", "failed_attempts", "injected_failures",
        "suppressed_attempts", "subscribers_affected", "subscribers", "silenced_subscribers",
    }  # fmt: skip
    first = w["subscribers"][0]
    assert set(first) == {
        "subscriber",
        "region",
        "failed_attempts",
        "first_failure",
        "last_failure",
    }
    assert first["first_failure"].endswith("Z")
    assert data["windows"][3]["end"] is None
    assert datetime.fromisoformat(first["first_failure"]).tzinfo == UTC
