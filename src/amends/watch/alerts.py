"""Tell the people on duty: an email, a signed webhook, or a chat incoming-webhook payload with
the title, scope, counts and a review link, through the notify channels (never to customers)."""

from __future__ import annotations

import json
import secrets
from typing import Any

from amends.publish.channels import Message, Outcome, make_channel
from amends.publish.notifyconfig import NotifySettings
from amends.store.watch import WatchIncident
from amends.watch.policy import OnDuty

EVENT_WORDS = {"opened": "Outage detected", "ended": "Outage over (records back to normal)"}


def summary(inc: WatchIncident, event: str, review_url: str | None) -> dict[str, Any]:
    """The facts of an alert: title, when, scope and counts, and where to review."""
    record = inc.record
    windows = record.get("windows") or [{}]
    w = windows[0]
    return {
        "event": event,
        "incident_id": inc.id,
        "title": record.get("title", inc.id),
        "kind": inc.kind,
        "start": w.get("start"),
        "end": w.get("end"),
        "regions": w.get("regions", []),
        "services": w.get("services", []),
        "subscribers_affected": w.get("subscribers_affected", 0),
        "failed_attempts": w.get("failed_attempts", 0),
        "detected_at": inc.detection.get("wall_time"),
        "review_url": (review_url.rstrip("/") + f"/{inc.id}") if review_url else None,
    }


def alert_text(facts: dict[str, Any]) -> str:
    """The alert in a few plain lines (email body and chat message)."""
    words = EVENT_WORDS.get(facts["event"], facts["event"])
    lines = [
        f"{words}: {facts['title']}",
        f"Since {facts['start']}" + (f" until {facts['end']}" if facts["end"] else " (ongoing)"),
        f"Areas: {', '.join(facts['regions'])}; services: {', '.join(facts['services'])}",
        f"Customers with failed calls: {facts['subscribers_affected']:,}; "
        f"failed attempts: {facts['failed_attempts']:,}",
        f"Incident {facts['incident_id']}: the acknowledgement is drafted and waits for review",
    ]
    if facts.get("review_url"):
        lines.append(f"Review: {facts['review_url']}")
    return "\n".join(lines) + "\n"


def message_for(target: OnDuty, facts: dict[str, Any]) -> Message:
    """The channel message for one target (its key makes a resend recognisable)."""
    key = f"watch:{facts['incident_id']}:{facts['event']}:{target.name}"
    text = alert_text(facts)
    subject = text.splitlines()[0]
    if target.kind == "email":
        return Message(0, key, "email", target.to or "", subject=subject, text=text)
    if target.kind == "chat":
        payload = json.dumps({"text": text, "title": subject, "amends": facts})
    else:
        payload = json.dumps({"type": f"incident.{facts['event']}", "data": facts})
    return Message(
        0,
        key,
        "webhook",
        target.url or "",
        subject=subject,
        payload=payload,
        secret=target.secret or "whsec_" + secrets.token_urlsafe(24),
    )


def send(targets: list[OnDuty], facts: dict[str, Any], settings: NotifySettings) -> dict[str, str]:
    """Send to every target; each target's outcome ("sent" or the error)."""
    out: dict[str, str] = {}
    channels: dict[str, Any] = {}
    try:
        for target in targets:
            msg = message_for(target, facts)
            ch = channels.get(msg.channel) or channels.setdefault(
                msg.channel, make_channel(msg.channel, settings)
            )
            try:
                outcome: Outcome = ch.send(msg)
            except Exception as exc:
                outcome = Outcome.retry(f"{type(exc).__name__}: {exc}")
            out[target.name] = "sent" if outcome.status == "sent" else f"failed: {outcome.error}"
    finally:
        for ch in channels.values():
            ch.close()
    return out
