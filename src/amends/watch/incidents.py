"""What the watcher does with what detection shows: open an incident once per window, keep its
measured facts current while it lasts, record its end, and draft the statement each stage needs.

The record is built exactly as `amends incident init` builds it (amends.incident.prefill), with
the provider's standing facts (name, support, links, locales) laid over it; what only a person
knows stays marked. Drafts are attempted for every channel, locale and audience: a draft that
lacks a fact is stored as the list of facts it needs, never invented.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, text

from amends.compose.draft import draft
from amends.compose.model import AUDIENCES, CHANNELS, MissingFacts
from amends.errors import InputError
from amends.impact.analysis import Detection, minute_time
from amends.impact.live import Known, match, minute_of
from amends.impact.model import ImpactReport, Window
from amends.impact.subscribers import affected
from amends.incident.model import Incident
from amends.incident.prefill import prefill
from amends.store.engine import Store
from amends.store.types import utcnow
from amends.store.watch import (
    WatchIncident,
    get_watch_incident,
    insert_watch_incident,
    list_watch_incidents,
    load_failures,
    update_watch_incident,
)

#: Fields of the record that are the provider's, not the incident's: a standing-facts file may
#: set these (and region names and zones, and service names).
STANDING_FIELDS = (
    "provider",
    "support",
    "status_url",
    "feedback",
    "locales",
    "audiences",
    "update_interval_minutes",
    "regulatory_contact",
    "time_zone",
)


@dataclass(frozen=True)
class Change:
    """One thing reconcile did: opened, updated, ended, withdrawn (for logs, metrics, alerts)."""

    action: str
    incident_id: str
    window: Window | None = None


@dataclass
class Context:
    """What reconcile needs besides the detection: standing facts, sources, the rule's words."""

    standing: dict[str, Any] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    rule: str = ""
    locales: list[str] | None = None
    eta_history: list[Any] = field(default_factory=list)  # PastCase: re-estimate restoration
    plans: Any = None  # the plans table (subscribers, home_region, time_zone): area totals


def estimated(record: Incident, ctx: Context, now: datetime) -> Incident:
    """The record re-estimated at `now` from past incidents (unchanged without history, or once
    the outage has ended)."""
    if not ctx.eta_history or record.ended_at is not None:
        return record
    from amends.eta import with_estimate

    return with_estimate(record, ctx.eta_history, now)[0]


def _lock(conn: Connection) -> None:
    """Serialise reconciles across watchers on one store (SQLite: BEGIN IMMEDIATE already)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(424242015)"))


def _known(incidents: list[WatchIncident]) -> list[Known]:
    out = []
    for inc in incidents:
        pairs = frozenset(
            (e["region"], e["service"]) for w in inc.record.get("windows", []) for e in w["scope"]
        ) | frozenset(  # an incident an alert opened: the scope its labels named
            (e["region"], e.get("service") or "")
            for e in inc.detection.get("scope", [])
            if e.get("region")
        )
        out.append(Known(inc.id, inc.kind, inc.start_minute, inc.end_minute, pairs))
    return out


def _with_standing(record: Incident, standing: dict[str, Any]) -> Incident:
    """The prefilled record with the provider's standing facts laid over it."""
    data = record.model_dump(mode="json")
    for name in STANDING_FIELDS:
        if name in standing:
            data[name] = standing[name]
    for rid, info in (standing.get("regions") or {}).items():
        if rid in data["regions"]:
            data["regions"][rid] = {**data["regions"][rid], **info}
    for sid, name in (standing.get("services") or {}).items():
        if sid in data["services"]:
            data["services"][sid] = name
    for loc, table in (standing.get("translations") or {}).items():
        data["translations"].setdefault(loc, {}).update(table)
    kind = record.windows[0].kind if record.windows else "failures"
    symptom = (standing.get("symptoms") or {}).get(kind)
    if isinstance(symptom, str):
        data["symptom"] = symptom
    elif isinstance(symptom, dict):  # {locale: text}: the record's own language, then the rest
        own = data["locales"][0] if data["locales"] else "en"
        data["symptom"] = symptom.get(own) or symptom.get(own.split("-")[0])
        for loc, words in symptom.items():
            if loc not in (own, own.split("-")[0]):
                data["translations"].setdefault(loc, {})["symptom"] = words
    try:
        return Incident.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InputError(f"watch policy facts: {where}: {err['msg']}") from None


