"""Compensation policies as data: the TOML models, their validation and their content version.

A policy says who is eligible, which credit components apply (flat, prorata, tiered, per_day,
allowance), how they combine, the caps, the currency and the rounding. Its version is a hash of
its validated content, so the ledger knows exactly which rules produced each amount.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from amends.errors import InputError, load_toml

#: Decimal places a policy amount may have (the ledger stores amounts with 6).
MAX_SCALE = 6
#: Every policy amount and count is below this (a credit of a trillion is a typing mistake, and
#: the ledger's NUMERIC(20, 6) column must hold every amount exactly).
MAX_AMOUNT = Decimal(10**12)
#: The unit of money rows in the ledger; allowances carry their own unit ("days", "GB").
CASH = "cash"

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _amount(value: Decimal) -> Decimal:
    """A non-negative, finite amount with at most MAX_SCALE decimal places."""
    if not value.is_finite():
        raise ValueError("must be a finite number")
    if value < 0:
        raise ValueError("must not be negative")
    if value >= MAX_AMOUNT:
        raise ValueError(f"is {value:.3g}; an amount must be below {MAX_AMOUNT:.0e}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_SCALE:
        raise ValueError(f"has more than {MAX_SCALE} decimal places")
    return value


Amount = Annotated[Decimal, Field(description='Money or units, written as "5.00" or 5')]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Component(_Strict):
    label: str | None = Field(None, description="How the reason column names this component")


class Flat(_Component):
    """A fixed amount per eligible subscriber and window (the $5 after a national outage)."""

    kind: Literal["flat"]
    amount: Amount

    _a = field_validator("amount")(classmethod(lambda cls, v: _amount(v)))


class Prorata(_Component):
    """The share of the monthly fee for the outage: fee x hours / (24 x days in that month)."""

    kind: Literal["prorata"]
    whole_days: bool = Field(
        False, description="Charge whole days, rounded up, instead of exact hours"
    )


class Tier(_Strict):
    """One tier: from this measure (inclusive) up to the next tier's start, this amount."""

    from_: Decimal = Field(alias="from", description="Start of the tier (inclusive)")
    amount: Amount

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    _a = field_validator("amount")(classmethod(lambda cls, v: _amount(v)))
    _f = field_validator("from_")(classmethod(lambda cls, v: _amount(v)))


class Tiered(_Component):
    """Amounts by a measure: the window's duration in hours or the subscriber's failed calls."""

    kind: Literal["tiered"]
    by: Literal["duration_hours", "failed_attempts"]
    tiers: list[Tier] = Field(min_length=1)

    @field_validator("tiers")
    @classmethod
    def _increasing(cls, tiers: list[Tier]) -> list[Tier]:
        starts = [t.from_ for t in tiers]
        if any(b <= a for a, b in itertools.pairwise(starts)):
            raise ValueError("tier starts ('from') must be strictly increasing")
        return tiers


class PerDay(_Component):
    """An amount per whole day the loss lasts beyond `threshold_days` full working days."""

    kind: Literal["per_day"]
    amount: Amount
    threshold_days: int = Field(
        2, ge=0, le=3660, description="Full working days before payment starts"
    )
    count: Literal["calendar", "working"] = Field(
        "calendar", description="Which days beyond the threshold are paid"
    )
    partial_days: Literal["ignore", "count"] = Field(
        "ignore", description="Whether a started, unfinished day beyond the threshold is paid"
    )
    weekend: list[Weekday] = Field(default_factory=lambda: ["sat", "sun"])
    holidays: list[date] = Field(default_factory=list, description="Days that are not working")

    _a = field_validator("amount")(classmethod(lambda cls, v: _amount(v)))


class Allowance(_Component):
    """A non-cash amend (free days of service, extra data) recorded in its own unit."""

    kind: Literal["allowance"]
    unit: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_ -]{0,19}$", description="e.g. days, GB")
    amount: Amount
    per_started_day: bool = Field(
        False, description="Multiply by the outage's days, each started day counted"
    )

    _a = field_validator("amount")(classmethod(lambda cls, v: _amount(v)))

    @field_validator("unit")
    @classmethod
    def _not_cash(cls, unit: str) -> str:
        if unit.lower() == CASH:
            raise ValueError(f"{CASH!r} is the unit of money; name the allowance's own unit")
        return unit


Component = Annotated[Flat | Prorata | Tiered | PerDay | Allowance, Field(discriminator="kind")]


class Eligibility(_Strict):
    """Who qualifies: anyone with a network failure in the window, or everyone in the area."""

    basis: Literal["failed_call", "in_area"] = "failed_call"
    min_failed_attempts: int = Field(
        1, ge=0, lt=10**12, description="failed_call: at least this many network failures"
    )
    regions: list[str] = Field(default_factory=list, description="Only these regions (empty: all)")
    plans: list[str] = Field(default_factory=list, description="Only these plans (empty: all)")


class Exclusions(_Strict):
    """Who never gets this credit: listed accounts, plans, or a file of (subscriber[, window])."""

    subscribers: list[str] = Field(default_factory=list)
    plans: list[str] = Field(default_factory=list)
    credited_by: list[str] = Field(
        default_factory=list,
        description="Policy ids: accounts these already credited for the same window (ledger)",
    )
    file: str | None = Field(
        None,
        description="CSV/Parquet with a subscriber column (and optionally window), relative to "
        "the policy file: e.g. accounts already credited for the same window",
    )


