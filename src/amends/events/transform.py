"""Compile a Mapping into DuckDB SQL: one typed expression per canonical column, plus row checks.

The expressions read a source relation (raw CSV strings or typed Parquet/Ibis columns) and parse
defensively (`TRY_CAST`, `try_strptime`), so a bad value becomes NULL; each `Check` names the
condition that exposes it, for the validator to report the first bad row in one vectorised scan.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass

from amends.errors import InputError
from amends.events.mapping import ColumnSpec, Mapping
from amends.events.schema import EVENT_SCHEMA, REQUIRED_COLUMNS

#: Canonical column → DuckDB type of its final value.
SQL_TYPES: dict[str, str] = {
    "ts": "TIMESTAMPTZ",
    "subscriber": "VARCHAR",
    "region": "VARCHAR",
    "service": "VARCHAR",
    "cause": "SMALLINT",
    "sip_status": "SMALLINT",
    "http_status": "SMALLINT",
    "duration_s": "DOUBLE",
}

_EPOCH_DIVISOR = {"s": 1, "ms": 1_000, "us": 1_000_000}

#: An ISO-like timestamp that ends with a UTC offset or Z (after a time of day).
_AWARE_RE = r"\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([zZ]|[+-]\d{2}(:?\d{2})?|UTC|GMT)$"

_NUMERIC_TYPES = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "FLOAT",
    "DOUBLE",
    "DECIMAL",
)


@dataclass(frozen=True)
class Check:
    """A row-level check: rows where `bad` holds are errors, shown with the `shown` value."""

    bad: str  # SQL boolean over the source relation
    shown: str  # SQL expression of the offending source value
    message: str  # what is wrong and the fix; `{value}` is replaced by the shown value


@dataclass(frozen=True)
class CodeCheck:
    """Source values of a coded column that the mapping's `[codes.<column>]` table lacks."""

    column: str  # canonical column
    source: str  # source column name, for messages
    raw: str  # SQL of the source value, as text
    mapped: str  # SQL of the mapped number


