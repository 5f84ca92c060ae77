"""The two engine passes: the CLI's hand-written DuckDB SQL returns what the Ibis passes return,
and reading only the windows in pass 2 measures exactly what one pass over everything would."""

from __future__ import annotations

import json
import re
import threading
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import ibis
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from amends.events.failures import FailurePolicy
from amends.events.schema import EVENT_SCHEMA
from amends.impact import ImpactConfig, analyse, analyse_aggregates
from amends.impact.aggregate import (
    Aggregates,
    duckdb_failures_sql,
    duckdb_series_sql,
    failure_rows,
    minute_series,
    series_expr,
    series_table,
    window_failures,
)
from amends.impact.engines import _analyse_parquet, _canonical_parquet, load
from amends.impact.subscribers import WindowScope, affected

POLICIES = [
    FailurePolicy(),
    FailurePolicy(network_sip=frozenset()),
    FailurePolicy(network_causes=frozenset({1, 102}), http_min_failure=400),
    FailurePolicy(network_causes=frozenset(), network_sip=frozenset()),
]

#: Minutes since the epoch of 2026-03-10 14:00 UTC (the two_windows scenario's day).
M = int(datetime(2026, 3, 10, 14, tzinfo=UTC).timestamp()) // 60


def _plain(path: Path) -> duckdb.DuckDBPyConnection:
    """A plain DuckDB connection with the events as `ev`, as the CLI opens it."""
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"CREATE VIEW ev AS SELECT * FROM read_parquet('{path}')")
    return con


def _sorted(table: pa.Table) -> pa.Table:
    return table.sort_by([(name, "ascending") for name in table.column_names])


@pytest.mark.parametrize("policy", POLICIES)
def test_stored_series_sql_is_what_ibis_compiles(scenario_data, policy: FailurePolicy) -> None:
    path, _ = scenario_data("quiet", calls_per_day=20_000)
    table = load([path], mapping=None, con=ibis.duckdb.connect())
    sql = ibis.to_sql(series_expr(table, policy), dialect="duckdb")
    source = re.search(r'FROM "(ibis_read_parquet_\w+)"', sql)
    assert source is not None, sql
    assert duckdb_series_sql(source.group(1), policy) == sql


@pytest.mark.parametrize("policy", POLICIES)
def test_series_sql_equals_the_ibis_pass(scenario_data, policy: FailurePolicy) -> None:
    path, _ = scenario_data("partial", calls_per_day=40_000)
    plain = series_table(_plain(path).sql(duckdb_series_sql("ev", policy)).to_arrow_table())
    via_ibis = minute_series(load([path], mapping=None, con=ibis.duckdb.connect()), policy)
    assert plain.num_rows > 1000
    assert _sorted(plain).equals(_sorted(via_ibis))


def _scopes() -> list[WindowScope]:
    """Windows of every shape: several pairs, one pair, and one still ongoing."""
    return [
        WindowScope("w1", M, M + 90, frozenset({("TX", "local"), ("FL", "long_distance")})),
        WindowScope("w2", M - 600, M - 300, frozenset({("NY", "local")})),
        WindowScope("w3", M + 320, None, frozenset({("FL", "long_distance"), ("NY", "local")})),
        # overlaps w1 in time and in one pair: those failures count in both windows
        WindowScope("w4", M + 30, M + 60, frozenset({("TX", "local")})),
    ]


@pytest.mark.parametrize("policy", POLICIES[:3])
def test_failures_sql_equals_the_ibis_pass_row_for_row(scenario_data, policy) -> None:
    path, _ = scenario_data("two_windows", calls_per_day=150_000)
    sql, params = duckdb_failures_sql("ev", policy, _scopes())
    plain = failure_rows(_plain(path).sql(sql, params=params).to_arrow_table())
    via_ibis = window_failures(
        load([path], mapping=None, con=ibis.duckdb.connect()), policy, _scopes()
    )
    assert plain.num_rows > 100
    assert set(plain["window"].to_pylist()) == {"w1", "w2", "w3", "w4"}
    assert plain.equals(via_ibis)  # the same rows in the same order
    # and what one grouped query over every failure's subscriber minute says, window by window
    reference = affected(_one_pass(path, policy).failures, _scopes())
    assert plain.equals(reference.cast(plain.schema))