def build_record(detection: Detection, window: Window, incident_id: str, ctx: Context) -> Incident:
    """The incident record for one window, as `amends incident init` writes it, with standing
    facts; the window is the record's only window, called w1."""
    report = ImpactReport(windows=[window], events=detection.events, baseline=detection.baseline)
    locales = ctx.locales or ctx.standing.get("locales")
    zone = ctx.standing.get("time_zone")
    record = prefill(report, plans=ctx.plans, locales=locales, time_zone=zone)
    record = record.model_copy(
        update={"id": incident_id or record.id, "windows": [window.model_copy(update={"id": "w1"})]}
    )
    return _with_standing(record, ctx.standing)


def drafts_for(record: Incident, stage: str, now: datetime) -> list[dict[str, Any]]:
    """Every channel x locale x audience of `stage`: the text and its findings, or what is
    missing to write it."""
    out: list[dict[str, Any]] = []
    for locale in record.locales:
        for channel in CHANNELS:
            for audience in AUDIENCES:
                item: dict[str, Any] = {
                    "stage": stage,
                    "channel": channel,
                    "locale": locale,
                    "audience": audience,
                }
                try:
                    d = draft(record, stage, channel, locale, now=now, audience=audience)
                except MissingFacts as exc:
                    item["missing"] = exc.fields
                except InputError as exc:
                    item["missing"] = [str(exc)]
                else:
                    item.update(
                        subject=d.subject,
                        text=d.text,
                        errors=sum(1 for f in d.check.findings if f.severity == "error"),
                        findings=[
                            {
                                "rule": f.rule,
                                "severity": f.severity,
                                "line": f.line,
                                "column": f.column,
                                "message": f.message,
                                "suggestion": f.suggestion,
                            }
                            for f in d.check.findings
                        ],
                    )
                out.append(item)
    return out


def _resolved(record: Incident) -> Incident:
    """The record once the records show the outage over."""
    return record.model_copy(update={"status": "resolved"})


def _slug_id(record: Incident, window: Window, existing: set[str]) -> str:
    base = f"{record.id}-{window.start.astimezone(UTC):%H%M}"
    out, n = base, 2
    while out in existing:
        out, n = f"{base}-{n}", n + 1
    return out


