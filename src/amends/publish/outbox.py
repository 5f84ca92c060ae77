"""The transactional outbox: rows written in the caller's transaction, delivered by the worker.

`enqueue_statement` fans a published statement out to every confirmed, matching subscription;
`enqueue_notices` / `enqueue_notice_file` write personal notices in bulk: streamed from Arrow or
Parquet through DuckDB in batches (COPY on PostgreSQL, batched inserts on SQLite). Idempotency keys
are unique, so enqueueing the same thing twice never sends it twice.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Connection, func, select

from amends.errors import InputError
from amends.progress import Progress
from amends.store.parallel import WRITERS, load_in_parallel
from amends.store.schema import (
    components,
    incident_components,
    notify_subscriptions,
    outbox,
    statements,
)

if TYPE_CHECKING:
    import duckdb

    from amends.store import Store

#: Which subscriptions hear a statement of each channel: email <- email, sms <- sms, and the
#: public web post goes to webhooks as a JSON event. Other channels (social) fan out nowhere.
STATEMENT_FANOUT: dict[str, str] = {"email": "email", "sms": "sms", "web": "webhook"}
#: The columns a bulk insert fills, in order.
COLUMNS: tuple[str, ...] = (
    "idempotency_key",
    "channel",
    "recipient",
    "subscription_id",
    "statement_id",
    "incident_id",
    "subject",
    "body_text",
    "body_html",
    "payload",
    "status",
    "attempts",
    "next_attempt_at",
    "created_at",
)
STATUSES: tuple[str, ...] = ("queued", "sending", "sent", "failed", "dead")
_SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"


def _language(locale: str | None) -> str:
    return (locale or "en").replace("_", "-").split("-", 1)[0].lower()


def statement_payload(row: Any, incident_status: str | None = None) -> dict[str, Any]:
    """The Standard Webhooks event body for a published statement (public facts only)."""
    published = row.published_at
    return {
        "type": "incident.statement.published",
        "timestamp": published.astimezone(UTC).isoformat() if published else None,
        "data": {
            "statement_id": row.id,
            "incident_id": row.incident_id,
            "stage": row.stage,
            "status": row.status,
            "locale": row.locale,
            "subject": row.subject,
            "text": row.body_text,
        },
    }


def enqueue_statement(conn: Connection, statement_id: int) -> int:
    """One outbox row per confirmed subscription (per address) that the statement concerns.

    A subscription matches when it names none of component/region (everything), or one of the
    incident's components, or one of their regions; and its language matches the statement's.
    Call inside the transaction that inserted the statement. Returns the rows added.
    """
    st = conn.execute(select(statements).where(statements.c.id == statement_id)).one_or_none()
    if st is None:
        raise ValueError(f"statement {statement_id} does not exist")
    kind = STATEMENT_FANOUT.get(st.channel)
    if kind is None or st.audience != "public":
        return 0
    affected = conn.execute(
        select(incident_components.c.component_id, components.c.region)
        .select_from(incident_components)
        .join(components, components.c.id == incident_components.c.component_id, isouter=True)
        .where(incident_components.c.incident_id == st.incident_id)
    ).all()
    comp_ids = {r.component_id for r in affected}
    regions = {r.region for r in affected if r.region is not None}
    s = notify_subscriptions.c
    subs = conn.execute(
        select(s.id, s.address, s.locale, s.component_id, s.region)
        .where(s.kind == kind, s.confirmed_at.is_not(None), s.unsubscribed_at.is_(None))
        .order_by(s.id)
    ).all()
    language = _language(st.locale)
    chosen: dict[str, int] = {}
    for sub in subs:
        if _language(sub.locale) != language:
            continue
        everything = sub.component_id is None and sub.region is None
        if everything or sub.component_id in comp_ids or sub.region in regions:
            chosen.setdefault(sub.address, sub.id)  # one message per address: the lowest id
    payload = json.dumps(statement_payload(st), ensure_ascii=False, separators=(",", ":"))
    now = datetime.now(UTC)
    subject = st.subject
    if kind == "sms":
        subject = None
    rows = [
        (
            f"s:{statement_id}:{sub_id}",
            kind,
            address,
            sub_id,
            statement_id,
            st.incident_id,
            subject,
            st.body_text,
            st.body_html if kind == "email" else None,
            payload if kind == "webhook" else None,
            "queued",
            0,
            now,
            now,
        )
        for address, sub_id in chosen.items()
    ]
    return insert_rows(conn, rows)


#: Notices per batch (and per transaction) when enqueueing: bounded memory at any size.
NOTICE_BATCH = 50_000
#: DuckDB's memory while it streams a notices file (it projects, hashes and sorts one bucket).
NOTICE_DUCKDB_MEMORY = "512MB"
#: Above this many notices a file is loaded in the order of its keys: the outbox's unique index
#: then grows at its right edge. In a file's order the keys (hashes) land on random pages of an
#: index far larger than PostgreSQL's buffers; at 18M of 100M notices each row then cost 5.5 KB
#: of WAL (whole pages rewritten after every checkpoint) against 1.4 KB at the start, and the
#: load slowed from 25,000 to 18,000 a second.
KEY_ORDER_FROM = 1_000_000
#: The loading stage's name in the progress an enqueue reports (its count: notices loaded).
ENQUEUEING = "enqueueing notices"
#: Rows DuckDB buffers per writer while it splits notices into 16 key buckets (16 open files:
#: bounded buffers, where 256 open files ran out of memory at 100M notices).
KEY_FLUSH_ROWS = 32_768
#: A key bucket larger than this (uncompressed) is split again before it is sorted: a quarter
#: of DuckDB's memory here, since its sort of a bucket about twice its memory ran out of it.
KEY_SORT_BYTES = 128 * 2**20
#: The columns `enqueue_notices` loads per batch (the rest are constants of the incident).
NOTICE_COLUMNS: tuple[str, ...] = (
    "idempotency_key",
    "channel",
    "recipient",
    "subject",
    "body_text",
    "body_html",
)
#: The stage a notice without a `stage` column is keyed under.
NOTICE_STAGE = "notice"


def enqueue_published(conn: Connection) -> tuple[int, int]:
    """Enqueue every published statement for the current subscribers (idempotent, as
    `enqueue_statement`); returns (statements, messages queued)."""
    ids = conn.execute(select(statements.c.id).order_by(statements.c.id)).scalars().all()
    return len(ids), sum(enqueue_statement(conn, sid) for sid in ids)


def notice_key(incident_id: str, subscriber: str, channel: str, stage: str = NOTICE_STAGE) -> str:
    """The idempotency key of a personal notice: one per (incident, subscriber, stage, channel).

    It does not depend on the text, so notices composed again (another clock, a corrected
    template) for the same incident and stage are never enqueued a second time. DuckDB computes
    the same key column-wise (`_notice_sql`); this is the reference."""
    joined = "\x1f".join((incident_id, subscriber, channel, stage))
    return f"n:{hashlib.sha256(joined.encode()).hexdigest()[:40]}"


@dataclass(frozen=True)
class Enqueued:
    """What an enqueue did: rows read, rows with a recipient, rows added (new keys)."""

    rows: int
    reachable: int
    added: int


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _notice_source(
    con: duckdb.DuckDBPyConnection, notices: pa.Table | Path
) -> tuple[str, list[str], str, int]:
    """Register the notices; returns (relation SQL, column names, row-number SQL, row count)."""
    if isinstance(notices, pa.Table):
        n = notices.num_rows
        rows = pa.array(np.arange(1, n + 1, dtype=np.int64))
        con.register("notices_src", notices.append_column("__amends_row", rows))
        return "notices_src", notices.column_names, "__amends_row", n
    import pyarrow.parquet as pq

    where = str(notices)
    if not notices.is_file():
        problem = "is a folder" if notices.is_dir() else "file not found"
        raise InputError(f"{problem}; give the Parquet file `amends notices` wrote", path=where)
    try:
        meta = pq.ParquetFile(notices).metadata
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"cannot read Parquet ({exc})", path=where) from None
    names = meta.schema.to_arrow_schema().names
    sql = f"read_parquet({_quote(where)}, file_row_number = true)"
    return sql, names, "file_row_number + 1", int(meta.num_rows)


def _notice_sql(src: str, names: list[str], row: str, incident_id: str) -> tuple[str, str]:
    """(check query, rows query) over a notices relation: rows without a recipient dropped, the
    channel inferred where it is not deliverable, the key hashed column-wise."""
    need = ("subscriber", "channel", "recipient", "text")
    missing = [c for c in need if c not in names]
    if missing:
        raise InputError(
            f"notices table lacks column(s) {', '.join(missing)}; "
            "expected subscriber, channel, recipient, subject, text",
            path="notices",
        )
    subject = "subject::VARCHAR" if "subject" in names else "NULL::VARCHAR"
    html = next((f'"{c}"::VARCHAR' for c in ("html", "body_html") if c in names), "NULL::VARCHAR")
    stage = f"coalesce(stage::VARCHAR, '{NOTICE_STAGE}')" if "stage" in names else None
    stage = stage or _quote(NOTICE_STAGE)
    base = f"""
        SELECT row, subscriber, given, recipient, subject, text, html, stage,
               CASE WHEN given IN ('email', 'sms', 'webhook') THEN given
                    WHEN contains(recipient, '@') THEN 'email'
                    WHEN starts_with(recipient, '+') THEN 'sms' END AS ch
        FROM (
            SELECT {row} AS row, coalesce(subscriber::VARCHAR, 'None') AS subscriber,
                   channel::VARCHAR AS given, recipient::VARCHAR AS recipient,
                   {subject} AS subject, text::VARCHAR AS text, {html} AS html, {stage} AS stage
            FROM {src}
        ) WHERE recipient IS NOT NULL AND recipient <> ''
    """
    check = f"""
        SELECT count(*), min(row) FILTER (WHERE text IS NULL),
               min(row) FILTER (WHERE ch IS NULL), arg_min(given, row) FILTER (WHERE ch IS NULL)
        FROM ({base})
    """
    rows = f"""
        SELECT 'n:' || substr(sha256(concat_ws(chr(31), {_quote(incident_id)}, subscriber, ch,
                                                stage)), 1, 40) AS idempotency_key,
               ch AS channel, recipient, subject, text AS body_text, html AS body_html
        FROM ({base})
    """
    return check, rows


def _check_notices(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """Refuse the first undeliverable row (before anything is written); returns rows to load."""
    reachable, empty, bad, given = con.execute(sql).fetchall()[0]
    if empty is not None and (bad is None or empty <= bad):
        raise InputError(f"notices row {empty}: empty text; compose it again", path="notices")
    if bad is not None:
        raise InputError(
            f"notices row {bad}: channel {given!r} cannot be delivered; use email or sms",
            path="notices",
        )
    return int(reachable)


def _stream_notices(
    notices: pa.Table | Path, incident_id: str, batch_size: int, progress: Progress | None = None
) -> Iterator[tuple[int, int, pa.RecordBatch | None]]:
    """Check the notices, then yield (rows, reachable, batch) for each batch of outbox columns
    (a first item with batch None carries the counts). DuckDB streams: memory is one batch.
    Above `KEY_ORDER_FROM` notices the batches come in ascending key order (`_key_ordered`).
    `progress(what, None, None)` names each stage before it starts."""
    import duckdb

    from amends.duckdb_session import duckdb_session

    def step(what: str) -> None:
        if progress is not None:
            progress(what, None, None)

    try:
        with duckdb_session(NOTICE_DUCKDB_MEMORY) as con:
            con.execute("SET preserve_insertion_order = false")
            step("checking notices")
            src, names, row, total = _notice_source(con, notices)
            check, rows = _notice_sql(src, names, row, incident_id)
            reachable = _check_notices(con, check)
            yield total, reachable, None
            if reachable > KEY_ORDER_FROM:
                step("sorting notices into key order")
                batches = _key_ordered(con, rows, batch_size)
            else:
                batches = con.sql(rows).to_arrow_reader(batch_size)
            for batch in batches:
                if len(batch):
                    yield total, reachable, batch
    except duckdb.OutOfMemoryException:
        raise  # the machine's limit, not the file's fault (amends.cli.main says so)
    except duckdb.Error as exc:
        reason = (str(exc) or type(exc).__name__).splitlines()[0][:200]
        raise InputError(f"cannot read the notices ({reason})", path="notices") from None


def _key_ordered(con: Any, rows: str, batch_size: int) -> Iterator[Any]:
    """Batches of the outbox rows in ascending key order: split into 16 Parquet buckets by the
    key's first hex digit, a bucket larger than `KEY_SORT_BYTES` split again by the next digit,
    and each small bucket sorted on its own, so no sort holds more than a fraction of DuckDB's
    memory (its sort of a bucket three times that ran out of it). Each bucket's files go once
    read, so the disk holds the buckets or the outbox's new rows, not both."""
    from amends.duckdb_session import session_folder

    folder = session_folder(con)
    assert folder is not None  # _stream_notices reads in a duckdb_session
    con.execute(f"SET partitioned_write_flush_threshold = {KEY_FLUSH_ROWS}")
    yield from _sorted_buckets(con, f"({rows})", folder / "keyed", 0, batch_size)


