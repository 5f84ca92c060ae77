"""Judge one incident under a regime: which tests hold (figures beside thresholds), when each clock
started, what is due to whom and by when, what is done, what is overdue, and draft reports.

Pure: the incident, the impact facts, the regime and `now` in; a Pydantic `Assessment` out.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field, computed_field

from amends.impact.model import ImpactReport
from amends.incident import Incident
from amends.regulation.clocks import cadence_slots, deadline
from amends.regulation.facts import (
    ExtraFacts,
    OutageFacts,
    fmt_time,
    report_facts,
    window_facts,
)
from amends.regulation.regime import Condition, Obligation, Regime, Threshold

_OPS = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}

Verdict = Literal["yes", "no", "unknown"]


class ConditionResult(BaseModel):
    """A figure beside its threshold."""

    metric: str
    where: dict[str, str] | None = None
    figure: Any = Field(description="The measured value (None: a missing fact)")
    op: str
    threshold: Any
    holds: Verdict
    section: str


class TestResult(BaseModel):
    """One reportability test on one window."""

    id: str
    title: str
    section: str
    classification: str
    holds: Verdict
    conditions: list[ConditionResult]
    crossed_at: datetime | None = Field(None, description="When the test first held (measured)")
    review: str | None = None


class SlotResult(BaseModel):
    """One update due in a cadence."""

    due: datetime
    due_text: str
    sent: datetime | None
    state: Literal["met", "missed", "due", "late"]


class ClockResult(BaseModel):
    """One obligation: to whom, by when (UTC and local), done or not, overdue or not."""

    id: str
    title: str
    recipient: str
    to: str
    section: str
    anchor: str
    started_at: datetime
    due: datetime | None = None
    due_text: str
    done_at: datetime | None = None
    done_source: str | None = None
    state: Literal["done", "late", "overdue", "due", "owed"]
    slots: list[SlotResult] = Field(default_factory=list)
    report: str | None = None


class FieldResult(BaseModel):
    """One report field, filled or named missing."""

    name: str
    value: str | None
    section: str
    fact: str


class DraftReport(BaseModel):
    """A report drafted from facts only; `missing` lists every field nobody has supplied."""

    id: str
    title: str
    section: str
    regime: str
    window: str
    fields: list[FieldResult]
    missing: list[str]


class WindowResult(BaseModel):
    """A regime's verdict on one outage window."""

    window: str
    start: datetime
    end: datetime | None
    duration_minutes: int
    users: int
    users_source: str
    user_minutes: int
    reportable: Verdict
    classification: str | None
    tests: list[TestResult]
    reportable_at: datetime | None = None
    reportable_basis: str | None = None
    clocks: list[ClockResult] = Field(default_factory=list)
    drafts: list[DraftReport] = Field(default_factory=list)


class RegimeResult(BaseModel):
    """One regime's assessment of the incident."""

    id: str
    version: str
    title: str
    jurisdiction: str
    regulator: str
    instrument: str
    reportable: Verdict
    classification: str | None
    windows: list[WindowResult]
    facts_notes: dict[str, str]
    missing_facts: list[str]
    overdue: list[str]


class Assessment(BaseModel):
    """Every regime's assessment of one incident at `now`."""

    incident: str
    time_zone: str
    now: datetime
    discovered_at: datetime
    regimes: list[RegimeResult]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def major(self) -> bool | None:
        """True/False when any regime's classification says 'major outage' (None: undecided)."""
        verdicts = [
            w.reportable
            for r in self.regimes
            for w in r.windows
            if any(t.classification == "major outage" for t in w.tests)
        ]
        if "yes" in verdicts:
            return True
        return False if verdicts and all(v == "no" for v in verdicts) else None


def _holds(c: Condition, facts: OutageFacts, elapsed: int | None = None) -> tuple[Any, Verdict]:
    value = facts.metric(c.metric, elapsed=elapsed, where=c.where)
    if value is None:
        return None, "unknown"
    return value, "yes" if _OPS[c.op](value, c.value) else "no"


