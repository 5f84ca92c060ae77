"""Impact test fixtures: simulated scenario data (cached per session) and one local SparkSession."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from amends.events.scenario import Scenario, Truth
from amends.events.simulate import SimulationConfig, simulate

SCENARIOS = Path(__file__).parent / "scenarios"
#: Small enough for CI, busy enough that a minute holds a few attempts per (region, service).
SUBSCRIBERS = 20_000
CALLS_PER_DAY = 300_000


@pytest.fixture(scope="session")
def scenario_data(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[..., tuple[Path, Truth]]:
    """Simulate a scenario from tests/impact/scenarios (once per name, seed and size)."""
    cache: dict[tuple[Any, ...], tuple[Path, Truth]] = {}

    def make(name: str, seed: int = 1, calls_per_day: int = CALLS_PER_DAY) -> tuple[Path, Truth]:
        key = (name, seed, calls_per_day)
        if key not in cache:
            scenario = Scenario.load(SCENARIOS / f"{name}.yaml")
            out = tmp_path_factory.mktemp(f"{name}-{seed}") / "calls.parquet"
            truth = simulate(
                out,
                SimulationConfig(
                    subscribers=SUBSCRIBERS,
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


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local SparkSession for the whole test session (2 cores, few partitions, no UI)."""
    pytest.importorskip("pyspark", reason="the spark extra is not installed")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java: Spark needs Java 17")
    from pyspark.sql import SparkSession

    # the executors run Python where results come back as Arrow: this interpreter, as
    # amends.impact.engines.spark_session sets it (read when the context starts)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("amends-impact-tests")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