def _sorted_buckets(
    con: Any, relation: str, out: Path, depth: int, batch_size: int
) -> Iterator[Any]:
    """`relation` split by the key's hex digit `depth` (after its 'n:') into folders under
    `out`; then, bucket by bucket in key order, its batches sorted by key."""
    import shutil

    con.execute(
        f"COPY (SELECT *, substr(idempotency_key, {3 + depth}, 1) AS amends_bucket "
        f"FROM {relation}) TO {_quote(str(out))} (FORMAT parquet, "
        f"PARTITION_BY (amends_bucket), COMPRESSION zstd, ROW_GROUP_SIZE {KEY_FLUSH_ROWS})"
    )
    columns = ", ".join(NOTICE_COLUMNS)
    for bucket in sorted(out.iterdir(), key=lambda p: p.name):
        files = sorted(bucket.glob("*.parquet"))
        source = f"read_parquet({_quote(str(bucket / '*.parquet'))}, hive_partitioning = false)"
        if _uncompressed_bytes(files) > KEY_SORT_BYTES and depth < 30:
            yield from _sorted_buckets(con, source, bucket / "split", depth + 1, batch_size)
        else:
            yield from con.sql(
                f"SELECT {columns} FROM {source} ORDER BY idempotency_key"
            ).to_arrow_reader(batch_size)
        shutil.rmtree(bucket)


