"""Past incidents (the evidence for restoration estimates): write them, read them as Arrow.

Rows come from an imported history file (source "import") or from incidents resolved in this
store (source "store"); a null `restored_at` is a still-open (censored) case, last seen open at
`open_as_of` (null: open now).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import pyarrow as pa
from sqlalchemy import Connection, select

from amends.errors import InputError
from amends.eta.history import HISTORY_SCHEMA  # the table `amends.eta` reads
from amends.incident import Incident
from amends.store.schema import PAST_SOURCES, past_incidents
from amends.store.upsert import upsert

_FIELDS = tuple(HISTORY_SCHEMA.names)
_BATCH = 5_000


def _get(case: Any, name: str) -> Any:
    return case.get(name) if isinstance(case, Mapping) else getattr(case, name, None)


def _rows(cases: pa.Table | Iterable[Any]) -> Iterable[Any]:
    if isinstance(cases, pa.Table):
        return cases.to_pylist()
    return cases


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value]


def save_past_incidents(
    conn: Connection, cases: pa.Table | Iterable[Any], *, source: str = "import"
) -> int:
    """Insert or update past incidents by `ref` (PastCase objects, mappings or an Arrow table).

    Times must be aware; returns the number of rows written. A ref given twice is refused.
    """
    if source not in PAST_SOURCES:
        raise InputError(f"unknown history source {source!r}; use one of: {PAST_SOURCES}")
    values: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, case in enumerate(_rows(cases), start=1):
        ref = _get(case, "ref")
        if not ref:
            raise InputError(f"past incident {n} has no ref; give each a unique ref")
        if ref in seen:
            raise InputError(f"past incident ref {ref!r} appears twice; keep one")
        seen.add(ref)
        started = _get(case, "started_at")
        if started is None:
            raise InputError(f"past incident {ref!r} has no started_at")
        for name in ("started_at", "restored_at", "open_as_of"):
            value = _get(case, name)
            if isinstance(value, datetime) and value.tzinfo is None:
                raise InputError(
                    f"past incident {ref!r}: {name} {value.isoformat()} has no time zone; "
                    "give an offset, e.g. 2025-06-01T14:10:00-07:00"
                )
        values.append(
            {
                "ref": str(ref),
                "cause_category": _get(case, "cause_category") or "unknown",
                "started_at": started,
                "restored_at": _get(case, "restored_at"),
                "regions": json.dumps(_names(_get(case, "regions"))),
                "services": json.dumps(_names(_get(case, "services"))),
                "customers_affected": _get(case, "customers_affected"),
                "open_as_of": _get(case, "open_as_of"),
                "source": source,
            }
        )
    if not values:
        return 0
    stmt = upsert(conn, past_incidents, ["ref"], [k for k in values[0] if k != "ref"])
    for start in range(0, len(values), _BATCH):
        conn.execute(stmt, values[start : start + _BATCH])
    return len(values)


def load_past_incidents(
    conn: Connection, *, cause: str | None = None, source: str | None = None
) -> pa.Table:
    """Stored past incidents (optionally of one cause or source), oldest first, as Arrow."""
    query = select(*(past_incidents.c[name] for name in _FIELDS)).order_by(
        past_incidents.c.started_at, past_incidents.c.ref
    )
    if cause is not None:
        query = query.where(past_incidents.c.cause_category == cause)
    if source is not None:
        query = query.where(past_incidents.c.source == source)
    found = conn.execute(query).all()
    data: dict[str, list[Any]] = {name: [getattr(r, name) for r in found] for name in _FIELDS}
    data["regions"] = [json.loads(v) for v in data["regions"]]
    data["services"] = [json.loads(v) for v in data["services"]]
    return pa.Table.from_pydict(data, schema=HISTORY_SCHEMA)


def incident_case(incident: Incident) -> dict[str, Any]:
    """The past-incident row for an incident of this store (open while not restored)."""
    return {
        "ref": incident.id,
        "cause_category": incident.cause.category,
        "started_at": incident.started_at or incident.discovered_at,
        "restored_at": incident.ended_at,
        "regions": incident.affected_regions or list(incident.regions),
        "services": incident.affected_services or list(incident.services),
        "customers_affected": incident.customers_affected if incident.windows else None,
        "open_as_of": None,
    }


def record_incident(conn: Connection, incident: Incident) -> None:
    """Add or refresh this incident in the history (source "store"), so later estimates use it."""
    save_past_incidents(conn, [incident_case(incident)], source="store")
