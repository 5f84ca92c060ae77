"""Who was hit: one row per (window, subscriber, region) with failed attempts and first/last."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from amends.impact.model import SUBSCRIBERS_SCHEMA


def affected(
    failures: pa.Table, windows: list[tuple[str, int, int | None, set[tuple[str, str]]]]
) -> tuple[pa.Table, dict[str, int]]:
    """Rows of subscriber failures inside each window's [start, end) minutes and scope.

    `failures`: the engine pass's subscriber minutes (`Aggregates.failures`). `windows`: (id,
    start minute, end minute or None for ongoing, {(region, service)}), minutes since the epoch.
    Returns the `subscribers.parquet` table (window, subscriber, region, failed_attempts,
    first/last failure; by window, then subscriber and region) and each window's number of
    distinct subscribers.
    """
    parts = []
    counts: dict[str, int] = {}
    for wid, start, end, scope in windows:
        sel = pc.greater_equal(failures["minute"], start)
        if end is not None:
            sel = pc.and_(sel, pc.less(failures["minute"], end))
        rows = failures.filter(sel)  # the window's minutes first: few rows to key
        keys = pc.binary_join_element_wise(
            pc.cast(rows["region"], pa.string()), pc.cast(rows["service"], pa.string()), "\x1f"
        )
        wanted = pa.array(sorted(f"{r}\x1f{s}" for r, s in scope), pa.string())
        rows = rows.filter(pc.is_in(keys, value_set=wanted))
        if rows.num_rows == 0:
            continue
        g = (
            rows.group_by(["subscriber", "region"])
            .aggregate([("failures", "sum"), ("first_failure", "min"), ("last_failure", "max")])
            .rename_columns(
                ["subscriber", "region", "failed_attempts", "first_failure", "last_failure"]
            )
            .sort_by([("subscriber", "ascending"), ("region", "ascending")])
        )
        counts[wid] = distinct(g["subscriber"])
        parts.append(
            pa.table(
                [
                    pa.array([wid] * g.num_rows, pa.string()),
                    pc.cast(g["subscriber"], pa.string()),
                    pc.cast(g["region"], pa.string()),
                    pc.cast(g["failed_attempts"], pa.int64()),
                    g["first_failure"],
                    g["last_failure"],
                ],
                schema=SUBSCRIBERS_SCHEMA,
            )
        )
    if not parts:
        return SUBSCRIBERS_SCHEMA.empty_table(), counts
    return pa.concat_tables(parts).combine_chunks(), counts


def distinct(col: pa.ChunkedArray | pa.Array) -> int:
    """The number of distinct non-null values (`unique` is faster than `count_distinct`)."""
    return len(pc.unique(col)) - (1 if col.null_count else 0)
