"""Compose test fixtures: small simulated outages run through `amends impact` once per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from amends.cli.main import main
from amends.events.scenario import Scenario
from amends.events.simulate import SimulationConfig, simulate

SCENARIOS = Path(__file__).parent / "scenarios"
#: Built-in scenarios plus ours; all small enough to simulate and analyse in about a second.
SCENARIO_NAMES = ("demo", "east-ongoing")


def _scenario(name: str) -> Scenario:
    own = SCENARIOS / f"{name}.yaml"
    return Scenario.load(own) if own.is_file() else Scenario.builtin(name)


@pytest.fixture(scope="session")
def impact_dir(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """`impact_dir(name)`: the folder `amends impact` wrote for a simulated scenario (cached)."""
    cache: dict[str, Path] = {}

    def make(name: str) -> Path:
        if name not in cache:
            scenario = _scenario(name)
            root = tmp_path_factory.mktemp(f"compose-{name}")
            calls = root / "calls.parquet"
            simulate(
                calls,
                SimulationConfig(
                    subscribers=4_000,
                    calls_per_day=120_000,
                    days=scenario.days or 1,
                    start=scenario.start,
                    scenario=scenario,
                    seed=3,
                ),
            )
            out = root / "impact"
            assert main(["impact", str(calls), "-o", str(out), "--no-chart"]) == 0
            cache[name] = out
        return cache[name]

    return make
