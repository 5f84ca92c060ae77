"""Deadline arithmetic: exact minutes and hours, calendar days in the incident's zone, cadences.

Minutes and hours are elapsed time (a 72-hour clock across a DST change is still 72 hours); days
are calendar days (30 days from 10:00 local is 10:00 local, whatever the offset did meanwhile).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from amends.regulation.regime import Cadence, Span


def deadline(anchor: datetime, span: Span, zone: str) -> datetime:
    """`anchor` plus `span` (days on the local calendar of `zone`), as an aware UTC time."""
    local = anchor.astimezone(ZoneInfo(zone))
    if span.days:
        wall = local.replace(tzinfo=None) + timedelta(days=span.days)
        local = wall.replace(tzinfo=ZoneInfo(zone))
    return (local.astimezone(UTC) + span.exact()).astimezone(UTC)


@dataclass(frozen=True)
class Slot:
    """One due update in a cadence: when it was due, and when (if ever) it was sent."""

    due: datetime
    sent: datetime | None
    state: Literal["met", "missed", "due", "late"]


def cadence_slots(
    anchor: datetime,
    cadence: Sequence[Cadence],
    sent: Sequence[datetime],
    *,
    end: datetime | None,
    now: datetime,
) -> list[Slot]:
    """Walk a repeat cadence from `anchor`: each update is due one interval after the last one.

    An update sent in time resets the clock; a missed one is recorded and the clock runs on from
    its due time. The walk stops at the end of the outage (`end`) or at the first update still due.
    """
    anchor, now = anchor.astimezone(UTC), now.astimezone(UTC)  # instants, not wall clocks
    end = end.astimezone(UTC) if end is not None else None
    times = sorted(t.astimezone(UTC) for t in sent if t > anchor)
    slots: list[Slot] = []
    last = anchor
    for _ in range(10_000):
        every = _interval(anchor, last, cadence)
        due = last + every
        if end is not None and due > end:
            break
        hit = next((t for t in times if last < t <= due), None)
        if hit is not None:
            slots.append(Slot(due, hit, "met"))
            last = hit
            continue
        if due > now:
            slots.append(Slot(due, None, "due"))
            break
        late = next((t for t in times if t > due), None)
        slots.append(Slot(due, late, "late" if late is not None else "missed"))
        last = late if late is not None else due
    return slots


def _interval(anchor: datetime, last: datetime, cadence: Sequence[Cadence]) -> timedelta:
    """The interval that applies to an update following one sent at `last`."""
    for step in cadence:
        if step.until is None or last - anchor < step.until.exact() + timedelta(
            days=step.until.days
        ):
            return step.every.exact() + timedelta(days=step.every.days)
    last_step = cadence[-1]
    return last_step.every.exact() + timedelta(days=last_step.every.days)
