"""Shared simulated data sets for the simulator tests (small: at most 200k rows each)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from amends.events.scenario import Scenario, Truth
from amends.events.simulate import SimulationConfig, simulate

#: Two days around the US switch to daylight saving time (Sunday 2026-03-08, 02:00 local).
SCENARIO_YAML = """
name: test
start: 2026-03-07
days: 2
subscribers: 5000
calls_per_day: 100000
seed: 11
outages:
  - id: midnight-ny
    regions: [NY]
    services: all
    start: 2026-03-07T23:00:00Z
    end: 2026-03-08T01:30:00Z
    rate: 0.3
    cause: 34
    sip_status: 503
  - id: ramp-fl
    regions: FL
    services: all
    start: 2026-03-08T15:00:00Z
    end: 2026-03-08T17:00:00Z
    rate: 0.8
    onset_minutes: 60
  - id: silence-tx
    kind: silence
    regions: [TX]
    services: all
    start: 2026-03-08T10:00:00-05:00
    end: 2026-03-08T11:00:00-05:00
    collapse: 0.9
  - kind: failures
    regions: [IL]
    services: [international, long_distance]
    start: 2026-03-08T20:00:00
    end: null
    rate: 0.5
    cause: 102
    sip_status: 504
"""


@dataclass
class Simulated:
    """A simulated data set on disk and its truth."""

    calls: Path
    truth: Truth
    config: SimulationConfig


@pytest.fixture(scope="module")
def outage_data(tmp_path_factory: pytest.TempPathFactory) -> Simulated:
    """Two days, four outages (one across midnight, one ramp, one silence, one ongoing)."""
    folder = tmp_path_factory.mktemp("sim")
    path = folder / "scenario.yaml"
    path.write_text(SCENARIO_YAML, encoding="utf-8")
    config = SimulationConfig.resolve(Scenario.load(path))
    calls = folder / "calls.parquet"
    return Simulated(calls, simulate(calls, config), config)


@pytest.fixture(scope="module")
def quiet_data(tmp_path_factory: pytest.TempPathFactory) -> Simulated:
    """One ordinary day without outages: normal outcome rates only."""
    calls = tmp_path_factory.mktemp("quiet") / "calls.parquet"
    config = SimulationConfig(subscribers=4000, calls_per_day=150_000, seed=5)
    return Simulated(calls, simulate(calls, config), config)
