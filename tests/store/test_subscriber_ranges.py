"""amends.subscriber_ranges: inputs cut at the same subscriber ids, parts in ascending order."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from amends import subscriber_ranges
from amends.subscriber_ranges import boundaries, parts_for, split_by_subscriber


def _ids(n: int) -> list[str]:
    """Subscriber ids in no particular order, one with a quote (SQL literals must escape it)."""
    ids = [f"sub-{(i * 7919) % n:06d}" for i in range(n)]
    ids[3] = "o'brien"
    return ids


def test_parts_cover_every_row_once_in_ascending_ranges(tmp_path: Path) -> None:
    ids = _ids(5_000)
    con = duckdb.connect()
    con.register("affected_t", pa.table({"subscriber": ids, "n": list(range(len(ids)))}))
    # a second input: two rows for some subscribers, none for others, one id not affected at all
    plans = ids[::3] + ids[::3] + ["zz-not-affected"]
    con.register("plans_t", pa.table({"subscriber": plans}))
    relations = {"affected": "affected_t", "plans": "plans_t"}
    parts = list(split_by_subscriber(con, relations, 4, tmp_path))
    assert len(parts) == 4
    seen: dict[str, list[str]] = {"affected": [], "plans": []}
    previous_max = None
    for part in parts:
        got = {}
        for name in relations:
            assert part[name] is not None
            got[name] = [
                r[0]
                for r in con.execute(
                    f"SELECT subscriber FROM read_parquet('{part[name]}') ORDER BY subscriber"
                ).fetchall()
            ]
            seen[name] += got[name]
        low = min(got["affected"] + got["plans"])
        if previous_max is not None:
            assert low > previous_max  # the parts follow in subscriber order
        previous_max = max(got["affected"] + got["plans"])
        # every plans row of a subscriber lands where that subscriber's impact rows are
        assert {s for s in got["plans"] if s != "zz-not-affected"} <= set(got["affected"])
        assert 5_000 // 4 * 0.8 < len(got["affected"]) < 5_000 // 4 * 1.2  # about equal
    assert sorted(seen["affected"]) == sorted(ids)
    assert sorted(seen["plans"]) == sorted(plans)
    # concatenated part after part, each part sorted: sorted as a whole
    assert seen["affected"] == sorted(ids)


def test_fewer_distinct_subscribers_than_parts(tmp_path: Path) -> None:
    con = duckdb.connect()
    con.register("t", pa.table({"subscriber": ["b", "a", "b", "a", "b"]}))
    assert boundaries(con, "t", 5) == ["b"]  # no empty part below the least id
    parts = list(split_by_subscriber(con, {"t": "t"}, 5, tmp_path))
    counts = [
        con.execute(f"SELECT count(*) FROM read_parquet('{p['t']}')").fetchall()[0][0]
        for p in parts
        if p["t"] is not None
    ]
    assert sum(counts) == 5 and len(counts) == 2


@pytest.mark.parametrize(("rows", "parts"), [(0, 1), (1, 1), (8_000_000, 1), (8_000_001, 2)])
def test_parts_for(rows: int, parts: int) -> None:
    assert subscriber_ranges.PART_ROWS == 8_000_000
    assert parts_for(rows) == parts
