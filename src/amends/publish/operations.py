"""Write operations on the status site: create or update an incident from its record, publish
a statement (checked first), change a component's status, resolve, record action-item progress.

The admin API, the console and the CLI call exactly these; each is one database transaction, and
each has an `_in(conn)` variant; `publish` runs a whole publication (the incident, its resolution,
component and action changes, statements on several channels and locales) in ONE transaction.
Statements are prepared (validated, drafted, checked) before anything is written. Publishing runs
`amends check` and refuses on error findings unless an override reason is given, which is stored
with the statement and shown in the audit log.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from amends.errors import InputError
from amends.incident import Incident, PublishedStatement
from amends.store.schema import ACTION_STATUSES, COMPONENT_STATUSES

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from amends.check import FileReport
    from amends.store import Store

STAGES: tuple[str, ...] = ("acknowledge", "update", "resolve", "explain", "follow_up")
CHANNELS: tuple[str, ...] = ("web", "email", "sms", "social", "notice")
#: The incident's status after a statement of each stage (None: the record's own status).
STAGE_STATUS: dict[str, str | None] = {
    "acknowledge": None,
    "update": None,
    "resolve": "resolved",
    "explain": "postmortem",
    "follow_up": "postmortem",
}
#: Failure-rate thresholds for a component's status while an incident is open (highest first).
COMPONENT_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (0.5, "major_outage"),
    (0.05, "partial_outage"),
    (0.0, "degraded_performance"),
)


class CheckRefused(InputError):
    """The statement has error-severity findings and no override reason was given."""

    def __init__(self, report: FileReport, where: str) -> None:
        self.report = report
        errors = [f for f in report.findings if f.severity == "error"]
        rules = ", ".join(sorted({f.rule for f in errors}))
        super().__init__(
            f"the {report.stage} statement has {len(errors)} error finding(s) ({rules}); "
            "fix the incident record, or publish with an override reason",
            path=where,
        )


@dataclass(frozen=True)
class Published:
    """What publishing wrote: the statement id, its check result and outbox rows queued.

    `unchanged`: the same text was already published for this incident, stage, channel and
    locale; nothing was written and `statement_id` is the stored one."""

    statement_id: int
    check_errors: int
    queued: int
    override_reason: str | None
    unchanged: bool = False


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


# ----- pure: what an incident record means for the page ----------------------------------------


def component_id(service: str, region: str) -> str:
    """A component's id: 'service:region'."""
    return f"{service}:{region}"


def component_statuses(incident: Incident) -> dict[tuple[str, str], str]:
    """(service, region) -> status while the incident is open, from the measured failure rates
    (silence, where calls never reached a switch, is a major outage)."""
    out: dict[tuple[str, str], str] = {}
    rank = {s: i for i, s in enumerate(COMPONENT_STATUSES)}
    for w in incident.windows:
        pairs = [(e.service, e.region, e.failure_rate) for e in w.scope]
        if not pairs:  # no per-pair counts measured: every region x service of the window
            pairs = [(sv, rg, 1.0) for sv in w.services for rg in w.regions]
        for service, region, rate in pairs:
            status = "major_outage"
            if w.kind != "silence":
                status = next(s for t, s in COMPONENT_THRESHOLDS if rate >= t)
            key = (service, region)
            if rank[status] > rank.get(out.get(key, "operational"), 0):
                out[key] = status
    return out


def incident_impact(incident: Incident) -> str:
    """Statuspage impact: critical for a major outage (the record says so), major when any
    component is in major outage, minor when any is affected, none otherwise."""
    if getattr(incident, "major", None):
        return "critical"
    statuses = set(component_statuses(incident).values())
    if "major_outage" in statuses:
        return "major"
    return "minor" if statuses else "none"


def component_name(incident: Incident, service: str, region: str) -> str:
    """The name customers use: "Calls — California"."""
    sname = incident.services.get(service, service)
    rname = incident.regions[region].name if region in incident.regions else region
    return f"{sname} — {rname}"


# ----- store writes ------------------------------------------------------------------------


def _record_json(incident: Incident) -> str:
    return incident.model_dump_json()


def merged_history(
    stored: list[PublishedStatement], incoming: list[PublishedStatement]
) -> list[PublishedStatement]:
    """The history only grows: every stored entry, then each incoming one not stored yet."""

    def key(h: PublishedStatement) -> tuple[str, str, str, datetime]:
        return (h.stage, h.channel, h.locale, h.published_at)

    known = {key(h) for h in stored}
    return [*stored, *(h for h in incoming if key(h) not in known)]


