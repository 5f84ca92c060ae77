"""Input validation with one-line errors that name the file, the row and the fix.

Column checks compare names; Parquet checks read footers (and a required column's row group only
when its statistics do not rule out empty values); row checks run
a compiled mapping's conditions over the source in one vectorised DuckDB scan and report the first
bad row. Row numbers are the file's line numbers, as an editor shows them: a CSV header is
line 1, its first data row line 2; in access logs every line is a row. Parquet rows count from 1.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from amends.errors import InputError
from amends.errors import shown as shown_value
from amends.events.schema import EVENT_SCHEMA, REQUIRED_COLUMNS
from amends.events.transform import Compiled

#: Names people give the canonical columns, for "did you mean" hints (lower case).
ALIASES: dict[str, tuple[str, ...]] = {
    "ts": (
        "timestamp",
        "time",
        "datetime",
        "date",
        "start",
        "start_time",
        "calldate",
        "event_time",
    ),
    "subscriber": ("msisdn", "caller", "src", "user", "account", "customer", "subscriber_id"),
    "region": ("area", "state", "city", "location", "zone", "exchange", "cell", "site"),
    "service": ("type", "call_type", "service_type", "product", "api"),
    "cause": ("release_cause", "hangup_cause", "disposition", "q850", "cause_code"),
    "sip_status": ("sip_code", "sip_response", "sip"),
    "http_status": ("status", "status_code", "http_code"),
    "duration_s": ("duration", "billsec", "seconds", "duration_sec"),
}

#: Maps a scan position (the `pos` SQL of the source) to (file, 1-based row).
Locator = Callable[[int], tuple[str, int | None]]


def check_columns(
    found: list[str], needed: list[str], *, path: str, mapping: str | None = None
) -> None:
    """Refuse a source that lacks columns: say which are missing, which were found, and the fix."""
    missing = [c for c in needed if c not in found]
    if not missing:
        return
    hints = []
    for name in missing:
        aliases = [f for f in found if f.lower() in ALIASES.get(name, ())]
        close = aliases or difflib.get_close_matches(name, found, n=1, cutoff=0.6)
        if close:
            hints.append(f"'{shown_value(close[0])}' for {name!r}?")
    # names come from the file: escape control characters and cut long ones (terminal safety)
    shown = ", ".join(shown_value(f) for f in found[:10]) + (", ..." if len(found) > 10 else "")
    fix = (
        f"fix the mapping {mapping!r} or the file"
        if mapping
        else "rename them to the canonical names or pass --map with a mapping file"
    )
    raise InputError(
        f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
        f"found {shown or 'no columns'}"
        + (f" (did you mean {' '.join(hints)})" if hints else "")
        + f": {fix}",
        path=path,
    )


#: What PyArrow raises on a damaged file (a column name that is not UTF-8 included).
_UNREADABLE = (pa.ArrowException, OSError, UnicodeDecodeError)


def _unreadable(path: Path, exc: Exception) -> InputError:
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return InputError(
        f"cannot read as Parquet ({reason}): the file is truncated, corrupt or not Parquet; "
        "write it again (or give .csv files a .csv extension)",
        path=str(path),
    )


def parquet_schema(path: Path) -> pa.Schema:
    """Read one Parquet footer: refuse unreadable, truncated and zero-row files."""
    try:
        meta = pq.ParquetFile(path).metadata
        schema = meta.schema.to_arrow_schema()
    except _UNREADABLE as exc:
        raise _unreadable(path, exc) from exc
    if meta.num_rows == 0:
        raise InputError("the Parquet file has 0 rows: give a file with events", path=str(path))
    return schema


def check_canonical_parquet(schema: pa.Schema, path: Path) -> None:
    """Canonical Parquet: the required columns exist and each canonical column has a usable type."""
    check_columns(schema.names, list(REQUIRED_COLUMNS), path=str(path))
    for field in EVENT_SCHEMA:
        if field.name not in schema.names:
            continue
        actual = schema.field(field.name).type
        if pa.types.is_dictionary(actual):
            actual = actual.value_type
        expected = field.type
        if pa.types.is_timestamp(expected):
            ok = pa.types.is_timestamp(actual)
            want = "a timestamp"
        elif pa.types.is_string(expected):
            ok = pa.types.is_string(actual) or pa.types.is_large_string(actual)
            ok = ok or pa.types.is_string_view(actual)
            want = "text"
        elif pa.types.is_integer(expected):
            ok = pa.types.is_integer(actual)
            want = "an integer"
        else:
            ok = pa.types.is_integer(actual) or pa.types.is_floating(actual)
            want = "a number"
        if not ok:
            raise InputError(
                f"column {field.name!r} has type {actual}, expected {want} ({expected}): "
                "convert it, or pass --map with a mapping that reads it",
                path=str(path),
            )
    check_required_present(path)


def check_required_present(path: Path) -> None:
    """Every event has ts, subscriber, region and service: refuse the first empty one.

    Row-group statistics answer it from the footer; a row group without them (or with empty
    values) is read for that column alone, to name the row.
    """
    try:
        pf = pq.ParquetFile(path)
        meta = pf.metadata
        names = [meta.schema.column(i).name for i in range(meta.num_columns)]
    except _UNREADABLE as exc:
        raise _unreadable(path, exc) from exc
    offset = 0
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        for name in REQUIRED_COLUMNS:
            if name not in names:
                continue
            i = names.index(name)
            chunk = group.column(i)
            if chunk.physical_type != meta.schema.column(i).physical_type:
                # pyarrow aborts the whole process reading such a chunk's statistics
                raise _unreadable(path, ValueError(f"column {name!r} has a damaged type"))
            stats = chunk.statistics
            if stats is not None and stats.has_null_count and stats.null_count == 0:
                continue
            try:
                values = pf.read_row_group(g, columns=[name]).column(0)
            except _UNREADABLE as exc:
                raise _unreadable(path, exc) from exc
            if values.null_count:
                row = offset + int(pc.index(pc.is_null(values), True).as_py()) + 1
                raise InputError(
                    f"column {name!r} is empty; every event needs "
                    f"{', '.join(REQUIRED_COLUMNS)}: fill it or drop the row",
                    path=str(path),
                    row=row,
                )
        offset += group.num_rows


def run_checks(
    con: Any,
    relation: str,
    compiled: Compiled,
    *,
    pos: str | None,
    locate: Locator,
) -> None:
    """Run every check of `compiled` over `relation` in one scan; raise on the first bad row.

    `con` is a DuckDB connection (`duckdb.DuckDBPyConnection`); `pos` is the SQL of a row's scan
    position (None when rows have no order, e.g. a table from a database).
    """
    checks = compiled.checks
    if checks:
        order = pos if pos is not None else "0"
        aggs = ", ".join(f"min(CASE WHEN {c.bad} THEN {order} END)" for c in checks)
        firsts = con.execute(f"SELECT {aggs} FROM {relation}").fetchone()
        hits = [(p, i) for i, p in enumerate(firsts) if p is not None]
        if hits:
            position, index = min(hits)
            check = checks[index]
            cond = f"{check.bad} AND {order} = {position}"
            (value,) = con.execute(
                f"SELECT {check.shown} FROM {relation} WHERE {cond} LIMIT 1"
            ).fetchone()
            file, row = locate(position) if pos is not None else locate(-1)
            raise InputError(check.message.replace("{value}", _show(value)), path=file, row=row)
    for cc in compiled.code_checks:
        unknown = f"({cc.raw} IS NOT NULL AND {cc.mapped} IS NULL)"
        rows = con.execute(
            f"SELECT {cc.raw} AS v, count(*) AS n FROM {relation} "
            f"WHERE {unknown} GROUP BY v ORDER BY n DESC, v LIMIT 6"
        ).fetchall()
        if rows:
            total, first = con.execute(
                f"SELECT count(*), min({pos or '0'}) FROM {relation} WHERE {unknown}"
            ).fetchone()
            listed = ", ".join(f"{_show(v)} ({n} row{'s' if n > 1 else ''})" for v, n in rows[:5])
            file, row = locate(first) if pos is not None else locate(-1)
            raise InputError(
                f"{total} row{'s' if total > 1 else ''} of column {cc.source!r} have codes that "
                f"[codes.{cc.column}] does not list: {listed}"
                + (", ..." if len(rows) > 5 else "")
                + f"; add them to [codes.{cc.column}] in the mapping",
                path=file,
                row=row,
            )


def _show(value: object) -> str:
    if value is None:
        return "an empty value"
    text = str(value)
    return repr(text if len(text) <= 80 else text[:77] + "...")
