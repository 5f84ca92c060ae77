"""`amends impact`, `amends credits` and `amends notices` with `--engine spark --spark-master
spark://...` on a real standalone cluster (a master and two workers, separate processes, started
once for the module): impact reads the records partitioned by day and region as a carrier keeps
them, and all three give the same outputs as DuckDB's, with the work run in executors on both
workers."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from tests.compose.conftest import impact_dir  # noqa: F401
from tests.compose.test_notices_spark import KEY, side_inputs
from tests.credits.test_spark import credits_args, ledger_rows, make_case
from tests.spark_cluster import Cluster, standalone_cluster

from amends.cli.demo_compose import demo_facts
from amends.incident import dump_incident, load_incident
from amends.store.testing import create_store

pytestmark = [pytest.mark.spark, pytest.mark.slow, pytest.mark.xdist_group("spark")]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """One standalone cluster for the module's tests (its start is the expensive part)."""
    with standalone_cluster(tmp_path_factory.mktemp("cluster")) as started:
        yield started


def submit(*args: object) -> subprocess.CompletedProcess[str]:
    """Run `python -m amends ARGS...` in its own process (its own Spark driver)."""
    return subprocess.run(
        [sys.executable, "-m", "amends", *map(str, args)],
        capture_output=True, text=True, timeout=600,
        env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"},
    )  # fmt: skip


def ran_on_both_workers(cluster: Cluster, name: str, runs: int = 1) -> None:
    """Assert that `runs` applications `name` completed, each with executors on both workers."""
    apps = [a for a in cluster.state()["completedapps"] if a["name"] == name]
    assert len(apps) == runs
    # the standalone master spreads an application's executors over the workers
    for worker in range(2):
        finished = [e["appid"] for e in cluster.worker_state(worker)["finishedexecutors"]]
        assert all(app["id"] in finished for app in apps)


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


def test_impact_on_a_standalone_cluster_equals_duckdb(
    scenario_data, cli, cluster: Cluster, tmp_path: Path
) -> None:
    path, truth = scenario_data("two_windows", calls_per_day=150_000)
    duck = tmp_path / "duckdb"
    assert cli("impact", path, "-o", duck, "--no-chart").code == 0
    parts = partition(path, tmp_path / "events")
    out = tmp_path / "spark"
    run = submit(
        "impact", parts, "-o", out, "--engine", "spark", "--spark-master", cluster.master,
        "--no-chart",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    ran_on_both_workers(cluster, "amends-impact")
    assert (out / "impact.json").read_text() == (duck / "impact.json").read_text()
    assert len(truth.windows) == 2 and '"windows": []' not in (out / "impact.json").read_text()
    ours = pq.read_table(out / "subscribers.parquet")
    assert ours.num_rows > 0 and ours.equals(pq.read_table(duck / "subscribers.parquet"))


def test_credits_on_a_standalone_cluster_equal_duckdb(
    cli, cluster: Cluster, tmp_path: Path
) -> None:
    case = make_case(tmp_path / "case")
    # the demo's plans as Parquet (read by the executors); the in-area policy's as CSV (shipped
    # from the driver), with exclusions from a file and from the demo's ledger rows
    runs = [("demo.toml", "plans.parquet"), ("sum.toml", "plans.csv")]
    dbs = {e: create_store(f"sqlite:///{tmp_path / e}.db") for e in ("duckdb", "spark")}
    for policy, plans in runs:
        stem = Path(policy).stem
        duck = credits_args(case, policy, plans, dbs["duckdb"], tmp_path / "duckdb" / f"{stem}.csv")
        assert cli(*duck).code == 0
        ours = credits_args(case, policy, plans, dbs["spark"], tmp_path / "spark" / f"{stem}.csv")
        run = submit(*ours, "--engine", "spark", "--spark-master", cluster.master)
        assert run.returncode == 0, run.stderr[-3000:]
        for suffix in (".csv", ".parquet"):
            a = (tmp_path / "duckdb" / stem).with_suffix(suffix).read_bytes()
            assert (tmp_path / "spark" / stem).with_suffix(suffix).read_bytes() == a
    rows = ledger_rows(dbs["duckdb"])
    assert len({r[3] for r in rows}) == 2 and len(rows) > 100
    assert ledger_rows(dbs["spark"]) == rows
    ran_on_both_workers(cluster, "amends-credits", runs=2)


def test_notices_on_a_standalone_cluster_equal_duckdb(
    cli,
    cluster: Cluster,
    impact_dir,  # noqa: F811
    tmp_path: Path,
) -> None:
    impact = impact_dir("demo")
    incident = tmp_path / "incident.yaml"
    assert (
        cli("incident", "init", "--impact", impact, "-o", incident, "--locale", "en,es").code == 0
    )
    dump_incident(demo_facts(load_incident(incident), stage="resolve"), incident)
    files = side_inputs(impact, tmp_path)
    args = ["notices", incident, "--impact", impact, "--credits", files["credits"]]
    args += ["--plans", files["plans.parquet"]]
    assert cli(*args, "-o", tmp_path / "duckdb.parquet").code == 0
    run = submit(*args, "-o", tmp_path / "spark.parquet", "--engine", "spark",
                 "--spark-master", cluster.master)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    ran_on_both_workers(cluster, "amends-notices")
    duck = pq.read_table(tmp_path / "duckdb.parquet").sort_by(KEY)
    assert duck.num_rows > 300 and duck.column("credit").null_count == 0
    assert pq.read_table(tmp_path / "spark.parquet").sort_by(KEY).equals(duck)


def test_spark_master_is_checked_before_anything_is_read(cli, tmp_path: Path) -> None:
    missing = tmp_path / "none.parquet"
    result = cli("impact", missing, "-o", tmp_path / "o", "--spark-master", "spark://h:7077")
    assert result.code == 2 and "--spark-master runs the analysis on Spark" in result.err
    result = cli(
        "impact", missing, "-o", tmp_path / "o", "--engine", "spark", "--spark-master", "h:7077"
    )
    assert result.code == 2 and "give local[*], spark://HOST:PORT" in result.err
