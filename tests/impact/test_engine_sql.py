"""The CLI's DuckDB path without Ibis runs exactly the SQL Ibis compiles, with the same results."""

from __future__ import annotations

import re
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from amends.cli.impact import _canonical_parquet, _scan_parquet, load
from amends.events.failures import FailurePolicy
from amends.impact import ImpactConfig, analyse_aggregates
from amends.impact.aggregate import aggregate, aggregate_expr, duckdb_sql

POLICIES = [
    FailurePolicy(),
    FailurePolicy(network_sip=frozenset()),
    FailurePolicy(network_causes=frozenset({1, 102}), http_min_failure=400),
    FailurePolicy(network_causes=frozenset(), network_sip=frozenset()),
]


@pytest.mark.parametrize("policy", POLICIES)
def test_stored_sql_is_what_ibis_compiles(scenario_data, policy: FailurePolicy) -> None:
    path, _ = scenario_data("quiet", calls_per_day=20_000)
    table = load([path], mapping=None, con=ibis.duckdb.connect())
    sql = ibis.to_sql(aggregate_expr(table, policy), dialect="duckdb")
    source = re.search(r'FROM "(ibis_read_parquet_\w+)"', sql)
    assert source is not None, sql
    assert duckdb_sql(source.group(1), policy) == sql


def test_plain_duckdb_pass_equals_ibis_pass(scenario_data) -> None:
    path, _ = scenario_data("two_windows", calls_per_day=150_000)
    cfg = ImpactConfig()
    paths = _canonical_parquet([path])
    assert paths == [path]
    fast = analyse_aggregates(_scan_parquet(paths, cfg.failures), cfg)
    via_ibis = analyse_aggregates(
        aggregate(load([path], mapping=None, con=ibis.duckdb.connect()), cfg.failures), cfg
    )
    assert len(fast.report.windows) == 2
    assert fast.report.model_dump_json() == via_ibis.report.model_dump_json()
    assert fast.subscribers.equals(via_ibis.subscribers)


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