def _uncompressed_bytes(files: Sequence[Path]) -> int:
    """The data of Parquet files as their footers give it, uncompressed."""
    import pyarrow.parquet as pq

    total = 0
    for path in files:
        meta = pq.ParquetFile(path).metadata
        total += sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    return total


def enqueue_notices(
    conn: Connection, incident_id: str, notices: pa.Table, *, batch_size: int = NOTICE_BATCH
) -> int:
    """Personal notices (compose's `notices()` table) into the outbox, in the caller's
    transaction, loaded in batches with the database's bulk path.

    Rows without a recipient are skipped (no contact on file). Returns the rows added; rows
    already enqueued (same key) are left alone."""
    now = datetime.now(UTC)
    added = 0
    for _, _, batch in _stream_notices(notices, incident_id, batch_size):
        if batch is not None:
            added += _load_notices(conn, incident_id, batch, now)
    return added


def enqueue_notice_file(
    store: Store,
    incident_id: str,
    path: Path,
    *,
    batch_size: int = NOTICE_BATCH,
    progress: Progress | None = None,
) -> Enqueued:
    """A whole incident's notices file into the outbox: streamed in batches, one transaction per
    batch, in bounded memory whatever the number of notices.

    Exactly once across crashes: a batch is committed whole or not at all, and the database's
    unique idempotency key (incident, subscriber, stage, channel) makes a re-run after a crash
    add only what the crashed run had not committed. `progress(what, loaded, reachable)` as
    each stage starts (loaded None) and after each batch. Every row is checked before the first
    batch is written."""
    now = datetime.now(UTC)
    added = done = 0

    def load(batch: pa.RecordBatch) -> tuple[int, int]:
        with store.begin() as conn:
            return len(batch), _load_notices(conn, incident_id, batch, now)

    def loaded(counts: tuple[int, int]) -> None:
        nonlocal added, done
        done += counts[0]
        added += counts[1]
        if progress is not None:
            progress(ENQUEUEING, done, reachable)

    try:
        stream = _stream_notices(path, incident_id, batch_size, progress)
        rows, reachable, _ = next(stream)
        batches = (batch for _, _, batch in stream if batch is not None)
        # PostgreSQL: several connections at once, batches committing in any order (the unique
        # key makes a re-run add only what is missing); SQLite has one writer
        writers = WRITERS if store.dialect == "postgresql" else 1
        load_in_parallel(batches, load, loaded, writers=writers)
    except InputError as exc:
        if exc.path == "notices":
            raise InputError(str(exc).split(": ", 1)[1], path=str(path)) from None
        raise
    return Enqueued(rows=rows, reachable=reachable, added=added)