class Policy(_Strict):
    """A compensation policy: eligibility, components, combination, caps, currency, rounding."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", description="Slug, e.g. outage-credit")
    name: str | None = None
    revision: int = Field(
        0, ge=0, lt=10**9, description="Bump to record a policy again under a new version"
    )
    currency: str = Field(description="ISO 4217 code, e.g. USD, JPY, KWD")
    combine: Literal["max", "sum"] = "max"
    minimum: Amount | None = Field(None, description="Cash floor for every eligible subscriber")
    maximum: Amount | None = Field(None, description="Cash cap per subscriber and window")
    rounding: Literal["half_up", "half_even"] = "half_up"
    time_zone: str = Field("UTC", description="Zone for month lengths and working days")
    eligibility: Eligibility = Field(default_factory=Eligibility)
    exclude: Exclusions = Field(default_factory=Exclusions)
    credit: list[Component] = Field(min_length=1, description="The components ([[credit]])")

    _min = field_validator("minimum", "maximum")(
        classmethod(lambda cls, v: v if v is None else _amount(v))
    )

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        from babel.numbers import UnknownCurrencyError, validate_currency

        code = value.upper()
        try:
            validate_currency(code)
        except UnknownCurrencyError:
            raise ValueError(f"unknown currency {value!r}; use an ISO 4217 code like USD") from None
        return code

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}; use an IANA name like UTC") from None
        return value

    @model_validator(mode="after")
    def _caps(self) -> Policy:
        digits = self.digits
        for name in ("minimum", "maximum"):
            value = getattr(self, name)
            if value is not None and value != round(value, digits):
                raise ValueError(
                    f"{name} {value} has more decimal places than {self.currency} "
                    f"({digits}); write it in whole minor units"
                )
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"minimum {self.minimum} is above maximum {self.maximum}")
        return self

    @property
    def digits(self) -> int:
        """Minor-unit digits of the currency (USD 2, JPY 0, KWD 3), from Babel."""
        from babel.numbers import get_currency_precision

        return int(get_currency_precision(self.currency))

    @property
    def version(self) -> str:
        """Content hash of the validated policy: any change to the rules gives a new version."""
        data = self.model_dump(mode="json", by_alias=True)
        text = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @property
    def cash(self) -> list[Flat | Prorata | Tiered | PerDay]:
        """The money components, combined into one amount in `currency`."""
        return [c for c in self.credit if not isinstance(c, Allowance)]

    def allowances(self) -> dict[str, list[Allowance]]:
        """Allowance components grouped by unit (each unit is combined on its own)."""
        units: dict[str, list[Allowance]] = {}
        for c in self.credit:
            if isinstance(c, Allowance):
                units.setdefault(c.unit, []).append(c)
        return units

    def unit_digits(self, unit: str) -> int:
        """Decimal places an allowance unit is kept with: those of its amounts."""
        scales = [
            max(0, -int(c.amount.normalize().as_tuple().exponent)) for c in self.allowances()[unit]
        ]
        return max(scales)

    @property
    def needs_plans(self) -> bool:
        """True when the subscriber file is required (prorata, in_area, plan rules)."""
        return (
            any(isinstance(c, Prorata) for c in self.credit)
            or self.eligibility.basis == "in_area"
            or bool(self.eligibility.plans)
            or bool(self.exclude.plans)
        )


def parse_policy(text: str, *, source: str = "<policy>") -> Policy:
    """Validate policy TOML text; errors name the source, the line when known, and the field."""
    try:
        data = load_toml(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        raise InputError(
            f"not valid TOML: {exc}; fix the syntax",
            path=source,
            row=int(found.group(1)) if found else None,
        ) from None
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = err["loc"]
        field = ".".join(str(p) for p in loc) or "(top level)"
        if isinstance(data.get("credit"), list) and len(loc) >= 2 and loc[0] == "credit":
            loc = loc[:2] + loc[3:] if len(loc) >= 3 and isinstance(loc[2], str) else loc
            field = ".".join(str(p) for p in loc)
        message = err["msg"].removeprefix("Value error, ")
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise InputError(
            f"{field}: {message}{more}; fix it in the policy", path=source, row=_line_of(text, loc)
        ) from None


def load_policy(path: str | Path) -> Policy:
    """Read and validate a policy TOML file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such policy file; check the path", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the policy ({exc})", path=str(path)) from None
    return parse_policy(text, source=str(path))


_KEY = re.compile(r"^\s*([A-Za-z0-9_\"'-]+)\s*=")
_TABLE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\"'-]+)\s*\]\]?")


def _line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    """Best-effort line of a validation location: its table header, then its key under it."""
    lines = text.splitlines()
    start = 0
    parts = [p for p in loc if isinstance(p, str | int)]
    if parts and isinstance(parts[0], str) and len(parts) >= 2:
        table, rest = parts[0], parts[1:]
        index = rest[0] if rest and isinstance(rest[0], int) else 0
        seen = -1
        for i, line in enumerate(lines):
            m = _TABLE.match(line)
            if m and m.group(1).strip("\"'") == table:
                seen += 1
                if seen == index:
                    start = i
                    break
        else:
            start = -1
        keys = [p for p in rest if isinstance(p, str)]
        if start >= 0 and keys:
            for i in range(start + 1, len(lines)):
                if _TABLE.match(lines[i]):
                    break
                m = _KEY.match(lines[i])
                if m and m.group(1).strip("\"'") == keys[0]:
                    return i + 1
        if start >= 0:
            return start + 1
    if parts and isinstance(parts[0], str):
        for i, line in enumerate(lines):
            if _TABLE.match(line):
                break
            m = _KEY.match(line)
            if m and m.group(1).strip("\"'") == parts[0]:
                return i + 1
    return None
