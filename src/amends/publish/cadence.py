"""Update cadence: when each open incident's next update is due, and which are overdue.

By default the next update is due when the last statement promised it (the record's
`next_update_at` when it is later than the last statement, else the last statement plus the
record's `update_interval_minutes`). A regulation profile adds its own rule as data:
`acma-major-outage` caps the gap at 6 hours for the first 24 hours, then 24 hours. Beside each
deadline, `with_regulatory` lists the incident's open regulatory clocks (`amends.regulation`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from amends.incident import Incident

if TYPE_CHECKING:
    from amends.regulation import Regime


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


#: Resolved incidents stay on the due list this long after discovery while a regulatory clock of
#: theirs is open (the FCC Final report falls due 30 days after; the site's uptime bars span 90).
RESOLVED_LOOKBACK = timedelta(days=90)


@lru_cache(maxsize=1)
def builtin_regimes() -> tuple[Regime, ...]:
    """Every built-in regulatory regime, loaded once per process."""
    from amends.regulation import available_regimes, load_regime

    return tuple(load_regime(name) for name in available_regimes())


def regulatory_clocks(
    incident: Incident, now: datetime, regimes: Sequence[Regime] | None = None
) -> list[dict[str, Any]]:
    """The incident's open regulatory clocks (regime, obligation, recipient, due in UTC and in its
    zone, state, section) as JSON-ready dicts, overdue first."""
    from amends.regulation import due_clocks

    chosen = builtin_regimes() if regimes is None else regimes
    return [i.model_dump(mode="json") for i in due_clocks(incident, chosen, now=now)]


def with_regulatory(
    rows: list[dict[str, Any]],
    incidents: Iterable[tuple[str, str, str, Incident | None]],
    now: datetime,
    regimes: Sequence[Regime] | None = None,
) -> list[dict[str, Any]]:
    """Next-update rows (one per open incident) with each incident's regulatory clocks beside
    them (`regulatory`, `regulatory_overdue`), plus a row for each resolved incident discovered
    within `RESOLVED_LOOKBACK` that still has an open clock; overdue of either kind first.

    `incidents` gives (id, title, status, record) of every incident in the store."""
    out = [dict(r) for r in rows]
    index = {r["incident_id"]: r for r in out}
    for incident_id, title, status, record in incidents:
        if record is None:
            continue
        row = index.get(incident_id)
        if row is None and (
            status not in ("resolved", "postmortem")
            or now - record.discovered_at > RESOLVED_LOOKBACK
        ):
            continue
        try:
            clocks = regulatory_clocks(record, now, regimes)
            error = None
        except Exception as exc:  # a broken record must not take the whole list down
            clocks, error = [], f"{type(exc).__name__}: {exc}"
        if row is None:
            if not clocks and error is None:
                continue
            row = {
                "incident_id": incident_id,
                "title": title,
                "status": status,
                "last_update_at": None,
                "due_at": None,
                "basis": "resolved: no further update is due",
                "overdue": False,
                "overdue_minutes": 0,
            }
            out.append(row)
        row["regulatory"] = clocks
        row["regulatory_overdue"] = any(c["state"] == "overdue" for c in clocks)
        if error is not None:
            row["regulatory_error"] = error
    for row in out:
        row.setdefault("regulatory", [])
        row.setdefault("regulatory_overdue", False)
    order = {r["incident_id"]: i for i, r in enumerate(out)}
    out.sort(key=lambda r: (not (r["overdue"] or r["regulatory_overdue"]), order[r["incident_id"]]))
    return out
