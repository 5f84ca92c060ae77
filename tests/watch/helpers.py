"""Helpers for the watcher tests: events in time order, written as a switch would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from amends.events.load import load_events
from amends.impact.aggregate import FAILURE_MINUTES_SCHEMA, batch_aggregates
from amends.impact.config import ImpactConfig


def sorted_events(path: Path) -> pa.Table:
    """A Parquet file's canonical events, in time order."""
    return load_events(path).order_by(["ts", "subscriber"]).to_pyarrow()


def csv_lines(table: pa.Table, tmp: Path) -> list[bytes]:
    """Canonical CSV lines (header first) of a table, as DuckDB writes them."""
    con = duckdb.connect()
    con.register("t", table)
    out = tmp / "all.csv"
    con.execute(f"COPY (SELECT * FROM t) TO '{out}' (HEADER)")
    lines = out.read_bytes().splitlines(keepends=True)
    out.unlink()
    return lines


def batches(table: pa.Table, n: int) -> Iterator[pa.Table]:
    """The table in `n` consecutive slices."""
    size = -(-table.num_rows // n)
    for i in range(0, table.num_rows, size):
        yield table.slice(i, size)


def expected_aggregates(table: pa.Table) -> tuple[dict, dict]:
    """The minute series and failure minutes batch pass 1 computes, as dicts for comparison."""
    aggs = batch_aggregates(duckdb.connect(), table, ImpactConfig().failures)
    series = {
        (r["region"], r["service"], r["minute"]): (r["attempts"], r["failures"])
        for r in aggs.series.to_pylist()
    }
    fails = {
        (r["subscriber"], r["region"], r["service"], r["minute"]): (
            r["failures"],
            r["first_failure"],
            r["last_failure"],
        )
        for r in aggs.failures.select(FAILURE_MINUTES_SCHEMA.names).to_pylist()
    }
    return series, fails


def stored_aggregates(url: str) -> tuple[dict, dict]:
    """The watcher's stored series and failure minutes, as dicts."""
    from amends.store import open_store
    from amends.store.watch import load_failures, load_minutes

    with open_store(url, migrate=False) as store, store.connect() as conn:
        series = {
            (r["region"], r["service"], r["minute"]): (r["attempts"], r["failures"])
            for r in load_minutes(conn).to_pylist()
        }
        fails = {
            (r["subscriber"], r["region"], r["service"], r["minute"]): (
                r["failures"],
                r["first_failure"],
                r["last_failure"],
            )
            for r in load_failures(conn, -(2**62), None).to_pylist()
        }
    return series, fails


def create_store(url: str) -> None:
    """`amends db upgrade --db URL`: the watcher, like every command but that one, needs it."""
    import subprocess
    import sys

    subprocess.run(
        [sys.executable, "-m", "amends", "db", "upgrade", "--db", url],
        check=True,
        capture_output=True,
    )
