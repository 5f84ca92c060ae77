"""Scheduled maintenance: planned work on components, announced to their subscribers, reminded
before it starts, moved to in progress and completed at its times (or by hand).

Each step is one function over the caller's transaction (the CLI, the admin API and the worker's
clock call the same ones) and writes its messages to the outbox with an idempotency key per
(maintenance, step, subscription): a step run twice sends nothing twice. A component moves to
`under_maintenance` while the work is in progress, unless an incident has made it worse; it
returns to `operational` when no other maintenance in progress holds it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from amends.errors import InputError

if TYPE_CHECKING:
    from sqlalchemy import Connection

#: How long before the start subscribers are reminded (when it was announced).
REMIND_BEFORE = timedelta(hours=24)
#: The steps that message subscribers, in the order they happen.
STEPS: tuple[str, ...] = ("announce", "remind", "start", "complete", "cancel")
#: A maintenance id: a slug of lowercase letters, digits and hyphens.
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,99}$"

#: Subject and body of each step's message, by language; {title}, {body}, {start}, {end},
#: {components} and {at} are the maintenance's own facts.
MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "announce": (
            "Scheduled maintenance: {title}",
            "{title}\n\n{body}\n\nWhen: {start} to {end}.\nAffected: {components}.",
        ),
        "remind": (
            "Reminder: maintenance begins {start}",
            "{title}\n\n{body}\n\nWhen: {start} to {end}.\nAffected: {components}.",
        ),
        "start": (
            "Maintenance in progress: {title}",
            "Work on {components} began at {at}. It is planned to end by {end}.",
        ),
        "complete": (
            "Maintenance completed: {title}",
            "Work on {components} was completed at {at}.",
        ),
        "cancel": (
            "Maintenance cancelled: {title}",
            "The maintenance of {components} planned from {start} to {end} will not take place.",
        ),
    },
    "es": {
        "announce": (
            "Mantenimiento programado: {title}",
            "{title}\n\n{body}\n\nCuándo: de {start} a {end}.\nAfecta a: {components}.",
        ),
        "remind": (
            "Recordatorio: el mantenimiento empieza {start}",
            "{title}\n\n{body}\n\nCuándo: de {start} a {end}.\nAfecta a: {components}.",
        ),
        "start": (
            "Mantenimiento en curso: {title}",
            "Los trabajos en {components} empezaron a las {at}. Está previsto que terminen "
            "antes de {end}.",
        ),
        "complete": (
            "Mantenimiento terminado: {title}",
            "Los trabajos en {components} terminaron a las {at}.",
        ),
        "cancel": (
            "Mantenimiento cancelado: {title}",
            "El mantenimiento de {components} previsto de {start} a {end} no se realizará.",
        ),
    },
}


class UnknownMaintenance(InputError):
    """No maintenance has this id (the admin API answers 404)."""


class MaintenanceExists(InputError):
    """The id is taken (the admin API answers 409)."""


class MaintenanceSpec(BaseModel):
    """What a person schedules: id, title and description per locale, components, window."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=ID_PATTERN, description="a slug, e.g. core-2026-12")
    title: dict[str, str] = Field(min_length=1, description="{locale: title}")
    body: dict[str, str] = Field(min_length=1, description="{locale: description}")
    components: list[str] = Field(min_length=1)
    scheduled_for: AwareDatetime
    scheduled_until: AwareDatetime
    auto: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> MaintenanceSpec:
        from amends.check.style import PLACEHOLDER  # the checker's own slots (loaded on use)

        if self.scheduled_until <= self.scheduled_for:
            raise ValueError("scheduled_until must be after scheduled_for")
        if set(self.title) != set(self.body):
            raise ValueError("give a title and a description in the same locales")
        for field, texts in (("title", self.title), ("body", self.body)):
            for locale, text in texts.items():
                if not text.strip():
                    raise ValueError(f"{field} in {locale!r} is empty")
                if any(ord(ch) < 32 and ch not in "\n\t" for ch in text + locale):
                    raise ValueError(f"{field} in {locale!r} holds a control character")
                if PLACEHOLDER.search(text):
                    raise ValueError(f"{field} in {locale!r} holds a placeholder: finish the text")
        return self


def parse_spec(data: Any, *, where: str | None = None) -> MaintenanceSpec:
    """A MaintenanceSpec from parsed TOML or JSON; a bad field is one InputError naming it."""
    from pydantic import ValidationError

    try:
        return MaintenanceSpec.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "maintenance"
        message = str(err["msg"]).removeprefix("Value error, ")
        raise InputError(f"{field}: {message}", path=where) from None


