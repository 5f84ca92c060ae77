"""`amends impact`: the outputs with their fixed names and fields, the summary, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest


@pytest.mark.slow
def test_outputs(scenario_data, cli, tmp_path: Path) -> None:
    path, truth = scenario_data("partial")
    out = tmp_path / "out"
    res = cli("impact", path, "-o", out, "--tz", "America/Los_Angeles")
    assert res.code == 0, res.err
    for name in ("impact.json", "subscribers.parquet", "impact.png", "impact.svg"):
        assert (out / name).stat().st_size > 0, name
    data = json.loads((out / "impact.json").read_text())
    assert set(data) >= {"windows", "events", "baseline"}
    (w,) = data["windows"]
    assert set(w) >= {"id", "kind", "start", "end", "scope", "subscribers_affected"}
    assert "failed_attempts" in w
    assert w["kind"] == "failures"
    assert w["start"].endswith("Z") and w["end"].endswith("Z")  # UTC, whatever --tz says
    for entry in w["scope"]:
        assert set(entry) >= {
            "region",
            "service",
            "attempts",
            "failures",
            "failure_rate",
            "baseline_failure_rate",
            "excess_failures",
        }
    assert data["events"]["attempts"] == truth.rows
    subs = pq.read_table(out / "subscribers.parquet")
    assert subs.schema.names == [
        "window",
        "subscriber",
        "region",
        "failed_attempts",
        "first_failure",
        "last_failure",
    ]
    assert subs.schema.field("first_failure").type == pa.timestamp("us", tz="UTC")
    assert subs.num_rows == w["subscribers_affected"]
    assert sum(subs.column("failed_attempts").to_pylist()) == w["failed_attempts"]
    # The summary shows local (Pacific) times: 21:00 UTC on 10 March 2026 is 14:00 PDT.
    assert "14:00" in res.out and "PDT" in res.out
    assert "CA" in res.out


def test_missing_file_exits_2(cli, tmp_path: Path) -> None:
    res = cli("impact", tmp_path / "nope.parquet", "-o", tmp_path / "out")
    assert res.code == 2
    assert "nope.parquet" in res.err
    assert "Traceback" not in res.err


def test_bad_tz_exits_2(scenario_data, cli, tmp_path: Path) -> None:
    path, _ = scenario_data("quiet", calls_per_day=20_000)
    res = cli("impact", path, "-o", tmp_path / "out", "--tz", "Mars/Olympus")
    assert res.code == 2
    assert "Mars/Olympus" in res.err


def test_bad_engine_exits_2(scenario_data, cli, tmp_path: Path) -> None:
    path, _ = scenario_data("quiet", calls_per_day=20_000)
    res = cli("impact", path, "-o", tmp_path / "out", "--engine", "oracle")
    assert res.code == 2


def test_parquet_without_required_columns_exits_2(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"when": [1, 2], "who": ["a", "b"]}), bad)
    res = cli("impact", bad, "-o", tmp_path / "out")
    assert res.code == 2, (res.out, res.err)
    assert "bad.parquet" in res.err
    assert "Traceback" not in res.err


def test_not_parquet_exits_2(cli, tmp_path: Path) -> None:
    bad = tmp_path / "calls.parquet"
    bad.write_text("this is not parquet\n")
    res = cli("impact", bad, "-o", tmp_path / "out")
    assert res.code == 2
    assert "calls.parquet" in res.err


def test_quiet_data_writes_empty_outputs(scenario_data, cli, tmp_path: Path) -> None:
    path, _ = scenario_data("quiet", calls_per_day=20_000)
    out = tmp_path / "out"
    res = cli("impact", path, "-o", out, "--no-chart", "--baseline", "previous-day")
    assert res.code == 0, res.err
    data = json.loads((out / "impact.json").read_text())
    assert data["windows"] == []
    assert data["baseline"]["mode"] == "previous-day"
    assert pq.read_table(out / "subscribers.parquet").num_rows == 0
