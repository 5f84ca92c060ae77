"""The one engine pass: per (region, service, minute) attempts and failures, per subscriber too.

The expression is plain Ibis, so DuckDB, Spark or any other backend runs the same query. Failures
are rare, so grouping by (region, service, minute, subscriber-if-failed) yields the minute series
(subscriber null: successful attempts) and the failing subscribers' minutes in one small result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from amends.events.failures import FailurePolicy, is_network_failure

if TYPE_CHECKING:
    import ibis.expr.types as ir


@dataclass(frozen=True)
class Aggregates:
    """The small in-process result of the engine pass.

    `series` (pandas): region, service, minute (int64 minutes since the epoch, UTC), attempts,
    failures. `failures` (Arrow): subscriber, region, service, minute, failures, first_failure,
    last_failure (timestamp[us, UTC]).
    """

    series: pd.DataFrame
    failures: pa.Table


def epoch_minute(events: ir.Table) -> ir.IntegerValue:
    """Minutes since the epoch (UTC) of each event's `ts`.

    Ibis compiles `epoch_seconds()` on DuckDB as EPOCH(CAST(ts AS TIMESTAMP)), and that cast
    from TIMESTAMPTZ goes through ICU for every row (3x the whole scan at 100M rows); DuckDB's
    own EPOCH(ts) gives the same seconds directly. Every other backend uses `epoch_seconds()`.
    """
    seconds = events.ts.epoch_seconds()
    try:
        backend = events._find_backend().name  # no public accessor
    except Exception:  # an unbound table: compile generically
        backend = None
    if backend == "duckdb":
        seconds = _duckdb_epoch(events.ts)
    return (seconds // 60).cast("int64")


def _duckdb_epoch(ts: ir.TimestampValue) -> ir.FloatingValue:
    """DuckDB's builtin EPOCH(ts): seconds since the epoch, with or without a time zone."""
    import ibis
    import ibis.expr.datatypes as dt

    def epoch(value):  # type: ignore[no-untyped-def]
        """Seconds since the epoch."""

    udf = ibis.udf.scalar.builtin(
        epoch, name="epoch", signature=((dt.Timestamp(timezone="UTC"),), dt.float64)
    )
    return udf(ts)


def aggregate_expr(events: ir.Table, policy: FailurePolicy) -> ir.Table:
    """The single grouped query over canonical events (subscriber is null for non-failures)."""
    import ibis

    failed = is_network_failure(events, policy)
    grouped = events.select(
        "region",
        "service",
        "ts",
        minute=epoch_minute(events),
        sub=ibis.ifelse(failed, events.subscriber, ibis.null("string")),
    )
    is_fail = grouped.sub.notnull()
    return grouped.group_by(["region", "service", "minute", "sub"]).aggregate(
        attempts=grouped.count(),
        first=grouped.ts.min(where=is_fail),
        last=grouped.ts.max(where=is_fail),
    )


def _text(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """Plain strings (Parquet dictionary columns come back dictionary-encoded on some engines)."""
    return col if col.type == pa.string() else pc.cast(col, pa.string())


def _utc(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """Timestamps as microseconds in UTC, whatever unit or zone the backend returned.

    A backend that drops the zone returns UTC wall times (Spark runs with a UTC session zone).
    """
    return pc.cast(pc.cast(col, pa.timestamp("us", tz=col.type.tz)), pa.timestamp("us", tz="UTC"))


def split(result: pa.Table) -> Aggregates:
    """Turn the engine's grouped rows into the minute series and the subscriber failures."""
    attempts = pc.cast(result["attempts"], pa.int64())
    is_fail = pc.is_valid(result["sub"])
    table = pa.table(
        {
            "region": _text(result["region"]),
            "service": _text(result["service"]),
            "minute": pc.cast(result["minute"], pa.int64()),
            "attempts": attempts,
            "failures": pc.if_else(is_fail, attempts, pa.scalar(0, pa.int64())),
        }
    )
    series = (
        table.group_by(["region", "service", "minute"])
        .aggregate([("attempts", "sum"), ("failures", "sum")])
        .rename_columns(["region", "service", "minute", "attempts", "failures"])
        .to_pandas()
    )
    fails = table.filter(is_fail)
    failed = result.filter(is_fail)
    failures = pa.table(
        {
            "subscriber": _text(failed["sub"]),
            "region": fails["region"],
            "service": fails["service"],
            "minute": fails["minute"],
            "failures": fails["attempts"],
            "first_failure": _utc(failed["first"]),
            "last_failure": _utc(failed["last"]),
        }
    )
    return Aggregates(series=series, failures=failures)


def aggregate(events: ir.Table, policy: FailurePolicy) -> Aggregates:
    """Run the engine pass on the table's own backend and return the small result."""
    return split(aggregate_expr(events, policy).to_pyarrow())
