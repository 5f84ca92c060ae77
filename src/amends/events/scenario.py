"""Outage scenarios for the simulator (regions and injected outages, from YAML) and its truth file.

A scenario says where the simulated subscribers live and which outages to inject; the truth file
records what was injected and exactly who it hit, so the impact analysis can be scored against it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from amends.errors import InputError, read_text

#: The call types the simulator generates (a subset of `amends.events.schema.SERVICES`).
SIM_SERVICES: tuple[str, ...] = ("local", "long_distance", "international", "emergency")

OutageKind = Literal["failures", "silence"]


def _utc(value: datetime) -> datetime:
    """An aware UTC datetime; a naive time means UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class RegionSpec(BaseModel):
    """A geographic region: its name, its IANA time zone and its share of the subscribers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, description="Region name, e.g. a US state code")
    tz: str = Field(description="IANA time zone, e.g. America/Chicago")
    weight: float = Field(default=1.0, gt=0, description="Relative share of the subscribers")

    @field_validator("tz")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"unknown time zone {value!r}; write an IANA zone like America/Chicago"
            ) from exc
        return value


class OutageSpec(BaseModel):
    """One injected outage: failures (calls that fail) or silence (calls that leave no record)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str | None = Field(default=None, description="Window id; default w1, w2, ...")
    kind: OutageKind = "failures"
    regions: list[str] | Literal["all"] = "all"
    services: list[str] | Literal["all"] = "all"
    start: datetime
    end: datetime | None = Field(default=None, description="None: still ongoing at the end")
    cause: int = Field(default=38, ge=1, le=127, description="Q.850 cause of injected failures")
    sip_status: int = Field(default=503, ge=100, le=699, description="SIP status of failures")
    rate: float = Field(default=0.5, ge=0, le=1, description="failures: share that fail")
    collapse: float = Field(default=1.0, ge=0, le=1, description="silence: share with no record")
    onset_minutes: float = Field(default=0, ge=0, description="Ramp from 0 to full over this")

    @field_validator("start", "end")
    @classmethod
    def _to_utc(cls, value: datetime | None) -> datetime | None:
        return None if value is None else _utc(value)

    @field_validator("regions", "services", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        if isinstance(value, str) and value != "all":
            return [value]
        return value


class Scenario(BaseModel):
    """Regions (optional: defaults to US states) and outages, plus optional simulation defaults."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    description: str | None = None
    regions: list[RegionSpec] | None = None
    outages: list[OutageSpec] = Field(default_factory=list)
    start: date | None = Field(default=None, description="Default first simulated day (UTC)")
    days: int | None = Field(default=None, ge=1)
    subscribers: int | None = Field(default=None, ge=1)
    calls_per_day: int | None = Field(default=None, ge=1)
    seed: int | None = Field(default=None, ge=0)
    source: str | None = Field(default=None, exclude=True, description="File it came from")

    @field_validator("start", mode="before")
    @classmethod
    def _date_only(cls, value: Any) -> Any:
        if isinstance(value, datetime):
            return value.date()
        return value

    @classmethod
    def load(cls, path: Path | str) -> Scenario:
        """Read and validate a scenario YAML file; a problem is one InputError naming the field."""
        path = Path(path)
        text = read_text(path, what="scenario file", hint="check the path")
        return cls.from_yaml(text, source=str(path))

    @classmethod
    def from_yaml(cls, text: str, *, source: str = "<scenario>") -> Scenario:
        """Parse scenario YAML text; `source` names it in error messages."""
        try:
            from amends.incident.io import safe_load_unique

            data = safe_load_unique(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            row = mark.line + 1 if mark is not None else None
            problem = getattr(exc, "problem", None) or "invalid YAML"
            raise InputError(f"{problem}; fix the YAML syntax", path=source, row=row) from None
        except ValueError as exc:  # e.g. a date YAML reads as a timestamp but cannot build
            raise InputError(f"invalid value ({exc}); fix the date or time", path=source) from None
        if data is None:
            raise InputError(
                "the scenario file is empty; give `regions:` and `outages:` (see docs/events.md) "
                "or leave out --scenario for the built-in demo",
                path=source,
            )
        if not isinstance(data, dict):
            raise InputError(
                "a scenario must be a mapping with `outages:` (and optionally `regions:`)",
                path=source,
            )
        try:
            scenario = cls.model_validate({**data, "source": source})
        except ValidationError as exc:
            raise InputError(_describe(exc), path=source) from None
        return scenario

    @classmethod
    def builtin(cls, name: str) -> Scenario:
        """One of the scenarios shipped in `amends/events/scenarios/` (e.g. "demo")."""
        folder = resources.files("amends.events") / "scenarios"
        item = folder / f"{name}.yaml"
        if not item.is_file():
            known = sorted(p.name.removesuffix(".yaml") for p in folder.iterdir())
            raise InputError(f"no built-in scenario {name!r}; use one of {', '.join(known)}")
        return cls.from_yaml(item.read_text(encoding="utf-8"), source=f"<built-in {name}>")

    def shifted(self, days: int) -> Scenario:
        """The same scenario moved by whole days (used to move the built-in demo to `--start`)."""
        delta = timedelta(days=days)
        outages = [
            o.model_copy(
                update={"start": o.start + delta, "end": None if o.end is None else o.end + delta}
            )
            for o in self.outages
        ]
        start = None if self.start is None else self.start + delta
        return self.model_copy(update={"outages": outages, "start": start})

    def window_ids(self) -> list[str]:
        """Each outage's id: its own, or w1, w2, ... by position."""
        return [o.id or f"w{i + 1}" for i, o in enumerate(self.outages)]

    def check(
        self, *, regions: list[str], services: tuple[str, ...], start: datetime, end: datetime
    ) -> None:
        """Check the outages against the simulated regions, services and period (InputError)."""
        src = self.source or "<scenario>"
        ids = self.window_ids()
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise InputError(
                f"outages: id {dup!r} is used twice; give each outage its own id", path=src
            )
        for i, o in enumerate(self.outages):
            at = f"outages[{i}]"
            if o.regions != "all":
                if not o.regions:
                    raise InputError(
                        f"{at}.regions: empty; list region names or write all", path=src
                    )
                for r in o.regions:
                    if r not in regions:
                        raise InputError(
                            f"{at}.regions: unknown region {r!r}; use one of "
                            f"{', '.join(regions)} or all",
                            path=src,
                        )
            if o.services != "all":
                if not o.services:
                    raise InputError(f"{at}.services: empty; list services or write all", path=src)
                for s in o.services:
                    if s not in services:
                        raise InputError(
                            f"{at}.services: unknown service {s!r}; use one of "
                            f"{', '.join(services)} or all",
                            path=src,
                        )
            if o.end is not None and o.end <= o.start:
                raise InputError(
                    f"{at}.end: {o.end.isoformat()} is not after start {o.start.isoformat()}; "
                    "write a later end, or null for an outage still ongoing",
                    path=src,
                )
            if not (start <= o.start < end):
                raise InputError(
                    f"{at}.start: {o.start.isoformat()} is outside the simulated period "
                    f"{start.isoformat()} to {end.isoformat()}; move the outage or change "
                    "start/days",
                    path=src,
                )
            if o.end is not None and o.end > end:
                raise InputError(
                    f"{at}.end: {o.end.isoformat()} is after the end of the simulated period "
                    f"{end.isoformat()}; write an earlier end, null (ongoing), or more days",
                    path=src,
                )


def _describe(exc: ValidationError) -> str:
    """The first validation error as one line: `field.path: what is wrong`."""
    err = exc.errors()[0]
    parts: list[str] = []
    for item in err["loc"]:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif item in ("list[str]", "literal['all']") or str(item).startswith(
            ("list[", "literal[", "function-")
        ):
            continue
        else:
            parts.append(("." if parts else "") + str(item))
    field = "".join(parts) or "scenario"
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        model: type[BaseModel] = {"outages": OutageSpec, "regions": RegionSpec}.get(
            str(err["loc"][0]) if len(err["loc"]) > 1 else "", Scenario
        )
        allowed = ", ".join(f for f in model.model_fields if f != "source")
        msg = f"unknown field; use one of: {allowed}"
    elif err["type"] == "missing":
        msg = "missing; this field is required"
    elif err["type"] == "literal_error" and field.endswith("kind"):
        msg = "must be failures or silence"
    got = err.get("input")
    suffix = ""
    if err["type"] not in ("missing", "extra_forbidden") and not isinstance(got, dict | list):
        suffix = f" (got {got!r})"
    return f"{field}: {msg}{suffix}"


# --- the truth file -----------------------------------------------------------------------------


class TruthSubscriber(BaseModel):
    """A subscriber with at least one network failure inside a window's scope."""

    subscriber: str
    region: str
    failed_attempts: int
    first_failure: datetime
    last_failure: datetime


class TruthSilenced(BaseModel):
    """A subscriber whose attempts a silence window removed (they left no record)."""

    subscriber: str
    region: str
    suppressed_attempts: int


class TruthWindow(BaseModel):
    """One injected outage window and exactly who had network failures inside it."""

    id: str
    kind: OutageKind
    regions: list[str]
    services: list[str]
    start: datetime
    end: datetime | None
    cause: int
    sip_status: int
    rate: float
    collapse: float
    onset_minutes: float
    failed_attempts: int = 0
    injected_failures: int = 0
    suppressed_attempts: int = 0
    subscribers_affected: int = 0
    subscribers: list[TruthSubscriber] = Field(default_factory=list)
    silenced_subscribers: list[TruthSilenced] = Field(default_factory=list)


class TruthRegion(BaseModel):
    """A simulated region, its time zone and how many subscribers live there."""

    name: str
    tz: str
    subscribers: int


class Truth(BaseModel):
    """What the simulator generated and injected: the answer key for the impact analysis."""

    seed: int
    config: dict[str, Any]
    rows: int
    start: datetime
    end: datetime
    regions: list[TruthRegion]
    windows: list[TruthWindow]

    def write(self, path: Path | str) -> Path:
        """Write the truth as indented JSON."""
        path = Path(path)
        path.write_text(self.model_dump_json(indent=1) + "\n", encoding="utf-8")
        return path

    @classmethod
    def read(cls, path: Path | str) -> Truth:
        """Read a truth file written by `write`."""
        path = Path(path)
        try:
            return cls.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            raise InputError("truth file not found; check the path", path=str(path)) from None
        except ValidationError as exc:
            raise InputError(f"not a truth file: {_describe(exc)}", path=str(path)) from None
