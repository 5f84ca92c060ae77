"""The public site's data: one immutable snapshot of what the status page shows, and its views.

`SiteData` is read from the store in one go (`load_site_data`) and everything public (HTML
pages, the Statuspage-compatible JSON, feeds, the static export) is a pure function of it. It
never holds subscriber ids or per-customer figures: the loader does not read those tables.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from amends.incident import Incident

if TYPE_CHECKING:
    from amends.store import Store

COMPONENT_STATUSES: tuple[str, ...] = (
    "operational",
    "under_maintenance",
    "degraded_performance",
    "partial_outage",
    "major_outage",
)
INCIDENT_STATUSES: tuple[str, ...] = (
    "investigating",
    "identified",
    "monitoring",
    "resolved",
    "postmortem",
)
IMPACTS: tuple[str, ...] = ("none", "minor", "major", "critical")
OPEN_STATUSES: frozenset[str] = frozenset({"investigating", "identified", "monitoring"})
#: Worse component statuses sort later; the page's overall state is the worst.
STATUS_RANK: dict[str, int] = {s: i for i, s in enumerate(COMPONENT_STATUSES)}
UPTIME_DAYS = 90


@dataclass(frozen=True)
class PageInfo:
    """The status page itself: its id, name, public URL, time zone and default locale."""

    id: str = "amends"
    name: str = "Service status"
    url: str = "http://127.0.0.1:8000"
    time_zone: str = "Etc/UTC"
    locale: str = "en"


@dataclass(frozen=True)
class ComponentRow:
    """A service in a region, with its current status."""

    id: str
    name: str
    status: str
    position: int = 0
    service: str | None = None
    region: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class StatementRow:
    """A published statement (public audience only ever reaches the site)."""

    id: int
    incident_id: str
    stage: str
    channel: str
    locale: str
    status: str
    body_text: str
    published_at: datetime
    subject: str | None = None
    body_html: str | None = None
    audience: str = "public"
    published_by: str | None = None
    check_errors: int = 0
    override_reason: str | None = None


@dataclass(frozen=True)
class ActionRow:
    """A promised long-term fix: what, how, who, by when, and whether it was kept."""

    id: int
    incident_id: str
    what: str
    how: str
    owner: str
    due: date | None
    status: str
    updated_at: datetime | None = None
    note: str | None = None

    def kept(self, today: date) -> str:
        """'kept', 'missed', 'open' or 'overdue': done on time is kept; past due and not done,
        or explicitly missed, is missed once a person says so and overdue until then."""
        if self.status == "done":
            return "kept"
        if self.status == "missed":
            return "missed"
        return "overdue" if self.due is not None and today > self.due else "open"


@dataclass(frozen=True)
class IncidentRow:
    """An incident with its record, its components and its public statements."""

    id: str
    title: str
    status: str
    impact: str
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None = None
    resolved_at: datetime | None = None
    record: Incident | None = None
    components: tuple[tuple[str, str], ...] = ()  # (component_id, status during the incident)

    @property
    def open(self) -> bool:
        """True while the incident is not resolved."""
        return self.status in OPEN_STATUSES

    @property
    def locales(self) -> list[str]:
        """The locales the incident is published in (its record's, else English)."""
        return list(self.record.locales) if self.record and self.record.locales else ["en"]


@dataclass(frozen=True)
class MaintenanceRow:
    """Planned work on components: its texts per locale, window, status and steps' times."""

    id: str
    title: dict[str, str]
    body: dict[str, str]
    status: str  # scheduled, in_progress, verifying, completed (cancelled ones are not shown)
    scheduled_for: datetime
    scheduled_until: datetime
    components: tuple[str, ...] = ()
    started_at: datetime | None = None
    completed_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def text(self, field_name: str, locale: str) -> str:
        """The title or description in `locale`, else in the same language, else the first."""
        texts = self.title if field_name == "title" else self.body
        if locale in texts:
            return texts[locale]
        lang = locale.split("-")[0]
        return next((t for k, t in texts.items() if k.split("-")[0] == lang), "") or next(
            iter(texts.values()), ""
        )

    @property
    def active(self) -> bool:
        """True while the work is in progress."""
        return self.status in ("in_progress", "verifying")

    @property
    def upcoming(self) -> bool:
        """True before it starts."""
        return self.status == "scheduled"


@dataclass(frozen=True)
class SiteData:
    """Everything the public site shows, read at one moment."""

    page: PageInfo
    components: tuple[ComponentRow, ...] = ()
    incidents: tuple[IncidentRow, ...] = ()
    statements: tuple[StatementRow, ...] = ()
    actions: tuple[ActionRow, ...] = ()
    maintenances: tuple[MaintenanceRow, ...] = ()
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def active_maintenances(self) -> list[MaintenanceRow]:
        """Maintenance in progress, the earliest started first."""
        return sorted((m for m in self.maintenances if m.active), key=_window)

    @property
    def upcoming_maintenances(self) -> list[MaintenanceRow]:
        """Maintenance not yet started, the next first."""
        return sorted((m for m in self.maintenances if m.upcoming), key=_window)

    def incident(self, incident_id: str) -> IncidentRow | None:
        """The incident with this id, or None."""
        return next((i for i in self.incidents if i.id == incident_id), None)

    def statements_of(self, incident_id: str, locale: str | None = None) -> list[StatementRow]:
        """Public web statements of an incident, oldest first; one locale when given (falling
        back to the incident's first locale for a stage missing in that locale)."""
        rows = [
            s
            for s in self.statements
            if s.incident_id == incident_id and s.channel == "web" and s.audience == "public"
        ]
        rows.sort(key=lambda s: (s.published_at, s.id))
        if locale is None:
            return rows
        mine = [s for s in rows if s.locale == locale]
        if mine:
            return mine
        inc = self.incident(incident_id)
        first = inc.locales[0] if inc else "en"
        return [s for s in rows if s.locale == first]

    def actions_of(self, incident_id: str) -> list[ActionRow]:
        """The long-term fixes an incident promised, by due date."""
        return sorted((a for a in self.actions if a.incident_id == incident_id), key=action_order)

    @property
    def updated_at(self) -> datetime:
        """The latest change anywhere on the page."""
        times = [c.updated_at for c in self.components if c.updated_at]
        times += [i.updated_at for i in self.incidents]
        times += [s.published_at for s in self.statements]
        times += [m.updated_at for m in self.maintenances if m.updated_at]
        return max(times, default=self.generated_at)

    @property
    def open_incidents(self) -> list[IncidentRow]:
        """Unresolved incidents, newest first."""
        return sorted((i for i in self.incidents if i.open), key=_newest)

    @property
    def past_incidents(self) -> list[IncidentRow]:
        """Resolved incidents, newest first."""
        return sorted((i for i in self.incidents if not i.open), key=_newest)


def _window(m: MaintenanceRow) -> tuple[datetime, str]:
    return (m.scheduled_for, m.id)


def action_order(a: ActionRow) -> tuple[date, int]:
    """Sort key of promised fixes: by due date (undated last), then id."""
    return (a.due or date.max, a.id)


def _newest(i: IncidentRow) -> tuple[float, str]:
    return (-(i.started_at or i.created_at).timestamp(), i.id)


def slug(value: str) -> str:
    """A path-safe slug for an id such as 'voice:california' ('voice-california')."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "x"


def aware(value: datetime | None) -> datetime | None:
    """Times from SQLite come back naive: they are stored in UTC."""
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


# ----- views: pure functions of SiteData -------------------------------------------------------


@dataclass(frozen=True)
class OverallStatus:
    """The page's rolled-up state (Statuspage's indicator and description)."""

    indicator: str  # none, minor, major, critical, maintenance
    description: str
    worst_component: str


_COMPONENT_INDICATOR = {
    "operational": ("none", "All Systems Operational"),
    "under_maintenance": ("maintenance", "Service Under Maintenance"),
    "degraded_performance": ("minor", "Partially Degraded Service"),
    "partial_outage": ("major", "Partial System Outage"),
    "major_outage": ("critical", "Major System Outage"),
}
_IMPACT_INDICATOR = {
    "none": ("none", "All Systems Operational"),
    "minor": ("minor", "Minor Service Outage"),
    "major": ("major", "Partial System Outage"),
    "critical": ("critical", "Major Service Outage"),
}
_INDICATOR_RANK = {"none": 0, "maintenance": 1, "minor": 2, "major": 3, "critical": 4}


def overall_status(data: SiteData) -> OverallStatus:
    """The worst of the components' statuses and the open incidents' impacts."""
    worst = max(
        (c.status for c in data.components),
        key=lambda s: STATUS_RANK.get(s, 0),
        default="operational",
    )
    best = _COMPONENT_INDICATOR.get(worst, _COMPONENT_INDICATOR["operational"])
    for inc in data.open_incidents:
        cand = _IMPACT_INDICATOR.get(inc.impact, _IMPACT_INDICATOR["none"])
        if _INDICATOR_RANK[cand[0]] > _INDICATOR_RANK[best[0]]:
            best = cand
    return OverallStatus(indicator=best[0], description=best[1], worst_component=worst)


@dataclass(frozen=True)
class UptimeDay:
    """One bar of the 90-day uptime chart."""

    day: date
    worst: str  # the worst component status that day
    outage_minutes: int
    incidents: tuple[str, ...]


@dataclass(frozen=True)
class Uptime:
    """A component's 90 days: one bar per day and the share of minutes without an outage."""

    component_id: str
    days: tuple[UptimeDay, ...]
    percent: float