def _lock_incident(conn: Connection, incident_id: str) -> None:
    """Serialise writers of one incident until the transaction ends, so a concurrent run reads
    what the first committed (PostgreSQL: an advisory lock; SQLite: BEGIN IMMEDIATE already)."""
    from sqlalchemy import text

    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('amends:incident:' || :id))"),
            {"id": incident_id},
        )


def _upsert_incident(conn: Connection, incident: Incident, now: datetime) -> None:
    from sqlalchemy import insert, select, update

    from amends.store import schema as s

    _lock_incident(conn, incident.id)
    status = incident.status
    row = conn.execute(
        select(s.incidents.c.status, s.incidents.c.record).where(s.incidents.c.id == incident.id)
    ).first()
    if row is not None and row.status == "postmortem":
        status = "postmortem"
    if row is not None and row.record:  # a record file holding less history adds, never removes
        stored = json.loads(row.record) if isinstance(row.record, str) else row.record
        past = [PublishedStatement.model_validate(h) for h in stored.get("history", [])]
        incident = incident.model_copy(update={"history": merged_history(past, incident.history)})
    values: dict[str, Any] = {
        "title": incident.title,
        "status": status,
        "impact": incident_impact(incident),
        "record": _record_json(incident),
        "started_at": incident.started_at or incident.discovered_at,
        "resolved_at": incident.ended_at if status in ("resolved", "postmortem") else None,
        "updated_at": now,
    }
    if row is None:
        # On the page since it was discovered (an incident entered later keeps its own history).
        created = min(now, incident.discovered_at)
        conn.execute(insert(s.incidents).values(id=incident.id, created_at=created, **values))
    else:
        conn.execute(update(s.incidents).where(s.incidents.c.id == incident.id).values(**values))
    comps = component_statuses(incident)
    open_ = status not in ("resolved", "postmortem")
    existing = {r.id: r for r in conn.execute(select(s.components.c.id, s.components.c.position))}
    position = max((r.position for r in existing.values()), default=0)
    for (service, region), cstatus in comps.items():
        cid = component_id(service, region)
        current = cstatus if open_ else "operational"
        if cid not in existing:
            position += 1
            conn.execute(
                insert(s.components).values(
                    id=cid,
                    name=component_name(incident, service, region),
                    service=service,
                    region=region,
                    status=current,
                    position=position,
                    updated_at=now,
                )
            )
        elif open_:
            conn.execute(
                update(s.components)
                .where(s.components.c.id == cid)
                .values(status=current, updated_at=now)
            )
        link = conn.execute(
            select(s.incident_components.c.status).where(
                s.incident_components.c.incident_id == incident.id,
                s.incident_components.c.component_id == cid,
            )
        ).first()
        if link is None:
            conn.execute(
                insert(s.incident_components).values(
                    incident_id=incident.id, component_id=cid, status=cstatus
                )
            )
        elif link.status != cstatus:
            conn.execute(
                update(s.incident_components)
                .where(
                    s.incident_components.c.incident_id == incident.id,
                    s.incident_components.c.component_id == cid,
                )
                .values(status=cstatus)
            )
    if not open_:
        _release_components(conn, incident.id, now)
    _sync_actions(conn, incident, now)


def _release_components(conn: Connection, incident_id: str, now: datetime) -> None:
    """Set this incident's components operational unless another open incident holds them."""
    from sqlalchemy import select, update

    from amends.store import schema as s

    ic = s.incident_components
    mine = [r.component_id for r in conn.execute(select(ic).where(ic.c.incident_id == incident_id))]
    for cid in mine:
        others = conn.execute(
            select(s.incidents.c.id)
            .join(ic, ic.c.incident_id == s.incidents.c.id)
            .where(
                ic.c.component_id == cid,
                s.incidents.c.id != incident_id,
                s.incidents.c.status.in_(("investigating", "identified", "monitoring")),
            )
        ).first()
        if others is None:
            conn.execute(
                update(s.components)
                .where(s.components.c.id == cid)
                .values(status="operational", updated_at=now)
            )