def _load_notices(conn: Connection, incident_id: str, batch: pa.RecordBatch, now: datetime) -> int:
    """One batch of notices (NOTICE_COLUMNS) into the outbox; existing keys skipped."""
    batch = batch.take(pc.sort_indices(batch, [("idempotency_key", "ascending")]))  # index appends
    if conn.dialect.name == "postgresql":
        return _copy_notices_postgres(conn, incident_id, batch, now)
    return _insert_notices_sqlite(conn, incident_id, batch, now)


def _insert_notices_sqlite(
    conn: Connection, incident_id: str, batch: pa.RecordBatch, now: datetime
) -> int:
    stamp = now.astimezone(UTC).strftime(_SQLITE_TIME)
    cols = [batch.column(name).to_pylist() for name in NOTICE_COLUMNS]
    key, channel, recipient, subject, text, html = cols
    rows = list(
        zip(key, channel, recipient, repeat(incident_id), subject, text, html, strict=False)
    )
    raw = conn.connection.driver_connection
    before = raw.total_changes  # type: ignore[union-attr]
    cache = raw.execute("PRAGMA cache_size").fetchone()[0]  # type: ignore[union-attr]
    raw.execute("PRAGMA cache_size = -262144")  # type: ignore[union-attr]  # 256 MiB: the indexes
    try:
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO outbox (idempotency_key, channel, recipient, incident_id, "
            "subject, body_text, body_html, status, attempts, next_attempt_at, created_at) "
            f"VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, '{stamp}', '{stamp}')",
            rows,
        )
    finally:
        raw.execute(f"PRAGMA cache_size = {int(cache)}")  # type: ignore[union-attr]
    return int(raw.total_changes - before)  # type: ignore[union-attr]


