"""Say an estimate the way a person would: round times to a sensible grid, format them with
Babel in the area's time zone ("by about 5:00 PM PDT") and name durations ("4 hours").

The rounding grid grows with the distance ahead: quarter hours within 2 hours, half hours within
8, whole hours beyond. Every time rounds to the nearest step (rounding an interval outward
would make "80% likely" hold more often than it says).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton, format_time, get_timezone_name

from amends.eta.phrases import phrases_for

#: (remaining time up to, grid step), in order; beyond the last, the last step.
GRID: tuple[tuple[timedelta, timedelta], ...] = (
    (timedelta(hours=2), timedelta(minutes=15)),
    (timedelta(hours=8), timedelta(minutes=30)),
    (timedelta(days=365), timedelta(hours=1)),
)


def step_for(ahead: timedelta) -> timedelta:
    """The rounding step for a time `ahead` of now."""
    return next((step for limit, step in GRID if ahead <= limit), GRID[-1][1])


def round_time(t: datetime, now: datetime, zone: ZoneInfo, how: str = "nearest") -> datetime:
    """Round `t` on the local wall-clock grid of `zone`; how: nearest, down or up."""
    step = int(step_for(max(t - now, timedelta(0))).total_seconds() // 60)
    local = t.astimezone(zone)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    minutes = (local.replace(tzinfo=None) - midnight.replace(tzinfo=None)).total_seconds() / 60
    rounder = {"nearest": lambda x: math.floor(x + 0.5), "down": math.floor, "up": math.ceil}[how]
    wall = midnight.replace(tzinfo=None) + timedelta(minutes=rounder(minutes / step) * step)
    return wall.replace(tzinfo=zone).astimezone(t.tzinfo)


def zone_name(t: datetime, zone: ZoneInfo, locale: str) -> str:
    """The zone as people in `locale` abbreviate it ("PDT"), or "UTC-07:00" when there is none."""
    name = get_timezone_name(t.astimezone(zone), "short", locale=locale)
    if name[:1] in "+-":
        name = f"UTC{name[:3]}:{name[3:]}"
    return name


def say_time(
    t: datetime,
    now: datetime,
    zone: ZoneInfo,
    locale: str = "en",
    *,
    with_zone: bool = True,
) -> str:
    """A local time with its zone, plus the date when not today: "5:00 PM PDT on Wed, Mar 11"."""
    local, today = t.astimezone(zone), now.astimezone(zone)
    text = format_time(local, "short", tzinfo=zone, locale=locale)
    if with_zone:
        text += f" {zone_name(t, zone, locale)}"
    if local.date() != today.date():
        day = format_skeleton("MMMEd", local, tzinfo=zone, locale=locale)
        text = phrases_for(locale).on_date.format(time=text, date=day)
    # CLDR puts narrow no-break spaces in times ("5:00\u202fPM"); SMS (GSM-7) cannot carry them
    return text.replace("\u202f", " ").replace("\xa0", " ")


def say_between(
    low: datetime, high: datetime, now: datetime, zone: ZoneInfo, locale: str = "en"
) -> str:
    """ "between 3:45 PM and 8:00 PM PDT" (the zone once when both ends share it)."""
    ph = phrases_for(locale)
    end = say_time(high, now, zone, locale)
    if low <= now:
        return ph.between_now.format(end=end)
    shared = zone_name(low, zone, locale) == zone_name(high, zone, locale)
    start = say_time(low, now, zone, locale, with_zone=not shared)
    return ph.between.format(start=start, end=end)


def said_hours(hours: float, how: str = "up") -> float:
    """A duration on the grid people name: quarter hours to 2 h, hours to 2 days, then days.

    how="up" rounds up ("fixed within 5 hours"), "down" rounds down.
    """
    rounder = {"up": lambda x: math.ceil(x - 1e-9), "down": lambda x: math.floor(x + 1e-9)}[how]
    if hours <= 2:
        return rounder(hours * 4) / 4
    if hours <= 48:
        return float(rounder(hours))
    return float(rounder(hours / 24) * 24)


def say_duration(hours: float, how: str = "up", locale: str = "en") -> str:
    """A duration as people say it: "45 minutes", "90 minutes", "5 hours", "3 days"."""
    ph = phrases_for(locale)
    value = said_hours(hours, how)
    if value <= 2:
        minutes = round(value * 60)
        return ph.unit(1, "hour") if minutes == 60 else ph.unit(minutes, "minute")
    if value <= 48:
        return ph.unit(round(value), "hour")
    return ph.unit(round(value / 24), "day")


def elapsed_floor(hours: float) -> float:
    """How long an incident has lasted, floored to 5 minutes (whole hours beyond 2 days)."""
    if hours > 48:
        return float(math.floor(hours + 1e-9))
    return math.floor(hours * 12 + 1e-9) / 12


def say_elapsed(hours: float, locale: str = "en") -> str:
    """`elapsed_floor` in words: "40 minutes", "4 hours 40 minutes", "2 days 3 hours"."""
    ph = phrases_for(locale)
    total = round(elapsed_floor(hours) * 60)
    days, rest = divmod(total, 24 * 60) if hours > 48 else (0, total)
    h, m = divmod(rest, 60)
    parts = [ph.unit(n, unit) for n, unit in ((days, "day"), (h, "hour"), (m, "minute")) if n]
    if len(parts) > 1:
        return " ".join(parts[:-1]) + ph.unit_join + parts[-1]
    return parts[0] if parts else ph.unit(0, "minute")