def _sync_actions(conn: Connection, incident: Incident, now: datetime) -> None:
    """Insert the record's long-term fixes not yet stored (matched by what); stored progress is
    kept (it is recorded through `record_action_progress`)."""
    from sqlalchemy import insert, select

    from amends.store import schema as s

    t = s.action_items
    have = {r.what for r in conn.execute(select(t.c.what).where(t.c.incident_id == incident.id))}
    for a in incident.fixes.long_term:
        if a.what in have:
            continue
        conn.execute(
            insert(t).values(
                incident_id=incident.id,
                what=a.what,
                how=a.how,
                owner=a.owner,
                due=a.due,
                status=a.status,
                updated_at=now,
            )
        )


def save_incident(store: Store, incident: Incident, *, now: datetime | None = None) -> str:
    """Create or update an incident, its components and its promised fixes from its record."""
    with store.begin() as conn:
        return save_incident_in(conn, incident, now=now)


def save_incident_in(conn: Connection, incident: Incident, *, now: datetime | None = None) -> str:
    """`save_incident` in the caller's transaction (several writes that stand or fall together)."""
    check_storable(incident)
    _upsert_incident(conn, incident, _now(now))
    return incident.id


def check_storable(incident: Incident, where: str | None = None) -> None:
    """Refuse a record that would not read back from the store (NaN or infinite numbers become
    null in JSON), before anything is written."""
    from pydantic import ValidationError

    try:
        Incident.model_validate_json(_record_json(incident))
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise InputError(
            f"{field}: {err['msg'].lower()} once stored (NaN or infinity?); "
            "give a number in the record",
            path=where or incident.id,
        ) from None


def load_incident_record(store: Store, incident_id: str) -> Incident:
    """The stored record of an incident (InputError when there is none)."""
    from sqlalchemy import select

    from amends.store import schema as s

    with store.connect() as conn:
        row = conn.execute(
            select(s.incidents.c.record).where(s.incidents.c.id == incident_id)
        ).first()
    if row is None:
        raise InputError(f"no incident {incident_id!r} in the store; publish its file first")
    return Incident.model_validate(json.loads(row.record))


def check_statement(
    incident: Incident, stage: str, channel: str, locale: str, text: str
) -> FileReport:
    """Run `amends check` on a statement, with the acma-major-outage profile for a major one."""
    from amends.check import check_text

    profile = "acma-major-outage" if getattr(incident, "major", None) else None
    fmt = "markdown" if channel == "web" else "text"
    return check_text(
        text,
        stage=stage,
        fmt=fmt,
        profile=profile,
        locale=locale,
        channel=channel,
        path=f"{incident.id}/{stage}.{channel}.{locale}",
    )


def _draft(
    incident: Incident, stage: str, channel: str, locale: str, now: datetime, audience: str
) -> Any:
    from amends.compose import draft

    return draft(incident, stage, channel, locale, now=now, audience=audience)


def _enqueue(conn: Connection, statement_id: int) -> int:
    """Queue the statement's notifications, in the caller's transaction (transactional outbox)."""
    from amends.publish.outbox import enqueue_statement

    return int(enqueue_statement(conn, statement_id) or 0)


def check_locale(locale: str) -> None:
    """Refuse a locale tag Babel does not know (InputError naming it)."""
    from amends.compose.formatting import babel_locale

    if not isinstance(locale, str) or not locale.strip():
        raise InputError(f"unknown locale {locale!r}; use a tag like en, es or es-MX")
    babel_locale(locale)


@dataclass(frozen=True)
class Prepared:
    """A statement drafted (or given), checked and ready to write: what it says, its check
    result, the incident status it sets and the incident record after it."""

    incident: Incident
    stage: str
    channel: str
    locale: str
    audience: str
    text: str
    subject: str | None
    html: str | None
    report: FileReport
    errors: int
    status: str
    override_reason: str | None
    at: datetime


