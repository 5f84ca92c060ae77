"""The credits ledger: record computed credits exactly once, and adjust, never overwrite.

`record` writes one run in ONE transaction: a new (incident, subscriber, window, policy,
version) gets a `credit` row, or an `adjustment` row with the delta when earlier versions of the
policy already paid something; re-running the same version is a no-op. A killed process leaves
the ledger without the run or with all of it. `ledger_totals` gives what each subscriber is owed.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa
from sqlalchemy import Connection, and_, insert, select, update

from amends.errors import InputError
from amends.store import Store
from amends.store.schema import ledger, ledger_runs

#: Rows per INSERT batch (executemany), so progress can be reported and memory stays flat.
BATCH = 5_000
_MONEY = pa.decimal128(38, 6)


@dataclass(frozen=True)
class RecordResult:
    """What one `record` call did: new credits, adjustment rows, rows already in the ledger."""

    inserted: int
    adjusted: int
    unchanged: int
    run_id: str | None

    @property
    def written(self) -> int:
        """Rows written by this run (0: a re-run, nothing to do)."""
        return self.inserted + self.adjusted


Key = tuple[str, str, str]  # subscriber, window, unit


def record(
    store: Store,
    incident_id: str,
    table: pa.Table,
    *,
    on_batch: Callable[[int, int], None] | None = None,
) -> RecordResult:
    """Record a computed credits table (one policy version) for an incident, in one transaction.

    The table is the policy's full result: an earlier credit missing from it is reversed by an
    adjustment. The same version recorded again with different amounts is refused (the impact
    or plans changed: bump the policy's `revision`). `on_batch(done, total)` reports progress.
    """
    policies = set(table.column("policy").to_pylist())
    versions = set(table.column("policy_version").to_pylist())
    meta = table.schema.metadata or {}
    if b"amends.policy" in meta:
        policies.add(meta[b"amends.policy"].decode())
        versions.add(meta[b"amends.policy_version"].decode())
    if len(policies) > 1 or len(versions) > 1:
        raise InputError("record one policy version at a time: the table mixes policies")
    if not policies:
        raise InputError(
            "an empty credits table without its policy: use record_policy(policy_id, version)"
        )
    policy_id = policies.pop()
    version = versions.pop()
    return record_policy(
        store, incident_id, table, policy_id=policy_id, version=version, on_batch=on_batch
    )


def record_policy(
    store: Store,
    incident_id: str,
    table: pa.Table,
    *,
    policy_id: str,
    version: str,
    on_batch: Callable[[int, int], None] | None = None,
) -> RecordResult:
    """`record` for a known policy id and version (the table may be empty: everything reversed)."""
    target: dict[Key, dict[str, Any]] = {}
    cols = table.select(
        ["subscriber", "window", "amount", "currency", "unit", "reason", "inputs"]
    ).to_pydict()
    for i in range(table.num_rows):
        key = (cols["subscriber"][i], cols["window"][i], cols["unit"][i])
        target[key] = {
            "amount": Decimal(cols["amount"][i]),
            "currency": cols["currency"][i],
            "reason": cols["reason"][i],
            "inputs": cols["inputs"][i],
        }
    with store.begin() as conn:
        net: dict[Key, Decimal] = {}
        currency: dict[Key, str] = {}
        this_version: set[Key] = set()
        rows = conn.execute(
            select(
                ledger.c.subscriber,
                ledger.c.window_id,
                ledger.c.unit,
                ledger.c.currency,
                ledger.c.policy_version,
                ledger.c.amount,
            ).where(and_(ledger.c.incident_id == incident_id, ledger.c.policy_id == policy_id))
        )
        for sub, win, unit, cur, ver, amount in rows:
            key = (sub, win, unit)
            net[key] = net.get(key, Decimal(0)) + amount
            currency[key] = cur
            if ver == version:
                this_version.add(key)
        inserts: list[dict[str, Any]] = []
        conflicts: list[str] = []
        unchanged = adjusted = inserted = 0
        now = datetime.now(UTC)
        run_id = uuid.uuid4().hex
        for key in sorted(set(target) | set(net)):
            want = target[key]["amount"] if key in target else Decimal(0)
            have = net.get(key, Decimal(0))
            delta = want - have
            if delta == 0:
                unchanged += 1 if key in target else 0
                continue
            if key in this_version:
                if len(conflicts) < 3:
                    conflicts.append(f"{key[0]} window {key[1]}: recorded {have}, now {want}")
                continue
            sub, win, unit = key
            if key in target:
                entry = target[key]
                reason, inputs, cur = entry["reason"], entry["inputs"], entry["currency"]
            else:
                reason = f"window {win}: no longer owed under policy version {version}"
                inputs = json.dumps({"incident": incident_id, "window": win, "previous": str(have)})
                cur = currency[key]
            kind = "adjustment" if key in net else "credit"
            if kind == "adjustment":
                adjusted += 1
                inputs = _with_previous(inputs, have)
            else:
                inserted += 1
            inserts.append(
                {
                    "run_id": run_id,
                    "incident_id": incident_id,
                    "subscriber": sub,
                    "window_id": win,
                    "policy_id": policy_id,
                    "policy_version": version,
                    "kind": kind,
                    "amount": delta,
                    "currency": cur,
                    "unit": unit,
                    "reason": reason,
                    "inputs": inputs,
                    "created_at": now,
                }
            )
        if conflicts:
            raise InputError(
                f"policy {policy_id} version {version} was already recorded for incident "
                f"{incident_id} with other amounts ({'; '.join(conflicts)}): the impact, the "
                "plans or a reverted policy changed them; bump `revision` in the policy to record "
                "the difference as adjustments"
            )
        if not inserts:
            return RecordResult(0, 0, unchanged, None)
        conn.execute(
            insert(ledger_runs).values(
                run_id=run_id,
                incident_id=incident_id,
                policy_id=policy_id,
                policy_version=version,
                started_at=now,
                rows=0,
            )
        )
        _insert(conn, inserts, on_batch)
        conn.execute(
            update(ledger_runs)
            .where(ledger_runs.c.run_id == run_id)
            .values(
                finished_at=datetime.now(UTC),
                rows=len(inserts),
                inserted=inserted,
                adjusted=adjusted,
                unchanged=unchanged,
            )
        )
    return RecordResult(inserted, adjusted, unchanged, run_id)


_COLUMNS = (
    "run_id",
    "incident_id",
    "subscriber",
    "window_id",
    "policy_id",
    "policy_version",
    "kind",
    "amount",
    "currency",
    "unit",
    "reason",
    "inputs",
    "created_at",
)


def _insert(
    conn: Connection,
    rows: list[dict[str, Any]],
    on_batch: Callable[[int, int], None] | None,
) -> None:
    """Insert the ledger rows in the caller's transaction, in batches, reporting progress.

    PostgreSQL streams them with COPY; SQLite gets a driver-level executemany with the columns'
    own bind processors for money and time (the JSON is ours, already valid); any other backend
    goes through SQLAlchemy Core.
    """
    total = len(rows)

    def report(done: int) -> None:
        if on_batch is not None:
            on_batch(done, total)

    dialect = conn.dialect.name
    if dialect == "postgresql":
        raw = conn.connection.driver_connection
        listed = ", ".join(_COLUMNS)
        with raw.cursor() as cur, cur.copy(f"COPY ledger ({listed}) FROM STDIN") as copy:
            for start in range(0, total, BATCH):
                for row in rows[start : start + BATCH]:
                    copy.write_row(tuple(row[c] for c in _COLUMNS))
                report(min(start + BATCH, total))
        return
    if dialect == "sqlite":
        money = ledger.c.amount.type.bind_processor(conn.dialect)
        when = ledger.c.created_at.type.bind_processor(conn.dialect)
        marks = ", ".join("?" for _ in _COLUMNS)
        sql = f"INSERT INTO ledger ({', '.join(_COLUMNS)}) VALUES ({marks})"
        for start in range(0, total, BATCH):
            batch = []
            for row in rows[start : start + BATCH]:
                values = [row[c] for c in _COLUMNS]
                values[7] = money(values[7]) if money else values[7]
                values[12] = when(values[12]) if when else values[12]
                batch.append(tuple(values))
            conn.exec_driver_sql(sql, batch)
            report(min(start + BATCH, total))
        return
    for start in range(0, total, BATCH):
        conn.execute(insert(ledger), rows[start : start + BATCH])
        report(min(start + BATCH, total))


def _with_previous(inputs: str, previous: Decimal) -> str:
    """The inputs JSON with the amount previously recorded (what the delta is relative to)."""
    try:
        data = json.loads(inputs)
    except (TypeError, ValueError):
        data = {"inputs": inputs}
    if isinstance(data, dict):
        data["previous"] = str(previous)
    return json.dumps(data, separators=(",", ":"))


def _entries(store: Store, incident_id: str, policy_id: str | None) -> list[tuple[Any, ...]]:
    query = select(
        ledger.c.subscriber,
        ledger.c.window_id,
        ledger.c.policy_id,
        ledger.c.currency,
        ledger.c.unit,
        ledger.c.amount,
        ledger.c.reason,
        ledger.c.id,
    ).where(ledger.c.incident_id == incident_id)
    if policy_id is not None:
        query = query.where(ledger.c.policy_id == policy_id)
    with store.connect() as conn:
        return list(conn.execute(query.order_by(ledger.c.id)))


def ledger_entries(store: Store, incident_id: str, policy_id: str | None = None) -> pa.Table:
    """Net amount per (subscriber, window, policy, currency, unit), with the latest reason.

    Zero nets (credits reversed in full) are left out; this is what `amends credits` exports.
    """
    net: dict[tuple[str, str, str, str, str], list[Any]] = {}
    for sub, win, pid, cur, unit, amount, reason, _id in _entries(store, incident_id, policy_id):
        key = (sub, win, pid, cur, unit)
        slot = net.setdefault(key, [Decimal(0), reason])
        slot[0] += amount
        slot[1] = reason
    keys = [k for k, v in sorted(net.items()) if v[0] != 0]
    return pa.table(
        {
            "subscriber": pa.array([k[0] for k in keys], pa.string()),
            "window": pa.array([k[1] for k in keys], pa.string()),
            "amount": pa.array([net[k][0] for k in keys], _MONEY),
            "currency": pa.array([k[3] for k in keys], pa.string()),
            "unit": pa.array([k[4] for k in keys], pa.string()),
            "policy": pa.array([k[2] for k in keys], pa.string()),
            "reason": pa.array([net[k][1] for k in keys], pa.string()),
        }
    )


def ledger_totals(store: Store, incident_id: str) -> pa.Table:
    """Per subscriber, the net amount owed per currency and unit for the incident (all policies).

    This is what personal notices and the "was I affected?" page show.
    """
    entries = ledger_entries(store, incident_id)
    if entries.num_rows == 0:
        return pa.table(
            {
                "subscriber": pa.array([], pa.string()),
                "currency": pa.array([], pa.string()),
                "unit": pa.array([], pa.string()),
                "amount": pa.array([], _MONEY),
            }
        )
    totals = (
        entries.group_by(["subscriber", "currency", "unit"])
        .aggregate([("amount", "sum")])
        .rename_columns(["subscriber", "currency", "unit", "amount"])
    )
    totals = totals.set_column(3, "amount", totals.column("amount").cast(_MONEY))
    return totals.sort_by([("subscriber", "ascending"), ("unit", "ascending")])
