"""Past incidents (the evidence for restoration estimates): write them, read them as Arrow.

Rows come from an imported history file (source "import") or from incidents resolved in this
store (source "store"); a null `restored_at` is a still-open (censored) case, last seen open at
`open_as_of` (null: open now).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
from sqlalchemy import Connection, select

from amends.errors import InputError
from amends.eta.history import HISTORY_SCHEMA  # the table `amends.eta` reads
from amends.incident import Incident
from amends.store.schema import PAST_SOURCES, past_incidents
from amends.store.upsert import upsert

if TYPE_CHECKING:
    from amends.eta.history import PastCase
    from amends.store import Store

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


@dataclass(frozen=True)
class ImportResult:
    """What an import did: rows added, rows whose facts changed, rows already there as given."""

    inserted: int
    updated: int
    unchanged: int


def _same(old: Any, case: PastCase) -> bool:
    """Whether the stored row already says what the case says."""
    return (
        old.cause_category == case.cause_category
        and old.started_at == case.started_at
        and old.restored_at == case.restored_at
        and tuple(json.loads(old.regions or "[]")) == case.regions
        and tuple(json.loads(old.services or "[]")) == case.services
        and old.customers_affected == case.customers_affected
        and old.open_as_of == case.open_as_of
    )


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def import_past_incidents(
    store: Store, cases: Sequence[PastCase], *, source: str = "import"
) -> ImportResult:
    """Insert new cases and update changed ones (matched by ref), all in one transaction;
    re-importing the same cases changes nothing."""
    by_ref = {c.ref: c for c in cases}
    with store.begin() as conn:
        existing = {
            row.ref: row
            for batch in _chunks(list(by_ref), 500)
            for row in conn.execute(select(past_incidents).where(past_incidents.c.ref.in_(batch)))
        }
        changed = [
            c for ref, c in by_ref.items() if ref in existing and not _same(existing[ref], c)
        ]
        fresh = [c for ref, c in by_ref.items() if ref not in existing]
        save_past_incidents(conn, [*fresh, *changed], source=source)
    return ImportResult(len(fresh), len(changed), len(existing) - len(changed))


def store_cases(store: Store) -> list[PastCase]:
    """Every past incident the store knows: imported ones, plus its own incidents (by id) not
    imported, with their cause category from the incident record."""
    from amends.eta.history import PastCase, table_to_cases
    from amends.store.schema import incidents

    out: dict[str, PastCase] = {}
    with store.connect() as conn:
        out.update((c.ref, c) for c in table_to_cases(load_past_incidents(conn)))
        query = select(
            incidents.c.id, incidents.c.record, incidents.c.started_at, incidents.c.resolved_at
        ).where(incidents.c.started_at.is_not(None))
        for row in conn.execute(query):
            if row.id in out:
                continue
            try:  # a record this version cannot read, or contradicting its row, is left out
                case = incident_case(Incident.model_validate_json(row.record))
                case["restored_at"] = case["restored_at"] or row.resolved_at
                out[row.id] = PastCase.model_validate(
                    {
                        **case,
                        "ref": row.id,
                        "regions": tuple(case["regions"]),
                        "services": tuple(case["services"]),
                    }
                )
            except ValueError:
                continue
    return list(out.values())


def past_cases(files: Sequence[Path], store: Store | None = None) -> list[PastCase]:
    """Past incidents from the store (when given) and the history CSV files; a ref seen twice
    keeps the later (files after the store, in order)."""
    from amends.eta.history import load_history_csv

    cases: dict[str, PastCase] = {}
    if store is not None:
        cases.update((c.ref, c) for c in store_cases(store))
    for path in files:
        cases.update((c.ref, c) for c in load_history_csv(path))
    return list(cases.values())
