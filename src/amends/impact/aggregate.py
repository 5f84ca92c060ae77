"""The engine passes: the minute series over every event, then the failures inside the windows.

Pass 1 groups every event by (region, service, minute) into attempts and network failures: the
small series detection runs on. Pass 2, once the windows are known, reads the network failures
inside the windows' time ranges and scopes once, joins them to the windows and groups them by
(window, subscriber, region); an engine that keeps min/max statistics per row group (DuckDB and
Spark on Parquet sorted by time, as call records are written) skips everything outside the
windows. Both passes are plain Ibis, so DuckDB, Spark or any other backend runs them. The CLI's
DuckDB path runs them without importing Ibis: pass 1 as the SQL Ibis compiles, stored
(`duckdb_series_sql`), pass 2 as its hand-written twin (`duckdb_failures_sql`); tests keep both
equal to the Ibis passes.
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
    """Minutes since the epoch (UTC) of each event's `ts`, floored (right before 1970 too).

    Ibis compiles `epoch_seconds()` on DuckDB as EPOCH(CAST(ts AS TIMESTAMP)), and that cast
    from TIMESTAMPTZ goes through ICU for every row (3x the whole scan at 100M rows); DuckDB's
    own EPOCH_US(ts) gives integer microseconds directly (15% faster than EPOCH's float
    seconds at 100M rows). Every other backend uses `epoch_seconds()`.
    """
    try:
        backend = events._find_backend().name  # no public accessor
    except Exception:  # an unbound table: compile generically
        backend = None
    if backend == "duckdb":
        return (_duckdb_epoch_us(events.ts) / 60_000_000).floor().cast("int64")
    return (events.ts.epoch_seconds() // 60).cast("int64")


def _duckdb_epoch_us(ts: ir.TimestampValue) -> ir.IntegerValue:
    """DuckDB's builtin EPOCH_US(ts): microseconds since the epoch, with or without a zone."""
    import ibis
    import ibis.expr.datatypes as dt

    def epoch_us(value):  # type: ignore[no-untyped-def]
        """Microseconds since the epoch."""

    udf = ibis.udf.scalar.builtin(
        epoch_us, name="epoch_us", signature=((dt.Timestamp(timezone="UTC"),), dt.int64)
    )
    return udf(ts)


def series_expr(events: ir.Table, policy: FailurePolicy) -> ir.Table:
    """Pass 1: attempts and network failures per (region, service, minute) over every event."""
    failed = is_network_failure(events, policy)
    grouped = events.select("region", "service", minute=epoch_minute(events), failed=failed)
    return grouped.group_by(["region", "service", "minute"]).aggregate(
        attempts=grouped.count(), failures=grouped.failed.sum()
    )


#: One row per (window, region, service) of its scope: what pass 2 joins the failures to.
SCOPE_SCHEMA = pa.schema(
    [
        ("window", pa.string()),
        ("window_rank", pa.int64()),
        ("region", pa.string()),
        ("service", pa.string()),
        ("lo", pa.timestamp("us", tz="UTC")),
        ("hi", pa.timestamp("us", tz="UTC")),  # null while ongoing
    ]
)


def scope_table(scopes: list[WindowScope]) -> pa.Table:
    """The windows' scopes as rows (window, window_rank, region, service, lo, hi)."""
    rows = [
        (s.id, rank, region, service, s.start_time, s.end_time)
        for rank, s in enumerate(scopes)
        for region, service in sorted(s.pairs)
    ]
    return pa.Table.from_pylist(
        [dict(zip(SCOPE_SCHEMA.names, row, strict=True)) for row in rows], schema=SCOPE_SCHEMA
    )


