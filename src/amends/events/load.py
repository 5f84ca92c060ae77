"""Load events from files or any Ibis table into the canonical schema, validating on the way.

Canonical Parquet is checked from its footers only and read lazily (the engine scans it once, in
the analysis); CSV and access logs are staged as text in DuckDB, checked row by row in vectorised
queries, and materialised as a typed temp table.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from amends.errors import InputError
from amends.events.mapping import Mapping, resolve_mapping
from amends.events.schema import EVENT_SCHEMA
from amends.events.sources import detect_format, expand_sources
from amends.events.staging import Staged, stage_clf, stage_csv, temp_name
from amends.events.transform import check_tz, compile_mapping
from amends.events.validate import (
    check_canonical_parquet,
    check_columns,
    parquet_schema,
    run_checks,
)

if TYPE_CHECKING:
    import ibis
    import ibis.expr.types as ir

__all__ = ["from_ibis", "from_rows", "load_events"]


@contextmanager
def engine_errors(paths: Sequence[str | Path]) -> Iterator[None]:
    """Around the code that reads events (the tables are lazy: the engine reads the files when
    a result is asked for), turn the engine's read errors (a damaged Parquet file: "Out of
    buffer", "ZSTD Decompression failure", a truncated footer) into one line naming the file."""
    import duckdb

    from amends.errors import shown

    try:
        yield
    except duckdb.OutOfMemoryException:
        raise  # the machine's limit, not the file's fault (amends.cli.main says so)
    except duckdb.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        named = re.search(r'file "([^"]+)"', reason)
        where = named.group(1) if named else ", ".join(str(p) for p in paths)
        reason = re.sub(r'^.*?Failed to read file "[^"]+": ', "", reason)
        raise InputError(
            f"cannot read the events ({shown(reason, limit=160)}); the file is damaged or not "
            "what it says: export or copy it again",
            path=where,
        ) from None


def load_events(
    sources: str | Path | Sequence[str | Path],
    *,
    mapping: str | Path | Mapping | None = None,
    tz: str | None = None,
    con: ibis.BaseBackend | None = None,
) -> ir.Table:
    """Validate and load event files (paths or globs) as a canonical Ibis table.

    Parquet or CSV by extension, or as the mapping declares (`format = "clf"` for access logs);
    `tz` reads naive timestamps; `con` defaults to a new in-memory DuckDB. Bad input raises
    `InputError` naming the file, row and fix.
    """
    import ibis

    resolved = resolve_mapping(mapping)
    check_tz(tz)
    paths = expand_sources(sources)
    fmt = resolved.format if resolved is not None else detect_format(paths)
    if con is None:
        con = ibis.duckdb.connect()
    if fmt == "parquet":
        schemas = [parquet_schema(p) for p in paths]
        if resolved is None:
            for schema, path in zip(schemas, paths, strict=True):
                check_canonical_parquet(schema, path)
            aware = all(s.field("ts").type.tz is not None for s in schemas)
            table = _read_parquet(con, paths, schemas)
            return _cast_canonical(table, tz, str(paths[0]), instants=aware)
        for schema, path in zip(schemas, paths, strict=True):
            check_columns(
                schema.names, resolved.source_columns(), path=str(path), mapping=resolved.name
            )
        table = _read_parquet(con, paths, schemas)
        return _from_table(table, resolved, tz, where=str(paths[0]))
    duck = con if _is_duckdb(con) else ibis.duckdb.connect()
    raw = duck.con
    if fmt == "csv":
        staged = stage_csv(raw, paths, resolved)
    else:
        assert resolved is not None
        staged = stage_clf(raw, paths, resolved)
    result = duck.table(_finish(raw, staged, tz, where=str(paths[0]), materialise=True))
    if duck is not con:
        result = con.create_table(temp_name("events"), result.to_pyarrow(), overwrite=True)
    return result


