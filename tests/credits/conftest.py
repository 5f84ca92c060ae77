"""Credits test fixtures: the store on both backends, and small builders for impact and plans."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pyarrow as pa

from amends.credits import WindowSpan
from amends.store.testing import store, store_url  # noqa: F401


def at(text: str) -> datetime:
    """An aware UTC datetime from 'YYYY-MM-DD HH:MM'."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def span(start: str, end: str, wid: str = "w1", regions: tuple[str, ...] = ("CA",)) -> WindowSpan:
    """A window from two 'YYYY-MM-DD HH:MM' UTC times."""
    return WindowSpan(wid, at(start), at(end), regions)


def affected(rows: list[tuple[str, str, int]], region: str = "CA") -> pa.Table:
    """subscribers.parquet-like rows: (window, subscriber, failed_attempts)."""
    return pa.table(
        {
            "window": pa.array([r[0] for r in rows], pa.string()),
            "subscriber": pa.array([r[1] for r in rows], pa.string()),
            "region": pa.array([region] * len(rows), pa.string()),
            "failed_attempts": pa.array([r[2] for r in rows], pa.int64()),
        }
    )


def plans(rows: list[tuple[str, str, str]], currency: str = "USD", plan: str = "Basic") -> pa.Table:
    """A plans file: (subscriber, monthly_fee, home_region)."""
    return pa.table(
        {
            "subscriber": pa.array([r[0] for r in rows], pa.string()),
            "plan": pa.array([plan] * len(rows), pa.string()),
            "monthly_fee": pa.array([Decimal(r[1]) for r in rows], pa.decimal128(20, 6)),
            "currency": pa.array([currency] * len(rows), pa.string()),
            "home_region": pa.array([r[2] for r in rows], pa.string()),
        }
    )


def amounts(table: pa.Table, unit: str = "cash") -> dict[str, Decimal]:
    """subscriber -> amount of the rows in `unit` (one window)."""
    return {r["subscriber"]: r["amount"] for r in table.to_pylist() if r["unit"] == unit}
