"""Per-window terms of a policy: the exact numbers every subscriber of one window shares.

Durations, month lengths, working days beyond a threshold and tier amounts depend only on the
window, so they are computed once per window (exactly, as fractions) and the engine applies
them to every subscriber row. Everything is kept as an integer numerator over the window's
common denominator `den`, so sums, maxima, caps and rounding stay exact without floats.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from amends.credits.policy import WEEKDAYS, Allowance, PerDay, Policy, Prorata, Tiered
from amends.errors import InputError

#: Durations are counted in whole microseconds (exact), never through float seconds.
_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True)
class WindowSpan:
    """The part of an outage window a policy needs: its id, start, end and regions."""

    id: str
    start: datetime
    end: datetime
    regions: tuple[str, ...] = ()

    @property
    def minutes(self) -> Fraction:
        """Exact duration in minutes."""
        return Fraction((self.end - self.start) // _MICROSECOND, 60_000_000)

    @property
    def hours(self) -> Fraction:
        """Exact duration in hours."""
        return self.minutes / 60


def spans(windows: list) -> list[WindowSpan]:
    """WindowSpans from impact `Window` models (or spans); an ongoing window is refused."""
    out: list[WindowSpan] = []
    for w in windows:
        if isinstance(w, WindowSpan):
            out.append(w)
            continue
        if w.end is None:
            raise InputError(
                f"window {w.id} is still ongoing; compute credits once it has ended "
                "(re-run impact, or set its end in the incident file)"
            )
        out.append(WindowSpan(w.id, w.start, w.end, tuple(w.regions)))
    return out


def _local_date(ts: datetime, zone: ZoneInfo) -> date:
    return ts.astimezone(zone).date()


def _day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)
    nxt = day + timedelta(days=1)
    end = datetime(nxt.year, nxt.month, nxt.day, tzinfo=zone).astimezone(UTC)
    return start, end


def prorata_share(span: WindowSpan, zone: ZoneInfo, *, whole_days: bool) -> Fraction:
    """The share of a month's fee the window costs, splitting it at month ends (local time).

    Exact hours: sum over each month part of hours / (24 x days in that month). Whole days:
    the started days, rounded up, over the days of the month the window starts in.
    """
    if whole_days:
        days = math.ceil(span.hours / 24) if span.end > span.start else 0
        first = span.start.astimezone(zone)
        return Fraction(days, calendar.monthrange(first.year, first.month)[1])
    share = Fraction(0)
    cursor = span.start
    while cursor < span.end:
        local = cursor.astimezone(zone)
        dim = calendar.monthrange(local.year, local.month)[1]
        nxt_year, nxt_month = (
            (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
        )
        month_end = datetime(nxt_year, nxt_month, 1, tzinfo=zone).astimezone(UTC)
        part_end = min(month_end, span.end)
        seconds = Fraction((part_end - cursor) // _MICROSECOND, 1_000_000)
        share += seconds / (86_400 * dim)
        cursor = part_end
    return share


def days_beyond(span: WindowSpan, rule: PerDay, zone: ZoneInfo) -> int:
    """Days paid by a per_day rule: those after `threshold_days` full working days.

    A full working day is a local day, not a weekend day nor a holiday, lying wholly inside the
    window. The threshold is reached at the end of the last of those days (at the start when it
    is 0); then whole days (calendar or working) up to the window end are counted, and a
    started, unfinished day too when `partial_days = "count"`.
    """
    weekend = {WEEKDAYS.index(d) for d in rule.weekend}
    holidays = set(rule.holidays)

    def working(day: date) -> bool:
        """True for a working day: not a weekend day, not a holiday."""
        return day.weekday() not in weekend and day not in holidays

    reached: datetime | None = span.start if rule.threshold_days == 0 else None
    day = _local_date(span.start, zone)
    last = _local_date(span.end, zone)
    full = 0
    while reached is None and day <= last:
        lo, hi = _day_bounds(day, zone)
        if working(day) and lo >= span.start and hi <= span.end:
            full += 1
            if full == rule.threshold_days:
                reached = hi
        day += timedelta(days=1)
    if reached is None or reached >= span.end:
        return 0
    if rule.count == "calendar":
        whole, rest = divmod(span.end - reached, timedelta(days=1))
        return whole + (1 if rule.partial_days == "count" and rest else 0)
    paid = 0
    day = _local_date(reached, zone)
    while day <= last:
        lo, hi = _day_bounds(day, zone)
        inside = working(day) and reached <= lo < span.end
        if inside and (hi <= span.end or rule.partial_days == "count"):
            paid += 1
        day += timedelta(days=1)
    return paid


def tier_amount(tiered: Tiered, measure: Fraction | int) -> Decimal:
    """The amount of the highest tier whose start the measure reaches (0 below the first)."""
    amount = Decimal(0)
    for tier in tiered.tiers:
        if Fraction(tier.from_) <= measure:
            amount = tier.amount
    return amount


@dataclass
class WindowTerms:
    """The window-level numbers of one policy for one window, over a common denominator."""

    span: WindowSpan
    den: int
    #: numerator per cash component: int (same for all rows), "prorata", or "tiered_failed"
    cash: list[int | str] = field(default_factory=list)
    #: numerator per allowance unit, per component
    allowance: dict[str, list[int]] = field(default_factory=dict)
    #: exact share of the monthly fee per prorata mode (whole_days False/True)
    shares: dict[bool, Fraction] = field(default_factory=dict)
    per_day_days: list[int] = field(default_factory=list)
    month_days: int = 0


def _scaled(amount: Decimal | Fraction, den: int) -> int:
    value = Fraction(amount) * den
    if value.denominator != 1:
        raise AssertionError(f"{amount} is not on the grid of {den}")
    return int(value)


def window_terms(policy: Policy, span: WindowSpan) -> WindowTerms:
    """Compute the window's terms: every constant amount as an integer over one denominator."""
    zone = ZoneInfo(policy.time_zone)
    prorata_shares = {
        c.whole_days: prorata_share(span, zone, whole_days=c.whole_days)
        for c in policy.cash
        if isinstance(c, Prorata)
    }
    den = 10**6
    for s in prorata_shares.values():
        den = math.lcm(den, 10**6 * s.denominator)
    started_days = math.ceil(span.hours / 24) if span.end > span.start else 0
    start_local = span.start.astimezone(zone)
    terms = WindowTerms(
        span=span,
        den=den,
        shares=prorata_shares,
        month_days=calendar.monthrange(start_local.year, start_local.month)[1],
    )
    for c in policy.cash:
        if isinstance(c, Prorata):
            terms.cash.append("prorata_whole" if c.whole_days else "prorata")
        elif isinstance(c, Tiered) and c.by == "failed_attempts":
            terms.cash.append("tiered_failed")
        elif isinstance(c, Tiered):
            terms.cash.append(_scaled(tier_amount(c, span.hours), den))
        elif isinstance(c, PerDay):
            days = days_beyond(span, c, zone)
            terms.per_day_days.append(days)
            terms.cash.append(_scaled(c.amount * days, den))
        else:
            terms.cash.append(_scaled(c.amount, den))
    for unit, items in policy.allowances().items():
        terms.allowance[unit] = [
            _scaled(a.amount * (started_days if a.per_started_day else 1), den)
            for a in items
            if isinstance(a, Allowance)
        ]
    return terms
