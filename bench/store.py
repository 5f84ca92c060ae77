"""Benchmark the plans import (`amends.store.plans.import_plans`) against the naive
baseline of one INSERT statement per customer (same transaction), on SQLite and PostgreSQL.

Run: `.venv/bin/python -m bench.store [ROWS]` (default 100,000 rows). PostgreSQL runs when env
AMENDS_TEST_POSTGRES_URL is set (in a throw-away schema). Prints rows/s and the ratio.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
from sqlalchemy import delete, insert

from amends.store import Store, open_store
from amends.store.plans import COLUMNS, import_plans, prepare_rows
from amends.store.schema import subscribers
from amends.store.testing import postgres_schema_url


def plans(n: int) -> pa.Table:
    """A plans table of `n` customers with every column filled."""
    return pa.table(
        {
            "subscriber": [f"sub-{i:08d}" for i in range(n)],
            "plan": ["unlimited" if i % 3 else "basic" for i in range(n)],
            "monthly_fee": pa.array(
                [Decimal(2999 + i % 500) / 100 for i in range(n)], pa.decimal128(12, 2)
            ),
            "currency": ["USD"] * n,
            "home_region": [("california", "nevada", "oregon")[i % 3] for i in range(n)],
            "time_zone": ["America/Los_Angeles"] * n,
            "locale": ["en"] * n,
            "email": [f"customer{i}@example.net" for i in range(n)],
            "phone": [f"+1415555{i % 10_000:04d}" for i in range(n)],
        }
    )


def baseline(store: Store, table: pa.Table) -> None:
    """One INSERT per row, all in one transaction (what a simple loop would do)."""
    names = [*COLUMNS, "updated_at"]
    rows = prepare_rows(table)
    with store.begin() as conn:
        for row in rows:
            conn.execute(insert(subscribers).values(dict(zip(names, row, strict=True))))


def ours(store: Store, table: pa.Table) -> None:
    """The bulk import (COPY on PostgreSQL, batched executemany upserts on SQLite)."""
    with store.begin() as conn:
        import_plans(conn, table)


def _timed(store: Store, fn: Callable[[Store, pa.Table], None], table: pa.Table) -> float:
    with store.begin() as conn:
        conn.execute(delete(subscribers))
    started = time.perf_counter()
    fn(store, table)
    return time.perf_counter() - started


def run(label: str, url: str, table: pa.Table) -> None:
    """Time the baseline and the bulk import on one database and print rows/s and the ratio."""
    with open_store(url) as store:
        base = _timed(store, baseline, table)
        fast = _timed(store, ours, table)
    n = table.num_rows
    print(
        f"{label:<11} rows={n:,}  baseline(row-by-row INSERT) {n / base:>10,.0f} rows/s  "
        f"import_plans {n / fast:>10,.0f} rows/s  ratio {base / fast:.1f}x"
    )


def main(argv: list[str]) -> None:
    """Run on SQLite, and on PostgreSQL when AMENDS_TEST_POSTGRES_URL is set."""
    n = int(argv[0]) if argv else 100_000
    table = plans(n)
    with tempfile.TemporaryDirectory() as folder:
        run("sqlite", f"sqlite:///{Path(folder) / 'bench.db'}", table)
    pg = os.environ.get("AMENDS_TEST_POSTGRES_URL")
    if pg:
        with postgres_schema_url(pg) as url:
            run("postgresql", url, table)
    else:
        print("postgresql  skipped: set AMENDS_TEST_POSTGRES_URL to include it")


if __name__ == "__main__":
    main(sys.argv[1:])
