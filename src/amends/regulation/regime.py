"""A regulatory regime as data: thresholds (tests), clocks (obligations), reports and content rules.

Each regime is one TOML file (built-ins under `amends/regulation/regimes/`); loading one
validates it and turns any mistake into a one-line error naming the file and the field.
"""

from __future__ import annotations

import tomllib
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from amends.errors import InputError, load_toml

Op = Literal[">=", ">", "<=", "<", "==", "!="]
Anchor = Literal["discovered", "reportable", "onset"]
Recipient = Literal["regulator", "emergency", "carriers", "public", "customers"]
ChannelName = Literal["web", "email", "sms", "social", "notice"]
StageName = Literal["acknowledge", "update", "resolve", "explain", "follow_up"]

#: The metrics a condition may name (computed by `amends.regulation.facts`).
METRICS: tuple[str, ...] = (
    "duration_minutes",
    "expected_duration_minutes",
    "duration_or_expected_minutes",
    "users_affected",
    "services_affected",
    "user_minutes",
    "all_services_in_a_state",
    "emergency_affected",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Strict):
    """A length of time: minutes and hours are exact; days are calendar days in the local zone."""

    minutes: int = Field(0, ge=0)
    hours: int = Field(0, ge=0)
    days: int = Field(0, ge=0)

    @model_validator(mode="after")
    def _nonzero(self) -> Span:
        if not (self.minutes or self.hours or self.days):
            raise ValueError("give minutes, hours or days (greater than 0)")
        return self

    def exact(self) -> timedelta:
        """The minutes and hours part (exact elapsed time)."""
        return timedelta(minutes=self.minutes, hours=self.hours)

    def words(self) -> str:
        """The span in words, e.g. '120 minutes', '72 hours', '30 days'."""
        parts = [(self.days, "day"), (self.hours, "hour"), (self.minutes, "minute")]
        return " ".join(f"{n} {u}{'s' if n != 1 else ''}" for n, u in parts if n)


class Condition(_Strict):
    """One comparison of a metric (optionally over regions with an attribute) with a threshold."""

    metric: str
    op: Op
    value: int | float | bool
    section: str = Field(min_length=1)
    where: dict[str, str] | None = Field(
        None, description="Only regions whose attribute equals this value (e.g. remoteness)"
    )

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, value: str) -> str:
        if value not in METRICS:
            raise ValueError(f"unknown metric {value!r}; known: {', '.join(METRICS)}")
        return value


class Threshold(_Strict):
    """A reportability test: true when all its conditions hold; a regime applies if any does."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    section: str = Field(min_length=1)
    classification: str = Field(min_length=1)
    review: str | None = Field(None, description="What a person must confirm when this test holds")
    all: list[Condition] = Field(min_length=1)


class DoneBy(_Strict):
    """A published statement that discharges an obligation (matched on channel and/or stage)."""

    channel: ChannelName | None = None
    stage: StageName | None = None


class Cadence(_Strict):
    """A repeat interval, applying until `until` after the anchor (None: to the end)."""

    every: Span
    until: Span | None = None


class Obligation(_Strict):
    """Something owed to someone by a deadline (a clock), or repeatedly (a cadence)."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    recipient: Recipient
    to: str = Field(min_length=1)
    section: str = Field(min_length=1)
    anchor: Anchor = "reportable"
    within: Span | None = None
    due_text: str | None = Field(None, description="A deadline in words when there is no number")
    cadence: list[Cadence] | None = None
    report: str | None = None
    tests: list[str] | None = Field(None, description="Only when one of these tests holds")
    done_by: list[DoneBy] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_deadline(self) -> Obligation:
        given = [x for x in (self.within, self.due_text, self.cadence) if x is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of within, due_text or cadence")
        return self


class ReportField(_Strict):
    """One field of a report and the fact that fills it."""

    name: str = Field(min_length=1)
    fact: str = Field(min_length=1)
    section: str = Field(min_length=1)


class Report(_Strict):
    """A report a regime requires (its fields, filled from facts only)."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    section: str = Field(min_length=1)
    fields: list[ReportField] = Field(min_length=1)


class ContentItem(_Strict):
    """What every communication to customers must contain, checked by a rubric rule."""

    rule: str = Field(min_length=1)
    requirement: str = Field(min_length=1)
    section: str = Field(min_length=1)
    stages: list[StageName] | None = None

    @field_validator("rule")
    @classmethod
    def _known_rule(cls, value: str) -> str:
        from amends.check.registry import RULE_IDS  # the rubric: content rules must exist there

        if value not in RULE_IDS:
            raise ValueError(f"unknown rubric rule {value!r}; known: {', '.join(RULE_IDS)}")
        return value


class RegimeMeta(_Strict):
    """Which instrument a regime encodes, its version, and how its numbers were verified."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    jurisdiction: str = Field(min_length=1)
    regulator: str = Field(min_length=1)
    instrument: str = Field(min_length=1)
    url: str = ""
    verification: str = Field(min_length=1)


class Regime(_Strict):
    """A whole regime file."""

    regime: RegimeMeta
    facts: dict[str, str] = Field(default_factory=dict)
    test: list[Threshold] = Field(min_length=1)
    obligation: list[Obligation] = Field(default_factory=list)
    report: list[Report] = Field(default_factory=list)
    content: list[ContentItem] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references(self) -> Regime:
        reports = {r.id for r in self.report}
        tests = {t.id for t in self.test}
        for i, ob in enumerate(self.obligation):
            if ob.report is not None and ob.report not in reports:
                raise ValueError(f"obligation[{i}].report: no [[report]] with id {ob.report!r}")
            for t in ob.tests or []:
                if t not in tests:
                    raise ValueError(f"obligation[{i}].tests: no [[test]] with id {t!r}")
        return self

    def report_by_id(self, report_id: str) -> Report:
        """The report with this id."""
        return next(r for r in self.report if r.id == report_id)


def _field(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def parse_regime(text: str, *, source: str) -> Regime:
    """Validate regime TOML text; any error is one line naming `source` and the field."""
    try:
        data = load_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}; fix the syntax", path=source) from None
    try:
        return Regime.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        msg = err["msg"].removeprefix("Value error, ")
        more = len(exc.errors()) - 1
        tail = f" (and {more} more)" if more else ""
        raise InputError(
            f"field {_field(loc)}: {msg}; fix the regime file{tail}", path=source
        ) from None


def _builtin_dir() -> Path:
    return Path(str(resources.files("amends.regulation") / "regimes"))


def available_regimes() -> list[str]:
    """Names of the built-in regimes (file names without .toml)."""
    return sorted(p.stem for p in _builtin_dir().glob("*.toml"))


def load_regime(name_or_path: str | Path) -> Regime:
    """A built-in regime by name, or a regime file by path; errors name the file and field."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        if str(name_or_path) not in available_regimes():
            raise InputError(
                f"unknown regime {str(name_or_path)!r}; known: {', '.join(available_regimes())} "
                "(or give the path of a regime .toml file)"
            )
        path = _builtin_dir() / f"{name_or_path}.toml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the regime file ({exc.strerror})", path=str(path)) from None
    return parse_regime(text, source=str(path))