def prepare_statement(
    incident: Incident,
    stage: str,
    channel: str = "web",
    locale: str = "en",
    *,
    override_reason: str | None = None,
    text: str | None = None,
    subject: str | None = None,
    html: str | None = None,
    audience: str = "public",
    now: datetime | None = None,
) -> Prepared:
    """Validate, draft (unless `text` is given) and check one statement without writing
    anything; `CheckRefused` on error findings unless `override_reason` is given."""
    if stage not in STAGES:
        raise InputError(f"unknown stage {stage!r}; use one of {', '.join(STAGES)}")
    if channel not in CHANNELS:
        raise InputError(f"unknown channel {channel!r}; use one of {', '.join(CHANNELS)}")
    check_locale(locale)
    if override_reason is not None and not override_reason.strip():
        raise InputError("an override needs a reason in words; say why it must go out as is")
    at = _now(now)
    if text is None:
        d = _draft(incident, stage, channel, locale, at, audience)
        text, subject, html = d.text, d.subject, d.html
    if not text.strip():
        raise InputError(f"the {stage} statement is empty; write it or let compose draft it")
    report = check_statement(incident, stage, channel, locale, text)
    if report.has_errors and not override_reason:
        raise CheckRefused(report, f"{incident.id}/{stage}.{channel}.{locale}")
    errors = sum(1 for f in report.findings if f.severity == "error")
    status = STAGE_STATUS.get(stage) or incident.status
    if stage in ("acknowledge", "update") and status in ("resolved", "postmortem"):
        # replaying an ongoing stage of a closed incident: it is open again at that stage
        status = "identified" if incident.cause.known else "investigating"
    record_status = "resolved" if status == "postmortem" else status
    history = [
        *incident.history,
        PublishedStatement(
            stage=stage,  # type: ignore[arg-type]
            channel=channel,  # type: ignore[arg-type]
            locale=locale,
            published_at=at,
            check_errors=errors,
            override_reason=override_reason,
        ),
    ]
    updated = incident.model_copy(update={"status": record_status, "history": history})
    check_storable(updated)
    return Prepared(
        incident=updated,
        stage=stage,
        channel=channel,
        locale=locale,
        audience=audience,
        text=text,
        subject=subject,
        html=html,
        report=report,
        errors=errors,
        status=status,
        override_reason=override_reason,
        at=at,
    )


def statement_hash(text: str) -> str:
    """The key that makes a statement's text publish once (per incident, stage, channel, locale)."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_statement(conn: Connection, prepared: Prepared, *, by: str) -> Published:
    """Write a prepared statement in the caller's transaction: the incident saved, the
    statement inserted and its notifications queued (transactional outbox).

    The same text for the same incident, stage, channel and locale is written once: a unique
    index on its hash decides (so two concurrent runs cannot both write it); a repeat changes
    nothing and returns `unchanged`."""
    from sqlalchemy import select, update

    from amends.store import schema as s
    from amends.store.upsert import upsert

    p = prepared
    incident_id = p.incident.id
    digest = statement_hash(p.text)
    savepoint = conn.begin_nested()
    _upsert_incident(conn, p.incident, p.at)
    if p.status == "postmortem":
        conn.execute(
            update(s.incidents)
            .where(s.incidents.c.id == incident_id)
            .values(status="postmortem", updated_at=p.at)
        )
        _release_components(conn, incident_id, p.at)
    keys = ["incident_id", "stage", "channel", "locale", "body_sha256"]
    result = conn.execute(
        upsert(conn, s.statements, keys, []).values(
            incident_id=incident_id,
            stage=p.stage,
            channel=p.channel,
            locale=p.locale,
            audience=p.audience,
            subject=p.subject,
            body_text=p.text,
            body_html=p.html,
            status=p.status,
            published_by=by,
            published_at=p.at,
            check_json=p.report.model_dump_json(),
            check_errors=p.errors,
            override_reason=p.override_reason,
            body_sha256=digest,
        )
    )
    inserted = result.inserted_primary_key if result.rowcount != 0 else None
    if inserted is None or inserted[0] is None:  # published before, or by a concurrent run
        savepoint.rollback()
        c = s.statements.c
        sid = conn.execute(
            select(c.id).where(
                c.incident_id == incident_id,
                c.stage == p.stage,
                c.channel == p.channel,
                c.locale == p.locale,
                c.body_sha256 == digest,
            )
        ).scalar_one()
        return Published(int(sid), p.errors, 0, p.override_reason, unchanged=True)
    savepoint.commit()
    sid = int(inserted[0])
    queued = _enqueue(conn, sid)
    return Published(sid, p.errors, queued, p.override_reason)


def publish_statement(
    store: Store,
    incident: Incident,
    stage: str,
    channel: str = "web",
    locale: str = "en",
    *,
    by: str,
    override_reason: str | None = None,
    text: str | None = None,
    subject: str | None = None,
    html: str | None = None,
    audience: str = "public",
    now: datetime | None = None,
) -> Published:
    """Check and publish one statement (drafted by compose unless `text` is given).

    Error findings refuse it (`CheckRefused`) unless `override_reason` is given. In ONE
    transaction: the incident is saved, the statement inserted and notifications queued.
    """
    prepared = prepare_statement(
        incident,
        stage,
        channel,
        locale,
        override_reason=override_reason,
        text=text,
        subject=subject,
        html=html,
        audience=audience,
        now=now,
    )
    with store.begin() as conn:
        return write_statement(conn, prepared, by=by)


def set_component_status(
    store: Store, component: str, status: str, *, now: datetime | None = None
) -> None:
    """Change one component's status (InputError for an unknown component or status)."""
    check_component_status(status)
    with store.begin() as conn:
        set_component_status_in(conn, component, status, now=now)


