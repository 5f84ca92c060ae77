"""SMS through a configurable HTTP gateway: one JSON POST per message with the gateway's auth.

Field names, auth (bearer, basic, an API-key header) and static extras come from `[notify.sms]`,
so most gateways fit without code. 429 honours Retry-After, 5xx and network errors retry, other
4xx (a number the gateway rejects) are dead. The idempotency key goes in `Idempotency-Key`.
"""

from __future__ import annotations

import json

import httpx

from amends.publish.channels import Message, Outcome, parse_retry_after
from amends.publish.notifyconfig import NotifySettings, SmsSettings


class SmsChannel:
    """Posts each SMS to the operator's gateway (a trusted, configured URL)."""

    name = "sms"

    def __init__(self, settings: SmsSettings) -> None:
        if not settings.url:
            raise ValueError("[notify.sms] url is not set; configure the SMS gateway first")
        self.settings = settings
        headers = {"content-type": "application/json"}
        auth: httpx.Auth | None = None
        if settings.auth == "bearer" and settings.token:
            headers["authorization"] = f"Bearer {settings.token}"
        elif settings.auth == "header" and settings.token:
            headers[settings.header] = settings.token
        elif settings.auth == "basic":
            auth = httpx.BasicAuth(settings.username or "", settings.password or "")
        self.client = httpx.Client(
            headers=headers, auth=auth, timeout=settings.timeout, trust_env=False
        )

    def body(self, message: Message) -> dict[str, object]:
        """The JSON the gateway receives."""
        s = self.settings
        doc: dict[str, object] = dict(s.extra)
        doc[s.to_field] = message.recipient
        doc[s.text_field] = message.text or ""
        if s.sender:
            doc[s.from_field] = s.sender
        return doc

    def send(self, message: Message) -> Outcome:
        """POST one SMS; classify the gateway's answer."""
        try:
            resp = self.client.post(
                self.settings.url or "",
                content=json.dumps(self.body(message)).encode(),
                headers={"idempotency-key": message.key},
            )
        except httpx.HTTPError as exc:
            return Outcome.retry(f"gateway: {type(exc).__name__}: {exc}")
        if 200 <= resp.status_code < 300:
            return Outcome.sent()
        error = f"gateway HTTP {resp.status_code}: {resp.text[:200]}"
        if resp.status_code in (408, 425, 429) or resp.status_code >= 500:
            return Outcome.retry(error, parse_retry_after(resp.headers.get("retry-after")))
        if resp.status_code in (401, 403):  # our credentials: keep the message, fix the config
            return Outcome.retry(error)
        return Outcome.dead(error)

    def close(self) -> None:
        """Close the HTTP client."""
        self.client.close()


def create(settings: NotifySettings) -> SmsChannel:
    """The registry's constructor."""
    return SmsChannel(settings.sms)