def load_spec(path: str) -> MaintenanceSpec:
    """Read a maintenance file (TOML: id, title.LOCALE, body.LOCALE, components, scheduled_for,
    scheduled_until, auto)."""
    import tomllib

    from amends.errors import load_toml, read_text

    try:
        data = load_toml(read_text(path, what="maintenance file"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", path=path) from None
    return parse_spec(data, where=path)


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def create_maintenance(
    conn: Connection, spec: MaintenanceSpec, *, by: str, now: datetime | None = None
) -> None:
    """Store a new maintenance (scheduled); an existing id or an unknown component is refused."""
    from sqlalchemy import insert, select

    from amends.store import schema as s

    if conn.execute(select(s.maintenances.c.id).where(s.maintenances.c.id == spec.id)).first():
        raise MaintenanceExists(f"maintenance {spec.id!r} exists: choose another id")
    known = {r.id for r in conn.execute(select(s.components.c.id))}
    unknown = [c for c in spec.components if c not in known]
    if unknown:
        raise InputError(
            f"no component {', '.join(map(repr, unknown))}; list them at /api/v2/components.json"
        )
    stamp = _now(now)
    conn.execute(
        insert(s.maintenances).values(
            id=spec.id,
            title=spec.title,
            body=spec.body,
            status="scheduled",
            scheduled_for=spec.scheduled_for.astimezone(UTC),
            scheduled_until=spec.scheduled_until.astimezone(UTC),
            auto=spec.auto,
            created_by=by,
            created_at=stamp,
            updated_at=stamp,
        )
    )
    conn.execute(
        insert(s.maintenance_components),
        [{"maintenance_id": spec.id, "component_id": c} for c in dict.fromkeys(spec.components)],
    )


def get_maintenance(conn: Connection, maintenance_id: str) -> dict[str, Any]:
    """The maintenance with its component ids (InputError when there is none)."""
    from sqlalchemy import select

    from amends.store import schema as s

    row = conn.execute(
        select(s.maintenances).where(s.maintenances.c.id == maintenance_id)
    ).one_or_none()
    if row is None:
        raise UnknownMaintenance(
            f"no maintenance {maintenance_id!r}; `amends maintenance list` shows them"
        )
    found = dict(row._mapping)
    found["title"], found["body"] = json.loads(found["title"]), json.loads(found["body"])
    for key in ("scheduled_for", "scheduled_until", "started_at", "completed_at",
                "announced_at", "reminded_at", "created_at", "updated_at"):  # fmt: skip
        found[key] = _aware(found[key])
    mc = s.maintenance_components.c
    found["components"] = [
        r.component_id
        for r in conn.execute(
            select(mc.component_id)
            .where(mc.maintenance_id == maintenance_id)
            .order_by(mc.component_id)
        )
    ]
    return found


#: The statuses a clock still acts on.
PENDING: tuple[str, ...] = ("scheduled", "in_progress", "verifying")


def list_maintenances(
    conn: Connection, *, statuses: tuple[str, ...] | None = None
) -> list[dict[str, Any]]:
    """Every maintenance (or those in `statuses`), the next to start first."""
    from sqlalchemy import select

    from amends.store import schema as s

    query = select(s.maintenances.c.id).order_by(
        s.maintenances.c.scheduled_for, s.maintenances.c.id
    )
    if statuses is not None:
        query = query.where(s.maintenances.c.status.in_(statuses))
    return [get_maintenance(conn, i) for i in list(conn.execute(query).scalars())]


def announce(conn: Connection, maintenance_id: str, *, now: datetime | None = None) -> int:
    """Tell the components' subscribers about the planned work; returns the messages queued."""
    m = get_maintenance(conn, maintenance_id)
    if m["status"] != "scheduled":
        raise InputError(
            f"maintenance {maintenance_id!r} is {m['status']}: only a scheduled one is announced"
        )
    queued = _notify(conn, m, "announce")
    _stamp(conn, maintenance_id, announced_at=m["announced_at"] or _now(now), now=now)
    return queued


def remind(conn: Connection, maintenance_id: str, *, now: datetime | None = None) -> int:
    """Remind the subscribers before the start (once; only after it was announced)."""
    m = get_maintenance(conn, maintenance_id)
    if m["status"] != "scheduled" or m["announced_at"] is None:
        raise InputError(
            f"maintenance {maintenance_id!r} is {m['status']}"
            + ("" if m["announced_at"] else ", not announced")
            + ": a reminder follows an announcement, before the start"
        )
    queued = _notify(conn, m, "remind")
    _stamp(conn, maintenance_id, reminded_at=m["reminded_at"] or _now(now), now=now)
    return queued


def start(conn: Connection, maintenance_id: str, *, now: datetime | None = None) -> int:
    """Move to in progress: its components show `under_maintenance` (unless an incident made
    them worse); subscribers are told. Returns the messages queued."""
    from sqlalchemy import update

    from amends.store import schema as s

    m = get_maintenance(conn, maintenance_id)
    if m["status"] != "scheduled":
        raise InputError(
            f"maintenance {maintenance_id!r} is {m['status']}: only a scheduled one starts"
        )
    at = _now(now)
    conn.execute(
        update(s.maintenances)
        .where(s.maintenances.c.id == maintenance_id)
        .values(status="in_progress", started_at=at, updated_at=at)
    )
    conn.execute(
        update(s.components)
        .where(s.components.c.id.in_(m["components"]), s.components.c.status == "operational")
        .values(status="under_maintenance", updated_at=at)
    )
    return _notify(conn, {**m, "started_at": at}, "start")


def complete(conn: Connection, maintenance_id: str, *, now: datetime | None = None) -> int:
    """Complete the work: its components return to operational (unless another maintenance in
    progress holds them or an incident changed them); subscribers are told."""
    m = get_maintenance(conn, maintenance_id)
    if m["status"] not in ("in_progress", "verifying"):
        raise InputError(
            f"maintenance {maintenance_id!r} is {m['status']}: only one in progress completes"
        )
    at = _now(now)
    _finish(conn, m, "completed", at)
    return _notify(conn, {**m, "completed_at": at}, "complete")


def cancel(conn: Connection, maintenance_id: str, *, now: datetime | None = None) -> int:
    """Call off a scheduled or running maintenance; subscribers told only if it was announced
    or had started."""
    m = get_maintenance(conn, maintenance_id)
    if m["status"] not in ("scheduled", "in_progress", "verifying"):
        raise InputError(f"maintenance {maintenance_id!r} is {m['status']}: nothing to cancel")
    at = _now(now)
    told = m["announced_at"] is not None or m["status"] != "scheduled"
    _finish(conn, m, "cancelled", at)
    return _notify(conn, m, "cancel") if told else 0


def _finish(conn: Connection, m: dict[str, Any], status: str, at: datetime) -> None:
    from sqlalchemy import select, update

    from amends.store import schema as s

    values: dict[str, Any] = {"status": status, "updated_at": at}
    if status == "completed":
        values["completed_at"] = at
    conn.execute(update(s.maintenances).where(s.maintenances.c.id == m["id"]).values(**values))
    mc, ms = s.maintenance_components.c, s.maintenances.c
    held = {
        r.component_id
        for r in conn.execute(
            select(mc.component_id)
            .join(s.maintenances, ms.id == mc.maintenance_id)
            .where(ms.status.in_(("in_progress", "verifying")), ms.id != m["id"])
        )
    }
    free = [c for c in m["components"] if c not in held]
    conn.execute(
        update(s.components)
        .where(s.components.c.id.in_(free), s.components.c.status == "under_maintenance")
        .values(status="operational", updated_at=at)
    )


def _stamp(conn: Connection, maintenance_id: str, *, now: datetime | None, **values: Any) -> None:
    from sqlalchemy import update

    from amends.store import schema as s

    conn.execute(
        update(s.maintenances)
        .where(s.maintenances.c.id == maintenance_id)
        .values(**values, updated_at=_now(now))
    )


def due_steps(
    m: dict[str, Any], now: datetime, remind_before: timedelta = REMIND_BEFORE
) -> list[str]:
    """The automatic steps a maintenance is due for at `now` (pure: the clock's rules)."""
    steps = []
    if m["status"] == "scheduled":
        start_at = m["scheduled_for"]
        if (
            m["announced_at"]
            and not m["reminded_at"]
            and start_at - remind_before <= now < start_at
        ):
            steps.append("remind")
        if m["auto"] and now >= m["scheduled_for"]:
            steps.append("start")
            if now >= m["scheduled_until"]:
                steps.append("complete")
    elif m["status"] in ("in_progress", "verifying") and m["auto"] and now >= m["scheduled_until"]:
        steps.append("complete")
    return steps


def advance(
    conn: Connection, *, now: datetime | None = None, remind_before: timedelta = REMIND_BEFORE
) -> list[tuple[str, str]]:
    """Run every automatic step that is due (reminders, starts, completions) in the caller's
    transaction; returns (maintenance id, step) for each step taken."""
    from sqlalchemy import text

    if conn.dialect.name == "postgresql":  # one clock at a time across workers (SQLite: the
        conn.execute(text("SELECT pg_advisory_xact_lock(424242017)"))  # write lock does it)
    at = _now(now)
    steps = {"remind": remind, "start": start, "complete": complete}
    taken = []
    for m in list_maintenances(conn, statuses=PENDING):  # not the finished ones, ever again
        for step in due_steps(m, at, remind_before):
            steps[step](conn, m["id"], now=at)
            taken.append((m["id"], step))
    return taken


# ----- messages ---------------------------------------------------------------------------------


def _language(locale: str | None) -> str:
    return (locale or "en").replace("_", "-").split("-")[0].lower()


def message(
    m: dict[str, Any], step: str, locale: str, names: dict[str, str], *, zone: str = "UTC"
) -> tuple[str, str]:
    """(subject, body) of a step's message in `locale` (the maintenance's nearest locale)."""
    from amends.compose.formatting import clock_tz, day, join

    texts = m["title"]
    chosen = (
        locale
        if locale in texts
        else next((loc for loc in texts if _language(loc) == _language(locale)), next(iter(texts)))
    )
    lang = _language(chosen) if _language(chosen) in MESSAGES else "en"
    subject, body = MESSAGES[lang][step]

    def when(moment: datetime) -> str:
        return f"{day(moment, zone, chosen)}, {clock_tz(moment, zone, chosen)}"

    at = m.get("completed_at") if step == "complete" else m.get("started_at")
    facts = {
        "title": texts[chosen],
        "body": m["body"].get(chosen, ""),
        "start": when(m["scheduled_for"]),
        "end": when(m["scheduled_until"]),
        "components": join([names.get(c, c) for c in m["components"]], chosen),
        "at": clock_tz(at, zone, chosen) if at else "",
    }
    return subject.format(**facts), body.format(**facts)


def _notify(conn: Connection, m: dict[str, Any], step: str) -> int:
    """One outbox row per confirmed subscription to one of its components or their regions (or
    to everything), one per address, in the subscriber's language when the maintenance has it."""
    from sqlalchemy import select

    from amends.publish.outbox import insert_rows
    from amends.store import schema as s

    comps = conn.execute(
        select(s.components.c.id, s.components.c.name, s.components.c.region).where(
            s.components.c.id.in_(m["components"])
        )
    ).all()
    names = {c.id: c.name for c in comps}
    regions = {c.region for c in comps}
    sc = s.notify_subscriptions.c
    subs = conn.execute(
        select(sc.id, sc.kind, sc.address, sc.locale, sc.component_id, sc.region)
        .where(sc.confirmed_at.is_not(None), sc.unsubscribed_at.is_(None))
        .order_by(sc.id)
    ).all()
    chosen: dict[tuple[str, str], Any] = {}
    for sub in subs:
        everything = sub.component_id is None and sub.region is None
        if everything or sub.component_id in names or sub.region in regions:
            chosen.setdefault((sub.kind, sub.address), sub)
    rows = []
    queued_at = datetime.now(UTC)  # deliver at once, whatever clock the step was taken by
    for (kind, address), sub in chosen.items():
        subject, body = message(m, step, sub.locale, names)
        payload = None
        if kind == "webhook":
            payload = json.dumps(
                {"type": "maintenance", "step": step, "maintenance": m["id"], "subject": subject,
                 "body": body, "components": m["components"],
                 "scheduled_for": m["scheduled_for"].isoformat(),
                 "scheduled_until": m["scheduled_until"].isoformat()},
                ensure_ascii=False, separators=(",", ":"),
            )  # fmt: skip
        rows.append(
            (
                f"m:{m['id']}:{step}:{sub.id}",
                kind,
                address,
                sub.id,
                None,
                None,
                None if kind == "sms" else subject,
                body if kind != "sms" else f"{subject}. {body}",
                None,
                payload,
                "queued",
                0,
                queued_at,
                queued_at,
            )
        )
    return insert_rows(conn, rows)
