"""The incident record: measured facts plus what only people know, one YAML file per incident.

Every statement `amends` writes is composed from this record and nothing else; a field nobody
has supplied is absent (None or empty), never invented.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from amends.impact.model import Window

Status = Literal["investigating", "identified", "monitoring", "resolved"]
CauseCategory = Literal[
    "fiber_cut",
    "power",
    "hardware",
    "software_change",
    "configuration",
    "capacity",
    "third_party",
    "natural_event",
    "unknown",
]
ActionStatus = Literal["planned", "in_progress", "done", "missed"]
StageName = Literal["acknowledge", "update", "resolve", "explain", "follow_up"]
ChannelName = Literal["web", "email", "sms", "social", "notice"]


def _zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"unknown time zone {value!r}; write an IANA zone like America/Los_Angeles"
        ) from exc
    return value


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        raise ValueError("give a time zone offset, e.g. 2026-03-10T14:10:00-07:00")
    return value


#: C0/C1 control characters (tab and newline allowed) and bidirectional overrides: they break
#: feeds and XML, and can make a statement read differently from what was checked.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


#: The longest free text a record holds: a statement is read by people, not pasted logs.
MAX_TEXT = 5_000

#: Every count a record holds is below this: far above any network's attempts in one outage, and
#: small enough that formatting and arithmetic on it stay exact.
MAX_COUNT = 10**12
#: The times a record may hold: outages live well inside them, and the arithmetic around them
#: (deadlines, 90-day look-backs, local time zones) must fit in a datetime.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)
#: How long before the first measured window a problem may have been discovered (an alarm or a
#: customer's call can precede the failure rate's rise; a day earlier cannot be this outage).
MAX_EARLY_DISCOVERY = timedelta(hours=24)
#: The longest default interval between updates (30 days).
MAX_UPDATE_INTERVAL_MINUTES = 43_200


class FieldError(ValueError):
    """A record-level check that names the field it is about (the error points at its line)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def _instant(value: datetime) -> datetime:
    """A time as an instant: a window's time written without a zone is UTC (`Window`)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _in_range(value: object) -> None:
    """Refuse a time (or date) outside 1970-2999, or one too far from now to be a fact."""
    if isinstance(value, datetime):
        if not EARLIEST <= _instant(value) < LATEST:
            raise ValueError(f"{value.isoformat()} is out of range; give a time from 1970 to 2999")
    elif isinstance(value, date) and not EARLIEST.date() <= value < LATEST.date():
        raise ValueError(f"{value.isoformat()} is out of range; give a date from 1970 to 2999")


def _strings(value: object) -> list[str]:
    """Every string inside a field value (lists and mappings included, models excluded)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    return []


