"""What only a signed link or a token may see: one customer's own figures for the "was I
affected?" page, and the admin view of next-update deadlines."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from amends.publish.cadence import next_update

if TYPE_CHECKING:
    from amends.publish.site import SiteData
    from amends.store import Store


@dataclass
class PersonalFigures:
    """One customer's failed calls, first and last failure, and credits in one incident."""

    subscriber: str
    failed_calls: int | None = None
    first_failure: datetime | None = None
    last_failure: datetime | None = None
    credits: list[str] = field(default_factory=list)
    time_zone: str | None = None
    locale: str | None = None


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace(" ", "T").replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        from datetime import UTC

        moment = moment.replace(tzinfo=UTC)
    return moment


def _amount(amount: Decimal, currency: str | None, unit: str | None, locale: str) -> str:
    from babel.numbers import format_currency, format_decimal

    if (unit in (None, "", "cash")) and currency:
        return format_currency(amount, currency, locale=locale.replace("-", "_"))
    return f"{format_decimal(amount.normalize(), locale=locale.replace('-', '_'))} {unit or ''}"


def personal_figures(store: Store, incident_id: str, subscriber: str) -> PersonalFigures | None:
    """The subscriber's figures from the credits ledger (net per currency and unit, and the
    failed calls it recorded); None when the store knows nothing of them for this incident."""
    from sqlalchemy import select

    from amends.store import schema as s

    t = s.ledger
    with store.connect() as conn:
        rows = conn.execute(
            select(t.c.window_id, t.c.amount, t.c.currency, t.c.unit, t.c.inputs).where(
                t.c.incident_id == incident_id, t.c.subscriber == subscriber
            )
        ).all()
        sub = conn.execute(
            select(s.subscribers.c.time_zone, s.subscribers.c.locale).where(
                s.subscribers.c.subscriber == subscriber
            )
        ).first()
    if not rows and sub is None:
        return None
    out = PersonalFigures(subscriber=subscriber)
    if sub is not None:
        out.time_zone, out.locale = sub.time_zone, sub.locale
    totals: dict[tuple[str | None, str | None], Decimal] = {}
    failed: dict[str, int] = {}
    for r in rows:
        key = (r.currency, r.unit)
        totals[key] = totals.get(key, Decimal(0)) + Decimal(r.amount)
        try:
            facts = json.loads(r.inputs) if r.inputs else {}
        except ValueError:
            facts = {}
        if isinstance(facts, dict):
            if isinstance(facts.get("failed_attempts"), int):
                failed[r.window_id] = facts["failed_attempts"]
            for name, pick in (("first_failure", min), ("last_failure", max)):
                moment = _when(facts.get(name))
                if moment is not None:
                    current = getattr(out, name)
                    setattr(out, name, moment if current is None else pick(current, moment))
    if failed:
        out.failed_calls = sum(failed.values())
    loc = out.locale or "en"
    out.credits = [
        _amount(v, cur, unit, loc) for (cur, unit), v in sorted(totals.items(), key=str) if v
    ]
    return out


def deadlines(data: SiteData) -> list[dict[str, Any]]:
    """Every open incident's next-update deadline, overdue first, then soonest."""
    out = []
    for inc in data.open_incidents:
        if inc.record is None:
            continue
        stmts = data.statements_of(inc.id)
        last = stmts[-1].published_at if stmts else None
        d = next_update(inc.record, last, data.generated_at, status=inc.status)
        out.append(
            {
                "incident_id": inc.id,
                "title": inc.title,
                "status": inc.status,
                "last_update_at": d.last_update_at,
                "due_at": d.due_at,
                "basis": d.basis,
                "overdue": d.overdue,
                "overdue_minutes": int(d.overdue_by.total_seconds() // 60) if d.overdue_by else 0,
            }
        )
    out.sort(key=lambda d: (not d["overdue"], d["due_at"].timestamp() if d["due_at"] else 1e18))
    return out
