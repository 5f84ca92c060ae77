"""Read text inputs (CSV, access logs) into DuckDB temp tables of strings, keeping each row's place.

Everything is read as text, so that a bad value becomes a precise error instead of a failed read;
each staged row keeps a scan position that maps back to (file, 1-based row) for messages.
"""

from __future__ import annotations

import csv
import itertools
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amends.errors import InputError
from amends.events.mapping import CsvOptions, Mapping
from amends.events.schema import REQUIRED_COLUMNS
from amends.events.sources import open_text
from amends.events.transform import Check, Compiled, ident, lit
from amends.events.validate import Locator, check_columns, run_checks

#: The fields of a Common/Combined Log Format line, in order; `host` only with `vhost = true`.
CLF_FIELDS: tuple[str, ...] = (
    "remote_addr",
    "ident",
    "user",
    "time",
    "request",
    "status",
    "bytes",
    "referer",
    "user_agent",
)
_Q = r'"((?:[^"\\]|\\.)*)"'
CLF_REGEX = (
    r"^(\S+) (\S+) (\S+) \[([^\]]+)\] " + _Q + r" (\d{3}) (\S+)(?: " + _Q + " " + _Q + r")?.*$"
)
#: Columns a CLF mapping can read: the line's fields plus those derived from the request.
CLF_COLUMNS: tuple[str, ...] = ("host", *CLF_FIELDS, "method", "path", "protocol")

_POS_STRIDE = 1 << 40  # position = file index * stride + row


@dataclass(frozen=True)
class Staged:
    """A staged source: a relation name, its column types, and how to locate a row."""

    relation: str
    types: dict[str, str]
    pos: str | None
    locate: Locator
    mapping: Mapping


def temp_name(kind: str) -> str:
    """A fresh temp table/view name."""
    return f"_amends_{kind}_{uuid.uuid4().hex[:12]}"


