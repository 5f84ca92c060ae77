"""Split inputs into ranges of subscriber ids, so that a join or an aggregate over any number of
customers runs one part at a time in DuckDB, in bounded memory and in time linear in the rows.

Every input is split at the same boundaries, so a subscriber's rows in each input land in the
same part: a join or a per-subscriber aggregate over the parts, one after another, gives what it
would over the whole. The parts follow each other in subscriber order, so rows sorted within each
part and taken part after part are sorted as a whole: 100M credits reach the ledger in key order
without one 100M-row sort (which spilled 13 GB). Used by `amends notices` and `amends credits`
above `PART_ROWS` affected rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

#: Rows per part once inputs are split: a part this size is joined and aggregated well within
#: the 1-1.5 GB DuckDB is given (100M customers in one piece did not fit in 1 GB).
PART_ROWS = 8_000_000
#: Subscriber ids sampled to place the boundaries (parts within a few per cent of equal size).
SAMPLE_ROWS = 100_000


def parts_for(rows: int) -> int:
    """How many parts `rows` input rows are split into (1: not split)."""
    return max(1, -(-rows // PART_ROWS))


def boundaries(con: Any, relation: str, parts: int) -> list[str]:
    """Up to `parts - 1` ascending subscriber ids cutting `relation` into parts of about equal
    rows, from a reservoir sample of its subscribers (the first relation split decides)."""
    sample = [
        row[0]
        for row in con.execute(
            f"SELECT subscriber::VARCHAR AS s FROM {relation} "
            f"USING SAMPLE reservoir({SAMPLE_ROWS} ROWS) REPEATABLE (1) ORDER BY s"
        ).fetchall()
        if row[0] is not None
    ]
    cuts = {sample[len(sample) * i // parts] for i in range(1, parts)} if sample else set()
    return sorted(cuts - {sample[0]} if sample else cuts)  # nothing is below the least id


def part_sql(cuts: list[str]) -> str:
    """SQL numbering a row's part by its subscriber: 0 below the first cut, and so on."""
    if not cuts:
        return "0"
    arms = " ".join(
        f"WHEN subscriber::VARCHAR < '{cut.replace(chr(39), chr(39) * 2)}' THEN {i}"
        for i, cut in enumerate(cuts)
    )
    return f"CASE {arms} ELSE {len(cuts)} END"


def split_by_subscriber(
    con: Any, relations: Mapping[str, str], parts: int, folder: Path
) -> Iterator[dict[str, str | None]]:
    """Write each relation (SQL a FROM clause can name, with a `subscriber` column) once as
    hive-partitioned Parquet under `folder`, cut into about `parts` ranges of subscriber ids;
    then yield, per part in ascending subscriber order, each relation's files there (a glob for
    `read_parquet`), None where it has no rows."""
    folder.mkdir(parents=True, exist_ok=True)
    cuts = boundaries(con, next(iter(relations.values())), parts)
    number = part_sql(cuts)
    for name, relation in relations.items():
        out = str(folder / name).replace("'", "''")
        con.execute(
            f"COPY (SELECT *, ({number})::INTEGER AS amends_part FROM {relation}) TO '{out}' "
            "(FORMAT parquet, PARTITION_BY (amends_part), COMPRESSION zstd)"
        )
    for p in range(len(cuts) + 1):
        part: dict[str, str | None] = {}
        for name in relations:
            where = folder / name / f"amends_part={p}"
            part[name] = str(where / "*.parquet") if any(where.glob("*.parquet")) else None
        yield part