def from_ibis(
    table: ir.Table, *, mapping: Mapping | None = None, tz: str | None = None
) -> ir.Table:
    """Turn any Ibis table into canonical events, by name or through `mapping`.

    Without a mapping the table must have the canonical column names; types are cast cheaply.
    A mapping with more than renames and constants needs a DuckDB-backed table.
    """
    check_tz(tz)
    where = "the table"
    if mapping is None:
        check_columns(list(table.columns), ["ts", "subscriber", "region", "service"], path=where)
        return _cast_canonical(table, tz, where)
    check_columns(list(table.columns), mapping.source_columns(), path=where, mapping=mapping.name)
    return _from_table(table, mapping, tz, where=where)


def from_rows(
    rows: pa.Table | pa.RecordBatchReader,
    mapping: Mapping,
    *,
    where: str,
    key: str | None = None,
    con: ibis.BaseBackend | None = None,
) -> ir.Table:
    """Canonical events from rows fetched out of a database (a table or a stream of batches,
    read once), mapped and checked in DuckDB.

    `key` names a column that identifies a row (a serial id): errors then say which row is bad.
    """
    import ibis

    duck = con if con is not None else ibis.duckdb.connect()
    raw = duck.con
    relation = temp_name("rows")
    raw.register(relation + "_arrow", rows)
    raw.execute(f"CREATE TEMP TABLE {relation} AS SELECT * FROM {relation}_arrow")
    raw.unregister(relation + "_arrow")
    types = {name: str(kind) for name, kind, *_ in raw.execute(f"DESCRIBE {relation}").fetchall()}
    pos = None if key is None else f'"{key}"'

    def locate(position: int) -> tuple[str, int | None]:
        return (where if key is None or position < 0 else f"{where} (row {key} = {position})"), None

    staged = Staged(relation, types, pos, locate, mapping)
    return duck.table(_finish(raw, staged, None, where=where, materialise=True))


def _from_table(table: ir.Table, mapping: Mapping, tz: str | None, *, where: str) -> ir.Table:
    backend = table.get_backend()
    if not _is_duckdb(backend):
        return _simple_mapping(table, mapping, tz, where)
    import ibis

    raw = backend.con
    view = temp_name("src")
    raw.execute(f"CREATE TEMP VIEW {view} AS {ibis.to_sql(table, dialect='duckdb')}")
    types = {name: str(kind) for name, kind, *_ in raw.execute(f"DESCRIBE {view}").fetchall()}

    def locate(_pos: int) -> tuple[str, int | None]:
        return where, None

    staged = Staged(view, types, None, locate, mapping)
    return backend.table(_finish(raw, staged, tz, where=where, materialise=False))


def _finish(raw: Any, staged: Staged, tz: str | None, *, where: str, materialise: bool) -> str:
    """Compile the mapping over the staged relation, run its checks, create the canonical one."""
    compiled = compile_mapping(staged.mapping, staged.types, tz=tz, where=where)
    run_checks(raw, staged.relation, compiled, pos=staged.pos, locate=staged.locate)
    name = temp_name("events")
    kind = "TABLE" if materialise else "VIEW"
    raw.execute(
        f"CREATE TEMP {kind} {name} AS SELECT {compiled.select_sql()} FROM {staged.relation}"
    )
    if materialise:
        raw.execute(f"DROP TABLE {staged.relation}")
    return name


def _is_duckdb(backend: Any) -> bool:
    return getattr(backend, "name", None) == "duckdb"


def _read_parquet(con: Any, paths: list[Path], schemas: list[pa.Schema]) -> ir.Table:
    names = [str(p) for p in paths]
    same = all(s.names == schemas[0].names for s in schemas)
    if _is_duckdb(con):
        kwargs = {} if same else {"union_by_name": True}
        return con.read_parquet(names, **kwargs)
    if not same:
        raise InputError("the Parquet files have different columns: give them the same columns")
    if len(names) == 1:
        return con.read_parquet(names[0])
    # Ibis's other backends read one path (Spark's would take a list as one malformed glob):
    # one relation per file, unioned (Spark plans a union of many as one node)
    tables = [con.read_parquet(name) for name in names]
    return tables[0].union(*tables[1:])


