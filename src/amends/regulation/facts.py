"""The facts a regime is judged on: measured figures per outage window, and the report facts.

Everything comes from the incident record, the impact report and an optional facts file a person
fills in (contact names, counts the records cannot see, region remoteness, filings already made);
a fact nobody supplied is None and is reported missing, never guessed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, field_validator

from amends.impact.model import Window
from amends.incident import Incident


class RegionFacts(BaseModel):
    """Attributes of a region that regimes need and the incident record does not hold."""

    model_config = ConfigDict(extra="allow")

    remoteness: Literal["metro", "regional", "remote"] | None = Field(
        None, description="ABS Remoteness Structure class (as in the incident record's regions)"
    )
    services_total: int | None = Field(None, ge=0, description="All services in operation there")


class ExtraFacts(BaseModel):
    """The --facts file: what only people know, given once and used by every regime."""

    model_config = ConfigDict(extra="forbid")

    contact_name: str | None = None
    contact_phone: str | None = None
    attested_by: str | None = None
    users_potentially_affected: dict[str, int] = Field(
        default_factory=dict, description="Window id → end users the outage could have reached"
    )
    user_minutes: dict[str, int] = Field(
        default_factory=dict,
        description="Window id → user minutes computed by the provider (e.g. § 4.7(c) assigned "
        "telephone number minutes from its own number inventory)",
    )
    services_potentially_affected: dict[str, int] = Field(
        default_factory=dict, description="Window id → services in operation likely affected"
    )
    regions: dict[str, RegionFacts] = Field(default_factory=dict)
    done: dict[str, datetime] = Field(
        default_factory=dict,
        description="'regime:obligation' (or 'regime:obligation:window') → when it was done",
    )

    @field_validator("done")
    @classmethod
    def _aware(cls, value: dict[str, datetime]) -> dict[str, datetime]:
        for key, when in value.items():
            if when.tzinfo is None:
                raise ValueError(f"{key}: give a time zone offset, e.g. 2026-03-10T15:40:00-07:00")
        return value


@dataclass(frozen=True)
class OutageFacts:
    """One outage window's measured figures, with what is known about its regions."""

    window: Window
    start: datetime
    end: datetime | None
    duration_minutes: int
    expected_duration_minutes: int | None
    users: int
    users_source: str
    services: int
    services_source: str
    region_users: dict[str, int] | None
    region_attrs: dict[str, dict[str, object]]
    region_state: dict[str, str | None]
    region_services_total: dict[str, int | None]
    emergency_affected: bool
    user_minutes_given: int | None = None

    @property
    def user_minutes(self) -> int:
        """User minutes: the provider's own figure when given, else users × duration (§ 4.7(e))."""
        if self.user_minutes_given is not None:
            return self.user_minutes_given
        return self.users * self.duration_minutes

    def metric(self, name: str, *, elapsed: int | None = None, where: dict[str, str] | None = None):
        """The value of a metric (None: a missing fact), optionally `elapsed` minutes in."""
        duration = self.duration_minutes if elapsed is None else elapsed
        if where is not None:
            return self._where(name, where)
        if name == "duration_minutes":
            return duration
        if name == "expected_duration_minutes":
            return self.expected_duration_minutes
        if name == "duration_or_expected_minutes":
            return max(duration, self.expected_duration_minutes or 0)
        if name == "users_affected":
            return self.users
        if name == "services_affected":
            return self.services
        if name == "user_minutes":
            if self.user_minutes_given is not None:  # the provider's figure, reached linearly
                if self.duration_minutes == 0:
                    return self.user_minutes_given
                return (
                    self.user_minutes_given
                    * min(duration, self.duration_minutes)
                    // (self.duration_minutes)
                )
            return self.users * duration
        if name == "all_services_in_a_state":
            return self.all_services_in_a_state()
        if name == "emergency_affected":
            return self.emergency_affected
        raise KeyError(name)

    def _where(self, name: str, where: dict[str, str]) -> int | None:
        """A count over the regions whose attributes match `where` (None when unknowable)."""
        if name not in ("services_affected", "users_affected"):
            raise KeyError(f"{name} cannot be restricted to regions")
        if self.region_users is None:
            return None
        total = 0
        for region, count in self.region_users.items():
            attrs = self.region_attrs.get(region, {})
            for key, want in where.items():
                if attrs.get(key) is None:
                    return None
                if str(attrs[key]) != want:
                    break
            else:
                total += count
        return total

    def all_services_in_a_state(self) -> bool | None:
        """True when the affected users in some state reach all services there; None: unknown."""
        if self.region_users is None:
            return None
        states: dict[str, list[str]] = {}
        for region in self.window.regions:
            state = self.region_state.get(region) or region
            states.setdefault(state, []).append(region)
        unknown = False
        for regions in states.values():
            totals = [self.region_services_total.get(r) for r in regions]
            if any(t is None for t in totals):
                unknown = True
                continue
            affected = sum(self.region_users.get(r, 0) for r in regions)
            if sum(t for t in totals if t is not None) > 0 and affected >= sum(
                t for t in totals if t is not None
            ):
                return True
        return None if unknown else False


