"""The estimate of restoration: times (rounded as said), the evidence and the plain-words basis."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from amends.incident.model import Eta


class LevelTry(BaseModel):
    """One rung of the fallback ladder that was looked at: which cases, and how much evidence."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(description="cause_and_region, cause, group, region or all")
    name: str = Field(description="What was selected, e.g. 'fiber_cut', 'physical', 'all'")
    n_cases: int = Field(description="Past incidents selected")
    n_restored_after: int = Field(
        description="Of them, restored after lasting longer than this incident so far"
    )
    used: bool = False


class Estimate(BaseModel):
    """When service should be back, how sure, and on what evidence; `enough` False: no number."""

    model_config = ConfigDict(extra="forbid")

    incident_id: str
    now: datetime
    started_at: datetime
    elapsed_hours: float
    time_zone: str = Field(description="Zone the times are said in (the affected area's)")
    enough: bool = Field(description="False when history is too thin to give a time")
    median_at: datetime | None = Field(None, description="Point estimate, rounded as said")
    low_at: datetime | None = Field(None, description="Interval start, rounded as said")
    high_at: datetime | None = Field(
        None, description="Interval end, rounded as said; None when history cannot bound it"
    )
    level: float = Field(description="Probability the interval is meant to hold, e.g. 0.8")
    median_hours: float | None = Field(None, description="Exact total duration at the median")
    low_hours: float | None = None
    high_hours: float | None = None
    group_used: str | None = Field(None, description="Selection used, e.g. 'fiber_cut'")
    level_kind: str | None = Field(None, description="Its rung, e.g. cause_and_region or group")
    n_cases: int = Field(0, description="Past incidents in the selection used")
    n_censored: int = Field(0, description="Of them, still open (or open when last seen)")
    n_restored_after: int = Field(0, description="Restored after lasting longer than this one")
    min_restored: int = Field(description="Evidence needed to give a time")
    tried: list[LevelTry] = Field(default_factory=list)
    next_update_at: datetime | None = Field(None, description="Promised update (when no number)")
    said: str = Field(description="The estimate in words, e.g. 'by about 5:00 PM PDT'")
    basis: str = Field(description="Plain-words evidence, e.g. 'Of our 14 past fiber cuts ...'")
    locale: str = Field("en", description="Locale of `said` and `basis`")
    translations: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="The incident's other locales → {'said': ..., 'basis': ...}",
    )

    def to_incident_eta(self) -> Eta:
        """The incident record's `eta` (source 'estimate'); no times when history is too thin."""
        return Eta(
            at=self.median_at,
            earliest=self.low_at if self.enough else None,
            latest=self.high_at if self.enough else None,
            confidence=self.level if self.enough and self.high_at is not None else None,
            basis=self.basis,
            source="estimate",
        )

    def incident_translations(self) -> dict[str, dict[str, str]]:
        """The basis in the incident's other locales, as `Incident.translations` entries."""
        return {loc: {"eta.basis": t["basis"]} for loc, t in self.translations.items()}