def _locator(paths: list[Path], offset: int = 0) -> Locator:
    """Position -> (file, line): `offset` 1 counts a CSV header, so rows are the lines an editor
    shows."""

    def locate(pos: int) -> tuple[str, int | None]:
        if pos < 0:
            return str(paths[0]), None
        return str(paths[pos // _POS_STRIDE]), pos % _POS_STRIDE + offset

    return locate


def read_header(path: Path, opts: CsvOptions) -> list[str]:
    """The column names on a CSV file's first line (BOM and surrounding spaces removed)."""
    if path.suffix.lower() != ".gz":
        _refuse_non_utf8(path)
    with open_text(path) as fh:  # type: ignore[attr-defined]
        reader = csv.reader(fh, delimiter=opts.delimiter, quotechar=opts.quote)
        first = next(reader, None)
    if not first or not any(f.strip() for f in first):
        raise InputError(
            "the file has no header line: give a CSV file with a header", path=str(path)
        )
    first[0] = first[0].lstrip("\ufeff")
    return [f.strip() for f in first]


def stage_csv(con: Any, paths: list[Path], mapping: Mapping | None) -> Staged:
    """Load CSV files as text into one temp table `(_pos, <needed columns>)`.

    Without a mapping the files must already have the canonical column names.
    """
    opts = mapping.csv if mapping is not None else CsvOptions()
    names_per_file = [
        list(opts.fieldnames) if opts.fieldnames else read_header(p, opts) for p in paths
    ]
    if mapping is None:
        present = sorted(set(itertools.chain.from_iterable(names_per_file)))
        mapping = Mapping.canonical(present)
    needed = mapping.source_columns()
    label = None if mapping.name == "canonical" else mapping.name
    required = list(REQUIRED_COLUMNS) if mapping.name == "canonical" else needed
    for path, names in zip(paths, names_per_file, strict=True):
        check_columns(names, required, path=str(path), mapping=label)
    table = temp_name("csv")
    cols = ", ".join(f"{ident(c)} VARCHAR" for c in needed)
    con.execute(f"CREATE TEMP TABLE {table} (_pos BIGINT, {cols})")
    for index, (path, names) in enumerate(zip(paths, names_per_file, strict=True)):
        columns = "{" + ", ".join(f"{lit(n)}: 'VARCHAR'" for n in _dedupe(names)) + "}"
        options = [
            f"header = {lit(opts.header)}",
            "auto_detect = false",
            f"columns = {columns}",
            f"delim = {lit(opts.delimiter)}",
            f"quote = {lit(opts.quote)}",
            f"escape = {lit(opts.escape or opts.quote)}",
            "null_padding = true",
        ]
        present = [c for c in needed if c in names]
        select = ", ".join(f"nullif(trim({ident(c)}), '') AS {ident(c)}" for c in present)
        sql = (
            f"INSERT INTO {table} BY NAME SELECT {index} * {_POS_STRIDE} + row_number() OVER () "
            f"AS _pos, {select} FROM read_csv({lit(str(path))}, {', '.join(options)})"
        )
        before = _count(con, table)
        try:
            con.execute(sql)
        except Exception as exc:  # duckdb.Error: the file is not CSV in this layout
            _refuse_non_utf8(path)
            raise InputError(
                f"cannot read as CSV: {_first_line(exc)}: check the delimiter, quoting and "
                "number of fields (or the mapping's [csv] options)",
                path=str(path),
            ) from exc
        if _count(con, table) == before:
            raise InputError(
                "the file has no data rows"
                + (" (only a header)" if opts.header else "")
                + ": give a file with events",
                path=str(path),
            )
    locate = _locator(paths, 1 if opts.header else 0)
    return Staged(table, dict.fromkeys(needed, "VARCHAR"), "_pos", locate, mapping)


def stage_clf(con: Any, paths: list[Path], mapping: Mapping) -> Staged:
    """Parse access-log lines with the CLF regex into a temp table of named text fields.

    A line that does not parse is an error naming its line number; blank lines are skipped.
    """
    unknown = [c for c in mapping.source_columns() if c not in CLF_COLUMNS]
    if unknown:
        raise InputError(
            f"the mapping reads {', '.join(unknown)}, which access logs do not have "
            f"(fields: {', '.join(CLF_COLUMNS)})",
            path=mapping.source,
        )
    fields = (("vhost",) if mapping.clf.vhost else ()) + CLF_FIELDS
    regex = (r"^(\S+) " + CLF_REGEX[1:]) if mapping.clf.vhost else CLF_REGEX
    lines = temp_name("lines")
    con.execute(f"CREATE TEMP TABLE {lines} (_pos BIGINT, line VARCHAR)")
    for index, path in enumerate(paths):
        if path.suffix.lower() == ".gz":
            raise InputError("compressed access logs are not supported: gunzip it", path=str(path))
        split = "string_split(content, chr(10))"
        con.execute(
            f"INSERT INTO {lines} SELECT {index} * {_POS_STRIDE} + n, rtrim(line, chr(13)) FROM "
            f"(SELECT unnest({split}) AS line, generate_subscripts({split}, 1) AS n "
            f"FROM read_text({lit(str(path))})) WHERE trim(line) <> ''"
        )
    for index, path in enumerate(paths):
        (n,) = con.execute(
            f"SELECT count(*) FROM {lines} WHERE _pos // {_POS_STRIDE} = {index}"
        ).fetchone()
        if n == 0:
            raise InputError("the log has no lines: give a file with requests", path=str(path))
    locate = _locator(paths)
    bad_line = Check(
        bad=f"NOT regexp_matches(line, {lit(regex)})",
        shown="line",
        message="the line is not in Common or Combined Log Format: {value}",
    )
    run_checks(con, lines, Compiled({}, [bad_line], []), pos="_pos", locate=locate)
    names = "[" + ", ".join(lit(f) for f in fields) + "]"
    host = "nullif(regexp_extract(m.vhost, '^([^:]+)', 1), '')" if mapping.clf.vhost else "NULL"
    table = temp_name("clf")
    extracted = ", ".join(f"nullif(m.{f}, '') AS {f}" for f in CLF_FIELDS)
    con.execute(
        f"CREATE TEMP TABLE {table} AS SELECT _pos, CAST({host} AS VARCHAR) AS host, {extracted}, "
        "nullif(regexp_extract(m.request, '^(\\S+)', 1), '') AS method, "
        "nullif(regexp_extract(m.request, '^\\S+\\s+(\\S+)', 1), '') AS path, "
        "nullif(regexp_extract(m.request, '^\\S+\\s+\\S+\\s+(\\S+)', 1), '') AS protocol "
        f"FROM (SELECT _pos, regexp_extract(line, {lit(regex)}, {names}) AS m FROM {lines})"
    )
    con.execute(f"DROP TABLE {lines}")
    return Staged(table, dict.fromkeys(CLF_COLUMNS, "VARCHAR"), "_pos", locate, mapping)


def _refuse_non_utf8(path: Path) -> None:
    """Raise the real cause when a CSV that DuckDB cannot read is not UTF-8 text."""
    from amends.errors import decode_utf8

    with path.open("rb") as fh:
        head = fh.read(1 << 20)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the 1 MiB boundary
            decode_utf8(head, path=str(path))


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def _count(con: Any, table: str) -> int:
    (n,) = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(n)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
