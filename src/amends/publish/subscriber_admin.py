"""What admins see and do with the notification subscribers: counts per component, region and
"everything", the list, the export (CSV or JSON, the console's download and `amends subscribers
export` alike) and removal, recorded in the audit trail.

Subscriber addresses are personal data: only the admin console and the CLI on the server read
them through this module; the public site never does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, select

from amends.errors import InputError
from amends.files import EXPORT_FORMATS, export_text
from amends.store.audit import record
from amends.store.schema import components, notify_subscriptions, outbox
from amends.store.types import utcnow

#: The export formats.
FORMATS = EXPORT_FORMATS
#: Columns of an export, in order.
FIELDS = (
    "id",
    "kind",
    "address",
    "component",
    "region",
    "locale",
    "state",
    "created_at",
    "confirmed_at",
    "unsubscribed_at",
)


def state_of(confirmed_at: datetime | None, unsubscribed_at: datetime | None) -> str:
    """`unsubscribed`, `confirmed` or `pending` (waiting for the confirmation link)."""
    if unsubscribed_at is not None:
        return "unsubscribed"
    return "confirmed" if confirmed_at is not None else "pending"


@dataclass(frozen=True)
class Count:
    """Subscriptions to one target: a component, a region, or everything (both None)."""

    component_id: str | None
    component_name: str | None
    region: str | None
    confirmed: int
    pending: int


def counts(conn: Connection) -> list[Count]:
    """Active subscriptions (confirmed and pending; unsubscribed ones are not counted) per
    target, every component listed even with none; everything first, then components, regions."""
    s = notify_subscriptions.c
    rows = conn.execute(
        select(
            s.component_id,
            s.region,
            func.count().filter(s.confirmed_at.is_not(None)).label("confirmed"),
            func.count().filter(s.confirmed_at.is_(None)).label("pending"),
        )
        .where(s.unsubscribed_at.is_(None))
        .group_by(s.component_id, s.region)
    ).all()
    found = {(r.component_id, r.region): (int(r.confirmed), int(r.pending)) for r in rows}
    comps = conn.execute(
        select(components.c.id, components.c.name).order_by(components.c.position, components.c.id)
    ).all()
    out = [Count(None, None, None, *found.pop((None, None), (0, 0)))]
    for c in comps:
        out.append(Count(c.id, c.name, None, *found.pop((c.id, None), (0, 0))))
    for (component, region), (confirmed, pending) in sorted(
        found.items(), key=lambda kv: (kv[0][0] is not None, kv[0][0] or "", kv[0][1] or "")
    ):
        # regions, and components no longer on the page (their subscriptions still count)
        out.append(Count(component, None, region, confirmed, pending))
    return out


def subscriptions(
    conn: Connection, *, contains: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Subscriptions, newest first, without their secrets; `contains` keeps those whose address
    contains the text (case-insensitive), `limit` the latest few."""
    s = notify_subscriptions.c
    query = select(
        s.id,
        s.kind,
        s.address,
        s.component_id,
        s.region,
        s.locale,
        s.created_at,
        s.confirmed_at,
        s.unsubscribed_at,
    ).order_by(s.id.desc())
    if contains:
        query = query.where(func.lower(s.address).contains(contains.lower(), autoescape=True))
    if limit is not None:
        query = query.limit(limit)
    out = []
    for r in conn.execute(query):
        row = dict(r._mapping)
        row["state"] = state_of(r.confirmed_at, r.unsubscribed_at)
        out.append(row)
    return out


def export(conn: Connection, fmt: str) -> str:
    """Every subscription, oldest first, as CSV or a JSON array (times in ISO 8601, UTC)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown subscribers export format {fmt!r}; use csv or json")
    rows = []
    for r in reversed(subscriptions(conn)):
        rows.append(
            {
                "id": r["id"],
                "kind": r["kind"],
                "address": r["address"],
                "component": r["component_id"],
                "region": r["region"],
                "locale": r["locale"],
                "state": r["state"],
                "created_at": _iso(r["created_at"]),
                "confirmed_at": _iso(r["confirmed_at"]),
                "unsubscribed_at": _iso(r["unsubscribed_at"]),
            }
        )
    return export_text(rows, FIELDS, fmt)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def remove(conn: Connection, subscription_id: int, *, by: str, now: datetime | None = None) -> None:
    """Delete one subscription, cancel what is still queued for it, and record who did it (the
    audit entry keeps what was removed). InputError for an unknown id."""
    s = notify_subscriptions.c
    row = conn.execute(
        select(
            s.id,
            s.kind,
            s.address,
            s.component_id,
            s.region,
            s.locale,
            s.confirmed_at,
            s.unsubscribed_at,
        ).where(s.id == subscription_id)
    ).one_or_none()
    if row is None:
        raise InputError(f"id: no subscription with id {subscription_id}")
    o = outbox.c
    conn.execute(
        outbox.update()
        .where(o.subscription_id == subscription_id, o.status.in_(("queued", "failed")))
        .values(status="dead", last_error="subscription removed")
    )
    conn.execute(delete(notify_subscriptions).where(s.id == subscription_id))
    before = {
        "kind": row.kind,
        "address": row.address,
        "component": row.component_id,
        "region": row.region,
        "locale": row.locale,
        "state": state_of(row.confirmed_at, row.unsubscribed_at),
    }
    record(
        conn,
        actor=by,
        action="subscription.remove",
        object=f"subscription:{subscription_id}",
        before=before,
        after=None,
        at=now or utcnow(),
    )
