"""Signed, expiring "was I affected?" links: the only way a customer's own figures are shown.

The token carries the incident id and the subscriber id, signed with the site's secret
(itsdangerous); a tampered or expired token verifies as None and the page then shows nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

SALT = "amends.affected.v1"
DEFAULT_MAX_AGE_DAYS = 60


@dataclass(frozen=True)
class AffectedClaim:
    """Whom a valid link is for."""

    incident_id: str
    subscriber: str


def _serializer(secret: str) -> URLSafeTimedSerializer:
    if not secret:
        raise ValueError("the site secret is empty; set AMENDS_SECRET")
    return URLSafeTimedSerializer(secret, salt=SALT)


def sign_affected(secret: str, incident_id: str, subscriber: str) -> str:
    """A URL-safe token for one subscriber's page of one incident."""
    return _serializer(secret).dumps({"i": incident_id, "s": subscriber})


def verify_affected(
    secret: str, token: str, *, max_age_days: float = DEFAULT_MAX_AGE_DAYS
) -> AffectedClaim | None:
    """The claim of a valid, unexpired token; None for anything else."""
    try:
        data = _serializer(secret).loads(token, max_age=int(max_age_days * 86400))
    except (BadSignature, SignatureExpired, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("i"), str):
        return None
    if not isinstance(data.get("s"), str):
        return None
    return AffectedClaim(incident_id=data["i"], subscriber=data["s"])


def affected_url(base_url: str, secret: str, incident_id: str, subscriber: str) -> str:
    """The full link a personal notice carries."""
    return f"{base_url.rstrip('/')}/affected/{sign_affected(secret, incident_id, subscriber)}"
