"""A naive per-row credit calculation in plain Python (Fractions and Decimals, one row at a time).

It is the oracle the tests compare the vectorised engine with, and the baseline the benchmark
measures it against; it is never used to pay anyone.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from amends.credits.policy import Allowance, PerDay, Policy, Prorata, Tiered
from amends.credits.terms import WindowSpan, days_beyond, prorata_share, tier_amount


def round_money(value: Fraction, digits: int, mode: str) -> Decimal:
    """Round an exact non-negative value to `digits` places, half up or half to even."""
    scaled = value * 10**digits
    floor = scaled.numerator // scaled.denominator
    rest = scaled - floor
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and (mode == "half_up" or floor % 2 == 1)):
        floor += 1
    return Decimal(floor).scaleb(-digits)


def credit_row(
    policy: Policy,
    span: WindowSpan,
    *,
    failed_attempts: int,
    monthly_fee: Decimal | None,
) -> dict[str, Decimal]:
    """The credit of one eligible subscriber in one window: amount per unit ("cash", "GB")."""
    zone = ZoneInfo(policy.time_zone)
    cash: list[Fraction] = []
    for c in policy.cash:
        if isinstance(c, Prorata):
            assert monthly_fee is not None
            cash.append(Fraction(monthly_fee) * prorata_share(span, zone, whole_days=c.whole_days))
        elif isinstance(c, Tiered):
            measure = span.hours if c.by == "duration_hours" else failed_attempts
            cash.append(Fraction(tier_amount(c, measure)))
        elif isinstance(c, PerDay):
            cash.append(Fraction(c.amount) * days_beyond(span, c, zone))
        else:
            cash.append(Fraction(c.amount))
    out: dict[str, Decimal] = {}
    if cash:
        total = max(cash) if policy.combine == "max" else sum(cash, Fraction(0))
        if policy.minimum is not None:
            total = max(total, Fraction(policy.minimum))
        if policy.maximum is not None:
            total = min(total, Fraction(policy.maximum))
        amount = round_money(total, policy.digits, policy.rounding)
        if amount > 0:
            out["cash"] = amount
    days = -(-span.hours.numerator // (24 * span.hours.denominator))
    for unit, items in policy.allowances().items():
        values = [
            Fraction(a.amount) * (days if a.per_started_day else 1)
            for a in items
            if isinstance(a, Allowance)
        ]
        total = max(values) if policy.combine == "max" else sum(values, Fraction(0))
        amount = round_money(total, policy.unit_digits(unit), policy.rounding)
        if amount > 0:
            out[unit] = amount
    return out


def compute_naive(
    policy: Policy,
    spans: list[WindowSpan],
    rows: list[tuple[str, str, int, Decimal | None]],
) -> dict[tuple[str, str, str], Decimal]:
    """Credits for (window, subscriber, failed_attempts, monthly_fee) rows already eligible."""
    by_id = {s.id: s for s in spans}
    out: dict[tuple[str, str, str], Decimal] = {}
    for window, subscriber, failed, fee in rows:
        for unit, amount in credit_row(
            policy, by_id[window], failed_attempts=failed, monthly_fee=fee
        ).items():
            out[(subscriber, window, unit)] = amount
    return out