def _copy_notices_postgres(
    conn: Connection, incident_id: str, batch: pa.RecordBatch, now: datetime
) -> int:
    """COPY the batch as CSV written column-wise by Arrow (no Python per row), then one
    INSERT ... ON CONFLICT DO NOTHING from the temporary table."""
    import pyarrow.csv as pacsv

    buf = io.BytesIO()
    pacsv.write_csv(
        pa.Table.from_batches([batch]),
        buf,
        write_options=pacsv.WriteOptions(include_header=False, quoting_style="all_valid"),
    )  # nulls unquoted (NULL), every value quoted (an empty string stays "")
    raw = conn.connection.driver_connection
    cols = ", ".join(NOTICE_COLUMNS)
    with raw.cursor() as cur:  # type: ignore[union-attr]
        cur.execute(
            "CREATE TEMP TABLE IF NOT EXISTS amends_notice_load (idempotency_key text, "
            "channel text, recipient text, subject text, body_text text, body_html text) "
            "ON COMMIT DELETE ROWS"
        )
        cur.execute("TRUNCATE amends_notice_load")
        with cur.copy(f"COPY amends_notice_load ({cols}) FROM STDIN (FORMAT csv)") as copy:
            copy.write(buf.getbuffer())
        cur.execute(
            f"INSERT INTO outbox ({cols}, incident_id, status, attempts, next_attempt_at, "
            f"created_at) SELECT {cols}, %s, 'queued', 0, %s, %s FROM amends_notice_load "
            "ON CONFLICT (idempotency_key) DO NOTHING",
            (incident_id, now, now),
        )
        return int(cur.rowcount)


