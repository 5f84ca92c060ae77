"""Column types that behave the same on SQLite and PostgreSQL: aware UTC times, exact money, JSON.

SQLite has no time zones, no exact decimals and no JSON type; these decorators make both backends
store and return the same Python values, so code above the store never branches on the dialect.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import DateTime, Dialect, Numeric, String, Text
from sqlalchemy.types import TypeDecorator, TypeEngine

#: Money has 6 decimal places and at most 20 digits in all (Numeric(20, 6) on PostgreSQL).
MONEY_PRECISION = 20
MONEY_SCALE = 6
_QUANTUM = Decimal(1).scaleb(-MONEY_SCALE)
_MONEY_LIMIT = Decimal(10) ** (MONEY_PRECISION - MONEY_SCALE)


def utcnow() -> datetime:
    """The current time, aware, in UTC (the default for created_at/updated_at columns)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC; always returned aware in UTC. Naive values are refused.

    PostgreSQL: `timestamp with time zone`. SQLite: ISO text of the UTC time (sorts correctly).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert to UTC (naive UTC on SQLite, which cannot store an offset)."""
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}: {value!r}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()}: give a time zone (UTC is best)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Return an aware UTC datetime on every backend."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def to_money(value: Any) -> Decimal:
    """An exact Decimal with 6 places (banker's rounding) from a Decimal, int, str or float.

    Floats go through their shortest repr (29.99 -> Decimal("29.99")); anything that does not fit
    Numeric(20, 6) or is not a finite number raises ValueError.
    """
    if isinstance(value, bool):
        raise TypeError("a money amount cannot be a bool")
    if isinstance(value, float):
        value = repr(value)
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError(f"not a money amount: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"not a finite money amount: {value!r}")
    too_big = f"money amount {value!r} has more than 14 digits before the point"
    if abs(amount) >= _MONEY_LIMIT:
        raise ValueError(too_big)
    try:
        amount = amount.quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)
    except InvalidOperation as exc:
        raise ValueError(f"not a money amount: {value!r}") from exc
    if abs(amount) >= _MONEY_LIMIT:  # rounding can carry into the 15th digit
        raise ValueError(too_big)
    return amount


class Money(TypeDecorator[Decimal]):
    """An exact decimal amount (6 places); returned as Decimal on every backend.

    PostgreSQL: NUMERIC(20, 6). SQLite stores the canonical decimal string, because its NUMERIC
    affinity would turn amounts into binary floats and lose digits beyond the 15th.
    """

    impl = Numeric(MONEY_PRECISION, MONEY_SCALE, asdecimal=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """Text on SQLite (exact), NUMERIC(20, 6) elsewhere."""
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(40))
        return dialect.type_descriptor(Numeric(MONEY_PRECISION, MONEY_SCALE, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """Quantize to 6 places; a plain decimal string on SQLite."""
        if value is None:
            return None
        amount = to_money(value)
        return format(amount, "f") if dialect.name == "sqlite" else amount

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        """Always a Decimal with 6 places."""
        if value is None:
            return None
        return to_money(value)


class JSONText(TypeDecorator[str]):
    """JSON kept as text (portable, diffable); returned as the stored string, never re-encoded.

    Binding a `str` checks that it is valid JSON and stores it unchanged (e.g. a Pydantic
    `model_dump_json()`); binding any other value stores `json.dumps(value)`. Read it back with
    `json.loads`.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        """Validate a JSON string, or encode a Python value as JSON."""
        if value is None:
            return None
        if isinstance(value, str):
            try:
                json.loads(value)
            except ValueError as exc:
                raise ValueError(f"not valid JSON text: {value[:80]!r}") from exc
            return value
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        """The stored JSON text."""
        return value