@dataclass(frozen=True)
class Compiled:
    """The canonical SELECT list and the checks that guard it."""

    select: dict[str, str]
    checks: list[Check]
    code_checks: list[CodeCheck]

    def select_sql(self) -> str:
        """The SELECT list, canonical columns in schema order with their exact types."""
        return ", ".join(
            f"CAST({self.select[name]} AS {SQL_TYPES[name]}) AS {name}"
            for name in EVENT_SCHEMA.names
        )


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def lit(value: object) -> str:
    """A SQL literal for a string or number."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def check_tz(tz: str | None) -> str | None:
    """Refuse an unknown time zone name early, with the fix."""
    if tz is None:
        return None
    try:
        zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(
            f"unknown time zone {tz!r}: use an IANA name such as Europe/Berlin or America/New_York"
        ) from exc
    return tz


def _is_text(sql_type: str) -> bool:
    return sql_type.upper().startswith(("VARCHAR", "STRING", "TEXT", "CHAR"))


def _is_numeric(sql_type: str) -> bool:
    return sql_type.upper().startswith(_NUMERIC_TYPES) or sql_type.upper().startswith("U")


def compile_mapping(
    mapping: Mapping, types: dict[str, str], *, tz: str | None, where: str
) -> Compiled:
    """Compile `mapping` over a relation whose columns have the DuckDB `types`.

    `tz` (from --tz, else the mapping's `tz`) reads naive timestamps; `where` names the input in
    errors found without scanning (for example naive timestamps and no time zone).
    """
    tz = check_tz(tz or mapping.tz)
    select: dict[str, str] = {}
    checks: list[Check] = []
    code_checks: list[CodeCheck] = []
    for name in EVENT_SCHEMA.names:
        spec = mapping.columns.get(name)
        if spec is None:
            select[name] = "NULL"
            continue
        base, src_type = _base(spec, types)
        src = spec.column or "value"
        if name == "ts":
            expr = _timestamp(spec, base, src_type, tz, checks, where)
            checks.append(
                Check(
                    bad=f"({expr} > now() + INTERVAL 1 DAY)",
                    shown=f"CAST({base} AS VARCHAR)",
                    message=f"timestamp {{value}} in column {src!r} is in the future: "
                    "check the clock, the year or the time zone",
                )
            )
        elif name in mapping.codes:
            table = mapping.codes[name]
            text = f"CAST({base} AS VARCHAR)"
            whens = " ".join(f"WHEN {lit(k)} THEN {int(v)}" for k, v in table.items())
            expr = f"(CASE {text} {whens} END)"
            code_checks.append(CodeCheck(name, src, text, expr))
        elif SQL_TYPES[name] == "VARCHAR":
            expr = _text(spec, base)
        else:
            expr = _number(name, spec, base, src_type, checks)
        select[name] = expr
        if name in REQUIRED_COLUMNS:
            checks.append(_missing_check(name, spec, expr, src))
    return Compiled(select, checks, code_checks)


def _base(spec: ColumnSpec, types: dict[str, str]) -> tuple[str, str]:
    """The source value after `null` and `fallback`, and its SQL type."""
    if spec.value is not None:
        return lit(spec.value), "VARCHAR" if isinstance(spec.value, str) else "DOUBLE"
    assert spec.column is not None
    col, col_type = ident(spec.column), types[spec.column]
    expr = _nulled(col, col_type, spec.null)
    if spec.fallback is not None:
        other = _nulled(ident(spec.fallback), types[spec.fallback], spec.null)
        if types[spec.fallback] != col_type:
            expr, other, col_type = (
                f"CAST({expr} AS VARCHAR)",
                f"CAST({other} AS VARCHAR)",
                "VARCHAR",
            )
        expr = f"coalesce({expr}, {other})"
    if spec.regex is not None:
        expr = f"nullif(regexp_extract(CAST({expr} AS VARCHAR), {lit(spec.regex)}, 1), '')"
        col_type = "VARCHAR"
    return expr, col_type


def _nulled(col: str, col_type: str, nulls: tuple[str, ...]) -> str:
    if not nulls:
        return col
    text = col if _is_text(col_type) else f"CAST({col} AS VARCHAR)"
    return f"(CASE WHEN {text} IN ({', '.join(lit(v) for v in nulls)}) THEN NULL ELSE {col} END)"


def _text(spec: ColumnSpec, base: str) -> str:
    expr = f"CAST({base} AS VARCHAR)"
    if spec.prefixes:
        ordered = sorted(spec.prefixes.items(), key=lambda kv: -len(kv[0]))
        whens = " ".join(f"WHEN starts_with({expr}, {lit(p)}) THEN {lit(v)}" for p, v in ordered)
        other = "NULL" if spec.default is None else lit(spec.default)
        expr = f"(CASE WHEN {expr} IS NULL THEN NULL {whens} ELSE {other} END)"
    if spec.default is not None:
        expr = f"coalesce({expr}, {lit(spec.default)})"
    return expr


def _number(name: str, spec: ColumnSpec, base: str, src_type: str, checks: list[Check]) -> str:
    src = spec.column or "value"
    parsed = base if _is_numeric(src_type) else f"TRY_CAST(trim(CAST({base} AS VARCHAR)) AS DOUBLE)"
    if spec.scale is not None:
        parsed = f"({parsed} * {spec.scale!r})"
    if SQL_TYPES[name] == "SMALLINT":
        ok = f"({parsed} = round({parsed}) AND {parsed} BETWEEN -32768 AND 32767)"
        expr = f"(CASE WHEN {ok} THEN CAST({parsed} AS SMALLINT) END)"
        want = "a whole number between -32768 and 32767"
    else:
        expr = f"CAST({parsed} AS DOUBLE)"
        want = "a number (seconds)"
    checks.append(
        Check(
            bad=f"({base} IS NOT NULL AND {expr} IS NULL)",
            shown=f"CAST({base} AS VARCHAR)",
            message=f"column {src!r} ({name}) has {{value}}, expected {want}: fix the value"
            + (f" or add a [codes.{name}] table to the mapping" if name != "duration_s" else ""),
        )
    )
    if name == "duration_s":
        checks.append(
            Check(
                bad=f"({expr} < 0 OR isnan({expr}) OR isinf({expr}))",
                shown=f"CAST({base} AS VARCHAR)",
                message=f"column {src!r} (duration_s) has {{value}}, expected a duration of 0 "
                "seconds or more: fix the value",
            )
        )
    return expr


def _timestamp(
    spec: ColumnSpec, base: str, src_type: str, tz: str | None, checks: list[Check], where: str
) -> str:
    """A TIMESTAMPTZ expression; naive values are read in `tz` and refused without it."""
    src = spec.column or "value"
    upper = src_type.upper()
    no_tz = (
        f"column {src!r} has timestamps without a time zone (such as {{value}}): pass --tz "
        "(e.g. --tz America/New_York) or set tz in the mapping"
    )
    if "WITH TIME ZONE" in upper or upper.startswith("TIMESTAMPTZ"):
        return base
    if upper.startswith(("TIMESTAMP", "DATE")):
        if tz is None:
            raise InputError(no_tz.replace(" (such as {value})", ""), path=where)
        return f"timezone({lit(tz)}, CAST({base} AS TIMESTAMP))"
    text = f"CAST({base} AS VARCHAR)"
    if spec.epoch is not None:
        divisor = _EPOCH_DIVISOR[spec.epoch]
        expr = f"to_timestamp(TRY_CAST(trim({text}) AS DOUBLE) / {divisor})"
        expected = f"epoch {spec.epoch}"
    elif spec.format is not None:
        aware = "%z" in spec.format or "%Z" in spec.format
        parsed = f"try_strptime(trim({text}), {lit(spec.format)})"
        if aware:
            expr = parsed
        elif tz is None:
            raise InputError(no_tz.replace(" (such as {value})", ""), path=where)
        else:
            expr = f"timezone({lit(tz)}, {parsed})"
        expected = f"the format {spec.format}"
    else:
        is_aware = f"regexp_matches(trim({text}), {lit(_AWARE_RE)})"
        naive = f"TRY_CAST(trim({text}) AS TIMESTAMP)"
        if tz is None:
            checks.append(
                Check(
                    bad=f"({base} IS NOT NULL AND NOT {is_aware} AND {naive} IS NOT NULL)",
                    shown=text,
                    message=no_tz,
                )
            )
            local = "NULL"
        else:
            local = f"timezone({lit(tz)}, {naive})"
        expr = f"(CASE WHEN {is_aware} THEN TRY_CAST(trim({text}) AS TIMESTAMPTZ) ELSE {local} END)"
        expected = "an ISO 8601 timestamp such as 2024-05-01T13:45:00Z"
    checks.append(
        Check(
            bad=f"({base} IS NOT NULL AND {expr} IS NULL)",
            shown=text,
            message=f"unparsable timestamp {{value}} in column {src!r}: expected {expected}"
            + ("" if spec.format or spec.epoch else " (or set a format in a mapping)"),
        )
    )
    return expr


def _missing_check(name: str, spec: ColumnSpec, expr: str, src: str) -> Check:
    if spec.prefixes:
        message = (
            f"{{value}} in column {src!r} starts with none of the prefixes of {name} "
            f"({_few(sorted(spec.prefixes))}): add its prefix to the mapping's {name} "
            "prefixes or give a default"
        )
    elif spec.regex is not None:
        message = (
            f"{{value}} in column {src!r} does not match the regex {spec.regex!r} for {name}: "
            "fix the mapping or give it a default"
        )
    else:
        message = (
            f"column {src!r} is empty, but {name} is required: fill it or map {name} elsewhere"
        )
    shown = "NULL" if spec.column is None else f"CAST({ident(spec.column)} AS VARCHAR)"
    return Check(bad=f"({expr} IS NULL)", shown=shown, message=message)


def _few(items: list[str], n: int = 8) -> str:
    """The first `n` items, comma-separated, with an ellipsis when there are more."""
    return ", ".join(items[:n]) + (", ..." if len(items) > n else "")