class _Strict(BaseModel):
    """No unknown fields, no NaN or infinity, no control characters in any text."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    @field_validator("*", mode="after")
    @classmethod
    def _plain_text(cls, value: object) -> object:
        for item in value if isinstance(value, list) else [value]:
            _in_range(item)
        for text in _strings(value):
            if len(text) > MAX_TEXT:
                raise ValueError(f"is {len(text):,} characters long; keep it under {MAX_TEXT:,}")
            found = _CONTROL.search(text)
            if found:
                raise ValueError(
                    f"contains the invisible control character U+{ord(found.group()):04X}"
                )
        return value


class RegionInfo(_Strict):
    """An affected area as customers know it, with its own time zone (times are shown in it)."""

    name: str = Field(min_length=1, description="The area's name customers use, e.g. California")
    time_zone: str = Field(description="IANA time zone of the area, e.g. America/Los_Angeles")
    state: str | None = Field(None, description="State or territory, where it matters")
    services_total: int | None = Field(
        None,
        ge=0,
        lt=MAX_COUNT,
        description="All services in the area (for 'all services in a state' tests)",
    )
    remoteness: Literal["metro", "regional", "remote"] | None = Field(
        None,
        description="ABS Remoteness Structure class (ACMA significant local outages): metro, "
        "regional or remote",
    )

    _tz = field_validator("time_zone")(classmethod(lambda cls, v: _zone(v)))


class Cause(_Strict):
    """Why it happened: a category, plain words, the trigger and the contributing factors."""

    category: CauseCategory = "unknown"
    description: str | None = Field(
        None, description="The cause in plain words, first person ('a crew cut our cable ...')"
    )
    trigger: str | None = Field(None, description="What set it off, in plain words")
    contributing_factors: list[str] = Field(
        default_factory=list,
        description="What we did or failed to do that let it happen, each owned by 'we'",
    )

    @property
    def known(self) -> bool:
        """True when the cause can be stated (a category other than unknown and plain words)."""
        return self.category != "unknown" and bool(self.description)


class ImmediateFix(_Strict):
    """What was done to restore service, and when."""

    what: str = Field(min_length=1)
    at: datetime | None = None

    _aw = field_validator("at")(classmethod(lambda cls, v: _aware(v)))


class Action(_Strict):
    """A long-term action to prevent a repeat: what, how, who owns it, by when, and its status."""

    what: str = Field(min_length=1)
    how: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    due: date
    status: ActionStatus = "planned"


class Fixes(_Strict):
    """Immediate fixes and long-term actions."""

    immediate: list[ImmediateFix] = Field(default_factory=list)
    long_term: list[Action] = Field(default_factory=list)


class SupportChannel(_Strict):
    """Where customers get help (a phone number, a chat or web address) and when it is staffed."""

    kind: str = Field(min_length=1, description="phone, chat, web, store, ...")
    contact: str = Field(min_length=1, description="The number or address")
    hours: str = Field(min_length=1, description="When help is available, e.g. 24/7")


class Compensation(_Strict):
    """What affected customers get, and how it is applied."""

    summary: str = Field(
        min_length=1,
        description="Who gets what, e.g. 'every affected customer gets a credit of 2 days' fees'",
    )
    policy: str | None = Field(None, description="Path to the credits policy TOML")
    applied_by: date | None = Field(None, description="When the credit is applied")
    how: str | None = Field(None, description="How it is applied, e.g. 'on your next bill'")
    automatic: bool | None = Field(
        None, description="True when customers need do nothing to receive it"
    )


class Feedback(_Strict):
    """How customers answer back."""

    url: str | None = None
    email: str | None = None


class PublishedStatement(_Strict):
    """One statement published: stage, channel, locale, when, its check result and any override."""

    stage: StageName
    channel: ChannelName
    locale: str = "en"
    published_at: datetime
    check_errors: int = Field(0, ge=0, lt=MAX_COUNT)
    override_reason: str | None = None

    _aw = field_validator("published_at")(classmethod(lambda cls, v: _aware(v)))


class RegulatoryContact(_Strict):
    """Who regulators call about the incident (the FCC Notification needs a name and a phone)."""

    name: str = Field(min_length=1, description="Contact name, e.g. Dana Ruiz, NOC manager")
    phone: str = Field(min_length=1, description="Contact telephone number, e.g. +1 415 555 0100")


class Filing(_Strict):
    """A regulatory obligation already discharged: which regime's obligation, for which outage
    window (None: every window), and when (e.g. the FCC Notification filed in NORS)."""

    regime: str = Field(min_length=1, description="Regime id, e.g. fcc-part4")
    obligation: str = Field(min_length=1, description="Obligation id, e.g. notification")
    window: str | None = Field(None, description="Outage window id; None: every window")
    at: datetime = Field(description="When it was filed or sent (aware)")

    _aw = field_validator("at")(classmethod(lambda cls, v: _aware(v)))


class Eta(_Strict):
    """When service should be back: a point estimate and/or an interval, with its basis in words."""

    at: datetime | None = Field(None, description="Point estimate of restoration (aware)")
    earliest: datetime | None = Field(None, description="Earliest likely restoration (aware)")
    latest: datetime | None = Field(None, description="Latest likely restoration (aware)")
    confidence: float | None = Field(
        None, ge=0, le=1, description="Confidence of the interval, e.g. 0.8"
    )
    basis: str | None = Field(
        None,
        description="Plain words, e.g. '8 of the last 10 fiber cuts were repaired within 4 hours'",
    )
    source: Literal["estimate", "manual"] = "manual"

    @field_validator("at", "earliest", "latest")
    @classmethod
    def _aware_times(cls, value: datetime | None) -> datetime | None:
        return _aware(value)

    @model_validator(mode="after")
    def _interval_in_order(self) -> Eta:
        if self.earliest and self.latest and self.latest < self.earliest:
            raise FieldError(
                "latest",
                f"latest {self.latest.isoformat()} is before earliest "
                f"{self.earliest.isoformat()}; swap them or fix one",
            )
        return self


class Incident(_Strict):
    """The incident record: the single source of every statement."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Slug, e.g. 2026-03-10-ca-fiber")
    title: str = Field(min_length=1, max_length=200)
    provider: str | None = Field(None, description="The provider's name as customers know it")
    time_zone: str = Field(description="IANA zone in which the provider records the incident")
    discovered_at: datetime
    status: Status = "investigating"
    windows: list[Window] = Field(default_factory=list, description="Measured (impact.json)")
    regions: dict[str, RegionInfo] = Field(default_factory=dict)
    services: dict[str, str] = Field(
        default_factory=dict, description="Service id → the name customers use"
    )
    symptom: str | None = Field(None, description="What customers saw or heard")
    cause: Cause = Field(default_factory=Cause)
    fixes: Fixes = Field(default_factory=Fixes)
    support: list[SupportChannel] = Field(default_factory=list)
    compensation: Compensation | None = None
    feedback: Feedback | None = None
    status_url: str | None = Field(
        None, description="Link to the full statement (SMS and social posts point to it)"
    )
    locales: list[str] = Field(default_factory=lambda: ["en"])
    audiences: list[str] = Field(default_factory=lambda: ["public", "customers"])
    keywords: list[str] = Field(default_factory=list)
    restored_at: datetime | None = None
    next_update_at: datetime | None = None
    eta: Eta | None = Field(None, description="When service should be back (estimate or manual)")
    major: bool | None = Field(
        None, description="A major outage (regulatory sense); set by a person or `amends assess`"
    )
    update_interval_minutes: int = Field(
        60,
        gt=0,
        le=MAX_UPDATE_INTERVAL_MINUTES,
        description="Default time to the next update when next_update_at is not set",
    )
    history: list[PublishedStatement] = Field(default_factory=list)
    regulatory_contact: RegulatoryContact | None = Field(
        None, description="Who regulators call (never shown to customers)"
    )
    filings: list[Filing] = Field(
        default_factory=list,
        description="Regulatory obligations already discharged (what `amends assess` counts done)",
    )
    translations: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="Free text in other languages: locale -> {field path -> text}, e.g. "
        "es: {symptom: ..., cause.description: ..., services.local: ...}. The record's own "
        "free text is in the first of `locales`.",
    )

    _tz = field_validator("time_zone")(classmethod(lambda cls, v: _zone(v)))

    @field_validator("windows")
    @classmethod
    def _windows_make_sense(cls, windows: list[Window]) -> list[Window]:
        """Measured facts must be possible (see docs/incident.md, "What cannot be true")."""
        for w in windows:
            check_window(w)
        # a window's times are UTC: one written without a zone is read so, and every later
        # comparison (the start of the outage, its length) is between instants
        return [
            w.model_copy(update={"start": _instant(w.start), "end": w.end and _instant(w.end)})
            for w in windows
        ]

    @field_validator("discovered_at", "restored_at", "next_update_at")
    @classmethod
    def _aware_times(cls, value: datetime | None) -> datetime | None:
        value = _aware(value)
        if value is not None:
            _in_range(value)
            if value > datetime.now(value.tzinfo) + timedelta(days=1):
                raise ValueError(
                    f"{value.isoformat()} is in the future; check the date and the offset"
                )
        return value

    @model_validator(mode="after")
    def _times_in_order(self) -> Incident:
        """Restoration after the start; discovery not long before the first window."""
        start = self.started_at
        if start is None:
            return self
        if self.restored_at is not None and self.restored_at <= start:
            raise FieldError(
                "restored_at",
                f"{self.restored_at.isoformat()} is not after the outage started "
                f"({start.isoformat()}, the first window's start); check the date and its offset",
            )
        if self.discovered_at < start - MAX_EARLY_DISCOVERY:
            raise FieldError(
                "discovered_at",
                f"{self.discovered_at.isoformat()} is more than "
                f"{MAX_EARLY_DISCOVERY.total_seconds() / 3600:.0f} hours before the first window "
                f"({start.isoformat()}); check the date and its offset",
            )
        return self

    def text(self, path: str, original: str | None, locale: str) -> str | None:
        """Free text at `path` in `locale`: the original in the record's own language, else the
        translation (None when nobody has written it)."""
        lang = locale.replace("_", "-").split("-")[0].lower()
        own = (self.locales[0] if self.locales else "en").split("-")[0].lower()
        if original is None or lang == own:
            return original
        table = self.translations.get(locale) or self.translations.get(lang) or {}
        return table.get(path)

    @property
    def customers_affected(self) -> int:
        """Subscribers affected, summed over the windows."""
        return sum(w.subscribers_affected for w in self.windows)

    @property
    def failed_attempts(self) -> int:
        """Network failures, summed over the windows."""
        return sum(w.failed_attempts for w in self.windows)

    @property
    def started_at(self) -> datetime | None:
        """Start of the earliest window."""
        return min((w.start for w in self.windows), default=None)

    @property
    def ended_at(self) -> datetime | None:
        """When service returned: `restored_at`, else the end of the last window (None: ongoing)."""
        if self.restored_at is not None:
            return self.restored_at
        if not self.windows or any(w.end is None for w in self.windows):
            return None
        return max(w.end for w in self.windows if w.end is not None)

    @property
    def affected_regions(self) -> list[str]:
        """Region ids of every window, in first-seen order."""
        return list(dict.fromkeys(r for w in self.windows for r in w.regions))

    @property
    def affected_services(self) -> list[str]:
        """Service ids of every window, in first-seen order."""
        return list(dict.fromkeys(s for w in self.windows for s in w.services))


