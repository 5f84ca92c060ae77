"""The incident workspace behind the console: which incidents need people, the facts form built
from the record's schema, the drafts with their check findings located in the text, and the
two-person rule (submit, then another person approves, which publishes through
`operations.prepare_statement` and `write_statement`, the CLI's and the admin API's path).

Nothing here renders HTML; the console's routes call these functions and show their results.
"""

from __future__ import annotations

import difflib
import json
import re
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection, func, select

from amends.compose.model import AUDIENCES, MissingFacts
from amends.errors import InputError
from amends.incident.model import FieldError, Incident
from amends.incident.prefill import TODO
from amends.publish.cadence import Deadline, next_update, regulatory_clocks
from amends.publish.operations import (
    STAGES,
    Published,
    check_statement,
    prepare_statement,
    resolved_record,
    write_statement,
)
from amends.store import schema as s
from amends.store.audit import record as audit
from amends.store.watch import get_watch_incident, list_watch_incidents
from amends.store.workspace import (
    DraftEdit,
    Submission,
    add_submission,
    decide,
    draft_edits,
    get_record,
    get_submission,
    put_draft,
    put_record,
    submissions,
)

if TYPE_CHECKING:
    from amends.check import FileReport
    from amends.check.model import Withheld
    from amends.store import Store

#: Channels the workspace drafts and publishes (`notice` is personal: one per customer, sent by
#: `amends notify`, not a statement a person edits here).
WORKSPACE_CHANNELS: tuple[str, ...] = ("web", "email", "sms", "social")
#: Audience whose statements are published (the `customers` drafts are shown for reference).
PUBLISHED_AUDIENCE = "public"
#: What an approver is told when sending back without saying why.
COMMENT_NEEDED = "Say what to change: a comment is needed to send it back."
CLOSED = ("resolved", "postmortem")


class NotAllowed(InputError):
    """The action is refused for who asks it (the console answers 403 with the message)."""


class FactErrors(InputError):
    """The facts form has invalid values: `errors` maps each field's path to one line."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


# ----- which record: the working copy, else the published one, else the watcher's -------------


@dataclass(frozen=True)
class Loaded:
    """An incident's current record and where it came from."""

    record: Incident
    source: str  # "workspace", "published" or "watcher"
    opened_by_watcher: bool
    published: bool


def _published_record(conn: Connection, incident_id: str) -> Incident | None:
    row = conn.execute(select(s.incidents.c.record).where(s.incidents.c.id == incident_id)).first()
    if row is None:
        return None
    raw = row.record if isinstance(row.record, dict) else json.loads(row.record)
    return Incident.model_validate(raw)


def load_record(conn: Connection, incident_id: str) -> Loaded | None:
    """The record people work on: their saved copy (with the watcher's latest measured windows
    laid over it while the outage is measured), else the published record, else the watcher's."""
    watched = get_watch_incident(conn, incident_id)
    if watched is not None and watched.withdrawn:
        watched = None
    published = _published_record(conn, incident_id)
    working = get_record(conn, incident_id)
    if working is not None:
        data = dict(working.record)
        if watched is not None:
            data["windows"] = watched.record.get("windows", data.get("windows", []))
        rec, source = Incident.model_validate(data), "workspace"
    elif published is not None:
        rec, source = published, "published"
    elif watched is not None:
        rec, source = Incident.model_validate(watched.record), "watcher"
    else:
        return None
    return Loaded(rec, source, watched is not None, published is not None)


def require_record(conn: Connection, incident_id: str) -> Loaded:
    """`load_record`, or InputError naming the incident."""
    loaded = load_record(conn, incident_id)
    if loaded is None:
        raise InputError(f"no incident {incident_id!r}; see the incident list")
    return loaded


def last_update_at(conn: Connection, incident_id: str) -> datetime | None:
    """When the latest statement of the incident was published (None: none yet)."""
    t = s.statements.c
    return conn.execute(
        select(func.max(t.published_at)).where(t.incident_id == incident_id)
    ).scalar()


