"""Subscriptions: email with double opt-in, webhooks with a signing secret, SMS in E.164.

Each subscription names a component, a region or neither (everything). Email addresses get a
confirmation message through the outbox and hear nothing else until they confirm; every email
carries a signed one-click unsubscribe link (RFC 8058). CSV import validates every row first and
writes all of them in one transaction. `affected_audience` turns an incident's affected
subscribers into the contact table that personal notices are composed for.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
from sqlalchemy import Connection, select

from amends.errors import InputError
from amends.publish.notifyconfig import NotifySettings
from amends.publish.outbox import insert_rows
from amends.publish.urlguard import BlockedURL, check_url, parse_networks
from amends.store.schema import notify_subscriptions, outbox, subscribers
from amends.store.secrets import instance_secret

if TYPE_CHECKING:
    from amends.store import Store

KINDS: tuple[str, ...] = ("email", "webhook", "sms")
#: A pragmatic address check: one @, a dotted domain, no spaces or angle brackets.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_EMAIL = re.compile(rf"^[^@\s<>(),;:\"\[\]]+@{_LABEL}(?:\.{_LABEL})+$")
_UNSUB_SALT = "amends-unsubscribe"
#: The name of the store's own signing secret (`amends.store.secrets`).
SECRET_NAME = "notify-links"


class AddressError(ValueError):
    """An address that cannot be subscribed (with the reason and the fix)."""


@dataclass(frozen=True)
class Subscription:
    """The result of subscribing: the row id and, once, the secrets to hand out."""

    id: int
    kind: str
    address: str
    created: bool  # False: it already existed (possibly re-activated)
    confirmed: bool
    confirm_token: str | None = None  # email: the token in the confirmation link
    secret: str | None = None  # webhook: the signing secret (whsec_...)


def normalize_address(
    kind: str, address: str, settings: NotifySettings, *, default_region: str | None = None
) -> str:
    """The canonical form of an address, or AddressError saying what is wrong."""
    address = address.strip()
    if kind == "email":
        if not _EMAIL.match(address) or len(address) > 320:
            raise AddressError(f"{address!r} is not an email address (name@example.com)")
        local, _, domain = address.rpartition("@")
        return f"{local}@{domain.lower()}"
    if kind == "webhook":
        try:
            return check_url(address, parse_networks(settings.webhook.allow))
        except BlockedURL as exc:
            raise AddressError(str(exc)) from None
    if kind == "sms":
        import phonenumbers

        try:
            number = phonenumbers.parse(address, default_region)
        except phonenumbers.NumberParseException as exc:
            raise AddressError(
                f"{address!r} is not a phone number ({exc}); write it as +<country><number>"
            ) from None
        if not phonenumbers.is_valid_number(number):
            raise AddressError(f"{address!r} is not a valid phone number; check the digits")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise AddressError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_webhook_secret() -> str:
    """A fresh Standard Webhooks signing secret (whsec_ + base64 of 32 random bytes)."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


@lru_cache(maxsize=8)
def _serializer(secret: str) -> Any:
    from itsdangerous import URLSafeSerializer

    return URLSafeSerializer(secret, salt=_UNSUB_SALT)


def with_secret(conn: Connection, settings: NotifySettings) -> NotifySettings:
    """`settings` with its signing secret: the configured one, else the store's own."""
    if settings.secret is not None:
        return settings
    return settings.model_copy(update={"secret": instance_secret(conn, SECRET_NAME)})


def unsubscribe_token(settings: NotifySettings, subscription_id: int) -> str:
    """A signed, URL-safe token naming one subscription (no expiry: old emails must work).

    `settings` must carry the secret (`with_secret`).
    """
    if settings.secret is None:
        raise ValueError("no signing secret: pass the settings through with_secret() first")
    return str(_serializer(settings.secret).dumps(subscription_id))


def confirm_url(settings: NotifySettings, token: str) -> str:
    """The double opt-in link."""
    return f"{settings.base_url.rstrip('/')}/notify/confirm/{token}"


def _find(
    conn: Connection, kind: str, address: str, component: str | None, region: str | None
) -> Any:
    s = notify_subscriptions.c
    q = select(notify_subscriptions).where(s.kind == kind, s.address == address)
    q = q.where(s.component_id.is_(None) if component is None else s.component_id == component)
    q = q.where(s.region.is_(None) if region is None else s.region == region)
    return conn.execute(q).one_or_none()