def check_window(w: Window) -> None:
    """Refuse a measured window that cannot be true, naming the window and the field."""
    import math

    where = f"window {w.id}"
    for name, t in (("start", w.start), ("end", w.end)):
        if t is not None:
            try:
                _in_range(t)
            except ValueError as exc:
                raise ValueError(f"{where}: {name} {exc}") from None
    if w.end is not None and _instant(w.end) <= _instant(w.start):
        raise ValueError(f"{where}: end {w.end} is not after start {w.start}")
    counts: list[tuple[str, float]] = [
        ("duration_minutes", w.duration_minutes),
        ("subscribers_affected", w.subscribers_affected),
        ("failed_attempts", w.failed_attempts),
        ("missing_attempts", w.missing_attempts),
    ]
    for i, e in enumerate(w.scope):
        counts += [
            (f"scope[{i}].attempts", e.attempts),
            (f"scope[{i}].failures", e.failures),
            (f"scope[{i}].expected_attempts", e.expected_attempts),
        ]
    for name, n in counts:
        if not math.isfinite(n) or n < 0:
            raise ValueError(f"{where}: {name} is {n}; counts must be finite and not negative")
        if n >= MAX_COUNT:
            raise ValueError(f"{where}: {name} is {n:.3g}; a count must be below {MAX_COUNT:.0e}")
    for i, e in enumerate(w.scope):
        for name, rate in (
            ("failure_rate", e.failure_rate),
            ("baseline_failure_rate", e.baseline_failure_rate),
            ("ner", e.ner),
        ):
            if rate is not None and not (math.isfinite(rate) and 0 <= rate <= 1):
                raise ValueError(
                    f"{where}: scope[{i}].{name} is {rate}; a rate is finite and between 0 and 1"
                )
        if not math.isfinite(e.excess_failures) or abs(e.excess_failures) >= MAX_COUNT:
            raise ValueError(f"{where}: scope[{i}].excess_failures is {e.excess_failures:.3g}")
        if e.failures > e.attempts:
            raise ValueError(
                f"{where}: scope[{i}].failures ({e.failures}) is more than its attempts "
                f"({e.attempts}); every failure is an attempt"
            )
    if w.subscribers_affected > w.failed_attempts:
        raise ValueError(
            f"{where}: subscribers_affected ({w.subscribers_affected}) is more than "
            f"failed_attempts ({w.failed_attempts}); each affected subscriber had a failed attempt"
        )
