"""`amends impact --engine spark --spark-master spark://...` on a real standalone cluster (a
master and two workers, separate processes), reading the records partitioned by day and region
as a carrier keeps them: the same impact.json and subscribers as DuckDB's on the one file, and
the work ran in executors on both workers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from tests.spark_cluster import standalone_cluster

pytestmark = [pytest.mark.spark, pytest.mark.slow, pytest.mark.xdist_group("spark")]


def partition(path: Path, folder: Path) -> str:
    """Write the records as folder/day=YYYY-MM-DD/region=R/part.parquet; returns their glob."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet('{path}')")
    keys = con.execute("SELECT DISTINCT CAST(ts AS DATE), region FROM t ORDER BY 1, 2").fetchall()
    for day, region in keys:
        part = folder / f"day={day}" / f"region={region}"
        part.mkdir(parents=True)
        con.execute(
            f"COPY (SELECT * FROM t WHERE CAST(ts AS DATE) = DATE '{day}' AND region = ? "
            f"ORDER BY ts) TO '{part / 'part.parquet'}' (FORMAT parquet)",
            [region],
        )
    assert len(keys) > 2
    return str(folder / "**" / "*.parquet")


def test_impact_on_a_standalone_cluster_equals_duckdb(scenario_data, cli, tmp_path: Path) -> None:
    path, truth = scenario_data("two_windows", calls_per_day=150_000)
    duck = tmp_path / "duckdb"
    assert cli("impact", path, "-o", duck, "--no-chart").code == 0
    parts = partition(path, tmp_path / "events")
    (tmp_path / "cluster").mkdir()
    with standalone_cluster(tmp_path / "cluster") as cluster:
        out = tmp_path / "spark"
        run = subprocess.run(
            [sys.executable, "-m", "amends", "impact", parts, "-o", str(out),
             "--engine", "spark", "--spark-master", cluster.master, "--no-chart"],
            capture_output=True, text=True, timeout=600,
            env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"},
        )  # fmt: skip
        assert run.returncode == 0, run.stderr[-3000:]
        [app] = cluster.state()["completedapps"]
        assert app["name"] == "amends-impact"
        # the standalone master spreads an application's executors over the workers
        for worker in range(2):
            finished = cluster.worker_state(worker)["finishedexecutors"]
            assert [e["appid"] for e in finished] == [app["id"]]
    assert (out / "impact.json").read_text() == (duck / "impact.json").read_text()
    assert len(truth.windows) == 2 and '"windows": []' not in (out / "impact.json").read_text()
    ours = pq.read_table(out / "subscribers.parquet")
    assert ours.num_rows > 0 and ours.equals(pq.read_table(duck / "subscribers.parquet"))


def test_spark_master_is_checked_before_anything_is_read(cli, tmp_path: Path) -> None:
    missing = tmp_path / "none.parquet"
    result = cli("impact", missing, "-o", tmp_path / "o", "--spark-master", "spark://h:7077")
    assert result.code == 2 and "--spark-master runs the analysis on Spark" in result.err
    result = cli(
        "impact", missing, "-o", tmp_path / "o", "--engine", "spark", "--spark-master", "h:7077"
    )
    assert result.code == 2 and "give local[*], spark://HOST:PORT" in result.err
