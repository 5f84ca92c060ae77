"""The live watcher's state in the store: the minute series it adds to, how far it has read each
source, the stream items already counted, and the incidents it opened (not public until a person
publishes one). Every write here runs in the caller's transaction, so the minutes of a batch,
the position after it and the items it consumed commit together or not at all."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pyarrow as pa
from sqlalchemy import Connection, case, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from amends.impact.aggregate import FAILURE_MINUTES_SCHEMA, SERIES_SCHEMA
from amends.store.schema import (
    watch_failures,
    watch_incidents,
    watch_minutes,
    watch_positions,
    watch_seen,
)
from amends.store.types import utcnow
from amends.store.upsert import upsert


def _dialect(conn: Connection) -> Any:
    """The dialect module whose INSERT has ON CONFLICT (the store runs on these two)."""
    return postgresql if conn.dialect.name == "postgresql" else sqlite


#: Rows per INSERT statement when adding minutes (SQLite allows 32,766 parameters).
_CHUNK = 2_000


def add_minutes(conn: Connection, series: pa.Table) -> int:
    """Add a batch's (region, service, minute, attempts, failures) rows to the stored series."""
    if series.num_rows == 0:
        return 0
    rows = series.select(SERIES_SCHEMA.names).to_pylist()
    ins = _dialect(conn).insert(watch_minutes)
    add = ins.on_conflict_do_update(
        index_elements=["region", "service", "minute"],
        set_={
            "attempts": watch_minutes.c.attempts + ins.excluded.attempts,
            "failures": watch_minutes.c.failures + ins.excluded.failures,
        },
    )
    conn.execute(add, rows)  # executemany: one prepared statement, no giant VALUES list
    return len(rows)


def add_failures(conn: Connection, failures: pa.Table) -> int:
    """Add a batch's subscriber failure minutes (counts add up; first and last widen)."""
    if failures.num_rows == 0:
        return 0
    rows = failures.select(FAILURE_MINUTES_SCHEMA.names).to_pylist()
    ins = _dialect(conn).insert(watch_failures)
    t, x = watch_failures.c, ins.excluded
    add = ins.on_conflict_do_update(
        index_elements=["minute", "region", "service", "subscriber"],
        set_={
            "failures": t.failures + x.failures,
            "first_failure": case(
                (x.first_failure < t.first_failure, x.first_failure), else_=t.first_failure
            ),
            "last_failure": case(
                (x.last_failure > t.last_failure, x.last_failure), else_=t.last_failure
            ),
        },
    )
    conn.execute(add, rows)  # executemany: one prepared statement, no giant VALUES list
    return len(rows)


def load_failures(conn: Connection, start: int, end: int | None) -> pa.Table:
    """Stored subscriber failure minutes in [start, end) (end None: to the newest)."""
    t = watch_failures.c
    q = select(
        t.subscriber, t.region, t.service, t.minute, t.failures, t.first_failure, t.last_failure
    ).where(t.minute >= start)
    if end is not None:
        q = q.where(t.minute < end)
    rows = conn.execute(q).all()
    cols = list(zip(*rows, strict=True)) if rows else [[] for _ in FAILURE_MINUTES_SCHEMA.names]
    return pa.table(
        [pa.array(list(c), f.type) for c, f in zip(cols, FAILURE_MINUTES_SCHEMA, strict=True)],
        schema=FAILURE_MINUTES_SCHEMA,
    )


def load_minutes(conn: Connection, since: int | None = None) -> pa.Table:
    """The stored series (from minute `since` on), in the minute series' schema."""
    q = select(
        watch_minutes.c.region,
        watch_minutes.c.service,
        watch_minutes.c.minute,
        watch_minutes.c.attempts,
        watch_minutes.c.failures,
    )
    if since is not None:
        q = q.where(watch_minutes.c.minute >= since)
    rows = conn.execute(q.order_by(watch_minutes.c.minute)).all()
    cols = list(zip(*rows, strict=True)) if rows else [[] for _ in SERIES_SCHEMA.names]
    return pa.table(
        [pa.array(list(c), f.type) for c, f in zip(cols, SERIES_SCHEMA, strict=True)],
        schema=SERIES_SCHEMA,
    )


def minutes_fingerprint(conn: Connection, since: int) -> tuple[int, int]:
    """(rows, attempts) of the stored series from minute `since` on: equal to a watcher's own
    when no other watcher has written there."""
    q = select(func.count(), func.coalesce(func.sum(watch_minutes.c.attempts), 0)).where(
        watch_minutes.c.minute >= since
    )
    rows, attempts = conn.execute(q).one()
    return int(rows), int(attempts)


def newest_minute(conn: Connection) -> int | None:
    """The newest minute stored (None: nothing yet)."""
    return conn.execute(select(func.max(watch_minutes.c.minute))).scalar()


def get_position(conn: Connection, source: str) -> dict[str, Any] | None:
    """Where the watcher stopped reading `source` (None: never read)."""
    text = conn.execute(
        select(watch_positions.c.position).where(watch_positions.c.source == source)
    ).scalar()
    return None if text is None else json.loads(text)