def insert_rows(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> int:
    """Insert outbox rows (tuples in COLUMNS order) fast; existing idempotency keys are skipped."""
    if not rows:
        return 0
    if conn.dialect.name == "postgresql":
        return _insert_postgres(conn, rows)
    return _insert_sqlite(conn, rows)


def _insert_sqlite(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> int:
    assert COLUMNS[-2:] == ("next_attempt_at", "created_at")  # the two times come last
    texts: dict[datetime, str] = {}

    def stamp(value: datetime) -> str:
        if value not in texts:  # bulk rows share one timestamp: format it once
            texts[value] = value.astimezone(UTC).strftime(_SQLITE_TIME)
        return texts[value]

    # Insert in key order: the unique index then grows at its end instead of at random pages.
    ordered = sorted(rows, key=itemgetter(0))
    ordered = [(*r[:-2], stamp(r[-2]), stamp(r[-1])) for r in ordered]
    cols = ", ".join(COLUMNS)
    marks = ", ".join("?" for _ in COLUMNS)
    raw = conn.connection.driver_connection
    before = raw.total_changes  # type: ignore[union-attr]
    cache = raw.execute("PRAGMA cache_size").fetchone()[0]  # type: ignore[union-attr]
    raw.execute("PRAGMA cache_size = -262144")  # type: ignore[union-attr]  # 256 MiB for the load
    try:
        conn.exec_driver_sql(f"INSERT OR IGNORE INTO outbox ({cols}) VALUES ({marks})", ordered)
    finally:
        raw.execute(f"PRAGMA cache_size = {int(cache)}")  # type: ignore[union-attr]
    return int(raw.total_changes - before)  # type: ignore[union-attr]


def _insert_postgres(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> int:
    raw = conn.connection.driver_connection
    cols = ", ".join(COLUMNS)
    with raw.cursor() as cur:  # type: ignore[union-attr]
        cur.execute(  # only the loaded columns: no id sequence, no defaults, no indexes
            "CREATE TEMP TABLE IF NOT EXISTS amends_outbox_load ON COMMIT DELETE ROWS AS "
            f"SELECT {cols} FROM outbox WITH NO DATA"
        )
        cur.execute("TRUNCATE amends_outbox_load")
        with cur.copy(f"COPY amends_outbox_load ({cols}) FROM STDIN") as copy:
            for row in sorted(rows, key=itemgetter(0)):  # key order: the unique index appends
                copy.write_row(row)
        cur.execute(
            f"INSERT INTO outbox ({cols}) SELECT {cols} FROM amends_outbox_load "
            "ON CONFLICT (idempotency_key) DO NOTHING"  # loaded in key order already
        )
        return int(cur.rowcount)


def status_counts(conn: Connection) -> dict[str, dict[str, int]]:
    """Rows per channel and status (every status present, zeros included)."""
    counts: dict[str, dict[str, int]] = {}
    q = select(outbox.c.channel, outbox.c.status, func.count()).group_by(
        outbox.c.channel, outbox.c.status
    )
    for channel, status, n in conn.execute(q):
        counts.setdefault(channel, dict.fromkeys(STATUSES, 0))[status] = int(n)
    return counts


def requeue_dead(conn: Connection, channels: Iterable[str] | None = None) -> int:
    """Give dead rows a fresh start (after the operator fixed the cause)."""
    q = (
        outbox.update()
        .where(outbox.c.status == "dead")
        .values(status="queued", attempts=0, next_attempt_at=datetime.now(UTC), last_error=None)
    )
    if channels is not None:
        q = q.where(outbox.c.channel.in_(list(channels)))
    return int(conn.execute(q).rowcount)
