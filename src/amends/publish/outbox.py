"""The transactional outbox: rows written in the caller's transaction, delivered by the worker.

`enqueue_statement` fans a published statement out to every confirmed, matching subscription;
`enqueue_notices` writes personal notices in bulk (COPY on PostgreSQL, executemany on SQLite).
Idempotency keys are unique, so enqueueing the same thing twice never sends it twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

import pyarrow as pa
from sqlalchemy import Connection, func, select

from amends.errors import InputError
from amends.store.schema import (
    components,
    incident_components,
    notify_subscriptions,
    outbox,
    statements,
)

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


def notice_key(incident_id: str, subscriber: str, channel: str, subject: str, text: str) -> str:
    """The idempotency key of a personal notice: the same notice always gets the same key."""
    joined = "\x1f".join((incident_id, subscriber, channel, subject, text))
    return f"n:{hashlib.sha256(joined.encode()).hexdigest()[:40]}"


def _column(table: pa.Table, *names: str) -> list[Any] | None:
    for name in names:
        if name in table.column_names:
            return table.column(name).to_pylist()
    return None


def _notice_channel(channel: str | None, recipient: str, row: int) -> str:
    if channel in ("email", "sms", "webhook"):
        return channel
    if "@" in recipient:
        return "email"
    if recipient.startswith("+"):
        return "sms"
    raise InputError(
        f"notices row {row}: channel {channel!r} cannot be delivered; use email or sms",
        path="notices",
    )


def enqueue_notices(conn: Connection, incident_id: str, notices: pa.Table) -> int:
    """Personal notices (compose's `notices()` table) into the outbox in one bulk insert.

    Rows without a recipient are skipped (no contact on file). Returns the rows added; rows
    already enqueued (same key) are left alone.
    """
    need = ("subscriber", "channel", "recipient", "text")
    missing = [c for c in need if c not in notices.column_names]
    if missing:
        raise InputError(
            f"notices table lacks column(s) {', '.join(missing)}; "
            "expected subscriber, channel, recipient, subject, text",
            path="notices",
        )
    subscribers = notices.column("subscriber").to_pylist()
    channels = notices.column("channel").to_pylist()
    recipients = notices.column("recipient").to_pylist()
    texts = notices.column("text").to_pylist()
    subjects = _column(notices, "subject") or [None] * notices.num_rows
    htmls = _column(notices, "html", "body_html") or [None] * notices.num_rows
    now = datetime.now(UTC)
    tail = ("queued", 0, now, now)
    rows = []
    for i, (sub, ch, rcpt, subj, text, html) in enumerate(
        zip(subscribers, channels, recipients, subjects, texts, htmls, strict=True)
    ):
        if not rcpt:
            continue
        if text is None:
            raise InputError(f"notices row {i + 1}: empty text; compose it again", path="notices")
        channel = _notice_channel(ch, rcpt, i + 1)
        key = notice_key(incident_id, str(sub), channel, subj or "", text)
        rows.append((key, channel, rcpt, None, None, incident_id, subj, text, html, None, *tail))
    return insert_rows(conn, rows)


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