def _combine(verdicts: Sequence[Verdict]) -> Verdict:
    if "no" in verdicts:
        return "no"
    return "unknown" if "unknown" in verdicts else "yes"


def evaluate_test(test: Threshold, facts: OutageFacts) -> TestResult:
    """A test's verdict, its figures beside the thresholds, and when it first held."""
    conds = []
    for c in test.all:
        figure, verdict = _holds(c, facts)
        conds.append(
            ConditionResult(
                metric=c.metric,
                where=c.where,
                figure=figure,
                op=c.op,
                threshold=c.value,
                holds=verdict,
                section=c.section,
            )
        )
    holds = _combine([c.holds for c in conds])
    crossed = None
    if holds == "yes":
        for minute in range(0, facts.duration_minutes + 1):
            if all(_holds(c, facts, minute)[1] == "yes" for c in test.all):
                crossed = facts.start + timedelta(minutes=minute)
                break
    return TestResult(
        id=test.id,
        title=test.title,
        section=test.section,
        classification=test.classification,
        holds=holds,
        conditions=conds,
        crossed_at=crossed,
        review=test.review if holds == "yes" else None,
    )


def _done(
    ob: Obligation,
    regime: Regime,
    window: str,
    incident: Incident,
    extra: ExtraFacts,
) -> tuple[datetime | None, str | None]:
    """When an obligation was discharged: the facts file first, else the earliest of the record's
    `filings` and matching statements in its `history` (every recorded statement counts: it was
    published for this incident, whatever its time)."""
    for key in (f"{regime.regime.id}:{ob.id}:{window}", f"{regime.regime.id}:{ob.id}"):
        if key in extra.done:
            return extra.done[key], f"facts file ({key})"
    found = [(t, "incident filings") for t in _filed(ob, regime, window, incident)]
    found += _published(ob, incident)
    if not found:
        return None, None
    return min(found, key=lambda item: item[0])


def _filed(ob: Obligation, regime: Regime, window: str, incident: Incident) -> list[datetime]:
    """When the record's `filings` say this obligation was discharged for this window, earliest
    first (a filing without a window covers every window)."""
    return sorted(
        f.at.astimezone(UTC)
        for f in incident.filings
        if f.regime == regime.regime.id
        and f.obligation == ob.id
        and (f.window is None or f.window == window)
    )


def _matches(d: Any, channel: str, stage: str) -> bool:
    """True when a statement on `channel` at `stage` is what a `done_by` entry asks for."""
    return (d.channel is None or d.channel == channel) and (d.stage is None or d.stage == stage)


def _published(ob: Obligation, incident: Incident) -> list[tuple[datetime, str]]:
    """Statements in the record's `history` that discharge this obligation, earliest first."""
    return [
        (h.published_at.astimezone(UTC), f"published {h.stage} on {h.channel}")
        for h in sorted(incident.history, key=lambda h: h.published_at)
        if any(_matches(d, h.channel, h.stage) for d in ob.done_by)
    ]


def _clock(
    ob: Obligation,
    regime: Regime,
    facts: OutageFacts,
    incident: Incident,
    extra: ExtraFacts,
    anchors: dict[str, datetime],
    now: datetime,
) -> ClockResult:
    zone = incident.time_zone
    start = anchors[ob.anchor]
    base = {
        "id": ob.id,
        "title": ob.title,
        "recipient": ob.recipient,
        "to": ob.to,
        "section": ob.section,
        "anchor": ob.anchor,
        "started_at": start,
        "report": ob.report,
    }
    if ob.cadence is not None:
        sent = [t for t, _ in _published(ob, incident)]
        sent += _filed(ob, regime, facts.window.id, incident)
        slots = cadence_slots(start, ob.cadence, sent, end=facts.end, now=now)
        steps = ", then ".join(
            f"every {c.every.words()}" + (f" for the first {c.until.words()}" if c.until else "")
            for c in ob.cadence
        )
        pending = next((s for s in slots if s.state == "due"), None)
        past = [s for s in slots if s.state != "due"]
        state: Any
        if facts.end is not None:
            state = "late" if any(s.state in ("missed", "late") for s in past) else "done"
        else:
            state = "overdue" if past and past[-1].state == "missed" else "due"
        return ClockResult(
            **base,
            due=pending.due if pending else None,
            due_text=steps,
            state=state,
            slots=[
                SlotResult(
                    due=s.due, due_text=fmt_time(s.due, zone) or "", sent=s.sent, state=s.state
                )
                for s in slots
            ],
        )
    done_at, source = _done(ob, regime, facts.window.id, incident, extra)
    if ob.within is None:
        return ClockResult(
            **base,
            due_text=ob.due_text or "",
            done_at=done_at,
            done_source=source,
            state="done" if done_at else "owed",
        )
    due = deadline(start, ob.within, zone)
    if done_at is not None:
        state = "done" if done_at <= due else "late"
    else:
        state = "overdue" if now > due else "due"
    return ClockResult(
        **base,
        due=due,
        due_text=f"within {ob.within.words()}: {fmt_time(due, zone)}",
        done_at=done_at,
        done_source=source,
        state=state,
    )