def subscribe(
    conn: Connection,
    settings: NotifySettings,
    kind: str,
    address: str,
    *,
    component_id: str | None = None,
    region: str | None = None,
    locale: str = "en",
    confirmed: bool = False,
    default_region: str | None = None,
) -> Subscription:
    """Add (or re-activate) a subscription. Email needs confirmation unless `confirmed`.

    Unconfirmed email gets a confirmation message queued in the same transaction.
    """
    address = normalize_address(kind, address, settings, default_region=default_region)
    now = datetime.now(UTC)
    needs_confirm = kind == "email" and not confirmed
    token = secrets.token_urlsafe(24) if needs_confirm else None
    existing = _find(conn, kind, address, component_id, region)
    s = notify_subscriptions.c
    if existing is not None:
        if existing.unsubscribed_at is None and (existing.confirmed_at or not needs_confirm):
            known = existing.confirmed_at is not None
            return Subscription(existing.id, kind, address, False, known)
        values: dict[str, Any] = {"unsubscribed_at": None, "locale": locale}
        if needs_confirm:
            values |= {"confirmed_at": None, "confirm_token_hash": _hash(token or "")}
        else:
            values |= {"confirmed_at": existing.confirmed_at or now}
        conn.execute(notify_subscriptions.update().where(s.id == existing.id).values(**values))
        sub_id, secret, created = existing.id, None, False
    else:
        secret = new_webhook_secret() if kind == "webhook" else None
        sub_id = conn.execute(
            notify_subscriptions.insert().values(
                kind=kind,
                address=address,
                component_id=component_id,
                region=region,
                locale=locale,
                secret=secret,
                confirm_token_hash=_hash(token) if token else None,
                confirmed_at=None if needs_confirm else now,
                created_at=now,
            )
        ).inserted_primary_key[0]
        created = True
    if token is not None:
        _queue_confirmation(conn, settings, sub_id, address, token, component_id, region)
    return Subscription(sub_id, kind, address, created, not needs_confirm, token, secret)


def _queue_confirmation(
    conn: Connection,
    settings: NotifySettings,
    sub_id: int,
    address: str,
    token: str,
    component_id: str | None,
    region: str | None,
) -> None:
    what = component_id or region or "all services"
    link = confirm_url(settings, token)
    text = (
        f"Please confirm that you want status updates about {what}.\n\n"
        f"Confirm: {link}\n\n"
        "If you did not ask for this, ignore this message: you will hear nothing more."
    )
    html = (
        f"<p>Please confirm that you want status updates about {_esc(what)}.</p>"
        f'<p><a href="{_esc(link)}">Confirm my subscription</a></p>'
        "<p>If you did not ask for this, ignore this message: you will hear nothing more.</p>"
    )
    now = datetime.now(UTC)
    key = f"c:{sub_id}:{_hash(token)[:16]}"
    insert_rows(
        conn,
        [
            (
                key,
                "email",
                address,
                None,
                None,
                None,
                "Confirm your status updates",
                text,
                html,
                None,
                "queued",
                0,
                now,
                now,
            )
        ],
    )


def _esc(text: str) -> str:
    from html import escape

    return escape(text, quote=True)


def confirm(conn: Connection, token: str) -> int | None:
    """Confirm the subscription whose token this is; returns its id (None: unknown token)."""
    s = notify_subscriptions.c
    # one link confirms every subscription chosen in one form (they share the token)
    rows = conn.execute(
        select(s.id, s.confirmed_at)
        .where(s.confirm_token_hash == _hash(token.strip()))
        .order_by(s.id)
    ).all()
    if not rows:
        return None
    moment = datetime.now(UTC)
    for row in rows:
        conn.execute(
            notify_subscriptions.update()
            .where(s.id == row.id)
            .values(confirmed_at=row.confirmed_at or moment, confirm_token_hash=None)
        )
    return int(rows[0].id)


def unsubscribe(conn: Connection, settings: NotifySettings, token: str) -> int | None:
    """One-click unsubscribe: end every subscription of the token's address (of its kind) and
    cancel what is still queued for them; returns the token's subscription (None: bad token)."""
    from itsdangerous import BadSignature

    try:
        secret = with_secret(conn, settings).secret
        sub_id = int(_serializer(str(secret)).loads(token.strip()))
    except (BadSignature, ValueError, TypeError):
        return None
    s = notify_subscriptions.c
    named = conn.execute(select(s.kind, s.address).where(s.id == sub_id)).one_or_none()
    if named is None:
        return None
    # the page promises "no more messages at this address": every subscription of this address
    # ends (one form may have made several: a component, a region, ...), not only the named one
    ids = list(
        conn.execute(select(s.id).where(s.kind == named.kind, s.address == named.address)).scalars()
    )
    conn.execute(
        notify_subscriptions.update()
        .where(s.id.in_(ids), s.unsubscribed_at.is_(None))
        .values(unsubscribed_at=datetime.now(UTC))
    )
    o = outbox.c
    conn.execute(
        outbox.update()
        .where(o.subscription_id.in_(ids), o.status.in_(("queued", "failed")))
        .values(status="dead", last_error="unsubscribed")
    )
    return sub_id


@dataclass(frozen=True)
class ImportResult:
    """What a CSV import did."""

    rows: int
    created: int
    existing: int
    confirmations: int


