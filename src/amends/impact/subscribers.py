"""Who was hit: one row per (window, subscriber, region) with failed attempts and first/last."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pyarrow as pa
import pyarrow.compute as pc

from amends.impact.model import SUBSCRIBERS_SCHEMA

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class WindowScope:
    """Where pass 2 looks for a window's failures: [start, end) minutes and its (region, service).

    Minutes count from the epoch (UTC); `end` is None while the window is ongoing.
    """

    id: str
    start: int
    end: int | None
    pairs: frozenset[tuple[str, str]]

    @property
    def start_time(self) -> datetime:
        """The first instant inside the window (UTC)."""
        return EPOCH + timedelta(minutes=self.start)

    @property
    def end_time(self) -> datetime | None:
        """The first instant after the window (UTC), None while ongoing."""
        return None if self.end is None else EPOCH + timedelta(minutes=self.end)


def affected(failures: pa.Table, scopes: list[WindowScope]) -> pa.Table:
    """Pass 2 over subscriber failure minutes held in memory (`Aggregates.failures`).

    The rows a backend's pass 2 returns, in its order: a subscriber's failures inside each
    window's minutes and scope, summed per (window, subscriber, region), with the first and last
    failure.
    """
    parts = []
    for scope in scopes:
        sel = pc.greater_equal(failures["minute"], scope.start)
        if scope.end is not None:
            sel = pc.and_(sel, pc.less(failures["minute"], scope.end))
        rows = failures.filter(sel)  # the window's minutes first: few rows to key
        keys = pc.binary_join_element_wise(
            pc.cast(rows["region"], pa.string()), pc.cast(rows["service"], pa.string()), "\x1f"
        )
        wanted = pa.array(sorted(f"{r}\x1f{s}" for r, s in scope.pairs), pa.string())
        rows = rows.filter(pc.is_in(keys, value_set=wanted))
        if rows.num_rows == 0:
            continue
        g = (
            rows.group_by(["subscriber", "region"])
            .aggregate([("failures", "sum"), ("first_failure", "min"), ("last_failure", "max")])
            .sort_by([("subscriber", "ascending"), ("region", "ascending")])
        )
        parts.append(
            pa.table(
                [
                    pa.array([scope.id] * g.num_rows, pa.string()),
                    pc.cast(g["subscriber"], pa.string()),
                    pc.cast(g["region"], pa.string()),
                    pc.cast(g["failures_sum"], pa.int64()),
                    pc.cast(g["first_failure_min"], pa.timestamp("us", tz="UTC")),
                    pc.cast(g["last_failure_max"], pa.timestamp("us", tz="UTC")),
                ],
                schema=SUBSCRIBERS_SCHEMA,
            )
        )
    return pa.concat_tables(parts) if parts else SUBSCRIBERS_SCHEMA.empty_table()


def counted(rows: pa.Table, scopes: list[WindowScope]) -> tuple[pa.Table, dict[str, int]]:
    """The `subscribers.parquet` table and each window's number of distinct affected subscribers.

    `rows` come from pass 2, already ordered by window (in `scopes` order), subscriber, region.
    """
    table = rows.select(SUBSCRIBERS_SCHEMA.names).combine_chunks()
    counts: dict[str, int] = {}
    for scope in scopes:
        subs = table.filter(pc.equal(table["window"], scope.id))["subscriber"]
        if len(subs):
            counts[scope.id] = distinct(subs)
    return table.cast(SUBSCRIBERS_SCHEMA), counts


def distinct(col: pa.ChunkedArray | pa.Array) -> int:
    """The number of distinct non-null values (`unique` is faster than `count_distinct`)."""
    return len(pc.unique(col)) - (1 if col.null_count else 0)