def draft(
    report_id: str, regime: Regime, facts: OutageFacts, incident: Incident, extra: ExtraFacts
) -> DraftReport:
    """A report with every field filled from facts, or listed as missing."""
    spec = regime.report_by_id(report_id)
    values = report_facts(incident, facts, extra)
    fields = [
        FieldResult(name=f.name, value=values.get(f.fact), section=f.section, fact=f.fact)
        for f in spec.fields
    ]
    return DraftReport(
        id=spec.id,
        title=spec.title,
        section=spec.section,
        regime=regime.regime.id,
        window=facts.window.id,
        fields=fields,
        missing=[f.name for f in fields if f.value is None],
    )


def assess_regime(
    regime: Regime,
    incident: Incident,
    windows: Sequence[OutageFacts],
    *,
    now: datetime,
    extra: ExtraFacts | None = None,
) -> RegimeResult:
    """One regime's verdict on every window, with clocks and drafts for the reportable ones."""
    extra = extra or ExtraFacts()
    results: list[WindowResult] = []
    missing: set[str] = set()
    for facts in windows:
        tests = [evaluate_test(t, facts) for t in regime.test]
        verdicts = [t.holds for t in tests]
        reportable: Verdict = (
            "yes" if "yes" in verdicts else ("unknown" if "unknown" in verdicts else "no")
        )
        for t in tests:
            for c in t.conditions:
                if c.holds == "unknown":
                    missing.add(_missing_name(c, regime))
        passing = [t for t in tests if t.holds == "yes"]
        result = WindowResult(
            window=facts.window.id,
            start=facts.start,
            end=facts.end,
            duration_minutes=facts.duration_minutes,
            users=facts.users,
            users_source=facts.users_source,
            user_minutes=facts.user_minutes,
            reportable=reportable,
            classification=passing[0].classification if passing else None,
            tests=tests,
        )
        if passing:
            crossed = min(t.crossed_at or facts.start for t in passing)
            at = max(crossed, incident.discovered_at)
            basis = (
                f"discovered {fmt_time(incident.discovered_at, incident.time_zone)}; threshold "
                f"crossed {fmt_time(crossed, incident.time_zone)}; the clocks run from the later"
            )
            anchors = {"discovered": incident.discovered_at, "reportable": at, "onset": facts.start}
            held = {t.id for t in passing}
            clocks = [
                _clock(ob, regime, facts, incident, extra, anchors, now)
                for ob in regime.obligation
                if ob.tests is None or held & set(ob.tests)
            ]
            reports = list(dict.fromkeys(c.report for c in clocks if c.report))
            result.reportable_at = at
            result.reportable_basis = basis
            result.clocks = clocks
            result.drafts = [draft(r, regime, facts, incident, extra) for r in reports]
        results.append(result)
    overall: Verdict = (
        "yes"
        if any(w.reportable == "yes" for w in results)
        else ("unknown" if any(w.reportable == "unknown" for w in results) else "no")
    )
    classification = next((w.classification for w in results if w.classification), None)
    overdue = [
        f"{c.title} (window {w.window}): due {_overdue_since(c, incident.time_zone)}"
        for w in results
        for c in w.clocks
        if c.state == "overdue"
    ]
    return RegimeResult(
        id=regime.regime.id,
        version=regime.regime.version,
        title=regime.regime.title,
        jurisdiction=regime.regime.jurisdiction,
        regulator=regime.regime.regulator,
        instrument=regime.regime.instrument,
        reportable=overall,
        classification=classification,
        windows=results,
        facts_notes=regime.facts,
        missing_facts=sorted(missing),
        overdue=overdue,
    )


