"""The audit trail: one row per change a person or a program made (who, when, what, which object,
the object before and after), recorded in the same transaction as the change, and exported as CSV
or JSON for whoever reviews it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection, insert, select

from amends.errors import InputError
from amends.files import EXPORT_FORMATS, export_text
from amends.store.schema import audit_trail
from amends.store.types import utcnow

#: The export formats.
FORMATS = EXPORT_FORMATS
#: Columns of an export, in order.
FIELDS = ("id", "at", "actor", "action", "object", "before", "after")


@dataclass(frozen=True)
class AuditEntry:
    """One recorded change; `before` and `after` are the object's JSON (None: did not exist)."""

    id: int
    at: datetime
    actor: str
    action: str
    object: str
    before: Any
    after: Any

    def as_json(self) -> dict[str, Any]:
        """The entry as a JSON object (time in ISO 8601, UTC)."""
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "object": self.object,
            "before": self.before,
            "after": self.after,
        }


def record(
    conn: Connection,
    *,
    actor: str,
    action: str,
    object: str,
    before: Any = None,
    after: Any = None,
    at: datetime | None = None,
) -> int:
    """Record one change in the audit trail (inside the change's transaction); returns its id.

    `before` and `after` must be JSON-serialisable; never pass secrets (password hashes, tokens).
    """
    return conn.execute(
        insert(audit_trail)
        .values(
            at=at or utcnow(),
            actor=actor[:200],
            action=action[:64],
            object=object[:300],
            before=_json(before),
            after=_json(after),
        )
        .returning(audit_trail.c.id)
    ).scalar_one()


def entries(
    conn: Connection, *, object: str | None = None, limit: int | None = None
) -> list[AuditEntry]:
    """Recorded changes, newest first (in the order they were recorded, whatever the clocks of
    the processes said); `object` keeps one object's, `limit` the latest few."""
    t = audit_trail
    query = select(t).order_by(t.c.id.desc())
    if object is not None:
        query = query.where(t.c.object == object)
    if limit is not None:
        query = query.limit(limit)
    return [
        AuditEntry(
            id=r.id,
            at=r.at,
            actor=r.actor,
            action=r.action,
            object=r.object,
            before=None if r.before is None else json.loads(r.before),
            after=None if r.after is None else json.loads(r.after),
        )
        for r in conn.execute(query)
    ]


def _json(value: Any) -> str | None:
    """The value as JSON text (None stays NULL: the object did not exist)."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def export(conn: Connection, fmt: Literal["csv", "json"] | str) -> str:
    """The whole audit trail, oldest first, as CSV (before/after as JSON text) or a JSON array:
    what `amends audit export` prints and the console's export route sends."""
    if fmt not in FORMATS:
        raise InputError(f"unknown audit export format {fmt!r}; use csv or json")
    rows = [e.as_json() for e in reversed(entries(conn))]
    if fmt == "csv":  # before/after as JSON text in their cells
        for row in rows:
            for key in ("before", "after"):
                if row[key] is not None:
                    row[key] = json.dumps(row[key], ensure_ascii=False)
    return export_text(rows, FIELDS, fmt)
