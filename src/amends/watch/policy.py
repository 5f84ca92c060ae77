"""The watcher's policy file (TOML): who is on duty, the provider's standing facts, and whether
an acknowledgement may be published without a person (off unless said)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from amends.errors import InputError, read_text


class OnDuty(BaseModel):
    """One place people on duty hear of a detected outage (never customers)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["email", "webhook", "chat"]
    to: str | None = Field(None, description="email: the address")
    url: str | None = Field(None, description="webhook and chat: where to POST")
    secret: str | None = Field(
        None, min_length=16, description="webhook: signing secret (Standard Webhooks)"
    )

    @model_validator(mode="after")
    def _target(self) -> OnDuty:
        if self.kind == "email" and not self.to:
            raise ValueError("an email target needs `to`")
        if self.kind != "email":
            if not self.url:
                raise ValueError(f"a {self.kind} target needs `url`")
            if not self.url.startswith(("http://", "https://")):
                raise ValueError(f"url must start with http:// or https://, not {self.url!r}")
        return self

    @property
    def name(self) -> str:
        """How the target is named in the record of alerts sent."""
        return f"{self.kind}:{self.to or self.url}"


class AutoPublish(BaseModel):
    """Publish the acknowledgement without a person: only when its check passes and the scope is
    at least this large (off by default)."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = False
    min_subscribers: int = Field(1000, ge=1)
    channels: list[Literal["web", "email", "sms", "social"]] = Field(
        default_factory=lambda: ["web"]
    )


class WatchPolicy(BaseModel):
    """`[watch]` of the policy file."""

    model_config = ConfigDict(extra="forbid")

    review_url: str | None = Field(None, description="The console or admin page, for alerts")
    on_duty: list[OnDuty] = Field(default_factory=list)
    facts: dict[str, Any] = Field(
        default_factory=dict,
        description="Standing facts laid over every record the watcher opens: provider, "
        "support, status_url, feedback, locales, audiences, update_interval_minutes, "
        "regions.<id>.name/time_zone, services.<id>, translations, symptoms.failures/silence",
    )
    auto_publish: AutoPublish = Field(default_factory=AutoPublish)


def load_policy(path: Path | None) -> WatchPolicy:
    """Read `[watch]` from a policy TOML (None: the defaults: nobody alerted, nothing standing)."""
    if path is None:
        return WatchPolicy()
    text = read_text(path, what="watch policy file")
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML ({exc}); fix the syntax", path=str(path)) from None
    try:
        return WatchPolicy.model_validate(doc.get("watch", {}))
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise InputError(f"[watch] {loc}: {err['msg']}; see docs/live.md", path=str(path)) from None