def _cast_canonical(
    table: ir.Table, tz: str | None, where: str, *, instants: bool = False
) -> ir.Table:
    """Select the canonical columns in order with cheap casts; typed nulls for missing ones.

    `instants` says the files hold UTC instants even if the engine's type has no zone (Spark's
    TIMESTAMP is an instant in the session zone).
    """
    import ibis
    import ibis.expr.datatypes as dt

    target = ibis.Schema.from_pyarrow(EVENT_SCHEMA)
    columns: dict[str, Any] = {}
    for name, want in target.items():
        want = want.copy(nullable=True)
        if name not in table.columns:
            columns[name] = ibis.null(want)
            continue
        col = table[name]
        have = col.type()
        if name == "ts":
            if not have.is_timestamp():
                raise InputError(f"column 'ts' has type {have}, expected a timestamp", path=where)
            if have.timezone is None and instants:
                col = col.cast(dt.Timestamp(timezone="UTC", scale=have.scale))
            elif have.timezone is None:
                col = _naive_to_utc(table, col, tz, where)
            elif have.timezone != "UTC" or have.scale not in (None, 6):
                col = col.cast(dt.Timestamp(timezone="UTC", scale=6))
        elif have != want:
            col = col.cast(want)
        columns[name] = col
    return table.select(**columns)


def _naive_to_utc(table: ir.Table, col: Any, tz: str | None, where: str) -> Any:
    """Read naive timestamps in `tz` (DuckDB and PySpark); without `tz` they are refused."""
    import ibis.expr.datatypes as dt

    if tz is None:
        raise InputError(
            "column 'ts' holds timestamps without a time zone: pass --tz (e.g. --tz "
            "America/New_York) or write them as UTC",
            path=where,
        )
    backend = table.get_backend()
    utc = dt.Timestamp(timezone="UTC", scale=6)
    naive = dt.Timestamp()
    if _is_duckdb(backend):
        # DuckDB's timezone(zone, naive timestamp) → the instant.
        return _builtin("timezone", {"zone": dt.string, "ts": naive}, utc)(tz, col)
    if getattr(backend, "name", None) == "pyspark":
        # Spark's to_utc_timestamp(naive, zone) → naive UTC wall time.
        to_utc = _builtin("to_utc_timestamp", {"ts": naive, "zone": dt.string}, naive)
        return to_utc(col, tz).cast(utc)
    raise InputError("naive timestamps need DuckDB or PySpark: write ts as UTC", path=where)


def _builtin(name: str, params: dict[str, Any], returns: Any) -> Any:
    """An Ibis scalar UDF bound to the backend's built-in function `name`."""
    import ibis

    def fn(*args: Any) -> Any:
        """A placeholder: the backend runs its own function."""

    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    fn.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(p, kind, annotation=t) for p, t in params.items()],
        return_annotation=returns,
    )
    fn.__annotations__ = {**params, "return": returns}
    return ibis.udf.scalar.builtin(name=name)(fn)


def _simple_mapping(table: ir.Table, mapping: Mapping, tz: str | None, where: str) -> ir.Table:
    """A mapping of renames and constants, in plain Ibis, for backends other than DuckDB."""
    import ibis

    renamed: dict[str, Any] = {}
    for name, spec in mapping.columns.items():
        extras = spec.model_dump(exclude_defaults=True, exclude={"column", "value"})
        if extras or name in mapping.codes:
            raise InputError(
                f"the mapping's {name} uses {', '.join(extras) or 'codes'}, which needs a DuckDB "
                "table: load the data with DuckDB, or convert it to canonical Parquet first",
                path=mapping.source or where,
            )
        renamed[name] = table[spec.column] if spec.column is not None else ibis.literal(spec.value)
    return _cast_canonical(table.select(**renamed), tz, where)
