"""The credits ledger: record computed credits exactly once, and adjust, never overwrite.

A run is worked out set-wise in DuckDB: the credits to record are diffed against what the ledger
already holds for the incident and policy (its rows streamed into DuckDB), giving per (subscriber,
window, unit) a `credit` row, or an `adjustment` row with the delta when earlier versions of the
policy already paid something; a key whose net already equals its amount is left alone. The rows
are then written with the database's bulk path (PostgreSQL `COPY`, SQLite batched inserts), one
transaction per batch of `BATCH` rows.

Exactly once across crashes: the unique key (incident, subscriber, window, policy, version, unit)
admits one row per version, and a re-run diffs against what is there, so a run killed after some
batches leaves those credits paid and its re-run writes only the rest (its `ledger_runs` row stays
without `finished_at`). Re-running the same version with other amounts is refused before anything
is written. `ledger_totals` gives what each subscriber is owed.
"""

from __future__ import annotations

import json
import os
import queue
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import repeat
from pathlib import Path
from typing import Any

import pyarrow as pa
from sqlalchemy import insert, update

from amends.duckdb_session import duckdb_session, session_folder
from amends.errors import InputError
from amends.store import Store
from amends.store.parallel import load_in_parallel
from amends.store.schema import ledger, ledger_runs

#: Rows per write transaction (one COPY or one executemany): progress, and what a crash can cost.
BATCH = 200_000
#: Rows per chunk streamed from the ledger into DuckDB.
READ_CHUNK = 100_000
#: The order a first run's rows are written in (the unique key's, after the incident and policy):
#: PostgreSQL then adds each key at the right edge of its index.
KEY_ORDER = 'subscriber, "window", unit'
_MONEY = pa.decimal128(38, 6)
#: The ledger's rows for one incident as DuckDB holds them (see `load_ledger`).
_LOADED = (
    ("id", "BIGINT"),
    ("subscriber", "VARCHAR"),
    ("window_id", "VARCHAR"),
    ("policy_id", "VARCHAR"),
    ("policy_version", "VARCHAR"),
    ("currency", "VARCHAR"),
    ("unit", "VARCHAR"),
    ("amount", "DECIMAL(38, 6)"),
    ("reason", "VARCHAR"),
)
#: Columns a run writes, in the order of the bulk path.
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
_VARYING = ("subscriber", "window_id", "kind", "amount", "currency", "unit", "reason", "inputs")

Progress = Callable[[int, int], None]


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


