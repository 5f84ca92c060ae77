"""Turn an incident record into the pre-formatted facts a template may print, for one stage and
locale, and list the facts that are missing (so a draft refuses rather than invents)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from amends.compose import formatting as fmt
from amends.incident.model import Incident

ONGOING = ("acknowledge", "update")
#: The regulation profile a major outage's acknowledgement and updates are held to.
MAJOR_PROFILE = "acma-major-outage"
AFTER = ("resolve", "explain", "follow_up")


@dataclass
class TimeSpan:
    """One group of areas sharing a time zone inside a window, with its local times."""

    areas: str
    zone: str
    start: str
    end: str | None
    day: str


@dataclass
class WindowFacts:
    """One outage window as customers read it."""

    kind: str
    areas: str
    services: str
    ongoing: bool
    customers_n: int
    customers: str
    lost_calls: str
    total_n: int | None
    total: str | None
    times: list[TimeSpan]


@dataclass
class ActionFacts:
    """A long-term action: what, how, owner, due date and status."""

    what: str
    how: str
    owner: str
    due: str
    status: str


@dataclass
class Facts:
    """Everything a template prints, already formatted for the locale; nothing else is printed."""

    stage: str
    locale: str
    provider: str | None
    title: str
    status: str
    windows: list[WindowFacts]
    areas: str
    services: str
    current_areas: str  # while ongoing: the areas still affected (for the subject line)
    current_services: str
    customers_n: int
    customers: str
    symptom: str | None
    cause_known: bool
    cause_category: str
    cause_description: str | None
    cause_trigger: str | None
    factors: list[str]
    eta_kind: str  # "at", "range", "none"
    eta_at: str | None
    eta_earliest: str | None
    eta_latest: str | None
    eta_confidence: str | None
    eta_basis: str | None
    next_update: str | None
    restored: str | None
    restored_day: str | None
    fixes: list[tuple[str, str | None]]
    actions: list[ActionFacts]
    support: list[tuple[str, str, str]]
    comp_summary: str | None
    comp_how: str | None
    comp_applied_by: str | None
    comp_automatic: bool
    feedback_url: str | None
    feedback_email: str | None
    status_url: str | None
    keywords: list[str]
    missing: list[str] = field(default_factory=list)

    @property
    def ongoing(self) -> bool:
        """True at acknowledge and update."""
        return self.stage in ONGOING


def _low(text: str) -> str:
    """Lower-case the first letter unless the first word looks like a name or an acronym."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _strip_stop(text: str) -> str:
    return text.strip().rstrip(".").strip()


def _zones(incident: Incident) -> list[str]:
    zones = [
        incident.regions[r].time_zone for r in incident.affected_regions if r in incident.regions
    ]
    return list(dict.fromkeys(zones)) or [incident.time_zone]


def _times_everywhere(moment: datetime, zones: list[str], locale: str) -> str:
    """A moment in every affected zone ("3:30 PM PDT / 5:30 PM CDT")."""
    return " / ".join(dict.fromkeys(fmt.clock_tz(moment, z, locale) for z in zones))


def next_update_time(incident: Incident, now: datetime) -> datetime:
    """The promised next update: the record's, else now + the update interval (capped, for a
    major outage, by the `acma-major-outage` profile's cadence), rounded up to 5 minutes."""
    if incident.next_update_at is not None and incident.next_update_at > now:
        return incident.next_update_at
    minutes = float(incident.update_interval_minutes)
    if incident.major:
        from amends.check import load_profile

        opts = load_profile(MAJOR_PROFILE).options
        first_day = now - incident.discovered_at < timedelta(hours=24)
        cap = opts.next_update_max_hours if first_day else opts.next_update_max_hours_after_24h
        if cap is not None:
            minutes = min(minutes, cap * 60)
    due = now + timedelta(minutes=minutes)
    steps = due.timestamp() / 300  # a major outage rounds down: never past the cadence
    return datetime.fromtimestamp(
        (math.floor(steps) if incident.major else math.ceil(steps)) * 300, tz=UTC
    )