def check_component_status(status: str) -> None:
    """Refuse a component status that is not one of COMPONENT_STATUSES."""
    if status not in COMPONENT_STATUSES:
        raise InputError(f"unknown status {status!r}; use one of {', '.join(COMPONENT_STATUSES)}")


def set_component_status_in(
    conn: Connection, component: str, status: str, *, now: datetime | None = None
) -> None:
    """`set_component_status` in the caller's transaction."""
    from sqlalchemy import update

    from amends.store import schema as s

    check_component_status(status)
    res = conn.execute(
        update(s.components)
        .where(s.components.c.id == component)
        .values(status=status, updated_at=_now(now))
    )
    if res.rowcount == 0:
        raise InputError(f"no component {component!r}; list them at /api/v2/components.json")


def resolve_incident(
    store: Store, incident_id: str, *, at: datetime | None = None, now: datetime | None = None
) -> Incident:
    """Mark an incident resolved (service restored at `at`, default: its measured end or now)
    and set its components operational; returns the updated record."""
    record = load_incident_record(store, incident_id)
    updated = resolved_record(record, at=at, now=now)
    with store.begin() as conn:
        _upsert_incident(conn, updated, _now(now))
    return updated


def resolved_record(
    record: Incident, *, at: datetime | None = None, now: datetime | None = None
) -> Incident:
    """The record marked resolved (restored at `at`, else its measured end, else now)."""
    when = at or record.ended_at or _now(now)
    return record.model_copy(update={"status": "resolved", "restored_at": when})


def resolve_incident_in(
    conn: Connection,
    incident: Incident,
    *,
    at: datetime | None = None,
    now: datetime | None = None,
) -> Incident:
    """`resolve_incident` in the caller's transaction, for a record already saved in it."""
    updated = resolved_record(incident, at=at, now=now)
    _upsert_incident(conn, updated, _now(now))
    return updated


def record_action_progress(
    store: Store,
    action_id: int,
    status: str,
    *,
    note: str | None = None,
    now: datetime | None = None,
) -> None:
    """Record progress on a promised fix: planned, in_progress, done or missed, with a note."""
    with store.begin() as conn:  # record_action_progress_in checks the status first
        record_action_progress_in(conn, action_id, status, note=note, now=now)


def check_action_status(status: str) -> None:
    """Refuse an action-item status that is not one of ACTION_STATUSES."""
    if status not in ACTION_STATUSES:
        raise InputError(f"unknown status {status!r}; use one of {', '.join(ACTION_STATUSES)}")


def record_action_progress_in(
    conn: Connection,
    action_id: int,
    status: str,
    *,
    note: str | None = None,
    now: datetime | None = None,
) -> None:
    """`record_action_progress` in the caller's transaction."""
    from sqlalchemy import update

    from amends.store import schema as s

    check_action_status(status)
    values: dict[str, Any] = {"status": status, "updated_at": _now(now)}
    if note is not None:
        values["note"] = note
    res = conn.execute(
        update(s.action_items).where(s.action_items.c.id == action_id).values(**values)
    )
    if res.rowcount == 0:
        raise InputError(f"no action item {action_id}; see the incident's promised fixes")


