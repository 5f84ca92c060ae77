"""Who was hit: one row per (window, subscriber, region) with failed attempts and first/last."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from amends.impact.model import SUBSCRIBERS_SCHEMA


def affected(
    failures: pa.Table, windows: list[tuple[str, int, int | None, set[tuple[str, str]]]]
) -> pd.DataFrame:
    """Rows of subscriber failures inside each window's [start, end) minutes and scope.

    `failures`: the engine pass's subscriber minutes (`Aggregates.failures`). `windows`: (id,
    start minute, end minute or None for ongoing, {(region, service)}), minutes since the epoch.
    Returns window, subscriber, region, failed_attempts, first/last failure.
    """
    parts = []
    for wid, start, end, scope in windows:
        sel = pc.greater_equal(failures["minute"], start)
        if end is not None:
            sel = pc.and_(sel, pc.less(failures["minute"], end))
        keys = pc.binary_join_element_wise(
            pc.cast(failures["region"], pa.string()),
            pc.cast(failures["service"], pa.string()),
            "\x1f",
        )
        wanted = pa.array(sorted(f"{r}\x1f{s}" for r, s in scope), pa.string())
        sel = pc.and_(sel, pc.is_in(keys, value_set=wanted))
        rows = failures.filter(sel)
        if rows.num_rows == 0:
            continue
        g = (
            rows.group_by(["subscriber", "region"])
            .aggregate([("failures", "sum"), ("first_failure", "min"), ("last_failure", "max")])
            .rename_columns(
                ["subscriber", "region", "failed_attempts", "first_failure", "last_failure"]
            )
            .to_pandas()
            .sort_values(["subscriber", "region"], kind="stable")
        )
        g.insert(0, "window", wid)
        parts.append(g)
    if not parts:
        return SUBSCRIBERS_SCHEMA.empty_table().to_pandas()
    return pd.concat(parts, ignore_index=True)


def to_arrow(df: pd.DataFrame) -> pa.Table:
    """The subscriber rows with the fixed `subscribers.parquet` schema."""
    df = df.astype({"failed_attempts": "int64"})
    return pa.Table.from_pandas(df, schema=SUBSCRIBERS_SCHEMA, preserve_index=False)
