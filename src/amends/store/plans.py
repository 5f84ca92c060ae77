"""The provider's customers (the plans table): bulk import from Arrow, read back as Arrow.

Import checks every row first (nothing is written when one row is bad), then writes in one
transaction: PostgreSQL streams the rows with COPY into a temporary table and merges them with
one INSERT ... ON CONFLICT; SQLite runs batched executemany upserts.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from functools import cache
from itertools import repeat
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Connection, delete, select

from amends.errors import InputError
from amends.store.schema import subscribers
from amends.store.types import MONEY_PRECISION, MONEY_SCALE, to_money, utcnow
from amends.store.upsert import upsert

#: The plans table's columns; only `subscriber` is required, other columns are ignored.
COLUMNS: tuple[str, ...] = (
    "subscriber",
    "plan",
    "monthly_fee",
    "currency",
    "home_region",
    "time_zone",
    "locale",
    "email",
    "phone",
)

#: Arrow schema of `load_plans` (money as exact decimal128).
PLANS_SCHEMA = pa.schema(
    [
        pa.field("subscriber", pa.string(), nullable=False),
        pa.field("plan", pa.string()),
        pa.field("monthly_fee", pa.decimal128(MONEY_PRECISION, MONEY_SCALE)),
        pa.field("currency", pa.string()),
        pa.field("home_region", pa.string()),
        pa.field("time_zone", pa.string()),
        pa.field("locale", pa.string()),
        pa.field("email", pa.string()),
        pa.field("phone", pa.string()),
        pa.field("updated_at", pa.timestamp("us", tz="UTC"), nullable=False),
    ]
)

_LIMITS = {c.name: c.type.length for c in subscribers.columns if getattr(c.type, "length", None)}
BATCH = 5_000


def _strings(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """The column as trimmed strings, empty ones null (vectorised in Arrow)."""
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        column = pc.cast(column, pa.string())
    trimmed = pc.utf8_trim_whitespace(column)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)


def _fees(column: pa.ChunkedArray, source: str, first_row: int) -> list[Decimal | None]:
    """Monthly fees as exact 6-place Decimals; decimal columns are cast in Arrow, others are
    converted once per distinct value; a floating-point column is refused (money is exact)."""
    if pa.types.is_floating(column.type):
        raise InputError(
            "monthly_fee is a floating-point column; money must be exact: store it as decimal "
            "or text (in a CSV it is read as text)",
            path=source,
        )
    if pa.types.is_decimal(column.type):
        try:
            return pc.cast(column, pa.decimal128(MONEY_PRECISION, MONEY_SCALE)).to_pylist()
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass  # out of range or too many places: the per-value path names the row
    values = column.to_pylist()
    converted: dict[Any, Decimal | None] = {}
    out: list[Decimal | None] = []
    for line, raw in enumerate(values, start=first_row):
        if raw not in converted:
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                converted[raw] = None
            else:
                try:
                    converted[raw] = to_money(raw)
                except (ValueError, TypeError):
                    message = f"monthly_fee {raw!r} is not an amount; write e.g. 29.99"
                    raise InputError(message, path=source, row=line) from None
        out.append(converted[raw])
    return out


def _first(values: list[Any], bad: Callable[[Any], bool], first_row: int) -> int | None:
    """Row number (the first value is `first_row`) of the first value for which `bad` holds."""
    return next((i for i, v in enumerate(values, start=first_row) if bad(v)), None)


#: Control characters and bidirectional overrides: never valid in a customer's data.
_CONTROL = r"[\x00-\x1f\x7f-\x9f\x{202a}-\x{202e}\x{2066}-\x{2069}]"
_EMAIL = re.compile(r"[^@\s<>\"'(),;:\\\[\]]+@[^@\s<>\"'(),;:\\\[\]]+\.[^@\s<>\"'(),;:\\\[\]]+")
_PHONE = re.compile(r"\+?[0-9][0-9 ().-]{2,31}")


def _zone_ok(value: str) -> bool:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _locale_ok(value: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(value.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


@cache
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


#: Column -> (is this value valid?, what to write instead). Checked once per distinct value.
VALUE_CHECKS: dict[str, tuple[Callable[[str], bool], str]] = {
    "currency": (lambda v: v in _currencies(), "write an ISO 4217 code like USD or EUR"),
    "time_zone": (_zone_ok, "write an IANA zone like America/Los_Angeles"),
    "locale": (_locale_ok, "write a locale like en, es or es-MX"),
    "email": (lambda v: bool(_EMAIL.fullmatch(v)), "write an address like name@example.com"),
    "phone": (lambda v: bool(_PHONE.fullmatch(v)), "write a number like +1 415 555 2671"),
}
_UPPER = ("currency",)


def _check_values(name: str, values: list[str | None], source: str, first_row: int) -> None:
    """Raise InputError at the first value of column `name` that its VALUE_CHECKS entry refuses."""
    check = VALUE_CHECKS.get(name)
    if check is None:
        return
    valid, fix = check
    verdict = {v: valid(v) for v in set(values) if v is not None}
    if all(verdict.values()):
        return
    row = _first(values, lambda v: v is not None and not verdict[v], first_row)
    assert row is not None
    shown = values[row - first_row]
    raise InputError(f"{name} {shown!r} is not valid; {fix}", path=source, row=row)


def prepare_rows(
    table: pa.Table,
    *,
    source: str = "plans",
    first_row: int = 1,
    now: datetime | None = None,
) -> list[tuple[Any, ...]]:
    """Check and convert the plans table into row tuples in `COLUMNS` order plus updated_at.

    Refused, with InputError naming `source`, the row and the fix: a repeated column, an empty
    or repeated subscriber id, a fee that is not an amount or is negative, control characters,
    over-long text, and an unknown currency, time zone, locale, email or phone format. The first
    data row is `first_row` (2 for a CSV file's line numbers, after its header).
    """
    names = table.column_names
    repeated = next((c for c in names if names.count(c) > 1), None)
    if repeated is not None:
        raise InputError(f"column {repeated!r} appears twice; keep one", path=source, row=1)
    if "subscriber" not in names:
        raise InputError(
            f"no 'subscriber' column (found: {', '.join(names) or 'none'}); "
            "name the customer id column 'subscriber'",
            path=source,
        )
    n = table.num_rows
    columns: dict[str, list[Any]] = {}
    for name in COLUMNS:
        if name not in names:
            columns[name] = [None] * n
            continue
        if name == "monthly_fee":
            fees = _fees(table.column(name), source, first_row)
            row = _first(fees, lambda v: v is not None and v < 0, first_row)
            if row is not None:
                message = f"monthly_fee {fees[row - first_row]} is negative; write the plan's fee"
                raise InputError(message, path=source, row=row)
            columns[name] = fees
            continue
        strings = _strings(table.column(name))
        bad = pc.match_substring_regex(strings, _CONTROL)
        if pc.any(bad).as_py():
            row = pc.index(bad, True).as_py() + first_row
            message = f"{name} holds control or direction-changing characters; remove them"
            raise InputError(message, path=source, row=row)
        if name in _UPPER:
            strings = pc.utf8_upper(strings)
        values = strings.to_pylist()
        limit = _LIMITS.get(name)
        if limit:
            row = _first(values, lambda v, limit=limit: v is not None and len(v) > limit, first_row)
            if row is not None:
                message = f"{name} is longer than {limit} characters"
                raise InputError(message, path=source, row=row)
        _check_values(name, values, source, first_row)
        columns[name] = values
    ids = columns["subscriber"]
    row = _first(ids, lambda v: v is None, first_row)
    if row is not None:
        raise InputError("empty subscriber id; every row needs one", path=source, row=row)
    if len(set(ids)) != n:
        seen: dict[str, int] = {}
        for line, sub in enumerate(ids, start=first_row):
            if sub in seen:
                raise InputError(
                    f"subscriber {sub!r} appears twice (first on row {seen[sub]}); keep one row",
                    path=source,
                    row=line,
                )
            seen[sub] = line
    moment = now or utcnow()
    return list(zip(*(columns[c] for c in COLUMNS), repeat(moment, n), strict=True))


def _chunks(rows: Sequence[tuple[Any, ...]], size: int) -> Iterable[Sequence[tuple[Any, ...]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _write_sqlite(
    conn: Connection, rows: Sequence[tuple[Any, ...]], progress: Callable[[int], None] | None
) -> None:
    names = [*COLUMNS, "updated_at"]
    stmt = upsert(conn, subscribers, ["subscriber"], names[1:])
    for chunk in _chunks(rows, BATCH):
        conn.execute(stmt, [dict(zip(names, r, strict=True)) for r in chunk])
        if progress:
            progress(len(chunk))


def _write_postgres(
    conn: Connection, rows: Sequence[tuple[Any, ...]], progress: Callable[[int], None] | None
) -> None:
    names = [*COLUMNS, "updated_at"]
    listed = ", ".join(names)
    temp = f"amends_import_{uuid.uuid4().hex[:12]}"
    raw = conn.connection.driver_connection
    with raw.cursor() as cur:
        cur.execute(
            f"CREATE TEMP TABLE {temp} (LIKE subscribers INCLUDING DEFAULTS) ON COMMIT DROP"
        )
        with cur.copy(f"COPY {temp} ({listed}) FROM STDIN") as copy:
            for chunk in _chunks(rows, BATCH):
                for row in chunk:
                    copy.write_row(row)
                if progress:
                    progress(len(chunk))
        updates = ", ".join(f"{n} = EXCLUDED.{n}" for n in names[1:])
        cur.execute(
            f"INSERT INTO subscribers ({listed}) SELECT {listed} FROM {temp} "
            f"ON CONFLICT (subscriber) DO UPDATE SET {updates}"
        )
        cur.execute(f"DROP TABLE {temp}")


def import_plans(
    conn: Connection,
    table: pa.Table,
    *,
    source: str = "plans",
    first_row: int = 1,
    replace: bool = False,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert or update every customer of the plans table; returns the number of rows written.

    Run it inside `store.begin()`: all rows are checked before any is written, and a failure
    rolls everything back. `replace` also deletes customers missing from the table. `progress`
    is called with the number of rows just written (for a progress bar).
    """
    rows = prepare_rows(table, source=source, first_row=first_row, now=now)
    if replace:
        conn.execute(delete(subscribers))
    if conn.dialect.name == "postgresql":
        _write_postgres(conn, rows, progress)
    else:
        _write_sqlite(conn, rows, progress)
    return len(rows)


def load_plans(conn: Connection, ids: Iterable[str] | None = None) -> pa.Table:
    """The stored customers (all, or those in `ids`) as an Arrow table (`PLANS_SCHEMA`)."""
    query = select(*(subscribers.c[f.name] for f in PLANS_SCHEMA)).order_by(
        subscribers.c.subscriber
    )
    wanted = None if ids is None else list(dict.fromkeys(ids))
    found: list[Any] = []
    if wanted is None:
        found = list(conn.execute(query))
    else:
        for start in range(0, len(wanted), 10_000):
            part = wanted[start : start + 10_000]
            found.extend(conn.execute(query.where(subscribers.c.subscriber.in_(part))))
        found.sort(key=lambda r: r.subscriber)
    data = {f.name: [getattr(r, f.name) for r in found] for f in PLANS_SCHEMA}
    data["monthly_fee"] = [None if v is None else Decimal(v) for v in data["monthly_fee"]]
    return pa.Table.from_pydict(data, schema=PLANS_SCHEMA)
