"""Rounding and wording: times on the local wall clock, durations as people say them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from amends.eta.words import (
    round_time,
    said_hours,
    say_between,
    say_duration,
    say_elapsed,
    say_time,
    step_for,
)

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 3, 10, 21, 0, tzinfo=UTC)  # 2:00 PM PDT


def test_step_grows_with_distance() -> None:
    assert step_for(timedelta(hours=1)) == timedelta(minutes=15)
    assert step_for(timedelta(hours=5)) == timedelta(minutes=30)
    assert step_for(timedelta(hours=30)) == timedelta(hours=1)


def test_round_time_on_the_local_grid() -> None:
    t = NOW + timedelta(minutes=54)  # 2:54 PM → 3:00 PM at a 15-minute step
    assert round_time(t, NOW, LA).astimezone(LA).strftime("%H:%M") == "15:00"
    assert round_time(t, NOW, LA, "down").astimezone(LA).strftime("%H:%M") == "14:45"
    far = NOW + timedelta(hours=5, minutes=10)  # 7:10 PM at a 30-minute step
    assert round_time(far, NOW, LA).astimezone(LA).strftime("%H:%M") == "19:00"
    india = ZoneInfo("Asia/Kolkata")  # +05:30: whole local hours are not whole UTC hours
    later = NOW + timedelta(hours=20, minutes=10)
    assert round_time(later, NOW, india).astimezone(india).minute == 0


def test_say_time_with_zone_and_date() -> None:
    assert say_time(NOW + timedelta(hours=3), NOW, LA) == "5:00 PM PDT"
    assert say_time(NOW + timedelta(hours=16), NOW, LA) == "6:00 AM PDT on Wed, Mar 11"
    assert say_time(NOW + timedelta(hours=3), NOW, LA, "de") == "17:00 UTC-07:00"
    assert "\u202f" not in say_time(NOW, NOW, LA)


def test_say_between_names_the_zone_once() -> None:
    low, high = NOW + timedelta(hours=1), NOW + timedelta(hours=6)
    assert say_between(low, high, NOW, LA) == "between 3:00 PM and 8:00 PM PDT"
    assert say_between(NOW, high, NOW, LA) == "between now and 8:00 PM PDT"


@pytest.mark.parametrize(
    ("hours", "words", "value"),
    [
        (0.1, "15 minutes", 0.25),
        (0.9, "1 hour", 1.0),
        (1.3, "90 minutes", 1.5),
        (4.2, "5 hours", 5.0),
        (50, "3 days", 72.0),
    ],
)
def test_durations_round_up(hours: float, words: str, value: float) -> None:
    assert say_duration(hours) == words
    assert said_hours(hours) == value


def test_elapsed_is_floored() -> None:
    assert say_elapsed(0.6667) == "40 minutes"
    assert say_elapsed(4.68) == "4 hours 40 minutes"
    assert say_elapsed(1.0) == "1 hour"
    assert say_elapsed(50.5) == "2 days 2 hours"