def build_facts(incident: Incident, stage: str, channel: str, locale: str, now: datetime) -> Facts:
    """The facts for one stage, channel and locale; `Facts.missing` lists what a person must add."""
    missing: list[str] = []
    lang = fmt.language(locale)

    def text(path: str, original: str | None, *, required: bool = True) -> str | None:
        value = incident.text(path, original, locale)
        if original is not None and value is None and required:
            missing.append(f"translations.{lang}.{path}")
        return value

    if not incident.windows:
        missing.append("windows")
    for rid in incident.affected_regions:
        if rid not in incident.regions:
            missing.append(f"regions.{rid}")
    svc_names: dict[str, str] = {}
    for sid in incident.affected_services:
        name = incident.services.get(sid)
        if not name:
            missing.append(f"services.{sid}")
            continue
        svc_names[sid] = text(f"services.{sid}", name) or sid

    def region_name(rid: str) -> str:
        info = incident.regions.get(rid)
        if info is None:
            return rid
        return incident.text(f"regions.{rid}.name", info.name, locale) or info.name

    windows: list[WindowFacts] = []
    any_count = False
    silence_without_total: list[str] = []
    for w in incident.windows:
        names = [region_name(r) for r in w.regions]
        groups: dict[str, list[str]] = {}
        for r in w.regions:
            zone = incident.regions[r].time_zone if r in incident.regions else incident.time_zone
            groups.setdefault(zone, []).append(region_name(r))
        end = w.end
        if stage not in AFTER and end is not None and end > now:
            end = None  # drafted as of `now`: an end that has not happened yet is not a fact yet
        if stage in AFTER and end is None and incident.restored_at is not None:
            end = incident.restored_at
        times = [
            TimeSpan(
                areas=fmt.join(areas, locale),
                zone=zone,
                start=fmt.clock_tz(w.start, zone, locale),
                end=fmt.clock_tz(end, zone, locale) if end is not None else None,
                day=fmt.day(w.start, zone, locale),
            )
            for zone, areas in groups.items()
        ]
        totals = [incident.regions[r].services_total for r in w.regions if r in incident.regions]
        total_n = sum(t for t in totals if t is not None) if totals and None not in totals else None
        if w.kind == "failures" and w.subscribers_affected > 0:
            any_count = True
        if w.kind == "silence" and total_n is None:
            silence_without_total += [
                f"regions.{r}.services_total"
                for r in w.regions
                if r in incident.regions and incident.regions[r].services_total is None
            ]
        elif w.kind == "silence":
            any_count = True
        windows.append(
            WindowFacts(
                kind=w.kind,
                areas=fmt.join(names, locale),
                services=fmt.join([svc_names.get(s, s) for s in w.services], locale),
                ongoing=end is None,
                customers_n=w.subscribers_affected,
                customers=fmt.number(w.subscribers_affected, locale),
                lost_calls=fmt.number(round(w.missing_attempts), locale),
                total_n=total_n,
                total=fmt.number(total_n, locale) if total_n is not None else None,
                times=times,
            )
        )
    if incident.windows and not any_count:
        missing += silence_without_total or ["windows (no window counts customers)"]

    if stage in AFTER and incident.ended_at is None:
        missing.append("restored_at")

    cause = incident.cause
    known = cause.known
    if stage in AFTER and not known:
        if cause.category == "unknown":
            missing.append("cause.category")
        if not cause.description:
            missing.append("cause.description")
    description = text("cause.description", cause.description) if known else None
    trigger = text("cause.trigger", cause.trigger, required=False) if known else None
    factors = [
        t
        for i, f in enumerate(cause.contributing_factors if stage == "explain" else [])
        if (t := text(f"cause.contributing_factors[{i}]", f)) is not None
    ]
    if stage == "explain" and not factors:
        missing.append("cause.contributing_factors")

    zones = _zones(incident)
    eta = incident.eta
    eta_kind = "none"
    eta_at = eta_earliest = eta_latest = eta_conf = eta_basis = None
    if eta is not None and stage in ONGOING:
        promised = eta.latest or eta.at
        if promised is not None and promised <= now:
            missing.append("eta (the estimate has passed: update it or remove it)")
        if eta.earliest is not None and eta.latest is not None:
            eta_kind = "range"
            eta_earliest = _times_everywhere(eta.earliest, zones, locale)
            eta_latest = _times_everywhere(eta.latest, zones, locale)
        elif eta.at is not None:
            eta_kind = "at"
            eta_at = _times_everywhere(eta.at, zones, locale)
        if eta.confidence is not None and eta_kind != "none":
            eta_conf = fmt.percent(eta.confidence, locale)
        eta_basis = text("eta.basis", eta.basis, required=False) if eta_kind != "none" else None
    next_update = (
        _times_everywhere(next_update_time(incident, now), zones, locale)
        if stage in ONGOING
        else None
    )

    restored = restored_day = None
    if incident.ended_at is not None:
        restored = _times_everywhere(incident.ended_at, zones, locale)
        restored_day = fmt.day(incident.ended_at, zones[0], locale)

    fixes: list[tuple[str, str | None]] = []
    uses_fixes = stage in ("resolve", "explain")
    for i, fix in enumerate(incident.fixes.immediate if uses_fixes else []):
        what = text(f"fixes.immediate[{i}].what", fix.what)
        if what:
            at = _times_everywhere(fix.at, zones, locale) if fix.at is not None else None
            fixes.append((_low(_strip_stop(what)), at))
    actions: list[ActionFacts] = []
    for i, act in enumerate(incident.fixes.long_term if stage in AFTER else []):
        what = text(f"fixes.long_term[{i}].what", act.what)
        how = text(f"fixes.long_term[{i}].how", act.how)
        owner = text(f"fixes.long_term[{i}].owner", act.owner, required=False) or act.owner
        if what and how:
            actions.append(
                ActionFacts(
                    what=_low(_strip_stop(what)),
                    how=_low(_strip_stop(how)),
                    owner=_strip_stop(owner),
                    due=fmt.long_date(act.due, locale),
                    status=act.status,
                )
            )
    if stage in ("resolve", "explain"):
        if not incident.fixes.immediate:
            missing.append("fixes.immediate")
        if not incident.fixes.long_term:
            missing.append("fixes.long_term")
    if stage == "follow_up" and not incident.fixes.long_term:
        missing.append("fixes.long_term")

    support: list[tuple[str, str, str]] = []
    for i, ch in enumerate(incident.support):
        kind = text(f"support[{i}].kind", ch.kind, required=False) or ch.kind
        hours = text(f"support[{i}].hours", ch.hours)
        if hours:
            support.append((_low(kind), ch.contact, _strip_stop(hours)))
    if not incident.support and channel in ("web", "email"):
        missing.append("support")
    if channel in ("sms", "social") and not incident.status_url:
        missing.append("status_url")

    comp = incident.compensation
    comp_summary = comp_how = comp_applied = None
    automatic = False
    if comp is not None and stage in ("resolve", "explain"):
        comp_summary = text("compensation.summary", comp.summary)
        comp_how = text("compensation.how", comp.how)
        comp_applied = fmt.long_date(comp.applied_by, locale) if comp.applied_by else None
        automatic = bool(comp.automatic)
        if stage in ("resolve", "explain") and not (comp.applied_by or comp.how or automatic):
            missing.append("compensation.applied_by")
    elif stage in ("resolve", "explain"):
        missing.append("compensation")

    fb = incident.feedback
    if stage == "explain" and (fb is None or not (fb.url or fb.email)):
        missing.append("feedback")

    symptom = text("symptom", incident.symptom, required=False)
    keywords = list(
        dict.fromkeys(
            [
                *[svc_names.get(s, s) for s in incident.affected_services],
                *[region_name(r) for r in incident.affected_regions],
                *[
                    t
                    for i, k in enumerate(incident.keywords)
                    if (t := incident.text(f"keywords[{i}]", k, locale))
                ],
            ]
        )
    )
    title = text("title", incident.title, required=False) or incident.title
    open_windows = [w for w in incident.windows if w.end is None] if stage in ONGOING else []
    current = open_windows or incident.windows
    current_regions = list(dict.fromkeys(r for w in current for r in w.regions))
    current_services = list(dict.fromkeys(s for w in current for s in w.services))
    return Facts(
        stage=stage,
        locale=locale,
        provider=incident.provider,
        title=title,
        status=incident.status,
        windows=windows,
        areas=fmt.join([region_name(r) for r in incident.affected_regions], locale),
        services=fmt.join(list(svc_names.values()), locale),
        current_areas=fmt.join([region_name(r) for r in current_regions], locale),
        current_services=fmt.join([svc_names.get(s, s) for s in current_services], locale),
        customers_n=incident.customers_affected,
        customers=fmt.number(incident.customers_affected, locale),
        symptom=_strip_stop(symptom) if symptom else None,
        cause_known=known,
        cause_category=cause.category,
        cause_description=_strip_stop(description) if description else None,
        cause_trigger=_strip_stop(trigger) if trigger else None,
        factors=[_strip_stop(f) for f in factors],
        eta_kind=eta_kind,
        eta_at=eta_at,
        eta_earliest=eta_earliest,
        eta_latest=eta_latest,
        eta_confidence=eta_conf,
        eta_basis=_strip_stop(eta_basis) if eta_basis else None,
        next_update=next_update,
        restored=restored,
        restored_day=restored_day,
        fixes=fixes,
        actions=actions,
        support=support,
        comp_summary=_strip_stop(comp_summary) if comp_summary else None,
        comp_how=_strip_stop(comp_how) if comp_how else None,
        comp_applied_by=comp_applied,
        comp_automatic=automatic,
        feedback_url=fb.url if fb else None,
        feedback_email=fb.email if fb else None,
        status_url=incident.status_url,
        keywords=keywords,
        missing=list(dict.fromkeys(missing)),
    )