def _q(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def record(
    store: Store,
    incident_id: str,
    table: pa.Table,
    *,
    on_batch: Progress | None = None,
    batch: int = BATCH,
) -> RecordResult:
    """Record a computed credits table (one policy version) for an incident.

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
    computed_for = meta.get(b"amends.incident", b"").decode()
    if computed_for and computed_for != incident_id:
        raise InputError(
            f"these credits were computed for incident {computed_for}, not {incident_id}: "
            "compute them for the incident they are recorded in"
        )
    windows = json.loads(meta[b"amends.windows"]) if b"amends.windows" in meta else None
    return record_policy(
        store,
        incident_id,
        table,
        policy_id=policies.pop(),
        version=versions.pop(),
        windows=windows,
        on_batch=on_batch,
        batch=batch,
    )


def record_policy(
    store: Store,
    incident_id: str,
    table: pa.Table,
    *,
    policy_id: str,
    version: str,
    windows: dict[str, Any] | None = None,
    on_batch: Progress | None = None,
    batch: int = BATCH,
) -> RecordResult:
    """`record` for a known policy id and version (the table may be empty: everything reversed);
    `windows` as in `record_from`."""
    with duckdb_session() as con:
        con.register("credits_in", table)
        con.execute(
            'CREATE TABLE credits AS SELECT subscriber, "window", amount, currency, unit, reason,'
            " inputs FROM credits_in"
        )
        con.unregister("credits_in")
        return record_from(
            store,
            con,
            "credits",
            incident_id,
            policy_id=policy_id,
            version=version,
            windows=windows,
            on_batch=on_batch,
            batch=batch,
        )


def record_from(
    store: Store,
    con: Any,
    source: str,
    incident_id: str,
    *,
    policy_id: str,
    version: str,
    windows: dict[str, Any] | None = None,
    ordered: bool = False,
    on_batch: Progress | None = None,
    batch: int = BATCH,
) -> RecordResult:
    """Record the credits in DuckDB table `source` (subscriber, window, amount, currency, unit,
    reason, inputs) on connection `con`; see the module's docstring. `windows`: the facts every
    credit of a window shares (`amends.credits.compute.window_facts`), kept once in the run's
    `ledger_runs` row rather than in each row's `inputs`. `ordered`: `source` is stored in
    `KEY_ORDER` already (computed part by part in subscriber ranges), so a first run's rows are
    taken as they are instead of sorted again.

    Leaves in `con` the table `ledger_after` (the incident's rows of this policy, as the ledger
    holds them once the run is written) and the view `ledger_export` (their net per key: what
    the command exports, as `ledger_entries` gives it)."""
    load_ledger(store, con, "ledger_before", incident_id, policy_id)
    fresh = con.execute("SELECT count(*) FROM ledger_before").fetchall()[0][0] == 0
    if fresh:  # nothing recorded for this policy yet: every amount is a new credit, no diff
        con.execute(
            'CREATE OR REPLACE TABLE ledger_write AS SELECT subscriber, "window" AS window_id, '
            "'credit' AS kind, CAST(amount AS DECIMAL(38, 6)) AS amount, currency, unit, reason, "
            f"inputs FROM {source} WHERE amount <> 0"
            + ("" if ordered else f" ORDER BY {KEY_ORDER}")
        )
        inserted = con.execute("SELECT count(*) FROM ledger_write").fetchall()[0][0]
        adjusted = 0
        unchanged = con.execute(f"SELECT count(*) FROM {source} WHERE amount = 0").fetchall()[0][0]
    else:
        inserted, adjusted, unchanged = _diff(con, source, incident_id, policy_id, version)
    total = inserted + adjusted
    last_id = con.execute("SELECT coalesce(max(id), 0) FROM ledger_before").fetchall()[0][0]
    con.execute(
        "CREATE OR REPLACE VIEW ledger_after AS "
        "SELECT id, subscriber, window_id, policy_id, currency, unit, amount, reason "
        "FROM ledger_before UNION ALL "
        f"SELECT {int(last_id)} + rowid + 1, subscriber, window_id, {_q(policy_id)}, currency, "
        "unit, amount, reason FROM ledger_write"
    )
    # ledger_write is stored in key order (created with ORDER BY; the session keeps insertion
    # order), so its rowids number the rows in that order: batches are rowid ranges, and a scan
    # returns key order without sorting again (a 10M-row sort by a window function took 27 s)
    # the export: one row per key written when the ledger held nothing before (in key order:
    # a run's rows share the policy's currency), else the net over the rows before and now
    con.execute(
        "CREATE OR REPLACE VIEW ledger_export AS "
        + (
            'SELECT subscriber, window_id AS "window", amount, currency, unit, '
            f"{_q(policy_id)} AS policy, reason FROM ledger_write"
            if fresh
            else net_sql("ledger_after")
        )
    )
    if total == 0:
        return RecordResult(0, 0, unchanged, None)
    now = datetime.now(UTC)
    run_id = uuid.uuid4().hex
    with store.begin() as conn:
        conn.execute(
            insert(ledger_runs).values(
                run_id=run_id,
                incident_id=incident_id,
                policy_id=policy_id,
                policy_version=version,
                started_at=now,
                rows=0,
                windows=None if windows is None else json.dumps(windows, separators=(",", ":")),
            )
        )
    constants = {
        "run_id": run_id,
        "incident_id": incident_id,
        "policy_id": policy_id,
        "policy_version": version,
    }
    write = _copy_batches if store.dialect == "postgresql" else _insert_batches
    write(store, con, constants, now, total, batch, on_batch)
    with store.begin() as conn:
        conn.execute(
            update(ledger_runs)
            .where(ledger_runs.c.run_id == run_id)
            .values(
                finished_at=datetime.now(UTC),
                rows=total,
                inserted=inserted,
                adjusted=adjusted,
                unchanged=unchanged,
            )
        )
    return RecordResult(inserted, adjusted, unchanged, run_id)


def _diff(
    con: Any, source: str, incident_id: str, policy_id: str, version: str
) -> tuple[int, int, int]:
    """Diff `source` against `ledger_before` into `ledger_write`; refuse conflicts; the counts
    of credits, adjustments and unchanged amounts."""
    con.execute(f"CREATE OR REPLACE TABLE ledger_run AS {_diff_sql(source, incident_id, version)}")
    conflicts = con.execute(
        "SELECT subscriber, window_id, have, want FROM ledger_run WHERE conflict "
        "ORDER BY subscriber, window_id, unit LIMIT 3"
    ).fetchall()
    if conflicts:
        shown = "; ".join(f"{s} window {w}: recorded {h}, now {x}" for s, w, h, x in conflicts)
        raise InputError(
            f"policy {policy_id} version {version} was already recorded for incident "
            f"{incident_id} with other amounts ({shown}): the impact, the plans or a reverted "
            "policy changed them; bump `revision` in the policy to record the difference as "
            "adjustments"
        )
    inserted, adjusted, unchanged = con.execute(
        "SELECT count(*) FILTER (WHERE kind = 'credit' AND NOT same), "
        "count(*) FILTER (WHERE kind = 'adjustment' AND NOT same), "
        "count(*) FILTER (WHERE same AND in_target) FROM ledger_run"
    ).fetchall()[0]
    con.execute(
        "CREATE OR REPLACE TABLE ledger_write AS SELECT subscriber, window_id, kind, "
        "CAST(want - have AS DECIMAL(38, 6)) AS amount, currency, unit, reason, inputs "
        "FROM ledger_run WHERE NOT same ORDER BY subscriber, window_id, unit"
    )
    con.execute("DROP TABLE ledger_run")
    return inserted, adjusted, unchanged


def _diff_sql(source: str, incident_id: str, version: str) -> str:
    """Per key of the credits or of the ledger: the amount wanted, the net already recorded, and
    the row that makes up the difference (`same`: nothing to write; `conflict`: this version was
    already recorded with another amount)."""
    previous = "CAST(n.have AS VARCHAR)"
    reversal = (
        "'{\"incident\":' || to_json(" + _q(incident_id) + ")::VARCHAR || ',\"window\":' || "
        f"to_json(n.window_id)::VARCHAR || ',\"previous\":' || to_json({previous})::VARCHAR || '}}'"
    )
    with_previous = (
        "CASE WHEN t.inputs LIKE '{%}' AND t.inputs <> '{}' "
        "THEN left(t.inputs, length(t.inputs) - 1)"
        f" || ',\"previous\":' || to_json({previous})::VARCHAR || '}}' "
        f"ELSE json_object('inputs', t.inputs, 'previous', {previous})::VARCHAR END"
    )
    return f"""
        WITH target AS (
            SELECT subscriber, "window" AS window_id, unit, CAST(amount AS DECIMAL(38, 6)) AS want,
                   currency, reason, inputs
            FROM {source}
        ),
        net AS (
            SELECT subscriber, window_id, unit, sum(amount) AS have,
                   arg_max(currency, id) AS currency,
                   bool_or(policy_version = {_q(version)}) AS this_version
            FROM ledger_before GROUP BY subscriber, window_id, unit
        ),
        pairs AS (
            SELECT coalesce(t.subscriber, n.subscriber) AS subscriber,
                   coalesce(t.window_id, n.window_id) AS window_id,
                   coalesce(t.unit, n.unit) AS unit,
                   t.subscriber IS NOT NULL AS in_target,
                   n.subscriber IS NOT NULL AS in_ledger,
                   coalesce(n.this_version, false) AS this_version,
                   CAST(coalesce(t.want, 0) AS DECIMAL(38, 6)) AS want,
                   CAST(coalesce(n.have, 0) AS DECIMAL(38, 6)) AS have,
                   coalesce(t.currency, n.currency) AS currency,
                   CASE WHEN t.subscriber IS NOT NULL THEN t.reason
                        ELSE 'window ' || n.window_id || ': no longer owed under policy version '
                             || {_q(version)} END AS reason,
                   CASE WHEN t.subscriber IS NULL THEN {reversal}
                        WHEN n.subscriber IS NULL THEN t.inputs
                        ELSE {with_previous} END AS inputs
            FROM target t FULL OUTER JOIN net n
              ON t.subscriber = n.subscriber AND t.window_id = n.window_id AND t.unit = n.unit
        )
        SELECT *, want = have AS same, want <> have AND this_version AS conflict,
               CASE WHEN in_ledger THEN 'adjustment' ELSE 'credit' END AS kind
        FROM pairs
    """


def load_ledger(store: Store, con: Any, name: str, incident_id: str, policy_id: str | None) -> None:
    """Copy the incident's ledger rows (of one policy, or all) into DuckDB table `name`, streamed
    in chunks: PostgreSQL through `COPY ... TO STDOUT`, SQLite through its cursor."""
    cols = ", ".join(f"{c} {t}" for c, t in _LOADED)
    con.execute(f"CREATE OR REPLACE TABLE {name} ({cols})")
    where = f"incident_id = {_q(incident_id)}"
    if policy_id is not None:
        where += f" AND policy_id = {_q(policy_id)}"
    names = [c for c, _ in _LOADED]
    if store.dialect == "postgresql":
        _load_postgres(store, con, name, where, names)
        return
    schema = pa.schema([(c, pa.string()) for c in names])
    query = f"SELECT {', '.join(names)} FROM ledger WHERE {where}"
    with store.connect() as conn:
        cursor = conn.connection.driver_connection.cursor()
        try:
            cursor.execute(query)
            while rows := cursor.fetchmany(READ_CHUNK):
                columns = list(zip(*rows, strict=True))
                chunk = pa.table(
                    [
                        pa.array([None if v is None else str(v) for v in col], pa.string())
                        if i in (0, 7)
                        else pa.array(col, pa.string())
                        for i, col in enumerate(columns)
                    ],
                    schema=schema,
                )
                con.register("ledger_chunk", chunk)
                con.execute(f"INSERT INTO {name} SELECT * FROM ledger_chunk")
                con.unregister("ledger_chunk")
        finally:
            cursor.close()


def _load_postgres(store: Store, con: Any, name: str, where: str, names: list[str]) -> None:
    from psycopg import sql

    query = sql.SQL("COPY (SELECT {} FROM ledger WHERE {}) TO STDOUT (FORMAT csv)").format(
        sql.SQL(", ").join(sql.Identifier(c) for c in names), sql.SQL(where)
    )
    with tempfile.TemporaryDirectory(prefix="ledger-", dir=session_folder(con)) as folder:
        path = Path(folder) / "ledger.csv"
        with store.connect() as conn, path.open("wb") as out:
            raw = conn.connection.driver_connection
            with raw.cursor() as cur, cur.copy(query) as copy:
                for data in copy:
                    out.write(data)
        if path.stat().st_size == 0:
            return
        types = "{" + ", ".join(f"{_q(c)}: {_q(t)}" for c, t in _LOADED) + "}"
        con.execute(
            f"INSERT INTO {name} SELECT * FROM read_csv({_q(str(path))}, header = false, "
            f"auto_detect = false, delim = ',', columns = {types}, quote = '\"', escape = '\"', "
            "allow_quoted_nulls = false)"
        )


def _prefetched(
    produce: Callable[[Any, int], Any], con: Any, total: int, batch: int
) -> Iterator[Any]:
    """`produce(cursor, start)` for each batch, run one batch ahead in a thread on its own DuckDB
    cursor, so DuckDB prepares the next batch while the database takes this one."""
    ready: queue.Queue[Any] = queue.Queue(maxsize=1)
    stop = threading.Event()
    done = object()

    def offer(item: Any) -> bool:
        """Hand an item over unless the consumer has stopped; False once it has."""
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        cursor = con.cursor()
        try:
            for start in range(0, total, batch):
                if not offer(produce(cursor, start)):
                    return
            offer(done)
        except BaseException as exc:  # handed to the consumer, which raises it
            offer(exc)
        finally:
            cursor.close()

    thread = threading.Thread(target=work, name="amends-ledger-batches", daemon=True)
    thread.start()
    try:
        while (item := ready.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()


def _copy_batches(
    store: Store,
    con: Any,
    constants: dict[str, str],
    now: datetime,
    total: int,
    batch: int,
    on_batch: Progress | None,
) -> None:
    """PostgreSQL: each batch written by DuckDB as CSV (one batch ahead), streamed to
    `COPY ledger FROM STDIN`, one transaction per batch."""
    fixed = ", ".join(f"{_q(constants[c])} AS {c}" for c in _COLUMNS[:2])
    policy = ", ".join(f"{_q(constants[c])} AS {c}" for c in ("policy_id", "policy_version"))
    select = (
        f"SELECT {fixed}, subscriber, window_id, {policy}, kind, amount, currency, unit, reason, "
        f"inputs, {_q(now.isoformat())} AS created_at FROM ledger_write"
    )
    listed = ", ".join(_COLUMNS)
    with tempfile.TemporaryDirectory(prefix="ledger-", dir=session_folder(con)) as folder:

        def produce(cursor: Any, start: int) -> tuple[int, Path]:
            path = Path(folder) / f"batch-{start}.csv"
            cursor.execute(
                f"COPY ({select} WHERE rowid >= {start} AND rowid < {start + batch}) "
                f"TO {_q(str(path))} (FORMAT csv, HEADER false, QUOTE '\"', ESCAPE '\"', "
                "FORCE_QUOTE (reason, inputs))"
            )
            return start, path

        def load(start: int, path: Path) -> int:
            with store.begin() as conn, path.open("rb") as data:
                raw = conn.connection.driver_connection
                with (
                    raw.cursor() as cur,
                    cur.copy(f"COPY ledger ({listed}) FROM STDIN (FORMAT csv)") as copy,
                ):
                    while chunk := data.read(1 << 20):
                        copy.write(chunk)
            os.unlink(path)
            return min(start + batch, total) - start

        done = 0

        def loaded(rows: int) -> None:
            nonlocal done
            done += rows
            if on_batch is not None:
                on_batch(done, total)

        # batches commit in any order: a re-run's diff writes only the keys still missing
        load_in_parallel(_prefetched(produce, con, total, batch), lambda b: load(*b), loaded)


def _insert_batches(
    store: Store,
    con: Any,
    constants: dict[str, str],
    now: datetime,
    total: int,
    batch: int,
    on_batch: Progress | None,
) -> None:
    """SQLite (and any other backend): batched inserts, one transaction per batch (the next
    fetched from DuckDB meanwhile); the values are bound as the columns' own types store them
    (money as text, time as UTC text)."""
    sqlite = store.dialect == "sqlite"
    when: Any = now
    if sqlite:
        from sqlalchemy.dialects import sqlite as sqlite_dialect

        process = ledger.c.created_at.type.bind_processor(sqlite_dialect.dialect())
        when = process(now) if process else now
    marks = ", ".join("?" for _ in _COLUMNS)
    sql = f"INSERT INTO ledger ({', '.join(_COLUMNS)}) VALUES ({marks})"
    amount = "CAST(amount AS VARCHAR)" if sqlite else "amount"
    query = (
        f"SELECT subscriber, window_id, kind, {amount}, currency, unit, reason, inputs "
        "FROM ledger_write WHERE rowid >= {} AND rowid < {}"
    )

    def produce(cursor: Any, start: int) -> tuple[int, pa.Table]:
        return start, cursor.sql(query.format(start, start + batch)).to_arrow_table()

    for start, part in _prefetched(produce, con, total, batch):
        cols = dict(zip(_VARYING, (c.to_pylist() for c in part.columns), strict=True))
        n = part.num_rows
        del part
        const = {k: repeat(v, n) for k, v in constants.items()}
        rows = zip(
            const["run_id"],
            const["incident_id"],
            cols["subscriber"],
            cols["window_id"],
            const["policy_id"],
            const["policy_version"],
            cols["kind"],
            cols["amount"],
            cols["currency"],
            cols["unit"],
            cols["reason"],
            cols["inputs"],
            repeat(when, n),
            strict=True,
        )
        with store.begin() as conn:
            if sqlite:
                conn.exec_driver_sql(sql, list(rows))
            else:
                conn.execute(insert(ledger), [dict(zip(_COLUMNS, r, strict=True)) for r in rows])
        if on_batch is not None:
            on_batch(min(start + batch, total), total)


def net_sql(rows: str) -> str:
    """SQL of the net amount per (subscriber, window, policy, currency, unit) over ledger rows
    `rows` (as `load_ledger` holds them), with the latest reason; zero nets left out, sorted."""
    return f"""
        SELECT subscriber, window_id AS "window", CAST(sum(amount) AS DECIMAL(38, 6)) AS amount,
               currency, unit, policy_id AS policy, arg_max(reason, id) AS reason
        FROM {rows}
        GROUP BY subscriber, window_id, policy_id, currency, unit
        HAVING sum(amount) <> 0
        ORDER BY subscriber, "window", policy, currency, unit
    """


_ENTRIES = pa.schema(
    [
        ("subscriber", pa.string()),
        ("window", pa.string()),
        ("amount", _MONEY),
        ("currency", pa.string()),
        ("unit", pa.string()),
        ("policy", pa.string()),
        ("reason", pa.string()),
    ]
)


def ledger_entries(store: Store, incident_id: str, policy_id: str | None = None) -> pa.Table:
    """Net amount per (subscriber, window, policy, currency, unit), with the latest reason.

    Zero nets (credits reversed in full) are left out; this is what `amends credits` exports.
    """
    with duckdb_session() as con:
        load_ledger(store, con, "entries", incident_id, policy_id)
        table = con.sql(net_sql("entries")).to_arrow_table()
    return table.cast(_ENTRIES)


def ledger_totals(store: Store, incident_id: str) -> pa.Table:
    """Per subscriber, the net amount owed per currency and unit for the incident (all policies).

    This is what personal notices and the "was I affected?" page show.
    """
    with duckdb_session() as con:
        load_ledger(store, con, "entries", incident_id, None)
        table = con.sql(
            f"""SELECT subscriber, currency, unit, CAST(sum(amount) AS DECIMAL(38, 6)) AS amount
                FROM ({net_sql("entries")}) GROUP BY subscriber, currency, unit
                ORDER BY subscriber, unit, currency"""
        ).to_arrow_table()
    return table.cast(
        pa.schema(
            [
                ("subscriber", pa.string()),
                ("currency", pa.string()),
                ("unit", pa.string()),
                ("amount", _MONEY),
            ]
        )
    )


def credited_subscriber(store: Store, incident_id: str) -> str | None:
    """One subscriber with a ledger row for the incident (the first by id), or None: the demo's
    example of a personal "was I affected?" link."""
    from sqlalchemy import select

    from amends.store.schema import ledger

    with store.connect() as conn:
        return conn.execute(
            select(ledger.c.subscriber)
            .where(ledger.c.incident_id == incident_id)
            .order_by(ledger.c.subscriber)
            .limit(1)
        ).scalar()
