"""Webhooks over HTTP (httpx) with Standard Webhooks headers, signed by `standardwebhooks`.

Each POST carries `webhook-id` (stable per message: the receiver's idempotency key),
`webhook-timestamp` and `webhook-signature`. Connections go through the URL guard, so a
subscriber's URL cannot reach internal addresses, whatever the spelling, redirect or DNS answer.
"""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from standardwebhooks import Webhook

from amends.publish.channels import Message, Outcome, key_digest, parse_retry_after
from amends.publish.notifyconfig import NotifySettings, WebhookSettings
from amends.publish.urlguard import BlockedURL, Resolver, guarded_client, parse_networks

#: Statuses that mean "retrying cannot help": the receiver is gone for good.
PERMANENT = frozenset({410})


def webhook_id(key: str) -> str:
    """The `webhook-id` for an idempotency key (the same on every retry)."""
    return f"msg_{key_digest(key)}"


def signed_headers(key: str, body: str, secret: str, now: datetime | None = None) -> dict[str, str]:
    """The three Standard Webhooks headers for one delivery attempt."""
    now = now or datetime.now(UTC)
    msg_id = webhook_id(key)
    signature = Webhook(secret).sign(msg_id, now, body)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }


class WebhookChannel:
    """POSTs JSON to subscriber URLs through a guarded httpx client (kept open across messages)."""

    name = "webhook"

    def __init__(self, settings: WebhookSettings, *, resolver: Resolver | None = None) -> None:
        self.settings = settings
        kwargs = {} if resolver is None else {"resolver": resolver}
        self.client = guarded_client(
            parse_networks(settings.allow),
            timeout=settings.timeout,
            **kwargs,  # type: ignore[arg-type]
        )

    def send(self, message: Message) -> Outcome:
        """POST the payload; 2xx is sent, 410 and blocked URLs are dead, the rest retry."""
        body = message.payload or "{}"
        if not message.secret:
            return Outcome.dead("the subscription has no signing secret")
        headers = {
            "content-type": "application/json",
            "user-agent": self.settings.user_agent,
            **signed_headers(message.key, body, message.secret),
        }
        url = httpx.URL(message.recipient)
        for _hop in range(self.settings.max_redirects + 1):
            try:
                resp = self.client.post(url, content=body.encode(), headers=headers)
            except BlockedURL as exc:
                return Outcome.dead(f"blocked: {exc}")
            except httpx.HTTPError as exc:
                return Outcome.retry(f"{type(exc).__name__}: {exc}")
            location = resp.headers.get("location")
            if resp.status_code not in (307, 308) or not location:
                break
            url = url.join(location)  # each hop is checked again by the guarded transport
        else:
            return Outcome.dead(f"more than {self.settings.max_redirects} redirects")
        if 200 <= resp.status_code < 300:
            return Outcome.sent()
        error = f"HTTP {resp.status_code} from {resp.url.host}"
        if resp.status_code in PERMANENT:
            return Outcome.dead(error)
        return Outcome.retry(error, parse_retry_after(resp.headers.get("retry-after")))

    def close(self) -> None:
        """Close the HTTP client."""
        self.client.close()


def create(settings: NotifySettings) -> WebhookChannel:
    """The registry's constructor."""
    return WebhookChannel(settings.webhook)
