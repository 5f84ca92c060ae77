"""The delivery channels: one message type, one outcome type and a registry name -> module.

A channel is a small object that sends one outbox message at a time over a connection it keeps
open (an SMTP session, an HTTP client) and answers sent / retry / dead. New channels are a new
module with a `create(settings)` function and one line in `CHANNEL_MODULES`.
"""

from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from amends.publish.notifyconfig import NotifySettings

#: Channel name -> the module whose `create(settings)` builds it.
CHANNEL_MODULES: dict[str, str] = {
    "email": "amends.publish.email",
    "webhook": "amends.publish.webhook",
    "sms": "amends.publish.sms",
}


@dataclass(frozen=True, slots=True)
class Message:
    """One outbox row as a channel sees it (plus the subscription's secret and unsubscribe link)."""

    id: int
    key: str  # the idempotency key: Message-ID, webhook-id, the gateway's Idempotency-Key
    channel: str
    recipient: str
    subject: str | None = None
    text: str | None = None
    html: str | None = None
    payload: str | None = None  # JSON text (webhooks)
    attempts: int = 1
    subscription_id: int | None = None
    secret: str | None = None  # webhook signing secret
    unsubscribe_url: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one message: sent, retry later (maybe after a delay), or dead for good."""

    status: Literal["sent", "retry", "dead"]
    error: str | None = None
    retry_after: float | None = None  # seconds the receiver asked us to wait (Retry-After)

    @classmethod
    def sent(cls) -> Outcome:
        """Delivered (the receiver accepted it)."""
        return cls("sent")

    @classmethod
    def retry(cls, error: str, retry_after: float | None = None) -> Outcome:
        """A transient failure: try again after backoff (or after the receiver's Retry-After)."""
        return cls("retry", error[:500], retry_after)

    @classmethod
    def dead(cls, error: str) -> Outcome:
        """A permanent failure: retrying cannot help (bad address, blocked URL, rejected)."""
        return cls("dead", error[:500])


class Channel(Protocol):
    """Sends messages of one kind; a worker thread owns one instance (and its connection)."""

    name: str

    def send(self, message: Message) -> Outcome:
        """Deliver one message; never raises for delivery problems (returns an Outcome)."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


def make_channel(name: str, settings: NotifySettings) -> Channel:
    """Build the channel called `name` from the settings."""
    try:
        module = CHANNEL_MODULES[name]
    except KeyError:
        known = ", ".join(CHANNEL_MODULES)
        raise ValueError(f"unknown channel {name!r}; use one of {known}") from None
    return importlib.import_module(module).create(settings)  # type: ignore[no-any-return]


def key_digest(key: str, length: int = 32) -> str:
    """A stable hex digest of an idempotency key (for Message-ID and webhook-id)."""
    return hashlib.sha256(key.encode()).hexdigest()[:length]


def parse_retry_after(value: str | None, cap: float = 3600.0) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    try:
        return min(max(float(value), 0.0), cap)
    except ValueError:
        pass
    from datetime import UTC, datetime
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max((when - datetime.now(UTC)).total_seconds(), 0.0), cap)