def window_failures_expr(
    events: ir.Table, policy: FailurePolicy, scopes: list[WindowScope]
) -> ir.Table | None:
    """Pass 2: per window, the network failures in its time range and scope by subscriber.

    One read of the events: the failures inside any window's time range (a filter the engine
    uses to skip row groups), joined to the windows' scopes, so a failure counts in every window
    whose range and scope hold it. Columns: window, window_rank, subscriber, region,
    failed_attempts, first_failure, last_failure, ordered by window, subscriber and region as
    `subscribers.parquet` is. None when there are no windows (nothing to read).
    """
    import ibis

    if not scopes:
        return None
    ranges = []
    for scope in scopes:
        inside = events.ts >= ibis.literal(scope.start_time)
        if scope.end_time is not None:
            inside &= events.ts < ibis.literal(scope.end_time)
        ranges.append(inside)
    pairs = sorted(set().union(*(s.pairs for s in scopes)))
    in_scope = ibis.or_(*((events.region == r) & (events.service == v) for r, v in pairs))
    fails = events.filter([is_network_failure(events, policy), ibis.or_(*ranges), in_scope]).select(
        "ts", "subscriber", "region", "service"
    )
    scope = ibis.memtable(scope_table(scopes))
    hit = fails.join(
        scope,
        [
            fails.region == scope.region,
            fails.service == scope.service,
            fails.ts >= scope.lo,
            scope.hi.isnull() | (fails.ts < scope.hi),
        ],
    ).select(
        window=scope.window,
        window_rank=scope.window_rank,
        subscriber=fails.subscriber,
        region=fails.region,
        ts=fails.ts,
    )
    return (
        hit.group_by(["window", "window_rank", "subscriber", "region"])
        .aggregate(
            failed_attempts=hit.count(), first_failure=hit.ts.min(), last_failure=hit.ts.max()
        )
        .order_by(["window_rank", "subscriber", "region"])
    )


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
    terms = [
        _isin("cause", policy.network_causes),
        _isin("sip_status", policy.network_sip),
        f"http_status >= {int(policy.http_min_failure)}",
    ]
    return " OR ".join(f"coalesce({t}, false)" for t in terms)


def _name(source: str) -> str:
    """A relation name as a quoted SQL identifier (plain names only)."""
    if '"' in source:
        raise ValueError(f"not a plain relation name: {source!r}")
    return f'"{source}"'


#: The SQL Ibis compiles from `series_expr` on DuckDB over canonical Parquet as the events loader
#: reads it (hence the `SELECT *` layer), kept so the CLI can
#: run pass 1 without importing Ibis (a test checks, for several failure policies, that it is
#: still character for character what Ibis compiles). `{source}`: the events relation.
_DUCKDB_SERIES_SQL = """SELECT
  "t2"."region",
  "t2"."service",
  "t2"."minute",
  COUNT(*) AS "attempts",
  SUM(CAST("t2"."failed" AS INT)) AS "failures"
FROM (
  SELECT
    "t1"."region",
    "t1"."service",
    CAST(FLOOR(EPOCH_US("t1"."ts") / 60000000) AS BIGINT) AS "minute",
    COALESCE({cause}, FALSE)
    OR COALESCE({sip}, FALSE)
    OR COALESCE("t1"."http_status" >= {http}, FALSE) AS "failed"
  FROM (
    SELECT
      *
    FROM "{source}" AS "t0"
  ) AS "t1"
) AS "t2"
GROUP BY
  1,
  2,
  3"""


def _isin(column: str, values: frozenset[int]) -> str:
    """`column IN (...)` as Ibis writes it (FALSE for an empty set)."""
    if not values:
        return "FALSE"
    return f"{column} IN ({', '.join(str(int(v)) for v in sorted(values))})"


def duckdb_series_sql(source: str, policy: FailurePolicy) -> str:
    """Pass 1 as the DuckDB SQL Ibis compiles from `series_expr`, over the relation `source`
    (canonical columns and types): the CLI runs it without importing Ibis."""
    if '"' in source:
        raise ValueError(f"not a plain relation name: {source!r}")
    return _DUCKDB_SERIES_SQL.format(
        source=source,
        cause=_isin('"t1"."cause"', policy.network_causes),
        sip=_isin('"t1"."sip_status"', policy.network_sip),
        http=int(policy.http_min_failure),
    )


