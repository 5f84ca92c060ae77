"""The one engine pass: per (region, service, minute) attempts and failures, per subscriber too.

The expression is plain Ibis, so DuckDB, Spark or any other backend runs the same query. Failures
are rare, so grouping by (region, service, minute, subscriber-if-failed) yields the minute series
(subscriber null: successful attempts) and the failing subscribers' minutes in one small result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from amends.events.failures import FailurePolicy, is_network_failure

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pandas as pd


@dataclass(frozen=True)
class Aggregates:
    """The small in-process result of the engine pass.

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
    """Turn the engine's grouped rows into the minute series and the subscriber failures.

    No regrouping: a minute's successful row and its failing subscribers' rows stay separate
    series rows, which the analysis adds up when it lays the series out densely.
    """
    attempts = pc.cast(result["attempts"], pa.int64())
    is_fail = pc.is_valid(result["sub"])
    table = pa.table(
        {
            "region": _text(result["region"]),
            "service": _text(result["service"]),
            "minute": pc.cast(result["minute"], pa.int64()),
            "attempts": attempts,
            "failures": pc.multiply(attempts, pc.cast(is_fail, pa.int64())),
        }
    )
    series = table
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


#: The SQL Ibis compiles from `aggregate_expr` on DuckDB over canonical Parquet, kept so the
#: DuckDB path of the CLI can run the engine pass without importing Ibis (a test checks that it
#: is still, character for character, what Ibis compiles). `{source}`: the events relation.
_DUCKDB_SQL = """SELECT
  "t2"."region",
  "t2"."service",
  "t2"."minute",
  "t2"."sub",
  COUNT(*) AS "attempts",
  MIN("t2"."ts") FILTER(WHERE
    "t2"."sub" IS NOT NULL) AS "first",
  MAX("t2"."ts") FILTER(WHERE
    "t2"."sub" IS NOT NULL) AS "last"
FROM (
  SELECT
    "t1"."region",
    "t1"."service",
    "t1"."ts",
    CAST(FLOOR((
      EPOCH("t1"."ts")
    ) / (
      60
    )) AS BIGINT) AS "minute",
    CASE
      WHEN COALESCE({cause}, FALSE)
      OR COALESCE({sip}, FALSE)
      OR COALESCE("t1"."http_status" >= {http}, FALSE)
      THEN "t1"."subscriber"
      ELSE CAST(NULL AS TEXT)
    END AS "sub"
  FROM (
    SELECT
      *
    FROM "{source}" AS "t0"
  ) AS "t1"
) AS "t2"
GROUP BY
  1,
  2,
  3,
  4"""


def _isin(column: str, values: frozenset[int]) -> str:
    """`column IN (...)` as Ibis writes it (FALSE for an empty set)."""
    if not values:
        return "FALSE"
    return f'"t1"."{column}" IN ({", ".join(str(int(v)) for v in sorted(values))})'


def duckdb_sql(source: str, policy: FailurePolicy) -> str:
    """The engine pass as DuckDB SQL over the relation `source` (canonical columns and types).

    Identical to `ibis.to_sql(aggregate_expr(...))` for a DuckDB table read from canonical
    Parquet; the CLI runs it on a plain DuckDB connection, which saves importing Ibis.
    """
    if '"' in source:
        raise ValueError(f"not a plain relation name: {source!r}")
    return _DUCKDB_SQL.format(
        source=source,
        cause=_isin("cause", policy.network_causes),
        sip=_isin("sip_status", policy.network_sip),
        http=int(policy.http_min_failure),
    )
