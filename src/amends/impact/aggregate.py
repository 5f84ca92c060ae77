"""The engine passes: the minute series over every event, then the failures inside the windows.

Pass 1 groups every event by (region, service, minute) into attempts and network failures: the
small series detection runs on. Pass 2, once the windows are known, reads only the network
failures inside each window's time range and scope and groups them by (subscriber, region);
an engine that keeps min/max statistics per row group (DuckDB and Spark on Parquet sorted by
time, as call records are written) skips everything outside the windows. Both passes are plain
Ibis, so DuckDB, Spark or any other backend runs them; the CLI's DuckDB path runs the same
queries as hand-written SQL (`duckdb_series_sql`, `duckdb_failures_sql`), tested equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from amends.events.failures import FailurePolicy, is_network_failure
from amends.impact.model import SUBSCRIBERS_SCHEMA
from amends.impact.subscribers import WindowScope

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pandas as pd

#: The minute series: rows with the same (region, service, minute) add up.
SERIES_SCHEMA = pa.schema(
    [
        ("region", pa.string()),
        ("service", pa.string()),
        ("minute", pa.int64()),
        ("attempts", pa.int64()),
        ("failures", pa.int64()),
    ]
)


@dataclass(frozen=True)
class Aggregates:
    """A minute series and per-subscriber failure minutes held in memory (the Python API's input).

    `series` (Arrow, or pandas): region, service, minute (int64 minutes since the epoch, UTC),
    attempts, failures; rows with the same (region, service, minute) add up. `failures`
    (Arrow): subscriber, region, service, minute, failures, first_failure, last_failure
    (timestamp[us, UTC]).
    """

    series: pa.Table | pd.DataFrame
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


def series_expr(events: ir.Table, policy: FailurePolicy) -> ir.Table:
    """Pass 1: attempts and network failures per (region, service, minute) over every event."""
    failed = is_network_failure(events, policy)
    grouped = events.select("region", "service", minute=epoch_minute(events), failed=failed)
    return grouped.group_by(["region", "service", "minute"]).aggregate(
        attempts=grouped.count(), failures=grouped.failed.sum()
    )


def window_failures_expr(
    events: ir.Table, policy: FailurePolicy, scopes: list[WindowScope]
) -> ir.Table | None:
    """Pass 2: per window, the network failures in its time range and scope by subscriber.

    Columns: window, subscriber, region, failed_attempts, first_failure, last_failure (and
    window_rank), ordered by window, subscriber and region as `subscribers.parquet` is. None
    when there are no windows (nothing to read).
    """
    import ibis

    parts = []
    for rank, scope in enumerate(scopes):
        keep = [is_network_failure(events, policy), events.ts >= ibis.literal(scope.start_time)]
        if scope.end_time is not None:
            keep.append(events.ts < ibis.literal(scope.end_time))
        pairs = [(events.region == r) & (events.service == s) for r, s in sorted(scope.pairs)]
        keep.append(ibis.or_(*pairs))
        rows = events.filter(keep)
        parts.append(
            rows.group_by(["subscriber", "region"])
            .aggregate(
                failed_attempts=rows.count(),
                first_failure=rows.ts.min(),
                last_failure=rows.ts.max(),
            )
            .mutate(window=ibis.literal(scope.id), window_rank=ibis.literal(rank))
        )
    if not parts:
        return None
    union = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    return union.order_by(["window_rank", "subscriber", "region"])


def _text(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """Plain strings (Parquet dictionary columns come back dictionary-encoded on some engines)."""
    return col if col.type == pa.string() else pc.cast(col, pa.string())


def _utc(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """Timestamps as microseconds in UTC, whatever unit or zone the backend returned.

    A backend that drops the zone returns UTC wall times (Spark runs with a UTC session zone).
    """
    return pc.cast(pc.cast(col, pa.timestamp("us", tz=col.type.tz)), pa.timestamp("us", tz="UTC"))


def series_table(result: pa.Table) -> pa.Table:
    """Pass 1's rows with the series' own types, whatever the engine returned."""
    return pa.table(
        [
            _text(result["region"]),
            _text(result["service"]),
            pc.cast(result["minute"], pa.int64()),
            pc.cast(result["attempts"], pa.int64()),
            pc.cast(pc.fill_null(result["failures"], 0), pa.int64()),
        ],
        schema=SERIES_SCHEMA,
    )


def failure_rows(result: pa.Table) -> pa.Table:
    """Pass 2's rows with the types of `subscribers.parquet`, whatever the engine returned."""
    return pa.table(
        [
            _text(result["window"]),
            _text(result["subscriber"]),
            _text(result["region"]),
            pc.cast(result["failed_attempts"], pa.int64()),
            _utc(result["first_failure"]),
            _utc(result["last_failure"]),
        ],
        schema=SUBSCRIBERS_SCHEMA,
    )


def minute_series(events: ir.Table, policy: FailurePolicy) -> pa.Table:
    """Run pass 1 on the table's own backend."""
    return series_table(series_expr(events, policy).to_pyarrow())


def window_failures(events: ir.Table, policy: FailurePolicy, scopes: list[WindowScope]) -> pa.Table:
    """Run pass 2 on the table's own backend (no query at all when there are no windows)."""
    expr = window_failures_expr(events, policy, scopes)
    if expr is None:
        return SUBSCRIBERS_SCHEMA.empty_table()
    return failure_rows(expr.to_pyarrow())


def _failed_sql(policy: FailurePolicy) -> str:
    """The network-failure condition in DuckDB SQL (a NULL code is not a failure)."""

    def isin(column: str, values: frozenset[int]) -> str:
        return f"{column} IN ({', '.join(str(int(v)) for v in sorted(values))})" if values else ""

    terms = [
        isin("cause", policy.network_causes),
        isin("sip_status", policy.network_sip),
        f"http_status >= {int(policy.http_min_failure)}",
    ]
    return " OR ".join(f"coalesce({t}, false)" for t in terms if t)


def _name(source: str) -> str:
    """A relation name as a quoted SQL identifier (plain names only)."""
    if '"' in source:
        raise ValueError(f"not a plain relation name: {source!r}")
    return f'"{source}"'


def duckdb_series_sql(source: str, policy: FailurePolicy) -> str:
    """Pass 1 as DuckDB SQL over the relation `source` (canonical columns and types).

    The same rows as `series_expr` compiled by Ibis (a test checks it); written by hand so the
    CLI runs it without importing Ibis, with the minute in integer microseconds (floored, so
    times before 1970 fall in the right minute too).
    """
    return (
        "SELECT region, service, "
        "CAST(floor(epoch_us(ts) / 60000000) AS BIGINT) AS minute, "
        f"count(*) AS attempts, count(*) FILTER (WHERE {_failed_sql(policy)}) AS failures "
        f"FROM {_name(source)} GROUP BY 1, 2, 3"
    )


def duckdb_failures_sql(
    source: str, policy: FailurePolicy, scopes: list[WindowScope]
) -> tuple[str, list[Any]] | None:
    """Pass 2 as DuckDB SQL and its parameters (text values are parameters, never spliced).

    The same rows, in the same order, as `window_failures_expr`. Window times are literals, so
    DuckDB skips the row groups outside them. None when there are no windows.
    """
    parts: list[str] = []
    params: list[Any] = []
    for rank, scope in enumerate(scopes):
        where = [f"({_failed_sql(policy)})", f"ts >= TIMESTAMPTZ '{scope.start_time.isoformat()}'"]
        if scope.end_time is not None:
            where.append(f"ts < TIMESTAMPTZ '{scope.end_time.isoformat()}'")
        pairs = sorted(scope.pairs)
        where.append("(" + " OR ".join(["(region = ? AND service = ?)"] * len(pairs)) + ")")
        params += [scope.id, *(value for pair in pairs for value in pair)]
        parts.append(
            f"SELECT CAST(? AS VARCHAR) AS window, {rank} AS window_rank, subscriber, region, "
            "count(*) AS failed_attempts, min(ts) AS first_failure, max(ts) AS last_failure "
            f"FROM {_name(source)} WHERE {' AND '.join(where)} GROUP BY subscriber, region"
        )
    if not parts:
        return None
    return " UNION ALL ".join(parts) + " ORDER BY window_rank, subscriber, region", params