def published_stages(conn: Connection, incident_id: str) -> set[str]:
    """Stages with at least one published statement."""
    t = s.statements.c
    rows = conn.execute(select(t.stage).where(t.incident_id == incident_id).distinct())
    return {r.stage for r in rows}


def next_stage(record: Incident, done: set[str]) -> str:
    """The stage the people on duty write next: acknowledge first, then updates; once the
    outage is over, the resolution, then the explanation."""
    if record.status in CLOSED or record.ended_at is not None:
        return "explain" if "resolve" in done else "resolve"
    return "update" if "acknowledge" in done else "acknowledge"


# ----- the incident list ----------------------------------------------------------------------


@dataclass(frozen=True)
class Listed:
    """One row of the incident list."""

    id: str
    title: str
    status: str
    source: str
    opened_by_watcher: bool
    published: bool
    started_at: datetime | None
    customers: int
    deadline: Deadline
    clocks: list[dict[str, Any]]
    pending: int

    @property
    def open(self) -> bool:
        return self.status not in CLOSED


def incident_list(conn: Connection, now: datetime) -> list[Listed]:
    """Every incident the store knows (published, opened by the watcher, or being written), open
    ones first, newest first within each, with the next update due and the regulatory clocks."""
    ids = [r.id for r in conn.execute(select(s.incidents.c.id))]
    ids += [w.id for w in list_watch_incidents(conn)]
    ids += [r.incident_id for r in conn.execute(select(s.workspace_records.c.incident_id))]
    pending: dict[str, int] = {}
    for sub in submissions(conn, state="pending"):
        pending[sub.incident_id] = pending.get(sub.incident_id, 0) + 1
    out: list[Listed] = []
    for incident_id in dict.fromkeys(ids):
        loaded = load_record(conn, incident_id)
        if loaded is None:
            continue
        rec = loaded.record
        status = _status(conn, incident_id, rec)
        last = last_update_at(conn, incident_id)
        out.append(
            Listed(
                id=incident_id,
                title=rec.title,
                status=status,
                source=loaded.source,
                opened_by_watcher=loaded.opened_by_watcher,
                published=loaded.published,
                started_at=rec.started_at,
                customers=rec.customers_affected,
                deadline=next_update(rec, last, now, status=status),
                clocks=regulatory_clocks(rec, now),
                pending=pending.get(incident_id, 0),
            )
        )
    far = datetime.min.replace(tzinfo=now.tzinfo)
    out.sort(key=lambda i: i.started_at or far, reverse=True)
    out.sort(key=lambda i: not i.open)
    return out


def _status(conn: Connection, incident_id: str, rec: Incident) -> str:
    row = conn.execute(select(s.incidents.c.status).where(s.incidents.c.id == incident_id)).first()
    if row is not None and row.status in CLOSED:
        return str(row.status)
    return rec.status


# ----- measured impact --------------------------------------------------------------------------


@dataclass(frozen=True)
class ImpactRow:
    """Measured figures of one (region, service) in one window."""

    window: str
    region: str
    service: str
    attempts: int
    failures: int
    failure_rate: float
    baseline: float | None


def impact_rows(record: Incident) -> list[ImpactRow]:
    """Figures per region and service, in the names customers use, worst first."""
    rows = []
    for w in record.windows:
        for e in w.scope:
            region = record.regions[e.region].name if e.region in record.regions else e.region
            rows.append(
                ImpactRow(
                    window=w.id,
                    region=region,
                    service=record.services.get(e.service, e.service),
                    attempts=int(e.attempts),
                    failures=int(e.failures),
                    failure_rate=float(e.failure_rate),
                    baseline=e.baseline_failure_rate,
                )
            )
    return sorted(rows, key=lambda r: -r.failure_rate)


