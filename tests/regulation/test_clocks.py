"""Deadlines across daylight-saving changes and month ends, and the ACMA update cadence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from amends.regulation.clocks import cadence_slots, deadline
from amends.regulation.regime import Cadence, Span

LA = "America/Los_Angeles"
SYD = "Australia/Sydney"


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_72_hours_across_spring_forward_is_elapsed_time() -> None:
    anchor = datetime(2026, 3, 7, 12, 0, tzinfo=ZoneInfo(LA))  # PST; DST starts 8 March
    due = deadline(anchor, Span(hours=72), LA)
    assert due == _utc(2026, 3, 10, 20, 0)
    assert due.astimezone(ZoneInfo(LA)).hour == 13  # 13:00 PDT: the wall clock moved an hour


def test_30_days_across_spring_forward_is_calendar_days() -> None:
    anchor = datetime(2026, 3, 1, 10, 0, tzinfo=ZoneInfo(LA))  # 18:00 UTC
    due = deadline(anchor, Span(days=30), LA)
    assert due.astimezone(ZoneInfo(LA)).replace(tzinfo=None) == datetime(2026, 3, 31, 10, 0)
    assert due == _utc(2026, 3, 31, 17, 0)  # 10:00 PDT


def test_120_minutes_across_fall_back() -> None:
    anchor = datetime(2026, 11, 1, 0, 30, tzinfo=ZoneInfo(LA))  # 07:30 UTC, PDT
    due = deadline(anchor, Span(minutes=120), LA)
    assert due == _utc(2026, 11, 1, 9, 30)  # 01:30 PST, the second 01:30 of the night
    assert due.astimezone(ZoneInfo(LA)).utcoffset() == timedelta(hours=-8)


def test_30_days_from_month_end_and_across_southern_dst() -> None:
    anchor = datetime(2026, 1, 31, 10, 0, tzinfo=ZoneInfo(LA))
    assert deadline(anchor, Span(days=30), LA).astimezone(ZoneInfo(LA)).date().isoformat() == (
        "2026-03-02"
    )
    # Sydney: DST ends 5 April 2026 (AEDT +11 → AEST +10)
    anchor = datetime(2026, 3, 20, 9, 0, tzinfo=ZoneInfo(SYD))
    due = deadline(anchor, Span(days=30), SYD)
    assert due.astimezone(ZoneInfo(SYD)).replace(tzinfo=None) == datetime(2026, 4, 19, 9, 0)
    assert due == _utc(2026, 4, 18, 23, 0)


ACMA = [Cadence(every=Span(hours=6), until=Span(hours=24)), Cadence(every=Span(hours=24))]


def test_cadence_met_missed_and_due() -> None:
    t = _utc(2026, 3, 10, 0, 0)
    sent = [t + timedelta(hours=5), t + timedelta(hours=11)]
    slots = cadence_slots(t, ACMA, sent, end=None, now=t + timedelta(hours=20))
    assert [(s.due - t, s.state) for s in slots] == [
        (timedelta(hours=6), "met"),
        (timedelta(hours=11), "met"),
        (timedelta(hours=17), "missed"),
        (timedelta(hours=23), "due"),
    ]


def test_cadence_switches_to_24_hours_after_the_first_day() -> None:
    t = _utc(2026, 3, 10, 0, 0)
    sent = [t + timedelta(hours=h) for h in (6, 12, 18, 24)]
    slots = cadence_slots(t, ACMA, sent, end=None, now=t + timedelta(hours=30))
    assert slots[-1].state == "due"
    assert slots[-1].due == t + timedelta(hours=48)


def test_cadence_stops_at_restoration_and_records_late_updates() -> None:
    t = _utc(2026, 3, 10, 0, 0)
    slots = cadence_slots(
        t, ACMA, [t + timedelta(hours=7)], end=t + timedelta(hours=10), now=t + timedelta(days=2)
    )
    assert [(s.state, s.sent) for s in slots] == [("late", t + timedelta(hours=7))]
