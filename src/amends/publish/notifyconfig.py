"""Notification settings: the `[notify]` table of amends.toml, overridden by AMENDS_NOTIFY_* env.

Every knob the outbox worker and the channels read lives here, with a documented default, so an
operator configures SMTP, the SMS gateway, webhook address ranges and retry policy in one place.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from amends.errors import InputError, load_toml

CHANNEL_NAMES: tuple[str, ...] = ("email", "webhook", "sms")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EmailSettings(_Strict):
    """How to reach the SMTP server (a relay or the provider's MTA) and what to put in From."""

    host: str = "127.0.0.1"
    port: int = 25
    ssl: bool = False  # implicit TLS (port 465)
    starttls: bool = False  # upgrade with STARTTLS after EHLO; fail if the server does not offer it
    ca_file: Path | None = None  # CA bundle for the server certificate (default: system CAs)
    username: str | None = None
    password: str | None = None
    timeout: float = 30.0
    sender: str = "status@example.com"  # the From address
    sender_name: str = "Service status"
    message_id_domain: str | None = None  # default: the sender's domain
    pipelining: bool = True  # send MAIL/RCPT/DATA in one round trip when the server allows it


class WebhookSettings(_Strict):
    """Webhook delivery: time-outs, redirects and the address ranges an operator allows."""

    timeout: float = 10.0
    max_redirects: int = 3
    #: CIDR ranges webhooks may reach although they are private/loopback (e.g. "10.20.0.0/16").
    allow: list[str] = Field(default_factory=list)
    user_agent: str = "amends-webhooks/1"


class SmsSettings(_Strict):
    """A generic HTTP SMS gateway: JSON POST to `url` with the gateway's auth."""

    url: str | None = None
    auth: Literal["none", "bearer", "basic", "header"] = "bearer"
    token: str | None = None  # bearer token, or the header value for auth = "header"
    header: str = "X-API-Key"  # header name for auth = "header"
    username: str | None = None  # basic auth
    password: str | None = None
    sender: str | None = None  # the "from" number or alphanumeric sender id
    to_field: str = "to"
    text_field: str = "text"
    from_field: str = "from"
    extra: dict[str, Any] = Field(default_factory=dict)  # static fields the gateway wants
    timeout: float = 10.0


class ChannelLimits(_Strict):
    """Per-channel parallelism and rate of one worker process."""

    concurrency: int = Field(default=2, ge=1, le=256)
    rate_per_s: float | None = Field(default=None, gt=0)  # None: as fast as the channel goes
    batch: int = Field(default=100, ge=1, le=10_000)


def _default_limits() -> dict[str, ChannelLimits]:
    return {
        "email": ChannelLimits(concurrency=4, batch=200),
        "webhook": ChannelLimits(concurrency=8, batch=50),
        "sms": ChannelLimits(concurrency=2, rate_per_s=20, batch=50),
    }


class NotifySettings(_Strict):
    """Everything `amends worker` and `amends notify` need besides the database URL."""

    base_url: str = "http://127.0.0.1:8000"  # public site: confirmation + unsubscribe links

    @field_validator("base_url")
    @classmethod
    def _site_url(cls, value: str) -> str:
        from amends.errors import InputError, check_site_url

        try:
            return check_site_url(value, option="base_url")
        except InputError as exc:
            raise ValueError(str(exc)) from None

    #: Signs unsubscribe links. None: the store's own random secret (made once, kept in the
    #: store), so every process on one store agrees and nothing is signed with a known value.
    secret: str | None = Field(default=None, min_length=16)
    max_attempts: int = Field(default=8, ge=1)  # then the row is dead (dead-letter)
    backoff_base_s: float = Field(default=2.0, gt=0)
    backoff_max_s: float = Field(default=3600.0, gt=0)
    lease_s: float = Field(default=120.0, gt=0)  # a claimed row returns to the pool after this
    poll_s: float = Field(default=0.5, gt=0)
    email: EmailSettings = Field(default_factory=EmailSettings)
    webhook: WebhookSettings = Field(default_factory=WebhookSettings)
    sms: SmsSettings = Field(default_factory=SmsSettings)
    limits: dict[str, ChannelLimits] = Field(default_factory=_default_limits)

    def limit(self, channel: str) -> ChannelLimits:
        """The limits of one channel (defaults when the config leaves it out)."""
        return self.limits.get(channel) or _default_limits().get(channel) or ChannelLimits()


def _env_overrides(env: dict[str, str]) -> dict[str, Any]:
    """Overrides from AMENDS_NOTIFY_SECRET, AMENDS_NOTIFY_EMAIL_PASSWORD, ... as a dict."""
    out: dict[str, Any] = {}
    prefix = "AMENDS_NOTIFY_"
    for name, value in env.items():
        if not name.startswith(prefix):
            continue
        key = name[len(prefix) :].lower()
        section, _, field = key.partition("_")
        if section in ("email", "webhook", "sms") and field:
            if section == "webhook" and field == "allow":
                out.setdefault(section, {})[field] = [v for v in value.split(",") if v.strip()]
            else:
                out.setdefault(section, {})[field] = value
        else:
            out[key] = value
    return out


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_settings(
    path: Path | None = None, *, env: dict[str, str] | None = None, **overrides: Any
) -> NotifySettings:
    """Read `[notify]` from amends.toml (given, or in the cwd), then env, then kwargs."""
    data: dict[str, Any] = {}
    where = path if path is not None else Path("amends.toml")
    if path is not None and not path.exists():
        raise InputError("config file not found; pass an existing amends.toml", path=str(path))
    if where.exists():
        try:
            doc = load_toml(where.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"not valid TOML ({exc}); fix the syntax", path=str(where)) from None
        data = dict(doc.get("notify", {}))
    data = _merge(data, _env_overrides(dict(os.environ if env is None else env)))
    data = _merge(data, overrides)
    try:
        return NotifySettings.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise InputError(
            f"[notify] {loc}: {err['msg']}; see docs/notify.md for the settings", path=str(where)
        ) from None