# ----- the facts form, generated from the record's schema ---------------------------------------

#: The record's fields a person supplies (measured facts, history and filings are not edited
#: here). Nested models, lists of models and mappings are expanded from their own schema.
FACT_FIELDS: tuple[str, ...] = (
    "title",
    "provider",
    "symptom",
    "regions",
    "services",
    "cause",
    "support",
    "compensation",
    "feedback",
    "status_url",
    "next_update_at",
    "update_interval_minutes",
    "major",
)
#: Sub-fields left out of the form (set by other tools: the credits policy path).
SKIPPED = {
    "compensation.policy",
    "regions.*.state",
    "regions.*.services_total",
    "regions.*.remoteness",
}


@dataclass
class FactField:
    """One input of the facts form: its path (the form name), kind, value and state."""

    path: str
    label: str
    kind: str  # text, textarea, lines, select, number, datetime, date, bool
    value: str
    description: str = ""
    choices: tuple[str, ...] = ()
    required: bool = False
    needed: bool = False  # a draft needs it and it is missing or still marked TODO(person)
    error: str | None = None

    @property
    def dom_id(self) -> str:
        return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", self.path)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the type inside Optional, whether None is allowed)."""
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return (args[0] if len(args) == 1 else annotation), True
    return annotation, False


def _kind(annotation: Any, name: str) -> tuple[str, tuple[str, ...]]:
    origin = get_origin(annotation)
    if origin is Literal:
        return "select", tuple(str(a) for a in get_args(annotation))
    if annotation is bool:
        return "bool", ("", "yes", "no")
    if annotation in (int, float):
        return "number", ()
    if annotation is datetime:
        return "datetime", ()
    if annotation is date:
        return "date", ()
    if origin is list and get_args(annotation) == (str,):
        return "lines", ()
    if name in ("description", "symptom", "trigger", "summary", "how"):
        return "textarea", ()
    return "text", ()