IMPORT_COLUMNS = ("kind", "address")
OPTIONAL_COLUMNS = ("component", "region", "locale")


def import_csv(
    conn: Connection,
    settings: NotifySettings,
    path: Path,
    *,
    confirmed: bool = False,
    default_region: str | None = None,
) -> ImportResult:
    """Import subscriptions from CSV (kind,address[,component,region,locale]); all or nothing.

    Every row is validated before anything is written; the first bad row raises InputError
    naming the file, the line and the fix.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror}); check the path", path=str(path)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", path=str(path), row=line
        ) from None
    with io.StringIO(text, newline="") as fh:
        reader = csv.DictReader(fh)
        try:
            fieldnames = reader.fieldnames
        except csv.Error as exc:
            raise InputError(f"not valid CSV ({exc})", path=str(path), row=1) from None
        header = [h.strip().lower() for h in fieldnames or []]
        missing = [c for c in IMPORT_COLUMNS if c not in header]
        if missing:
            raise InputError(
                f"missing column(s) {', '.join(missing)}; the header must start with "
                "kind,address (optional: component, region, locale)",
                path=str(path),
                row=1,
            )
        reader.fieldnames = header
        parsed = []
        try:
            for row in reader:
                line = reader.line_num
                kind = (row.get("kind") or "").strip().lower()
                if kind not in KINDS:
                    raise InputError(
                        f"kind {kind!r} is not one of {', '.join(KINDS)}", path=str(path), row=line
                    )
                try:
                    address = normalize_address(
                        kind, row.get("address") or "", settings, default_region=default_region
                    )
                except AddressError as exc:
                    raise InputError(str(exc), path=str(path), row=line) from None
                parsed.append(
                    (
                        kind,
                        address,
                        (row.get("component") or "").strip() or None,
                        (row.get("region") or "").strip() or None,
                        (row.get("locale") or "").strip() or "en",
                    )
                )
        except csv.Error as exc:
            line = reader.line_num
            raise InputError(f"not valid CSV ({exc})", path=str(path), row=line) from None
    created = existing = confirmations = 0
    for kind, address, component, region, locale in parsed:
        sub = subscribe(
            conn,
            settings,
            kind,
            address,
            component_id=component,
            region=region,
            locale=locale,
            confirmed=confirmed,
        )
        created += sub.created
        existing += not sub.created
        confirmations += sub.confirm_token is not None
    return ImportResult(len(parsed), created, existing, confirmations)


def affected_audience(conn: Connection, affected: pa.Table) -> pa.Table:
    """The affected subscribers (subscribers.parquet of `amends impact`) with their contacts.

    Adds email, phone, locale and time_zone from the store's `subscribers` table; subscribers
    with no contact on file keep null contacts (compose leaves their recipient empty).
    """
    if "subscriber" not in affected.column_names:
        raise InputError("the affected table has no 'subscriber' column", path="subscribers")
    ids = affected.column("subscriber").cast(pa.string())
    wanted = set(ids.to_pylist())
    c = subscribers.c
    contacts: dict[str, tuple[Any, ...]] = {}
    for row in conn.execute(select(c.subscriber, c.email, c.phone, c.locale, c.time_zone)):
        if row.subscriber in wanted:
            contacts[row.subscriber] = (row.email, row.phone, row.locale, row.time_zone)
    out = affected
    for i, name in enumerate(("email", "phone", "locale", "time_zone")):
        if name in out.column_names:
            out = out.drop_columns([name])
        values = [contacts.get(s, (None,) * 4)[i] for s in ids.to_pylist()]
        out = out.append_column(name, pa.array(values, type=pa.string()))
    return out


def read_affected(path: Path) -> pa.Table:
    """subscribers.parquet from `amends impact` (a table of affected subscribers); InputError
    naming the file when it is not that."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowInvalid) as exc:
        raise InputError(f"cannot read Parquet ({exc})", path=str(path)) from None
    names = set(table.column_names)
    if "subscriber" not in names or (
        "failed_attempts" not in names and names & {"plan", "monthly_fee", "currency"}
    ):
        raise InputError(
            "this is not subscribers.parquet from `amends impact` (a table of affected "
            "subscribers: subscriber, window, failed_attempts); pass that file",
            path=str(path),
        )
    return table


def write_audience(store: Store, affected: pa.Table, output: Path) -> pa.Table:
    """`affected_audience` written to `output` as Parquet (whole or not at all); returns it."""
    import pyarrow.parquet as pq

    from amends.errors import prepare_output
    from amends.files import atomic_path

    with store.connect() as conn:
        out = affected_audience(conn, affected)
    prepare_output(output)
    try:
        with atomic_path(output) as tmp:
            pq.write_table(out, tmp)
    except OSError as exc:
        raise InputError(
            f"cannot write ({exc.strerror}); give a file you can write", path=str(output)
        ) from exc
    return out
