"""Feedback on statements ("Did this answer your questions?"): stored with rate limiting, and
summarised per incident for `amends feedback INCIDENT`.

The client is identified only by a keyed hash (HMAC-SHA256 of its address with the site secret):
enough to limit how often it can answer, never an IP address in clear.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from amends.errors import InputError

if TYPE_CHECKING:
    from amends.store import Store

MAX_COMMENT = 2000


class StatementNotOfIncident(InputError):
    """The answer names a statement that is not one of this incident's (the web answers 422)."""

    status_code = 422


def client_hash(secret: str, client: str) -> str:
    """A keyed hash of the client's address: stable for rate limiting, not reversible."""
    return hmac.new(secret.encode(), client.encode(), hashlib.sha256).hexdigest()


def clean_comment(text: str | None) -> str | None:
    """The comment without control characters, trimmed and capped at 2,000 characters."""
    if text is None:
        return None
    kept = "".join(
        ch for ch in text if ch in "\n\t" or not unicodedata.category(ch).startswith("C")
    )
    kept = kept.strip()[:MAX_COMMENT]
    return kept or None


def record_feedback(
    store: Store,
    incident_id: str,
    *,
    helpful: bool | None,
    comment: str | None,
    locale: str | None,
    client: str,
    secret: str,
    statement_id: int | None = None,
    limit: int = 5,
    window_seconds: int = 3600,
    now: datetime | None = None,
) -> bool:
    """Store one answer; False (nothing stored) when this client already answered `limit` times
    in the last `window_seconds`. InputError for an unknown incident, StatementNotOfIncident
    for a statement of another incident (or none)."""
    from sqlalchemy import func, insert, select

    from amends.store import schema as s

    at = now or datetime.now(UTC)
    key = client_hash(secret, client)
    t = s.feedback
    with store.begin() as conn:
        if (
            conn.execute(select(s.incidents.c.id).where(s.incidents.c.id == incident_id)).first()
            is None
        ):
            raise InputError(f"no incident {incident_id!r}")
        recent = conn.execute(
            select(func.count())
            .select_from(t)
            .where(t.c.client_hash == key, t.c.created_at > at - timedelta(seconds=window_seconds))
        ).scalar_one()
        if recent >= limit:
            return False
        if statement_id is not None:
            ok = conn.execute(
                select(s.statements.c.id).where(
                    s.statements.c.id == statement_id, s.statements.c.incident_id == incident_id
                )
            ).first()
            if ok is None:
                raise StatementNotOfIncident(
                    f"statement {statement_id} is not one of incident {incident_id!r}'s; "
                    "answer from the incident's own page"
                )
        conn.execute(
            insert(t).values(
                incident_id=incident_id,
                statement_id=statement_id,
                helpful=helpful,
                comment=clean_comment(comment),
                locale=(locale or None) and locale[:35],
                created_at=at,
                client_hash=key,
            )
        )
    return True


@dataclass
class FeedbackSummary:
    """How many answered, how many found the statements helpful, by locale, and the comments."""

    incident_id: str
    total: int = 0
    helpful: int = 0
    not_helpful: int = 0
    no_answer: int = 0
    by_locale: dict[str, tuple[int, int]] = field(default_factory=dict)  # locale -> (yes, no)
    comments: list[tuple[datetime, str, bool | None, str]] = field(default_factory=list)

    @property
    def helpful_share(self) -> float | None:
        """Share of yes among yes/no answers (None when nobody answered yes or no)."""
        answered = self.helpful + self.not_helpful
        return self.helpful / answered if answered else None


def summarise_feedback(store: Store, incident_id: str) -> FeedbackSummary:
    """The feedback of one incident, newest comments first."""
    from sqlalchemy import select

    from amends.store import schema as s

    t = s.feedback
    out = FeedbackSummary(incident_id)
    with store.connect() as conn:
        rows = conn.execute(
            select(t.c.helpful, t.c.comment, t.c.locale, t.c.created_at)
            .where(t.c.incident_id == incident_id)
            .order_by(t.c.created_at.desc(), t.c.id.desc())
        ).all()
    for r in rows:
        out.total += 1
        loc = r.locale or "?"
        yes, no = out.by_locale.get(loc, (0, 0))
        if r.helpful is True:
            out.helpful += 1
            yes += 1
        elif r.helpful is False:
            out.not_helpful += 1
            no += 1
        else:
            out.no_answer += 1
        out.by_locale[loc] = (yes, no)
        if r.comment:
            out.comments.append((r.created_at, loc, r.helpful, r.comment))
    return out