def _shown(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "bool":
        return "yes" if value else "no"
    if kind == "lines":
        return "\n".join(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _label(path: str) -> str:
    return " › ".join(p.replace("_", " ") for p in path.split("."))


def _model_fields(
    model: type[BaseModel],
    value: BaseModel | None,
    prefix: str,
    out: list[FactField],
    *,
    optional_section: bool = False,
) -> None:
    """The inputs of a model's fields under `prefix` (an absent optional section requires
    nothing: leaving all of it empty leaves it out)."""
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        generic = re.sub(r"^(regions)\.[^.]+", r"\1.*", path)
        if path in SKIPPED or generic in SKIPPED:
            continue
        inner, optional = _unwrap(info.annotation)
        current = getattr(value, name, None) if value is not None else None
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            _model_fields(inner, current, path, out, optional_section=optional and current is None)
            continue
        kind, choices = _kind(inner, name)
        out.append(
            FactField(
                path=path,
                label=_label(path),
                kind=kind,
                value=_shown(current, kind),
                description=info.description or "",
                choices=choices,
                required=info.is_required() and not optional and not optional_section,
            )
        )


def fact_fields(record: Incident, needed: Iterable[str] = ()) -> list[FactField]:
    """The facts form of a record, generated from `Incident`'s schema; a field a draft needs
    (named in `needed`, or still holding the TODO(person) marker, or empty) is `needed`."""
    out: list[FactField] = []
    wanted = {re.sub(r"\[(\d+)\]", r".\1", n) for n in needed}
    for name in FACT_FIELDS:
        info = Incident.model_fields[name]
        inner, optional = _unwrap(info.annotation)
        value = getattr(record, name)
        if name == "regions":
            for rid, region in record.regions.items():
                _model_fields(type(region), region, f"regions.{rid}", out)
        elif name == "services":
            for sid, words in record.services.items():
                out.append(
                    FactField(
                        f"services.{sid}",
                        f"service {sid}: its name for customers",
                        "text",
                        words,
                        required=True,
                    )
                )
        elif get_origin(inner) is list and issubclass(get_args(inner)[0], BaseModel):
            item = get_args(inner)[0]
            for i, entry in enumerate([*value, None]):  # each entry, and one empty to add
                _model_fields(item, entry, f"{name}.{i}", out)
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            _model_fields(inner, value, name, out, optional_section=optional and value is None)
        else:
            kind, choices = _kind(inner, name)
            out.append(
                FactField(
                    path=name,
                    label=_label(name),
                    kind=kind,
                    value=_shown(value, kind),
                    description=info.description or "",
                    choices=choices,
                    required=info.is_required() and not optional,
                )
            )
    for f in out:
        top = f.path.split(".")[0]
        blank = _is_blank_row(f.path, record)
        empty_list = blank and not getattr(record, top)
        f.needed = (
            TODO.lower() in f.value.lower()
            or f.path in wanted
            or (top in wanted and not f.value and (not blank or empty_list))
        )
        f.required = f.required and (not blank or empty_list)
    return out


def _is_blank_row(path: str, record: Incident) -> bool:
    """True for the fields of the extra empty row of a list (support.N where N is its length)."""
    parts = path.split(".")
    if len(parts) >= 2 and parts[1].isdigit():
        return int(parts[1]) >= len(getattr(record, parts[0]))
    return False


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node: Any = data
    for i, part in enumerate(parts[:-1]):
        nxt = parts[i + 1]
        if isinstance(node, list):
            idx = int(part)
            while len(node) <= idx:
                node.append({})
            node = node[idx]
            continue
        if node.get(part) is None:
            node[part] = [] if nxt.isdigit() else {}
        node = node[part]
    last = parts[-1]
    if isinstance(node, list):
        idx = int(last)
        while len(node) <= idx:
            node.append(None)
        node[idx] = value
    else:
        node[last] = value


def _parsed(f: FactField, raw: str) -> Any:
    raw = raw.strip()
    if f.kind == "bool":
        return {"yes": True, "no": False}.get(raw)
    if f.kind == "lines":
        return [line.strip() for line in raw.splitlines() if line.strip()]
    if not raw:
        return None if not f.required else ""
    return raw


def apply_facts(record: Incident, form: Mapping[str, str]) -> Incident:
    """The record with the form's values; `FactErrors` names each invalid field in one line."""
    data = record.model_dump(mode="json")
    fields = fact_fields(record)
    for f in fields:
        if f.path in form:
            _set(data, f.path, _parsed(f, form[f.path]))
    for name in ("support",):  # an empty row is no entry
        data[name] = [e for e in data.get(name) or [] if any(v for v in e.values())]
    for name in ("compensation", "feedback"):  # an empty section is no section
        if isinstance(data.get(name), dict) and not any(data[name].values()):
            data[name] = None
    try:
        return Incident.model_validate(data)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors():
            cause = (err.get("ctx") or {}).get("error")
            if isinstance(cause, FieldError):
                path, msg = cause.field, str(cause)
            else:
                path = ".".join(str(p) for p in err["loc"]) or "record"
                msg = err["msg"]
            msg = msg.removeprefix("Value error, ")
            errors.setdefault(path, msg[:300].splitlines()[0])
        raise FactErrors(errors) from None


def changed_facts(before: Incident, after: Incident) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields that differ (top level), before and after, for the audit trail."""
    a, b = before.model_dump(mode="json"), after.model_dump(mode="json")
    keys = [k for k in FACT_FIELDS if a.get(k) != b.get(k)]
    return {k: a.get(k) for k in keys}, {k: b.get(k) for k in keys}


def save_facts(
    conn: Connection, incident_id: str, form: Mapping[str, str], *, by: str, now: datetime
) -> Incident:
    """Validate the facts form and save the working record (audit: before and after)."""
    loaded = require_record(conn, incident_id)
    updated = apply_facts(loaded.record, form)
    before, after = changed_facts(loaded.record, updated)
    put_record(conn, incident_id, updated.model_dump(mode="json"), by=by, at=now)
    audit(
        conn,
        actor=by,
        action="incident.facts",
        object=f"incident:{incident_id}",
        before=before,
        after=after,
        at=now,
    )
    return updated


def mark_restored(
    conn: Connection, incident_id: str, at: datetime, *, by: str, now: datetime
) -> Incident:
    """Record in the working record when service returned (the resolve stage drafts from it;
    publishing that stage resolves the incident). `FactErrors` at `restored_at`; audited."""
    loaded = require_record(conn, incident_id)
    rec = loaded.record
    if rec.status in CLOSED:
        raise InputError(f"incident {incident_id!r} is already {rec.status}")
    if at > now:
        raise FactErrors({"restored_at": "service cannot have returned in the future"})
    try:
        updated = Incident.model_validate(
            {**rec.model_dump(mode="json"), "restored_at": at.isoformat()}
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        cause = (err.get("ctx") or {}).get("error")
        msg = str(cause) if isinstance(cause, FieldError) else str(err["msg"])
        message = msg.removeprefix("Value error, ").splitlines()[0][:300]
        raise FactErrors({"restored_at": message}) from None
    put_record(conn, incident_id, updated.model_dump(mode="json"), by=by, at=now)
    audit(
        conn,
        actor=by,
        action="incident.restored",
        object=f"incident:{incident_id}",
        before={"restored_at": _iso(rec.restored_at)},
        after={"restored_at": _iso(updated.restored_at)},
        at=now,
    )
    return updated


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# ----- drafts and their findings ------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A piece of a draft's text; `finding` indexes the finding it is marked for (None: plain)."""

    text: str
    finding: int | None = None


@dataclass
class DraftView:
    """One draft of a stage: its text (a person's edit, else compose's), findings, or the facts
    it still needs."""

    stage: str
    channel: str
    locale: str
    audience: str
    subject: str | None = None
    text: str | None = None
    missing: list[str] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    #: Missing-element errors the learned reading held back: shown, not counted.
    withheld: list[Withheld] = field(default_factory=list)
    edited_by: str | None = None
    override_reason: str | None = None

    @property
    def key(self) -> str:
        return f"{self.channel}-{self.locale}-{self.audience}"

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f["severity"] == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f["severity"] == "warning")

    @property
    def ready(self) -> bool:
        """Publishable: written, no error, and every warning answered by a reason."""
        return (
            self.text is not None
            and not self.errors
            and (not self.warnings or bool(self.override_reason))
        )


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    line = max(1, min(line, len(lines)))
    return sum(len(x) + 1 for x in lines[: line - 1]) + max(0, column - 1)


def spans(text: str, report: FileReport) -> tuple[list[dict[str, Any]], list[Span]]:
    """The findings as dicts, and the text cut into spans with each located finding's span
    marked (its replacement's range, else the word at its line and column)."""
    found: list[dict[str, Any]] = []
    marks: list[tuple[int, int, int]] = []
    for i, f in enumerate(report.findings):
        sev = getattr(f.severity, "value", f.severity)
        found.append(
            {
                "rule": f.rule,
                "severity": str(sev),
                "message": f.message,
                "suggestion": f.suggestion,
                "line": f.line,
                "column": f.column,
            }
        )
        if f.replacements:
            r = f.replacements[0]
            start, end = r.start, r.end
        elif f.line > 1 or f.column > 1:
            start = _offset(text, f.line, f.column)
            m = re.compile(r"[^\s.,;:!?]+(?:\s+[^\s.,;:!?]+){0,2}").match(text, start)
            end = m.end() if m else start
        else:
            continue  # about the statement as a whole (something it lacks)
        if 0 <= start < end <= len(text) and all(end <= a or start >= b for a, b, _ in marks):
            marks.append((start, end, i))
    out: list[Span] = []
    pos = 0
    for start, end, i in sorted(marks):
        if start > pos:
            out.append(Span(text[pos:start]))
        out.append(Span(text[start:end], i))
        pos = end
    if pos < len(text):
        out.append(Span(text[pos:]))
    return found, out


def checked(view: DraftView, record: Incident) -> DraftView:
    """The view with its findings from the same check publishing runs."""
    if view.text is None:
        return view
    report = check_statement(record, view.stage, view.channel, view.locale, view.text)
    view.findings, view.spans = spans(view.text, report)
    view.withheld = report.withheld
    return view


def stage_drafts(
    record: Incident,
    stage: str,
    edits: Mapping[tuple[str, str, str], DraftEdit],
    now: datetime,
) -> list[DraftView]:
    """Every channel x locale x audience of `stage`: a person's text if they edited it, else
    compose's draft, each checked; a draft that lacks facts lists them."""
    from amends.compose.draft import draft

    out: list[DraftView] = []
    for locale in record.locales:
        for channel in WORKSPACE_CHANNELS:
            for audience in AUDIENCES:
                view = DraftView(stage, channel, locale, audience)
                edit = edits.get((channel, locale, audience))
                if edit is not None:
                    view.text, view.subject = edit.text, edit.subject
                    view.edited_by, view.override_reason = edit.edited_by, edit.override_reason
                else:
                    try:
                        d = draft(record, stage, channel, locale, now=now, audience=audience)
                    except MissingFacts as exc:
                        view.missing = exc.fields
                    except InputError as exc:
                        view.missing = [str(exc)]
                    else:
                        view.text, view.subject = d.text, d.subject
                out.append(checked(view, record))
    return out


def needed_facts(views: Iterable[DraftView]) -> list[str]:
    """Every fact some draft still needs, in first-seen order."""
    return list(dict.fromkeys(m for v in views for m in v.missing))


def check_stage(stage: str) -> str:
    """The stage, or InputError listing the stages."""
    if stage not in STAGES:
        raise InputError(f"unknown stage {stage!r}; use one of {', '.join(STAGES)}")
    return stage


def save_draft(
    conn: Connection,
    incident_id: str,
    stage: str,
    channel: str,
    locale: str,
    audience: str,
    text: str,
    *,
    subject: str | None,
    override_reason: str | None,
    by: str,
    now: datetime,
) -> DraftView:
    """Save a person's text for one draft and check it again (audit: before and after). A
    reason overrides warnings only; a text with errors is saved (to be fixed) but not ready."""
    check_stage(stage)
    if channel not in WORKSPACE_CHANNELS:
        raise InputError(f"unknown channel {channel!r}; use one of {', '.join(WORKSPACE_CHANNELS)}")
    if audience not in AUDIENCES:
        raise InputError(f"unknown audience {audience!r}; use one of {', '.join(AUDIENCES)}")
    loaded = require_record(conn, incident_id)
    if locale not in loaded.record.locales:
        raise InputError(f"the record has no locale {locale!r}; add it to its locales first")
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise InputError("the draft is empty; write the statement")
    reason = (override_reason or "").strip() or None
    before = draft_edits(conn, incident_id, stage).get((channel, locale, audience))
    edit = DraftEdit(
        stage, channel, locale, audience, (subject or "").strip() or None, text, reason, by, now
    )
    put_draft(conn, incident_id, edit)
    view = checked(
        DraftView(
            stage,
            channel,
            locale,
            audience,
            edit.subject,
            text,
            edited_by=by,
            override_reason=reason,
        ),
        loaded.record,
    )
    audit(
        conn,
        actor=by,
        action="draft.edit",
        object=f"draft:{incident_id}/{stage}.{channel}.{locale}.{audience}",
        before=None
        if before is None
        else {"text": before.text, "override_reason": before.override_reason},
        after={
            "text": text,
            "override_reason": reason,
            "errors": view.errors,
            "warnings": view.warnings,
        },
        at=now,
    )
    return view


# ----- the two-person rule ---------------------------------------------------------------------


def submit(
    conn: Connection,
    incident_id: str,
    stage: str,
    channels: Iterable[str],
    *,
    by: str,
    now: datetime,
) -> Submission:
    """Submit the public drafts of `stage` on `channels` (every locale) for approval. Refused
    when one is missing facts, has an error, or a warning without a reason, or when the stage
    already waits for approval."""
    check_stage(stage)
    chosen = [c for c in WORKSPACE_CHANNELS if c in set(channels)]
    if not chosen:
        raise InputError("choose at least one channel to publish on")
    if any(p.stage == stage for p in submissions(conn, incident_id, state="pending")):
        raise InputError(f"the {stage} statement already waits for approval")
    loaded = require_record(conn, incident_id)
    views = stage_drafts(loaded.record, stage, draft_edits(conn, incident_id, stage), now)
    items: list[dict[str, Any]] = []
    for v in views:
        if v.channel not in chosen or v.audience != PUBLISHED_AUDIENCE:
            continue
        where = f"{v.channel} ({v.locale})"
        if v.text is None:
            raise InputError(f"the {where} draft needs facts first: {', '.join(v.missing)}")
        if v.errors:
            raise InputError(f"the {where} draft has {v.errors} error finding(s); fix the text")
        if v.warnings and not v.override_reason:
            raise InputError(
                f"the {where} draft has {v.warnings} warning(s); fix them or give a reason"
            )
        items.append(
            {
                "channel": v.channel,
                "locale": v.locale,
                "audience": v.audience,
                "subject": v.subject,
                "text": v.text,
                "override_reason": v.override_reason,
            }
        )
    sub = add_submission(conn, incident_id, stage, items, by=by, at=now)
    audit(
        conn,
        actor=by,
        action="statement.submit",
        object=f"submission:{sub.id}",
        after=sub.view(),
        at=now,
    )
    return sub


def _pending(conn: Connection, submission_id: int, by: str, *, own_allowed: bool) -> Submission:
    sub = get_submission(conn, submission_id)
    if sub is None:
        raise InputError(f"no submission {submission_id}")
    if sub.state != "pending":
        raise InputError(f"submission {submission_id} was already {sub.state}")
    if sub.submitted_by == by and not own_allowed:
        raise NotAllowed(
            "You submitted this statement; another person must approve it (two-person rule)."
        )
    return sub


def approve(
    store: Store, submission_id: int, *, by: str, now: datetime, own_allowed: bool = False
) -> list[Published]:
    """Approve a submission and publish its statements in ONE transaction through
    `prepare_statement` and `write_statement` (status page, feeds and outbox), the path the CLI
    and the admin API use. `NotAllowed` when the approver submitted it (unless the stage needs
    no second person: `own_allowed`)."""
    with store.begin() as conn:
        sub = _pending(conn, submission_id, by, own_allowed=own_allowed)
        loaded = require_record(conn, sub.incident_id)
        rec = loaded.record
        resolution = None
        if sub.stage == "resolve":  # the resolution statement resolves the incident
            before = {"status": rec.status, "restored_at": _iso(rec.restored_at)}
            rec = resolved_record(rec, now=now)
            resolution = (before, {"status": rec.status, "restored_at": _iso(rec.restored_at)})
        prepared = []
        for item in sub.items:
            p = prepare_statement(
                rec,
                sub.stage,
                item["channel"],
                item["locale"],
                text=item["text"],
                subject=item.get("subject"),
                audience=item["audience"],
                override_reason=item.get("override_reason"),
                now=now,
            )
            rec = p.incident
            prepared.append(p)
        done = [write_statement(conn, p, by=by) for p in prepared]
        if not decide(conn, sub.id, "approved", by=by, at=now):
            raise InputError(f"submission {submission_id} was decided by someone else first")
        put_record(conn, sub.incident_id, rec.model_dump(mode="json"), by=by, at=now)
        audit(
            conn,
            actor=by,
            action="statement.approve",
            object=f"submission:{sub.id}",
            before={"state": "pending"},
            after={
                "state": "approved",
                "submitted_by": sub.submitted_by,
                "statements": [d.statement_id for d in done],
            },
            at=now,
        )
        if resolution is not None:
            audit(
                conn,
                actor=by,
                action="incident.resolve",
                object=f"incident:{sub.incident_id}",
                before=resolution[0],
                after=resolution[1],
                at=now,
            )
    return done


def send_back(
    conn: Connection, submission_id: int, comment: str, *, by: str, now: datetime
) -> None:
    """Return a submission to its author with a comment (the approver may not be its author)."""
    comment = comment.strip()
    if not comment:
        raise InputError(COMMENT_NEEDED)
    sub = _pending(conn, submission_id, by, own_allowed=False)
    decide(conn, sub.id, "returned", by=by, at=now, comment=comment[:4000])
    audit(
        conn,
        actor=by,
        action="statement.return",
        object=f"submission:{sub.id}",
        before={"state": "pending"},
        after={"state": "returned", "comment": comment},
        at=now,
    )


def previous_text(conn: Connection, incident_id: str, channel: str, locale: str) -> str | None:
    """The latest published statement of the incident on this channel and locale."""
    t = s.statements.c
    row = conn.execute(
        select(t.body_text)
        .where(t.incident_id == incident_id, t.channel == channel, t.locale == locale)
        .order_by(t.published_at.desc(), t.id.desc())
    ).first()
    return None if row is None else str(row.body_text)


def difference(before: str | None, after: str) -> list[tuple[str, str]]:
    """Line difference from the previous statement: (kind, line) with kind '+', '-' or ' '."""
    old = (before or "").splitlines()
    out: list[tuple[str, str]] = []
    for line in difflib.ndiff(old, after.splitlines()):
        if line.startswith("? "):
            continue
        out.append((line[0], line[2:]))
    return out


# ----- the publish panel -----------------------------------------------------------------------


@dataclass(frozen=True)
class Panel:
    """What the publish panel shows: the next update, the restoration estimate, the regulatory
    clocks, and the feedback and credits summaries."""

    deadline: Deadline
    eta: Any
    clocks: list[dict[str, Any]]
    feedback: Any
    credits: list[tuple[str, str, int, str]]  # (currency, unit, customers, total)


def panel(store: Store, incident_id: str, now: datetime) -> Panel:
    """The publish panel of one incident."""
    from amends.publish.feedback import summarise_feedback

    with store.connect() as conn:
        loaded = require_record(conn, incident_id)
        status = _status(conn, incident_id, loaded.record)
        last = last_update_at(conn, incident_id)
    rec = loaded.record
    return Panel(
        deadline=next_update(rec, last, now, status=status),
        eta=rec.eta,
        clocks=regulatory_clocks(rec, now),
        feedback=summarise_feedback(store, incident_id),
        credits=credits_summary(store, incident_id),
    )


def credits_summary(store: Store, incident_id: str) -> list[tuple[str, str, int, str]]:
    """Credits recorded in the ledger: per currency and unit, customers credited and the total."""
    from amends.store.ledger import ledger_totals

    table = ledger_totals(store, incident_id)
    sums: dict[tuple[str, str], tuple[int, Any]] = {}
    for row in table.to_pylist():
        key = (row["currency"] or "", row["unit"] or "")
        n, total = sums.get(key, (0, 0))
        sums[key] = (n + 1, total + row["amount"])
    return [(c, u, n, str(t)) for (c, u), (n, t) in sorted(sums.items())]
