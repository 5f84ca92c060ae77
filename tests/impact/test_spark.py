"""Spark and DuckDB run the same Ibis expression: the same impact.json, to the last count."""

from __future__ import annotations

from pathlib import Path

import ibis
import pyarrow.parquet as pq
import pytest

from amends.impact import analyse

pytestmark = [pytest.mark.spark, pytest.mark.slow, pytest.mark.xdist_group("spark")]

#: Spark data stays small: one day at 150,000 attempts.
CALLS = 150_000


def test_cli_spark_equals_duckdb(scenario_data, spark, cli, tmp_path: Path) -> None:
    path, truth = scenario_data("two_windows", calls_per_day=CALLS)
    outs = {}
    for engine in ("duckdb", "spark"):
        out = tmp_path / engine
        res = cli("impact", path, "-o", out, "--engine", engine, "--no-chart")
        assert res.code == 0, res.err
        outs[engine] = out
    duck = (outs["duckdb"] / "impact.json").read_text()
    assert (outs["spark"] / "impact.json").read_text() == duck
    assert '"windows": []' not in duck and len(truth.windows) == 2
    a = pq.read_table(outs["duckdb"] / "subscribers.parquet")
    b = pq.read_table(outs["spark"] / "subscribers.parquet")
    assert a.num_rows > 0
    assert a.equals(b)


def test_api_spark_equals_duckdb_on_silence(scenario_data, spark) -> None:
    path, _ = scenario_data("silence", calls_per_day=CALLS)
    on_spark = analyse(ibis.pyspark.connect(spark).read_parquet(str(path)))
    on_duckdb = analyse(ibis.duckdb.connect().read_parquet(str(path)))
    assert [w.kind for w in on_duckdb.report.windows] == ["silence"]
    assert on_spark.report.model_dump_json() == on_duckdb.report.model_dump_json()
    assert on_spark.subscribers.equals(on_duckdb.subscribers)