def duckdb_failures_sql(
    source: str, policy: FailurePolicy, scopes: list[WindowScope]
) -> tuple[str, list[Any]] | None:
    """Pass 2 as DuckDB SQL and its parameters (text values are parameters, never spliced).

    The same rows, in the same order, as `window_failures_expr`: one read of the failures inside
    any window's time range (literal times, so DuckDB skips the row groups outside them), joined
    to the windows' scopes. None when there are no windows.
    """
    if not scopes:
        return None

    def at(when: Any) -> str:
        return "CAST(NULL AS TIMESTAMPTZ)" if when is None else f"TIMESTAMPTZ '{when.isoformat()}'"

    values: list[str] = []
    params: list[Any] = []
    for row in scope_table(scopes).to_pylist():
        values.append(
            f"(CAST(? AS VARCHAR), {int(row['window_rank'])}, CAST(? AS VARCHAR), "
            f"CAST(? AS VARCHAR), {at(row['lo'])}, {at(row['hi'])})"
        )
        params += [row["window"], row["region"], row["service"]]
    ranges = []
    for scope in scopes:
        inside = f"ts >= {at(scope.start_time)}"
        if scope.end_time is not None:
            inside += f" AND ts < {at(scope.end_time)}"
        ranges.append(f"({inside})")
    pairs = sorted(set().union(*(s.pairs for s in scopes)))
    in_scope = " OR ".join(["(region = ? AND service = ?)"] * len(pairs))
    params += [value for pair in pairs for value in pair]
    sql = (
        'WITH scope("window", window_rank, region, service, lo, hi) AS '
        f"(VALUES {', '.join(values)}), "
        "fails AS (SELECT ts, subscriber, region, service "
        f"FROM {_name(source)} WHERE ({_failed_sql(policy)}) AND ({' OR '.join(ranges)}) "
        f"AND ({in_scope})) "
        'SELECT s."window", s.window_rank, f.subscriber, f.region, count(*) AS failed_attempts, '
        "min(f.ts) AS first_failure, max(f.ts) AS last_failure "
        "FROM fails f JOIN scope s ON f.region = s.region AND f.service = s.service "
        "AND f.ts >= s.lo AND (s.hi IS NULL OR f.ts < s.hi) "
        'GROUP BY s."window", s.window_rank, f.subscriber, f.region '
        "ORDER BY s.window_rank, f.subscriber, f.region"
    )
    return sql, params


#: Subscriber failure minutes (`Aggregates.failures`): what the live watcher keeps so that it can
#: count who was hit inside a window the way pass 2 does.
FAILURE_MINUTES_SCHEMA = pa.schema(
    [
        ("subscriber", pa.string()),
        ("region", pa.string()),
        ("service", pa.string()),
        ("minute", pa.int64()),
        ("failures", pa.int64()),
        ("first_failure", pa.timestamp("us", tz="UTC")),
        ("last_failure", pa.timestamp("us", tz="UTC")),
    ]
)


def duckdb_failure_minutes_sql(source: str, policy: FailurePolicy) -> str:
    """Network failures per (subscriber, region, service, minute) with the first and last, over
    the relation `source`: the in-memory pass 2's input, built as events arrive."""
    return (
        "SELECT subscriber, region, service, "
        "CAST(FLOOR(EPOCH_US(ts) / 60000000) AS BIGINT) AS minute, "
        "COUNT(*) AS failures, MIN(ts) AS first_failure, MAX(ts) AS last_failure "
        f"FROM {_name(source)} WHERE {_failed_sql(policy)} GROUP BY 1, 2, 3, 4"
    )


def batch_aggregates(con: Any, events: pa.Table, policy: FailurePolicy) -> Aggregates:
    """Pass 1's minute series and the subscriber failure minutes of one batch of canonical
    events (Arrow), on a DuckDB connection `con`, with the same SQL as the batch passes."""
    con.register("amends_batch", events)
    try:
        series = series_table(con.sql(duckdb_series_sql("amends_batch", policy)).to_arrow_table())
        raw = con.sql(duckdb_failure_minutes_sql("amends_batch", policy)).to_arrow_table()
    finally:
        con.unregister("amends_batch")
    failures = pa.table(
        [
            _text(raw["subscriber"]),
            _text(raw["region"]),
            _text(raw["service"]),
            pc.cast(raw["minute"], pa.int64()),
            pc.cast(raw["failures"], pa.int64()),
            _utc(raw["first_failure"]),
            _utc(raw["last_failure"]),
        ],
        schema=FAILURE_MINUTES_SCHEMA,
    )
    return Aggregates(series=series, failures=failures)
