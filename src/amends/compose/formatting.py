"""Locale-aware formatting for statements: local times with the zone's abbreviation, dates,
numbers, money and lists (Babel), so every figure reads the way the customer writes it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal

from amends.errors import InputError

_SPACES = str.maketrans({"\u202f": " ", "\xa0": " ", "\u2009": " "})

#: Per language: clock pattern, weekday+date pattern, long date pattern.
_PATTERNS: dict[str, tuple[str, str, str]] = {
    "en": ("h:mm a", "EEEE, MMMM d", "MMMM d, y"),
    "es": ("H:mm", "EEEE d 'de' MMMM", "d 'de' MMMM 'de' y"),
}


def plain(text: str) -> str:
    """Replace narrow and no-break spaces with ordinary spaces (SMS-safe, regex-friendly)."""
    return text.translate(_SPACES)


@lru_cache(maxsize=64)
def babel_locale(locale: str) -> Locale:
    """The Babel locale for a tag like `en`, `es` or `es-MX`; unknown tags are input errors."""
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise InputError(f"unknown locale {locale!r}; use a tag like en, es or es-MX") from exc


def language(locale: str) -> str:
    """The language part of a locale tag (`es-MX` -> `es`)."""
    return locale.replace("_", "-").split("-")[0].lower()


def _patterns(locale: str) -> tuple[str, str, str]:
    return _PATTERNS.get(language(locale), _PATTERNS["en"])


def zone_abbreviation(moment: datetime, zone: str) -> str:
    """The zone's abbreviation at that moment ("PST", "PDT"); 'UTC-3' where the zone has none."""
    local = moment.astimezone(ZoneInfo(zone))
    name = local.tzname() or ""
    if name and name[0] not in "+-":
        return name
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def clock(moment: datetime, zone: str, locale: str) -> str:
    """The local clock time without the zone ("2:05 PM", "14:05")."""
    local = moment.astimezone(ZoneInfo(zone))
    return plain(format_time(local, _patterns(locale)[0], locale=babel_locale(locale)))


def clock_tz(moment: datetime, zone: str, locale: str) -> str:
    """The local clock time with the zone's abbreviation ("2:05 PM PST", "14:05 PST")."""
    return f"{clock(moment, zone, locale)} {zone_abbreviation(moment, zone)}"


def day(moment: datetime, zone: str, locale: str) -> str:
    """The local weekday and date ("Tuesday, March 10", "martes 10 de marzo")."""
    local = moment.astimezone(ZoneInfo(zone))
    return plain(format_date(local, _patterns(locale)[1], locale=babel_locale(locale)))


def long_date(value: date, locale: str) -> str:
    """A calendar date in full ("June 30, 2026", "30 de junio de 2026")."""
    return plain(format_date(value, _patterns(locale)[2], locale=babel_locale(locale)))


def number(value: int | float, locale: str) -> str:
    """A count with the locale's grouping ("38,214", "38.214")."""
    return plain(format_decimal(value, locale=babel_locale(locale)))


def percent(value: float, locale: str) -> str:
    """A share (0..1) as a whole percentage ("80%", "80 %")."""
    return plain(f"{round(value * 100)}") + ("%" if language(locale) == "en" else " %")


def money(amount: Decimal | float, currency: str, locale: str) -> str:
    """An amount of money in the locale's format ("$12.50", "12,50 US$")."""
    return plain(format_currency(amount, currency, locale=babel_locale(locale)))


def join(items: list[str], locale: str) -> str:
    """A list in prose ("A, B and C", "A, B y C")."""
    if not items:
        return ""
    return plain(format_list(list(items), locale=babel_locale(locale)))