def set_position(conn: Connection, source: str, position: dict[str, Any]) -> None:
    """Record how far `source` has been read."""
    stmt = upsert(conn, watch_positions, ("source",), ("position", "updated_at"))
    conn.execute(stmt.values(source=source, position=position, updated_at=utcnow()))


def claim_items(conn: Connection, source: str, items: Iterable[int]) -> set[int]:
    """Mark stream items as counted; returns those not counted before (the rest are repeats)."""
    wanted = sorted(set(items))
    if not wanted:
        return set()
    dialect = _dialect(conn)
    got: set[int] = set()
    for i in range(0, len(wanted), _CHUNK):
        part = wanted[i : i + _CHUNK]
        stmt = (
            dialect.insert(watch_seen)
            .values([{"source": source, "item": n} for n in part])
            .on_conflict_do_nothing(index_elements=["source", "item"])
            .returning(watch_seen.c.item)
        )
        got.update(conn.execute(stmt).scalars())
    return got


def prune_items(conn: Connection, source: str, below: int) -> int:
    """Forget counted items below `below` (the stream will never deliver them again)."""
    res = conn.execute(
        delete(watch_seen).where(watch_seen.c.source == source, watch_seen.c.item < below)
    )
    return res.rowcount or 0


@dataclass(frozen=True)
class WatchIncident:
    """An incident the watcher opened, with its record (JSON), detection, drafts and alerts."""

    id: str
    kind: str
    status: str
    start_minute: int
    end_minute: int | None
    record: dict[str, Any]
    detection: dict[str, Any]
    drafts: list[dict[str, Any]]
    alerts: dict[str, Any]
    withdrawn: bool
    created_at: datetime
    updated_at: datetime


def _incident(row: Any) -> WatchIncident:
    return WatchIncident(
        id=row.id,
        kind=row.kind,
        status=row.status,
        start_minute=int(row.start_minute),
        end_minute=None if row.end_minute is None else int(row.end_minute),
        record=json.loads(row.record),
        detection=json.loads(row.detection),
        drafts=json.loads(row.drafts),
        alerts=json.loads(row.alerts),
        withdrawn=bool(row.withdrawn),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def list_watch_incidents(
    conn: Connection, *, status: str | None = None, include_withdrawn: bool = False
) -> list[WatchIncident]:
    """The watcher's incidents, newest first (withdrawn ones only when asked)."""
    q = select(watch_incidents)
    if status is not None:
        q = q.where(watch_incidents.c.status == status)
    if not include_withdrawn:
        q = q.where(watch_incidents.c.withdrawn.is_(False))
    rows = conn.execute(q.order_by(watch_incidents.c.start_minute.desc(), watch_incidents.c.id))
    return [_incident(r) for r in rows]


def get_watch_incident(conn: Connection, incident_id: str) -> WatchIncident | None:
    """One watcher incident by id."""
    row = conn.execute(select(watch_incidents).where(watch_incidents.c.id == incident_id)).first()
    return None if row is None else _incident(row)


def insert_watch_incident(conn: Connection, inc: WatchIncident) -> None:
    """Store a newly opened incident."""
    conn.execute(
        watch_incidents.insert().values(
            id=inc.id,
            kind=inc.kind,
            status=inc.status,
            start_minute=inc.start_minute,
            end_minute=inc.end_minute,
            record=inc.record,
            detection=inc.detection,
            drafts=inc.drafts,
            alerts=inc.alerts,
            withdrawn=inc.withdrawn,
            created_at=inc.created_at,
            updated_at=inc.updated_at,
        )
    )


def update_watch_incident(conn: Connection, incident_id: str, **values: Any) -> None:
    """Change some of an incident's columns (record, status, end_minute, drafts, ...)."""
    values.setdefault("updated_at", utcnow())
    conn.execute(
        update(watch_incidents).where(watch_incidents.c.id == incident_id).values(**values)
    )


def incident_summary(inc: WatchIncident) -> dict[str, Any]:
    """What `amends incident list --format json` shows of a watcher incident (no subscriber)."""
    windows = [
        {
            "start": w.get("start"),
            "end": w.get("end"),
            "kind": w.get("kind"),
            "regions": w.get("regions", []),
            "services": w.get("services", []),
            "subscribers_affected": w.get("subscribers_affected", 0),
            "failed_attempts": w.get("failed_attempts", 0),
        }
        for w in inc.record.get("windows", [])
    ]
    ready = [d for d in inc.drafts if "text" in d]
    return {
        "id": inc.id,
        "status": inc.status,
        "title": inc.record.get("title"),
        "windows": windows,
        "detection": inc.detection,
        "drafts": {"ready": len(ready), "blocked": len(inc.drafts) - len(ready)},
        "alerts": inc.alerts,
        "withdrawn": inc.withdrawn,
        "opened_at": inc.created_at.isoformat(),
        "updated_at": inc.updated_at.isoformat(),
    }