def reconcile(
    store: Store,
    detection: Detection | Callable[[Connection], Detection],
    until: int,
    ctx: Context,
    *,
    now: datetime | None = None,
) -> list[Change]:
    """Open, update, end or withdraw the watcher's incidents to match what detection shows on
    the minutes before `until` (idempotent; safe with several watchers on one store). Given a
    function, detection runs inside the transaction, on the series as stored: the counts of
    windows and of subscribers then come from the same records."""
    wall = now or utcnow()
    event_now = minute_time(until)
    changes: list[Change] = []
    with store.begin() as conn:
        _lock(conn)
        if callable(detection):
            detection = detection(conn)
        stored = list_watch_incidents(conn, include_withdrawn=True)
        by_id = {inc.id: inc for inc in stored}
        windows = detection.windows
        if windows:
            lo = min(s.start for s in detection.scopes)
            failures = load_failures(conn, lo, until)  # later minutes are not tested yet
            result = detection.finish(affected(failures, detection.scopes))
            windows = result.report.windows
        horizon_start = detection.events.start
        pairs = match(windows, _known(stored))
        matched: set[str] = set()
        for window, kid in pairs:
            start, end = (
                minute_of(window.start),
                None if window.end is None else minute_of(window.end),
            )
            if kid is None:
                first = build_record(detection, window, None, ctx)
                rid = _slug_id(first, window, set(by_id))
                record = estimated(first.model_copy(update={"id": rid}), ctx, event_now)
                stage = "acknowledge"
                inc = WatchIncident(
                    id=rid,
                    kind=window.kind,
                    status="investigating" if end is None else "resolved",
                    start_minute=start,
                    end_minute=end,
                    record=record.model_dump(mode="json"),
                    detection={
                        "source": ", ".join(ctx.sources),
                        "event_time": event_now.isoformat(),
                        "wall_time": wall.isoformat(),
                        "rule": ctx.rule or window.kind,
                    },
                    drafts=drafts_for(record, stage, event_now)
                    + ([] if end is None else drafts_for(_resolved(record), "resolve", event_now)),
                    alerts={"opened": "pending"},
                    withdrawn=False,
                    created_at=wall,
                    updated_at=wall,
                )
                insert_watch_incident(conn, inc)
                by_id[rid] = inc
                matched.add(rid)
                changes.append(Change("opened", rid, window))
                continue
            matched.add(kid)
            old = by_id[kid]
            record = Incident.model_validate(old.record)
            new_window = window.model_copy(update={"id": "w1"})
            values: dict[str, Any] = {}
            if old.kind == "alert":  # opened by an alert: now measured from the records
                measured = build_record(detection, window, kid, ctx)  # the alert found it first
                record = measured.model_copy(update={"discovered_at": record.discovered_at})
                values["kind"] = window.kind
                values["detection"] = {
                    **old.detection,
                    "measured_by": ", ".join(ctx.sources),
                    "measured_at": wall.isoformat(),
                    "measured_event_time": event_now.isoformat(),
                }
                values["drafts"] = drafts_for(
                    estimated(record, ctx, event_now), "acknowledge", event_now
                )
                changes.append(Change("measured", kid, window))
            updated = estimated(record.model_copy(update={"windows": [new_window]}), ctx, event_now)
            if updated.model_dump(mode="json") != old.record:
                values["record"] = updated.model_dump(mode="json")
            if old.withdrawn:
                values["withdrawn"] = False
            if (start, end) != (old.start_minute, old.end_minute):
                values["start_minute"], values["end_minute"] = start, end
            if end is not None and old.end_minute is None:
                values["status"] = "resolved"
                resolved = _resolved(updated)
                values["record"] = resolved.model_dump(mode="json")
                values["drafts"] = [
                    *[d for d in old.drafts if d["stage"] != "resolve"],
                    *drafts_for(resolved, "resolve", event_now),
                ]
                values["alerts"] = {**old.alerts, "ended": "pending"}
                changes.append(Change("ended", kid, window))
            elif end is None and old.end_minute is not None:
                values["status"] = "investigating"
                changes.append(Change("reopened", kid, window))
            elif values:
                changes.append(Change("updated", kid, window))
            if values:
                update_watch_incident(conn, kid, **values)
        # an ongoing incident the detection no longer shows (inside the minutes it covers)
        for inc in stored:
            if inc.id in matched or inc.withdrawn or inc.end_minute is not None:
                continue
            if horizon_start is not None and inc.start_minute >= minute_of(horizon_start):
                update_watch_incident(conn, inc.id, withdrawn=True)
                changes.append(Change("withdrawn", inc.id))
    return changes


#: Seconds before each retry of an on-duty alert that failed (then it is recorded as failed).
ALERT_BACKOFF_S = (2.0, 5.0, 15.0, 60.0, 300.0)


@dataclass(frozen=True)
class DueAlert:
    """An on-duty alert to send now: its incident, event, the targets already told, the tries."""

    incident: WatchIncident
    event: str
    done: frozenset[str] = frozenset()
    attempts: int = 0


#: Seconds a watcher holds an alert it is sending (another takes it over after that: a crash).
ALERT_CLAIM_S = 120.0


def _due(state: Any, now: float) -> tuple[frozenset[str], int] | None:
    if state == "pending":
        return frozenset(), 0
    if not isinstance(state, dict):
        return None
    waiting = state.get("state") == "retrying" and state["next_at"] <= now
    abandoned = state.get("state") == "sending" and state["until"] <= now
    if waiting or abandoned:
        return frozenset(state.get("sent", [])), int(state.get("attempts", 0))
    return None


def _waits_until(state: Any) -> float | None:
    """When an alert that is not due now will be: its retry, or a claim's end."""
    if isinstance(state, dict) and state.get("state") == "retrying":
        return float(state["next_at"])
    if isinstance(state, dict) and state.get("state") == "sending":
        return float(state["until"])
    return None


