"""Watcher fixtures: simulated days (cached per session), canonical CSV copies, a store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from amends.events.scenario import Scenario, Truth
from amends.events.simulate import SimulationConfig, simulate
from amends.store.testing import store, store_url  # noqa: F401

HERE = Path(__file__).parent
SCENARIOS = (HERE / "scenarios", HERE.parent / "impact" / "scenarios")


def scenario_file(name: str) -> Path:
    """A scenario YAML from tests/watch/scenarios, else tests/impact/scenarios."""
    for folder in SCENARIOS:
        if (folder / f"{name}.yaml").exists():
            return folder / f"{name}.yaml"
    raise FileNotFoundError(name)


@pytest.fixture(scope="session")
def day(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., tuple[Path, Truth]]:
    """Simulate a scenario (once per name, seed and size): the Parquet file and the truth."""
    cache: dict[tuple[Any, ...], tuple[Path, Truth]] = {}

    def make(name: str, seed: int = 1, calls_per_day: int = 200_000) -> tuple[Path, Truth]:
        key = (name, seed, calls_per_day)
        if key not in cache:
            scenario = Scenario.load(scenario_file(name))
            out = tmp_path_factory.mktemp(f"{name}-{seed}") / "calls.parquet"
            truth = simulate(
                out,
                SimulationConfig(
                    subscribers=20_000,
                    calls_per_day=calls_per_day,
                    days=scenario.days or 1,
                    start=scenario.start,
                    scenario=scenario,
                    seed=seed,
                ),
            )
            cache[key] = (out, truth)
        return cache[key]

    return make