def _overdue_since(clock: ClockResult, zone: str) -> str:
    """When an overdue clock fell due (for a cadence: the update that was missed)."""
    missed = [s for s in clock.slots if s.state == "missed"]
    if missed:
        return f"{missed[-1].due_text} (an update was missed)"
    return fmt_time(clock.due, zone) or clock.due_text


def _missing_name(c: ConditionResult, regime: Regime) -> str:
    if c.where:
        keys = ", ".join(c.where)
        return (
            f"{c.metric} by region needs each region's {keys} (incident regions or --facts) "
            "and per-region counts"
        )
    if c.metric == "all_services_in_a_state":
        return (
            "all_services_in_a_state needs services_total for every affected region "
            "(incident regions or --facts) and per-region counts (subscribers.parquet)"
        )
    return c.metric


def assess(
    incident: Incident,
    report: ImpactReport | None,
    regimes: Sequence[Regime],
    *,
    now: datetime,
    region_users: dict[str, dict[str, int]] | None = None,
    extra: ExtraFacts | None = None,
) -> Assessment:
    """Assess the incident under every regime at `now` (aware); the windows come from the impact
    report, or from the incident record's own `windows` when `report` is None."""
    extra = extra or ExtraFacts()
    now = now.astimezone(UTC)
    measured = report.windows if report is not None else incident.windows
    windows = window_facts(incident, measured, now=now, region_users=region_users, extra=extra)
    return Assessment(
        incident=incident.id,
        time_zone=incident.time_zone,
        now=now,
        discovered_at=incident.discovered_at,
        regimes=[assess_regime(r, incident, windows, now=now, extra=extra) for r in regimes],
    )


class DueItem(BaseModel):
    """One open clock, flattened for a list of what is due next (admin view, `amends due`)."""

    incident: str = ""
    time_zone: str = "UTC"
    regime: str
    window: str
    obligation: str
    title: str
    to: str
    recipient: str
    due: datetime | None = Field(description="The deadline in UTC (None: no fixed deadline)")
    due_local: str | None = Field(None, description="The deadline in the incident's zone")
    due_text: str
    state: str
    section: str


def open_clocks(assessment: Assessment) -> list[DueItem]:
    """Every clock not yet done (overdue first, then by due time; no fixed deadline last)."""
    zone = ZoneInfo(assessment.time_zone)
    items = [
        DueItem(
            incident=assessment.incident,
            time_zone=assessment.time_zone,
            regime=r.id,
            window=w.window,
            obligation=c.id,
            title=c.title,
            to=c.to,
            recipient=c.recipient,
            due=c.due,
            due_local=f"{c.due.astimezone(zone):%Y-%m-%d %H:%M %Z}" if c.due else None,
            due_text=c.due_text,
            state=c.state,
            section=c.section,
        )
        for r in assessment.regimes
        for w in r.windows
        for c in w.clocks
        if c.state in ("overdue", "due", "owed")
    ]
    far = datetime.max.replace(tzinfo=assessment.now.tzinfo)
    return sorted(items, key=lambda i: (i.state != "overdue", i.due or far, i.regime, i.title))


def due_clocks(incident: Incident, regimes: Sequence[Regime], *, now: datetime) -> list[DueItem]:
    """The open regulatory clocks of one incident from its record alone (its own `windows`,
    `filings` and `history`): what the admin view and `amends due` list, overdue first."""
    return open_clocks(assess(incident, None, regimes, now=now))