def test_failures_sql_takes_text_as_parameters(tmp_path: Path) -> None:
    ts = pa.array(
        [datetime(2026, 3, 1, 12, 0, s, tzinfo=UTC) for s in range(3)], pa.timestamp("us", tz="UTC")
    )
    table = pa.table(
        {
            "ts": ts,
            "subscriber": ["a", "b", "c"],
            "region": ["O'Hare", "x') OR (1=1", "O'Hare"],
            "service": ["local", "local", "local"],
            "cause": pa.array([34, 34, 16], pa.int16()),
            "sip_status": pa.nulls(3, pa.int16()),
            "http_status": pa.nulls(3, pa.int16()),
            "duration_s": pa.nulls(3, pa.float64()),
        },
        schema=EVENT_SCHEMA,
    )
    path = tmp_path / "quotes.parquet"
    pq.write_table(table, path)
    minute = int(datetime(2026, 3, 1, 12, tzinfo=UTC).timestamp()) // 60
    scope = WindowScope("w'1", minute, minute + 1, frozenset({("O'Hare", "local")}))
    sql, params = duckdb_failures_sql("ev", FailurePolicy(), [scope])
    rows = failure_rows(_plain(path).sql(sql, params=params).to_arrow_table())
    assert rows.to_pylist() == [
        {
            "window": "w'1",
            "subscriber": "a",
            "region": "O'Hare",
            "failed_attempts": 1,
            "first_failure": ts[0].as_py(),
            "last_failure": ts[0].as_py(),
        }
    ]


def test_pass_two_reads_only_the_windows_row_groups(tmp_path: Path, scenario_data) -> None:
    path, _ = scenario_data("two_windows", calls_per_day=150_000)
    small = tmp_path / "small-groups.parquet"
    pq.write_table(pq.read_table(path), small, row_group_size=2_000)  # time-sorted, as written
    con = _plain(small)
    profile = tmp_path / "profile.json"
    con.execute("PRAGMA enable_profiling = 'json'")
    con.execute(f"PRAGMA profiling_output = '{profile}'")
    sql, params = duckdb_failures_sql("ev", FailurePolicy(), _scopes()[:1])
    con.sql(sql, params=params).to_arrow_table()
    scans = []

    def walk(node: dict) -> None:
        if node.get("type") == "TABLE_SCAN":
            scans.append(node)
        for child in node.get("children", []):
            walk(child)

    for node in json.loads(profile.read_text())["operator"]:
        walk(node)
    assert scans
    for scan in scans:
        assert scan["total_row_groups_to_scan"] == pq.ParquetFile(small).num_row_groups
        assert 0 < scan["row_groups_scanned"] <= scan["total_row_groups_to_scan"] // 5


def test_pass_two_reads_the_events_once_whatever_their_order(tmp_path: Path, scenario_data):
    path, _ = scenario_data("two_windows", calls_per_day=150_000)
    table = pq.read_table(path)
    shuffled = tmp_path / "shuffled.parquet"
    order = pa.array(np.random.default_rng(3).permutation(table.num_rows))
    pq.write_table(table.take(order), shuffled, row_group_size=10_000)
    con = _plain(shuffled)
    profile = tmp_path / "profile.json"
    con.execute("PRAGMA enable_profiling = 'json'")
    con.execute(f"PRAGMA profiling_output = '{profile}'")
    sql, params = duckdb_failures_sql("ev", FailurePolicy(), _scopes())
    rows = failure_rows(con.sql(sql, params=params).to_arrow_table())
    scans = []

    def walk(node: dict) -> None:
        if node.get("type") == "TABLE_SCAN" and "READ_PARQUET" in str(node.get("extra_info")):
            scans.append(node)
        for child in node.get("children", []):
            walk(child)

    for node in json.loads(profile.read_text())["operator"]:
        walk(node)
    assert len(scans) == 1  # four windows, one read
    sql, params = duckdb_failures_sql("ev", FailurePolicy(), _scopes())
    assert rows.equals(failure_rows(_plain(path).sql(sql, params=params).to_arrow_table()))


