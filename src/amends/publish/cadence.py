"""Update cadence: when each open incident's next update is due, and which are overdue.

By default the next update is due when the last statement promised it (the record's
`next_update_at` when it is later than the last statement, else the last statement plus the
record's `update_interval_minutes`). A regulation profile adds its own rule as data:
`acma-major-outage` caps the gap at 6 hours for the first 24 hours, then 24 hours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from amends.incident import Incident


@dataclass(frozen=True)
class CadenceRule:
    """A profile's rule: the longest gap between updates, early on and after `early_hours`."""

    profile: str
    early_hours: float
    early_gap_hours: float
    later_gap_hours: float


#: Profile rules, by profile id (data, not branches).
RULES: dict[str, CadenceRule] = {
    "acma-major-outage": CadenceRule(
        profile="acma-major-outage", early_hours=24, early_gap_hours=6, later_gap_hours=24
    ),
}


@dataclass(frozen=True)
class Deadline:
    """When the next update is due, why, and whether it is overdue at `now`."""

    incident_id: str
    due_at: datetime | None
    basis: str
    last_update_at: datetime | None
    overdue: bool
    overdue_by: timedelta | None


def _ceil5(moment: datetime) -> datetime:
    """Round up to 5 minutes, as compose does when it promises the next update."""
    step = 300
    epoch = moment.timestamp()
    return datetime.fromtimestamp(math.ceil(epoch / step) * step, tz=UTC)


def profile_of(incident: Incident) -> str | None:
    """The cadence profile that applies: acma-major-outage when the incident is major."""
    return "acma-major-outage" if getattr(incident, "major", None) else None


def next_update(
    incident: Incident,
    last_update_at: datetime | None,
    now: datetime,
    *,
    status: str | None = None,
    profile: str | None = None,
) -> Deadline:
    """The next-update deadline of one incident (None once resolved)."""
    status = status or incident.status
    if status in ("resolved", "postmortem"):
        return Deadline(
            incident.id, None, "resolved: no further update is due", last_update_at, False, None
        )
    last = last_update_at or incident.discovered_at
    promised = incident.next_update_at
    if promised is not None and promised > last:
        due, basis = promised, "the time the last statement promised"
    else:
        due = _ceil5(last + timedelta(minutes=incident.update_interval_minutes))
        basis = f"the last update plus {incident.update_interval_minutes} minutes"
    rule = RULES.get(profile or profile_of(incident) or "")
    if rule is not None:
        start = incident.started_at or incident.discovered_at
        early = last < start + timedelta(hours=rule.early_hours)
        gap = rule.early_gap_hours if early else rule.later_gap_hours
        cap = last + timedelta(hours=gap)
        if cap < due:
            window = f"first {rule.early_hours:g} hours" if early else "after the first day"
            due, basis = cap, f"{rule.profile}: at least every {gap:g} hours ({window})"
    overdue = now > due
    return Deadline(
        incident.id, due, basis, last_update_at, overdue, now - due if overdue else None
    )
