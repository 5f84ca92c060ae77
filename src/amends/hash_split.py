"""Split inputs by a hash of the subscriber, so that a join or an aggregate over any number of
customers runs one part at a time in DuckDB, in bounded memory and in time linear in the rows.

Every input is split by the same hash, so a subscriber's rows in each input land in the same part:
a join or a per-subscriber aggregate over the parts, one after another, gives what it would over
the whole. Used by `amends notices` and `amends credits` above `PART_ROWS` affected rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

#: Rows per part once inputs are split: a part this size is joined and aggregated well within
#: the 1-1.5 GB DuckDB is given (100M customers in one piece did not fit in 1 GB).
PART_ROWS = 8_000_000


def parts_for(rows: int) -> int:
    """How many parts `rows` input rows are split into (1: not split)."""
    return max(1, -(-rows // PART_ROWS))


def split_by_subscriber(
    con: Any, relations: Mapping[str, str], parts: int, folder: Path
) -> Iterator[dict[str, str | None]]:
    """Write each relation (SQL a FROM clause can name, with a `subscriber` column) once as
    hive-partitioned Parquet under `folder`, by hash(subscriber) % parts; then yield, per part,
    each relation's files there (a glob for `read_parquet`), None where it has no rows."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, relation in relations.items():
        out = str(folder / name).replace("'", "''")
        con.execute(
            f"COPY (SELECT *, (hash(subscriber::VARCHAR) % {parts})::INTEGER AS amends_part "
            f"FROM {relation}) TO '{out}' (FORMAT parquet, PARTITION_BY (amends_part), "
            "COMPRESSION zstd)"
        )
    for p in range(parts):
        part: dict[str, str | None] = {}
        for name in relations:
            where = folder / name / f"amends_part={p}"
            part[name] = str(where / "*.parquet") if any(where.glob("*.parquet")) else None
        yield part