def _one_pass(path: Path, policy: FailurePolicy) -> Aggregates:
    """Everything in one grouped query, subscriber minutes for every failure (the reference)."""
    terms = [f"http_status >= {policy.http_min_failure}"]  # written here, not by the code tested
    for column, codes in (("cause", policy.network_causes), ("sip_status", policy.network_sip)):
        if codes:
            terms.append(f"{column} IN ({', '.join(map(str, sorted(codes)))})")
    failed = " OR ".join(f"coalesce({t}, false)" for t in terms)
    rows = (
        _plain(path)
        .sql(
            f"""SELECT region, service, CAST(floor(epoch(ts) / 60) AS BIGINT) AS minute,
                   CASE WHEN {failed} THEN subscriber END AS subscriber,
                   count(*) AS n, min(ts) AS first, max(ts) AS last
            FROM ev GROUP BY ALL"""
        )
        .to_arrow_table()
    )
    fail = rows.filter(pa.compute.is_valid(rows["subscriber"]))
    series = pa.table(
        {
            "region": rows["region"],
            "service": rows["service"],
            "minute": rows["minute"],
            "attempts": rows["n"],
            "failures": pa.compute.if_else(pa.compute.is_valid(rows["subscriber"]), rows["n"], 0),
        }
    )
    failures = pa.table(
        {
            "subscriber": fail["subscriber"],
            "region": fail["region"],
            "service": fail["service"],
            "minute": fail["minute"],
            "failures": fail["n"],
            "first_failure": fail["first"],
            "last_failure": fail["last"],
        }
    )
    return Aggregates(series=series, failures=failures)


@pytest.mark.parametrize("name", ["two_windows", "silence", "ongoing"])
def test_two_passes_equal_one_pass_over_everything(scenario_data, name: str) -> None:
    path, _ = scenario_data(name, calls_per_day=150_000)
    cfg = ImpactConfig()
    paths = _canonical_parquet([path])
    assert paths == [path]
    done = threading.Thread(target=lambda: None)
    done.start()
    fast = _analyse_parquet(paths, cfg, lambda _: None, done)
    via_ibis = analyse(load([path], mapping=None, con=ibis.duckdb.connect()), cfg)
    reference = analyse_aggregates(_one_pass(path, cfg.failures), cfg)
    assert fast.report.windows
    assert fast.report.model_dump_json() == reference.report.model_dump_json()
    assert via_ibis.report.model_dump_json() == reference.report.model_dump_json()
    assert fast.subscribers.num_rows > 0 or name == "silence"
    assert fast.subscribers.equals(reference.subscribers)
    assert via_ibis.subscribers.equals(reference.subscribers)


def test_non_canonical_types_take_the_ibis_path(scenario_data, cli, tmp_path: Path) -> None:
    path, _ = scenario_data("quiet", calls_per_day=20_000)
    table = pq.read_table(path)
    narrow = table.set_column(
        table.schema.get_field_index("cause"), "cause", table["cause"].cast(pa.int32())
    )
    other = tmp_path / "int32.parquet"
    pq.write_table(narrow, other)
    assert _canonical_parquet([other]) is None  # casts needed: the loader's Ibis path
    for name, source in (("fast", path), ("ibis", other)):
        res = cli("impact", source, "-o", tmp_path / name, "--no-chart")
        assert res.code == 0, res.err
    fast = (tmp_path / "fast" / "impact.json").read_text()
    assert (tmp_path / "ibis" / "impact.json").read_text() == fast
