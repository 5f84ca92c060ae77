"""Alerts from monitoring, as a trigger: Prometheus Alertmanager's webhook payload (version 4) and
a generic JSON alert, read into one `Alert` with its scope (region, service) from the labels.

An alert says someone's monitoring saw trouble; it opens or joins an incident, but only the
records measure the outage: a resolved alert is noted, never taken as the end.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from amends.errors import InputError

#: Alertmanager's fingerprint: 16 hexadecimal digits (a hash of the alert's labels).
FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")
#: A generic alert's id: what the sender uses to say "this alert again".
GENERIC_ID = re.compile(r"^[A-Za-z0-9._:-]{1,200}$")
#: The zero time Alertmanager writes as endsAt of a firing alert.
_GO_ZERO_YEAR = 1

Labels = dict[str, str]


class AlertConfig(BaseModel):
    """The `[alerts]` table of amends.toml: which labels name the region and the service, and how
    their values translate to the region and service ids of the records."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    region_labels: tuple[str, ...] = ("region",)
    service_labels: tuple[str, ...] = ("service",)
    regions: dict[str, str] = Field(default_factory=dict, description="label value → region id")
    services: dict[str, str] = Field(default_factory=dict, description="label value → service")
    time_zone: str = "Etc/UTC"

    def scope(self, labels: Labels) -> tuple[str | None, str | None]:
        """The (region, service) the labels name; None where no label says."""
        region = next((labels[k] for k in self.region_labels if labels.get(k)), None)
        service = next((labels[k] for k in self.service_labels if labels.get(k)), None)
        if region is not None:
            region = self.regions.get(region, region)
        if service is not None:
            service = self.services.get(service, service)
        return region, service


def load_alert_config(path: Path | None = None) -> AlertConfig:
    """`[alerts]` from `path` (or ./amends.toml when it exists), else the defaults."""
    from amends.events.config import config_table, validated

    table, where = config_table(path, "alerts")
    return validated(AlertConfig, table, "alerts", where)


class _Payload(BaseModel):
    """Strict types; fields a newer sender adds are ignored (version 4 keeps its shape)."""

    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)


class AlertmanagerAlert(_Payload):
    """One alert of an Alertmanager notification (field names are Alertmanager's, unchanged)."""

    status: Literal["firing", "resolved"]
    labels: Labels
    annotations: Labels = Field(default_factory=dict)
    startsAt: str
    endsAt: str = ""
    generatorURL: str = ""
    fingerprint: str

    @field_validator("fingerprint")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not FINGERPRINT.match(value):
            raise ValueError("is not an Alertmanager fingerprint (16 hexadecimal digits)")
        return value


class AlertmanagerPayload(_Payload):
    """Alertmanager's webhook body (`version: "4"`), as its webhook receiver sends it."""

    version: str
    groupKey: str
    truncatedAlerts: int = 0
    status: Literal["firing", "resolved"]
    receiver: str
    groupLabels: Labels = Field(default_factory=dict)
    commonLabels: Labels = Field(default_factory=dict)
    commonAnnotations: Labels = Field(default_factory=dict)
    externalURL: str = ""
    alerts: list[AlertmanagerAlert] = Field(min_length=1, max_length=1000)


class GenericAlert(_Payload):
    """A generic JSON alert: `{"id", "status", "labels", "starts_at", "ends_at", "summary"}`."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: str
    status: Literal["firing", "resolved"]
    name: str = Field(min_length=1, max_length=200)
    labels: Labels = Field(default_factory=dict)
    starts_at: str
    ends_at: str | None = None
    summary: str | None = Field(None, max_length=2000)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not GENERIC_ID.match(value):
            raise ValueError("must be 1 to 200 letters, digits or . _ : -")
        return value


class Alert(BaseModel):
    """One alert as amends keeps it: who sent it, its identity, state, scope and times."""

    model_config = ConfigDict(frozen=True)

    source: Literal["alertmanager", "generic"]
    fingerprint: str
    status: Literal["firing", "resolved"]
    name: str
    region: str | None
    service: str | None
    starts_at: datetime
    ends_at: datetime | None
    summary: str | None
    labels: Labels


def _instant(text: str, field: str) -> datetime | None:
    """An RFC 3339 time as an aware datetime; Go's zero time (year 1) is None."""
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"{field}: {text[:40]!r} is not an RFC 3339 time") from None
    if value.tzinfo is None:
        raise InputError(f"{field}: {text[:40]!r} has no time zone offset")
    return None if value.year <= _GO_ZERO_YEAR else value.astimezone(UTC)


def _invalid(exc: ValidationError, what: str) -> InputError:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "(the body)"
    msg = err["msg"].removeprefix("Value error, ")
    return InputError(f"{what}: {where}: {msg}")


def parse_alertmanager(data: Any, config: AlertConfig) -> list[Alert]:
    """The alerts of an Alertmanager webhook body (parsed JSON); InputError when it is not one."""
    if not isinstance(data, dict):
        raise InputError("not an Alertmanager notification: the body must be a JSON object")
    if data.get("version") != "4":
        raise InputError(
            f"Alertmanager payload version {data.get('version')!r} is not supported: "
            'this endpoint reads version "4" (Alertmanager 0.x webhook_configs)'
        )
    try:
        payload = AlertmanagerPayload.model_validate(data)
    except ValidationError as exc:
        raise _invalid(exc, "not an Alertmanager notification") from None
    out = []
    for i, a in enumerate(payload.alerts):
        region, service = config.scope(a.labels)
        starts = _instant(a.startsAt, f"alerts.{i}.startsAt")
        if starts is None:
            raise InputError(f"alerts.{i}.startsAt: the alert has no start time")
        out.append(
            Alert(
                source="alertmanager",
                fingerprint=a.fingerprint,
                status=a.status,
                name=a.labels.get("alertname", "alert"),
                region=region,
                service=service,
                starts_at=starts,
                ends_at=_instant(a.endsAt, f"alerts.{i}.endsAt") if a.endsAt else None,
                summary=a.annotations.get("summary") or a.annotations.get("description"),
                labels=a.labels,
            )
        )
    return out


def parse_generic(data: Any, config: AlertConfig) -> Alert:
    """A generic JSON alert (see `GenericAlert`); InputError when it is not one."""
    try:
        alert = GenericAlert.model_validate(data)
    except ValidationError as exc:
        raise _invalid(exc, "not an alert") from None
    region, service = config.scope(alert.labels)
    starts = _instant(alert.starts_at, "starts_at")
    if starts is None:
        raise InputError("starts_at: the alert has no start time")
    ends = _instant(alert.ends_at, "ends_at") if alert.ends_at else None
    if alert.status == "resolved" and ends is None:
        raise InputError("ends_at: a resolved alert says when it ended")
    return Alert(
        source="generic",
        fingerprint=alert.id,
        status=alert.status,
        name=alert.name,
        region=region,
        service=service,
        starts_at=starts,
        ends_at=ends,
        summary=alert.summary,
        labels=alert.labels,
    )
