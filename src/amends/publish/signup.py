"""Subscribing from the status page: one email address, the components and regions it chose (or
everything), one confirmation message for all of them.

The page's form calls `signup`; it validates every field first (a `SignupError` names the field),
then writes the chosen subscriptions unconfirmed with one shared confirmation token and queues
one confirmation email through the outbox, in the same transaction. The confirmation link
confirms all of them at once (`subscriptions.confirm`). Choices already confirmed are left alone.

What may be sent is bounded in the store, so every server process counts the same messages: at
most `per_address` confirmation emails to one address per day (a stranger cannot flood someone's
inbox through the form) and at most `per_hour` confirmation emails in all per hour.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any

from sqlalchemy import Connection, func, select

from amends.publish.notifyconfig import NotifySettings
from amends.publish.outbox import insert_rows
from amends.publish.subscriptions import AddressError, confirm_url, normalize_address
from amends.store.schema import components, notify_subscriptions, outbox

#: The outbox keys of confirmation messages start with this (as `subscriptions.subscribe`'s).
CONFIRM_KEY = "c:"
#: How many components and regions one form may choose (there are not more on any page).
MAX_CHOICES = 200


class SignupError(ValueError):
    """Fields of the form that cannot be taken: `errors` maps each field to the fix; the
    message is the first one, prefixed with its field."""

    def __init__(self, errors: dict[str, str]) -> None:
        field, message = next(iter(errors.items()))
        super().__init__(f"{field}: {message}")
        self.errors = errors


@dataclass(frozen=True)
class Limits:
    """Confirmation emails: at most `per_address` to one address per `address_window`, at most
    `per_hour` in all per hour."""

    per_address: int = 3
    address_window: timedelta = timedelta(days=1)
    per_hour: int = 500


@dataclass(frozen=True)
class SignupResult:
    """What the form did: the subscriptions waiting for confirmation and whether a confirmation
    email was queued (`limited`: one was due but a bound held it back; nothing was written)."""

    pending: tuple[int, ...]
    queued: bool
    limited: bool = False


#: The confirmation message per language: subject, intro, button, closing line.
_TEXTS: dict[str, tuple[str, str, str, str]] = {
    "en": (
        "Confirm your status updates",
        "Please confirm that you want status updates about:",
        "Confirm my subscription",
        "If you did not ask for this, ignore this message: you will hear nothing more.",
    ),
    "es": (
        "Confirme sus avisos de estado",
        "Confirme que quiere recibir avisos de estado sobre:",
        "Confirmar mi suscripción",
        "Si no lo pidió, ignore este mensaje: no volverá a saber de nosotros.",
    ),
}
_EVERYTHING = {"en": "all services", "es": "todos los servicios"}


def known_choices(conn: Connection) -> tuple[dict[str, str], set[str]]:
    """The components a visitor may choose ({id: name}) and the regions (the components')."""
    rows = conn.execute(select(components.c.id, components.c.name, components.c.region)).all()
    return {r.id: r.name for r in rows}, {r.region for r in rows}


def check_choices(
    conn: Connection,
    settings: NotifySettings,
    email: str,
    chosen_components: list[str],
    chosen_regions: list[str],
    everything: bool,
) -> tuple[str, list[tuple[str | None, str | None]]]:
    """The normalised address and the (component, region) targets, or SignupError naming every
    field at fault."""
    errors: dict[str, str] = {}
    address = ""
    if not email.strip():
        errors["email"] = "Give your email address."
    else:
        try:
            address = normalize_address("email", email, settings)
        except AddressError:
            errors["email"] = "This is not an email address; write it like name@example.com."
    wanted_c = list(dict.fromkeys(c.strip() for c in chosen_components if c.strip()))
    wanted_r = list(dict.fromkeys(r.strip() for r in chosen_regions if r.strip()))
    targets: list[tuple[str | None, str | None]] = [(None, None)]
    if len(wanted_c) + len(wanted_r) > MAX_CHOICES:
        errors["components"] = "Choose fewer services and areas, or everything."
    elif not everything:
        names, regions = known_choices(conn)
        if not wanted_c and not wanted_r:
            errors["components"] = "Choose at least one service or area, or everything."
        elif any(c not in names for c in wanted_c):
            errors["components"] = "One of the chosen services is not on this page."
        elif any(r not in regions for r in wanted_r):
            errors["regions"] = "One of the chosen areas is not on this page."
        targets = [(c, None) for c in wanted_c] + [(None, r) for r in wanted_r]
    if errors:
        raise SignupError(errors)
    return address, targets


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _recent_confirmations(conn: Connection, since: datetime, recipient: str | None = None) -> int:
    o = outbox.c
    query = select(func.count()).where(
        o.channel == "email", o.idempotency_key.startswith(CONFIRM_KEY), o.created_at > since
    )
    if recipient is not None:
        query = query.where(o.recipient == recipient)
    return int(conn.execute(query).scalar_one())


def signup(
    conn: Connection,
    settings: NotifySettings,
    email: str,
    *,
    chosen_components: list[str],
    chosen_regions: list[str],
    everything: bool = False,
    locale: str = "en",
    limits: Limits | None = None,
    now: datetime | None = None,
) -> SignupResult:
    """Subscribe `email` to the chosen components and regions (or everything), unconfirmed, and
    queue one confirmation email for all of them; run it inside `store.begin()`.

    Raises SignupError (field and fix) for bad input. The answer to the visitor must not depend
    on the result (whether an address is subscribed is nobody else's business).
    """
    limits = limits or Limits()
    moment = now or datetime.now(UTC)
    address, targets = check_choices(
        conn, settings, email, chosen_components, chosen_regions, everything
    )
    s = notify_subscriptions.c
    todo: list[tuple[str | None, str | None, Any]] = []
    for component, region in targets:
        q = select(s.id, s.confirmed_at, s.unsubscribed_at).where(
            s.kind == "email", s.address == address
        )
        q = q.where(s.component_id.is_(None) if component is None else s.component_id == component)
        q = q.where(s.region.is_(None) if region is None else s.region == region)
        row = conn.execute(q).one_or_none()
        if row is not None and row.confirmed_at is not None and row.unsubscribed_at is None:
            continue  # already receiving these: nothing to confirm
        todo.append((component, region, row))
    if not todo:
        return SignupResult((), False)
    if (
        _recent_confirmations(conn, moment - limits.address_window, address) >= limits.per_address
        or _recent_confirmations(conn, moment - timedelta(hours=1)) >= limits.per_hour
    ):
        return SignupResult((), False, limited=True)
    token = secrets.token_urlsafe(24)
    digest = _hash(token)
    ids: list[int] = []
    for component, region, row in todo:
        values = {
            "confirm_token_hash": digest,
            "confirmed_at": None,
            "unsubscribed_at": None,
            "locale": locale,
        }
        if row is not None:
            conn.execute(notify_subscriptions.update().where(s.id == row.id).values(**values))
            ids.append(int(row.id))
        else:
            new_id = conn.execute(
                notify_subscriptions.insert().values(
                    kind="email",
                    address=address,
                    component_id=component,
                    region=region,
                    created_at=moment,
                    **values,
                )
            ).inserted_primary_key[0]
            ids.append(int(new_id))
    names, _ = known_choices(conn)
    labels = [
        names.get(c, c) if c else (r if r else _EVERYTHING.get(locale[:2], _EVERYTHING["en"]))
        for c, r, _ in todo
    ]
    _queue(conn, settings, ids[0], address, token, labels, locale, moment)
    return SignupResult(tuple(ids), True)


def _queue(
    conn: Connection,
    settings: NotifySettings,
    first_id: int,
    address: str,
    token: str,
    labels: list[str],
    locale: str,
    moment: datetime,
) -> None:
    """One confirmation email listing every choice (plain text and HTML)."""
    subject, intro, button, closing = _TEXTS.get(locale[:2], _TEXTS["en"])
    link = confirm_url(settings, token)
    listed = "\n".join(f"- {label}" for label in labels)
    text = f"{intro}\n{listed}\n\n{button}: {link}\n\n{closing}"
    items = "".join(f"<li>{escape(label)}</li>" for label in labels)
    html = (
        f"<p>{escape(intro)}</p><ul>{items}</ul>"
        f'<p><a href="{escape(link, quote=True)}">{escape(button)}</a></p>'
        f"<p>{escape(closing)}</p>"
    )
    key = f"{CONFIRM_KEY}{first_id}:{_hash(token)[:16]}"
    row = (key, "email", address, None, None, None, subject, text, html, None, "queued", 0)
    insert_rows(conn, [(*row, moment, moment)])