def claim_alerts(store: Store, now: float | None = None) -> tuple[list[DueAlert], float | None]:
    """The on-duty alerts due now (never tried, or past their back-off), each claimed in one
    transaction so that of several watchers on one store only one sends it; and when the
    earliest alert left waiting will be due (None: none waits)."""
    at = time.time() if now is None else now
    out = []
    later: list[float] = []
    with store.begin() as conn:
        _lock(conn)
        for inc in list_watch_incidents(conn):
            claimed = dict(inc.alerts)
            for event, state in inc.alerts.items():
                due = _due(state, at)
                if due is None:
                    if (when := _waits_until(state)) is not None:
                        later.append(when)
                    continue
                out.append(DueAlert(inc, event, *due))
                claimed[event] = {
                    "state": "sending",
                    "until": at + ALERT_CLAIM_S,
                    "sent": sorted(due[0]),
                    "attempts": due[1],
                }
            if claimed != inc.alerts:
                update_watch_incident(conn, inc.id, alerts=claimed)
    return out, min(later, default=None)


def next_alert_at(store: Store) -> float | None:
    """When the earliest alert waiting for a retry (or held by a watcher that may have crashed)
    is due; None when none waits."""
    with store.connect() as conn:
        incs = list_watch_incidents(conn)
    times = [t for i in incs for s in i.alerts.values() if (t := _waits_until(s)) is not None]
    return min(times, default=None)


def alert_state(
    due: DueAlert, outcomes: dict[str, str], now: float | None = None
) -> str | dict[str, Any]:
    """What to record after a try: "sent" when every target has it, else a retry after the
    back-off with the targets already told (so none is told twice), else the errors."""
    sent = sorted(due.done | {t for t, v in outcomes.items() if v == "sent"})
    failed = {t: v for t, v in outcomes.items() if v != "sent"}
    if not failed:
        return "sent"
    attempts = due.attempts + 1
    if attempts > len(ALERT_BACKOFF_S):
        return "failed after " + f"{attempts} tries: " + json.dumps(failed, sort_keys=True)
    at = time.time() if now is None else now
    return {
        "state": "retrying",
        "attempts": attempts,
        "sent": sent,
        "errors": failed,
        "next_at": at + ALERT_BACKOFF_S[attempts - 1],
    }


def mark_alert(store: Store, incident_id: str, event: str, state: str | dict[str, Any]) -> None:
    """Record the outcome of an on-duty alert ("sent", a retry to come, or "failed …")."""
    with store.begin() as conn:
        inc = get_watch_incident(conn, incident_id)
        if inc is None:
            return
        update_watch_incident(conn, incident_id, alerts={**inc.alerts, event: state})


def auto_publish(store: Store, incident_id: str, rule: Any, now: datetime) -> str:
    """Publish the acknowledgement without a person when the policy allows it: the window still
    ongoing, at least `rule.min_subscribers` customers hit, and every statement passing its check
    (no override). All statements and the mark on the watcher's incident commit together, so it
    happens once. Returns what happened, in words (recorded on the incident)."""
    from amends.publish.operations import CheckRefused, prepare_statement, write_statement

    with store.connect() as conn:
        inc = get_watch_incident(conn, incident_id)
    if inc is None or "published" in inc.alerts:
        return "already decided"
    record = Incident.model_validate(inc.record)
    customers = record.customers_affected
    if inc.end_minute is not None:
        outcome = "not published: the outage had ended when it was found"
    elif customers < rule.min_subscribers:
        outcome = f"not published: {customers:,} customers, below {rule.min_subscribers:,}"
    else:
        try:
            prepared = [
                prepare_statement(
                    record, "acknowledge", channel, locale, audience="public", now=now
                )
                for locale in record.locales
                for channel in rule.channels
            ]
        except CheckRefused as exc:
            outcome = f"not published: the check found errors ({exc})"
        except InputError as exc:
            outcome = f"not published: {exc}"
        else:
            with store.begin() as conn:
                current = get_watch_incident(conn, incident_id)
                if current is None or "published" in current.alerts:
                    return "already decided"
                for p in prepared:
                    write_statement(conn, p, by="amends watch (auto-publish policy)")
                update_watch_incident(
                    conn, incident_id, alerts={**current.alerts, "published": "published"}
                )
            return "published"
    mark_alert(store, incident_id, "published", outcome)
    return outcome