def window_facts(
    incident: Incident,
    windows: Sequence[Window],
    *,
    now: datetime,
    region_users: dict[str, dict[str, int]] | None = None,
    extra: ExtraFacts | None = None,
) -> list[OutageFacts]:
    """The facts of every window in the impact report, measured up to `now` while ongoing."""
    extra = extra or ExtraFacts()
    now = now.astimezone(UTC)  # all arithmetic on instants (aware + timedelta is wall-clock)
    out: list[OutageFacts] = []
    for w in windows:
        end = w.end.astimezone(UTC) if w.end is not None else None
        if end is None and incident.restored_at is not None and incident.restored_at > w.start:
            end = incident.restored_at.astimezone(UTC)
        if end is not None:
            duration = w.duration_minutes if w.end is not None else _minutes(end - w.start)
        else:
            duration = max(0, _minutes(now - w.start))
        expected = None
        if end is None and incident.eta is not None:
            eta_at = incident.eta.latest or incident.eta.at
            if eta_at is not None:
                expected = max(0, math.ceil((eta_at - w.start).total_seconds() / 60))
        users = extra.users_potentially_affected.get(w.id)
        services = extra.services_potentially_affected.get(w.id)
        attrs: dict[str, dict[str, object]] = {}
        states: dict[str, str | None] = {}
        totals: dict[str, int | None] = {}
        for region in w.regions:
            info = incident.regions.get(region)
            given = extra.regions.get(region)
            merged: dict[str, object] = {}
            if info is not None:
                merged.update(info.model_dump(exclude_none=True))
            if given is not None:
                merged.update(given.model_dump(exclude_none=True))
            attrs[region] = merged
            states[region] = info.state if info is not None else None
            total = given.services_total if given is not None else None
            totals[region] = total if total is not None else (info.services_total if info else None)
        counts = None if region_users is None else dict(region_users.get(w.id, {}))
        if counts is None and len(w.regions) == 1:
            counts = {w.regions[0]: w.subscribers_affected}  # one region holds them all
        out.append(
            OutageFacts(
                window=w,
                start=w.start.astimezone(UTC),
                end=end,
                duration_minutes=duration,
                expected_duration_minutes=expected,
                users=users if users is not None else w.subscribers_affected,
                users_source="facts file" if users is not None else "measured (lower bound)",
                services=services if services is not None else w.subscribers_affected,
                services_source="facts file" if services is not None else "measured (lower bound)",
                region_users=counts,
                region_attrs=attrs,
                region_state=states,
                region_services_total=totals,
                emergency_affected="emergency" in w.services,
                user_minutes_given=extra.user_minutes.get(w.id),
            )
        )
    return out


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def fmt_time(when: datetime | None, zone: str) -> str | None:
    """A time in the incident's zone and in UTC, e.g. '2026-03-10 14:10 PDT (21:10 UTC)'."""
    if when is None:
        return None
    local = when.astimezone(ZoneInfo(zone))
    utc = when.astimezone(UTC)
    return f"{local:%Y-%m-%d %H:%M %Z} ({utc:%Y-%m-%d %H:%M} UTC)"


def report_facts(
    incident: Incident, facts: OutageFacts, extra: ExtraFacts
) -> dict[str, str | None]:
    """The named facts report fields draw on, as text; None where nobody has supplied it."""
    zone = incident.time_zone
    w = facts.window
    # names people use when the record has them, else the measured ids (still facts)
    names = [incident.regions[r].name if r in incident.regions else r for r in w.regions]
    area = ", ".join(names) or None
    service_types = ", ".join(incident.services.get(s, s) for s in w.services) or None
    effects = None
    if service_types:
        effects = service_types + (f": {incident.symptom}" if incident.symptom else "")
    cause = incident.cause.description if incident.cause.known else None
    cause_full = None
    if cause:
        factors = "; ".join(incident.cause.contributing_factors)
        cause_full = cause + (f" Contributing factors: {factors}" if factors else "")
    fixes = "; ".join(
        f.what + (f" ({fmt_time(f.at, zone)})" if f.at else "") for f in incident.fixes.immediate
    )
    prevention = "; ".join(
        f"{a.what} — {a.how} (owner: {a.owner}, due {a.due.isoformat()})"
        for a in incident.fixes.long_term
    )
    eta = None
    if incident.eta is not None:
        e = incident.eta
        if e.earliest and e.latest:
            eta = f"between {fmt_time(e.earliest, zone)} and {fmt_time(e.latest, zone)}"
        elif e.at:
            eta = fmt_time(e.at, zone)
    elif facts.end is not None:
        eta = f"restored {fmt_time(facts.end, zone)}"
    problem = "; ".join(x for x in (incident.title, incident.symptom, cause) if x)
    contact = incident.regulatory_contact  # the facts file, when given, takes precedence
    return {
        "provider": incident.provider,
        "onset": fmt_time(facts.start, zone),
        "discovered": fmt_time(incident.discovered_at, zone),
        "restored": fmt_time(facts.end, zone),
        "problem": problem,
        "service_effects": effects,
        "service_types": service_types,
        "geographic_area": area,
        "contact_name": extra.contact_name or (contact.name if contact else None),
        "contact_phone": extra.contact_phone or (contact.phone if contact else None),
        "attested_by": extra.attested_by,
        "duration": f"{facts.duration_minutes:,}" + ("" if facts.end else " (ongoing)"),
        "users": f"{facts.users:,} ({facts.users_source})",
        "user_minutes": f"{facts.user_minutes:,}"
        + (" (facts file)" if facts.user_minutes_given is not None else ""),
        "cause": cause,
        "cause_full": cause_full,
        "restoration": fixes or None,
        "prevention": prevention or None,
        "eta": eta,
    }