def uptime(data: SiteData, component_id: str, *, today: date | None = None) -> Uptime:
    """Per day, the minutes a partial or major outage of this component lasted (from incidents'
    start and resolution times); uptime is the share of the 90 days' minutes without one."""
    now = data.generated_at
    today = today or now.date()
    first = today - timedelta(days=UPTIME_DAYS - 1)
    spans: list[tuple[datetime, datetime, str, str]] = []
    for inc in data.incidents:
        for comp, status in inc.components:
            if comp != component_id or status == "operational":
                continue
            start = inc.started_at or inc.created_at
            end = inc.resolved_at or now
            spans.append((start, end, status, inc.id))
    days: list[UptimeDay] = []
    down_total = 0
    for n in range(UPTIME_DAYS):
        day = first + timedelta(days=n)
        lo = datetime(day.year, day.month, day.day, tzinfo=UTC)
        hi = lo + timedelta(days=1)
        worst = "operational"
        minutes = 0
        ids: list[str] = []
        for start, end, status, inc_id in spans:
            overlap = (min(end, hi) - max(start, lo)).total_seconds()
            if overlap <= 0:
                continue
            ids.append(inc_id)
            if STATUS_RANK.get(status, 0) > STATUS_RANK[worst]:
                worst = status
            if status in ("partial_outage", "major_outage"):
                minutes += int(overlap // 60)
        minutes = min(minutes, 1440)
        down_total += minutes
        days.append(UptimeDay(day, worst, minutes, tuple(dict.fromkeys(ids))))
    percent = 100.0 * (1 - down_total / (UPTIME_DAYS * 1440))
    return Uptime(component_id, tuple(days), round(percent, 2))


@dataclass(frozen=True)
class ImpactBar:
    """One bar of an incident's impact chart: a (region, service) and its network failures."""

    label: str
    failures: int
    attempts: int
    failure_rate: float


def impact_bars(
    record: Incident | None, *, names: Callable[[str, str], tuple[str, str]] | None = None
) -> list[ImpactBar]:
    """Failed calls per affected area and service, summed over the measured windows; `names`
    gives (region name, service name) for a (region, service) in the page's locale."""
    if record is None:
        return []
    acc: dict[tuple[str, str], list[int]] = {}
    for w in record.windows:
        for e in w.scope:
            slot = acc.setdefault((e.region, e.service), [0, 0])
            slot[0] += e.failures
            slot[1] += e.attempts
    bars = []
    for (region, service), (failures, attempts) in acc.items():
        if names is not None:
            rname, sname = names(region, service)
        else:
            rname = record.regions[region].name if region in record.regions else region
            sname = record.services.get(service, service)
        rate = failures / attempts if attempts else 0.0
        bars.append(ImpactBar(f"{rname} · {sname}", failures, attempts, rate))
    return sorted(bars, key=lambda b: -b.failures)


# ----- loading from the store --------------------------------------------------------------


def _record(text: str | None) -> Incident | None:
    if not text:
        return None
    try:
        return Incident.model_validate(json.loads(text))
    except (ValueError, TypeError):
        return None


def _as_date(value: Any) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def _row(r: Any) -> dict[str, Any]:
    return dict(r._mapping)


def load_site_data(store: Store, page: PageInfo, *, now: datetime | None = None) -> SiteData:
    """Read the public part of the store (components, incidents, public web statements and
    action items) in one transaction; subscriber and ledger tables are never read here."""
    from sqlalchemy import select

    from amends.store import schema as s

    with store.connect() as conn:
        comps = [_row(r) for r in conn.execute(select(s.components))]
        incs = [_row(r) for r in conn.execute(select(s.incidents))]
        links = [_row(r) for r in conn.execute(select(s.incident_components))]
        stmts = [
            _row(r)
            for r in conn.execute(
                select(s.statements).where(
                    s.statements.c.channel == "web", s.statements.c.audience == "public"
                )
            )
        ]
        acts = [_row(r) for r in conn.execute(select(s.action_items))]
        works = [
            _row(r)
            for r in conn.execute(
                select(s.maintenances).where(s.maintenances.c.status != "cancelled")
            )
        ]
        work_links = [_row(r) for r in conn.execute(select(s.maintenance_components))]
    by_inc: dict[str, list[tuple[str, str]]] = {}
    for link in links:
        by_inc.setdefault(link["incident_id"], []).append(
            (link["component_id"], link.get("status") or "major_outage")
        )
    components = tuple(
        sorted(
            (
                ComponentRow(
                    id=c["id"],
                    name=c["name"],
                    status=c["status"] or "operational",
                    position=c.get("position") or 0,
                    service=c.get("service"),
                    region=c.get("region"),
                    created_at=aware(c.get("created_at")),
                    updated_at=aware(c.get("updated_at")),
                )
                for c in comps
            ),
            key=lambda c: (c.position, c.name),
        )
    )
    incidents = tuple(
        IncidentRow(
            id=i["id"],
            title=i["title"],
            status=i["status"],
            impact=i.get("impact") or "none",
            created_at=aware(i["created_at"]),  # type: ignore[arg-type]
            updated_at=aware(i.get("updated_at") or i["created_at"]),  # type: ignore[arg-type]
            started_at=aware(i.get("started_at")),
            resolved_at=aware(i.get("resolved_at")),
            record=_record(i.get("record")),
            components=tuple(by_inc.get(i["id"], ())),
        )
        for i in incs
    )
    statements = tuple(
        StatementRow(
            id=m["id"],
            incident_id=m["incident_id"],
            stage=m["stage"],
            channel=m["channel"],
            locale=m.get("locale") or "en",
            status=m.get("status") or "investigating",
            body_text=m.get("body_text") or "",
            body_html=m.get("body_html"),
            subject=m.get("subject"),
            audience=m.get("audience") or "public",
            published_at=aware(m["published_at"]),  # type: ignore[arg-type]
            published_by=m.get("published_by"),
            check_errors=m.get("check_errors") or 0,
            override_reason=m.get("override_reason"),
        )
        for m in stmts
    )
    actions = tuple(
        ActionRow(
            id=a["id"],
            incident_id=a["incident_id"],
            what=a["what"],
            how=a.get("how") or "",
            owner=a.get("owner") or "",
            due=_as_date(a.get("due")),
            status=a.get("status") or "planned",
            updated_at=aware(a.get("updated_at")),
            note=a.get("note"),
        )
        for a in acts
    )
    held: dict[str, list[str]] = {}
    for link in work_links:
        held.setdefault(link["maintenance_id"], []).append(link["component_id"])
    maintenances = tuple(
        MaintenanceRow(
            id=w["id"],
            title=json.loads(w["title"] or "{}"),
            body=json.loads(w["body"] or "{}"),
            status=w["status"],
            scheduled_for=aware(w["scheduled_for"]),  # type: ignore[arg-type]
            scheduled_until=aware(w["scheduled_until"]),  # type: ignore[arg-type]
            components=tuple(sorted(held.get(w["id"], ()))),
            started_at=aware(w.get("started_at")),
            completed_at=aware(w.get("completed_at")),
            created_at=aware(w.get("created_at")),
            updated_at=aware(w.get("updated_at")),
        )
        for w in works
    )
    return SiteData(
        page=page,
        components=components,
        incidents=incidents,
        statements=statements,
        actions=actions,
        maintenances=maintenances,
        generated_at=(now or datetime.now(UTC)).astimezone(UTC),  # the bars are UTC days
    )