def audit_log(store: Store, incident_id: str | None = None) -> list[dict[str, Any]]:
    """Every published statement: who, when, stage, channel, locale, check errors and any
    override reason, newest first."""
    from sqlalchemy import select

    from amends.store import schema as s

    t = s.statements
    q = select(
        t.c.id,
        t.c.incident_id,
        t.c.stage,
        t.c.channel,
        t.c.locale,
        t.c.audience,
        t.c.published_by,
        t.c.published_at,
        t.c.check_errors,
        t.c.override_reason,
    ).order_by(t.c.published_at.desc(), t.c.id.desc())
    if incident_id:
        q = q.where(t.c.incident_id == incident_id)
    with store.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


@dataclass(frozen=True)
class Changes:
    """Component statuses and action-item progress to record along with the incident."""

    components: Sequence[tuple[str, str]] = ()
    actions: Sequence[tuple[int, str]] = ()
    note: str | None = None


def check_publication(jobs: Sequence[tuple[str, str]], changes: Changes) -> None:
    """Refuse an unknown channel, locale, component status or action status before anything is
    written (`jobs`: (channel, locale) pairs)."""
    for _component, status in changes.components:
        check_component_status(status)
    for _action, status in changes.actions:
        check_action_status(status)
    for channel, locale in jobs:
        if channel not in CHANNELS:
            raise InputError(f"unknown channel {channel!r}; use one of {', '.join(CHANNELS)}")
        check_locale(locale)


@dataclass(frozen=True)
class Publication:
    """A checked publication, ready to write: the incident as given, whether to resolve it, the
    changes, and every statement prepared (drafted and checked)."""

    incident: Incident
    resolve: bool
    changes: Changes
    statements: list[Prepared] = field(default_factory=list)
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


def prepare_publication(
    incident: Incident,
    stage: str | None,
    jobs: Sequence[tuple[str, str]],
    *,
    text: str | None = None,
    override_reason: str | None = None,
    resolve: bool = False,
    changes: Changes | None = None,
    now: datetime | None = None,
) -> Publication:
    """Validate everything and prepare every statement (one per (channel, locale) of `jobs`)
    without writing anything; `CheckRefused` on the first statement with error findings."""
    changes = changes or Changes()
    at = _now(now)
    check_publication(jobs, changes)
    check_storable(incident)
    if jobs and stage is None:
        raise InputError(f"a statement needs a stage; use one of {', '.join(STAGES)}")
    current = resolved_record(incident, now=at) if resolve else incident
    prepared = []
    for channel, locale in jobs:
        p = prepare_statement(
            current,
            stage or "",
            channel,
            locale,
            override_reason=override_reason,
            text=text,
            now=at,
        )
        prepared.append(p)
        current = p.incident
    return Publication(incident, resolve, changes, prepared, at)


def write_publication(conn: Connection, publication: Publication, *, by: str) -> list[Published]:
    """Write a prepared publication in the caller's transaction: the incident saved (and
    resolved), the component and action changes, and each statement (one `Published` each)."""
    pub, at = publication, publication.at
    save_incident_in(conn, pub.incident, now=at)
    if pub.resolve:
        resolve_incident_in(conn, pub.incident, now=at)
    for component, status in pub.changes.components:
        set_component_status_in(conn, component, status, now=at)
    for action_id, status in pub.changes.actions:
        record_action_progress_in(conn, action_id, status, note=pub.changes.note, now=at)
    return [write_statement(conn, p, by=by) for p in pub.statements]


def publish(
    store: Store,
    incident: Incident,
    stage: str | None,
    jobs: Sequence[tuple[str, str]],
    *,
    by: str,
    text: str | None = None,
    override_reason: str | None = None,
    resolve: bool = False,
    changes: Changes | None = None,
    now: datetime | None = None,
) -> list[Published]:
    """Prepare, then write the whole publication in ONE transaction: a refusal anywhere leaves
    the store as it was."""
    publication = prepare_publication(
        incident,
        stage,
        jobs,
        text=text,
        override_reason=override_reason,
        resolve=resolve,
        changes=changes,
        now=now,
    )
    with store.begin() as conn:
        return write_publication(conn, publication, by=by)


def published_keys(store: Store, incident_id: str) -> set[tuple[str, str, str]]:
    """(stage, locale, channel) of every statement already published for the incident."""
    from sqlalchemy import select

    from amends.store import schema as s

    t = s.statements
    with store.connect() as conn:
        rows = conn.execute(
            select(t.c.stage, t.c.locale, t.c.channel).where(t.c.incident_id == incident_id)
        )
        return {(r.stage, r.locale, r.channel) for r in rows}
