"""`amends demo` end to end on a small generated day: every stage that exists runs and writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    from amends.cli.main import main

    out = tmp_path_factory.mktemp("demo")
    code = main(["demo", "-o", str(out), "--subscribers", "4000", "--calls-per-day", "120000"])
    return out, code


def test_demo_succeeds_and_writes_the_records(demo_run: tuple[Path, int]) -> None:
    out, code = demo_run
    assert code == 0
    assert (out / "calls.parquet").stat().st_size > 0
    assert (out / "calls.subscribers.parquet").exists()


def test_demo_measures_the_injected_outage(demo_run: tuple[Path, int]) -> None:
    """The measured windows match the simulator's truth within 5 minutes at both ends."""
    from datetime import datetime

    out, _ = demo_run
    impact = json.loads((out / "impact" / "impact.json").read_text())
    truth = json.loads((out / "calls.truth.json").read_text())
    assert (out / "impact" / "subscribers.parquet").exists()
    assert (out / "impact" / "impact.png").stat().st_size > 10_000
    for t in truth["windows"]:
        found = [w for w in impact["windows"] if w["kind"] == t["kind"]]
        assert found, f"{t['id']} not found"
        t_start = datetime.fromisoformat(t["start"])
        w = min(found, key=lambda w: abs(datetime.fromisoformat(w["start"]) - t_start))
        assert abs((datetime.fromisoformat(w["start"]) - t_start).total_seconds()) <= 300
        t_end = datetime.fromisoformat(t["end"])
        assert abs((datetime.fromisoformat(w["end"]) - t_end).total_seconds()) <= 300
