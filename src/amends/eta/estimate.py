"""Estimate when an ongoing incident will be over, from the provider's own past incidents.

Kaplan–Meier on the past durations (ongoing ones censored), conditioned on how long this incident
has lasted already; the selection of past cases falls back along the ladder of `groups.toml`
until there is enough evidence, and says which it used. Too little evidence: no number, a promise
of the next update instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa

from amends.errors import InputError
from amends.eta.groups import Ladder, default_ladder
from amends.eta.history import PastCase, table_to_cases
from amends.eta.km import Survival, conditional_quantile, events_after, kaplan_meier
from amends.eta.model import Estimate, LevelTry
from amends.eta.phrases import Phrases, phrases_for
from amends.eta.words import (
    elapsed_floor,
    round_time,
    said_hours,
    say_between,
    say_duration,
    say_elapsed,
    say_time,
)
from amends.incident.model import Incident


@dataclass(frozen=True)
class Scope:
    """What the ladder selects on: the incident's cause, and its regions (ids and names)."""

    cause: str
    regions: frozenset[str]
    region_names: tuple[str, ...]


@dataclass(frozen=True)
class Frame:
    """Past cases as arrays (built once, reused for every estimate over the same history)."""

    refs: np.ndarray  # str
    causes: np.ndarray  # str
    start: np.ndarray  # hours since the epoch
    restored: np.ndarray  # hours since the epoch; nan while open
    seen_open: np.ndarray  # open cases: last seen open (hours since the epoch); nan: now
    regions: tuple[frozenset[str], ...]  # lower case

    @classmethod
    def of(cls, cases: Sequence[PastCase]) -> Frame:
        """Arrays for `cases`."""

        def hours(t: datetime) -> float:
            return t.timestamp() / 3600

        return cls(
            refs=np.asarray([c.ref for c in cases], dtype=object),
            causes=np.asarray([c.cause_category for c in cases], dtype=object),
            start=np.asarray([hours(c.started_at) for c in cases], dtype=float),
            restored=np.asarray(
                [hours(c.restored_at) if c.restored_at else np.nan for c in cases], dtype=float
            ),
            seen_open=np.asarray(
                [hours(c.open_as_of) if c.open_as_of else np.nan for c in cases], dtype=float
            ),
            regions=tuple(frozenset(r.lower() for r in c.regions) for c in cases),
        )

    def durations(self, mask: np.ndarray, now: datetime) -> tuple[np.ndarray, np.ndarray]:
        """Hours each selected case lasted as known at `now` (later restorations unknown yet)."""
        t = now.timestamp() / 3600
        keep = mask & (self.start < t)
        start, restored = self.start[keep], self.restored[keep]
        known = restored <= t  # nan compares False: still open
        seen = np.fmin(self.seen_open[keep], t)  # fmin ignores nan: open with no date → now
        end = np.where(known, restored, seen)
        return np.maximum(end - start, 0.0), known


@dataclass(frozen=True)
class Selection:
    """One rung's cases (a mask) and what they are, so they can be named in any language."""

    kind: str
    name: str
    mask: np.ndarray
    cause: str
    group: str | None = None
    where: tuple[str, ...] = ()

    def words(self, ph: Phrases, ladder: Ladder) -> str:
        """The plural name of these cases: "fiber cuts in California", "physical failures"."""
        if self.kind == "cause_and_region":
            where = ph.region_join.join(self.where)
            return ph.in_regions.format(many=ph.cause(self.cause), where=where)
        if self.kind == "cause":
            return ph.cause(self.cause)
        if self.kind == "group" and self.group is not None:
            return ph.group(self.group, ladder.groups[self.group].words)
        if self.kind == "region":
            return ph.in_regions.format(many=ph.all, where=ph.region_join.join(self.where))
        return ph.all


Selector = Callable[[Scope, Frame, Ladder], Selection | None]


def _by_cause_and_region(scope: Scope, frame: Frame, ladder: Ladder) -> Selection | None:
    if not scope.regions:
        return None
    near = np.fromiter((bool(scope.regions & r) for r in frame.regions), bool, len(frame.regions))
    return Selection(
        "cause_and_region",
        f"{scope.cause} in {' and '.join(scope.region_names)}",
        (frame.causes == scope.cause) & near,
        scope.cause,
        where=scope.region_names,
    )


def _by_cause(scope: Scope, frame: Frame, ladder: Ladder) -> Selection:
    return Selection("cause", scope.cause, frame.causes == scope.cause, scope.cause)


def _by_group(scope: Scope, frame: Frame, ladder: Ladder) -> Selection | None:
    name = ladder.group_of(scope.cause)
    if name is None:
        return None
    mask = np.isin(frame.causes, ladder.groups[name].causes)
    return Selection("group", name, mask, scope.cause, group=name)


def _by_region(scope: Scope, frame: Frame, ladder: Ladder) -> Selection | None:
    if not scope.regions:
        return None
    near = np.fromiter((bool(scope.regions & r) for r in frame.regions), bool, len(frame.regions))
    name = f"all in {' and '.join(scope.region_names)}"
    return Selection("region", name, near, scope.cause, where=scope.region_names)


def _everything(scope: Scope, frame: Frame, ladder: Ladder) -> Selection:
    return Selection("all", "all", np.ones(len(frame.refs), dtype=bool), scope.cause)


#: Level kind → how it selects past cases (the order comes from the ladder's `fallback`).
SELECTORS: dict[str, Selector] = {
    "cause_and_region": _by_cause_and_region,
    "cause": _by_cause,
    "group": _by_group,
    "region": _by_region,
    "all": _everything,
}


@dataclass(frozen=True)
class Fit:
    """An estimate with the curve behind it (None when no rung had enough evidence)."""

    estimate: Estimate
    survival: Survival | None


def area_zone(incident: Incident) -> str:
    """The zone times are said in: the first affected region's, else the incident's."""
    for rid in incident.affected_regions or list(incident.regions):
        info = incident.regions.get(rid)
        if info is not None:
            return info.time_zone
    return incident.time_zone


def _scope(incident: Incident) -> Scope:
    ids = incident.affected_regions or list(incident.regions)
    keys = {r.lower() for r in ids}
    names = []
    for rid in ids:
        info = incident.regions.get(rid)
        name = info.name if info is not None else rid
        keys.add(name.lower())
        names.append(name)
    return Scope(incident.cause.category, frozenset(keys), tuple(dict.fromkeys(names)))


@dataclass
class _Context:
    """What every sentence needs: the incident, the times and the ladder."""

    incident: Incident
    now: datetime
    started: datetime
    elapsed: float
    zone: ZoneInfo
    ladder: Ladder


def _other_locales(incident: Incident, locale: str) -> list[str]:
    lang = locale.replace("-", "_").split("_")[0].lower()
    return [
        loc
        for loc in dict.fromkeys(incident.locales)
        if loc.replace("-", "_").split("_")[0].lower() != lang
    ]


def fit(
    incident: Incident,
    history: Sequence[PastCase] | pa.Table | Frame,
    now: datetime,
    *,
    ladder: Ladder | None = None,
    locale: str = "en",
) -> Fit:
    """The estimate for `incident` at `now`, and the survival curve it came from."""
    if now.tzinfo is None:
        raise InputError("the time to estimate at needs a zone offset, e.g. 2026-03-10T15:00-07:00")
    ladder = ladder or default_ladder()
    if isinstance(history, pa.Table):
        history = table_to_cases(history)
    frame = history if isinstance(history, Frame) else Frame.of(list(history))
    others = frame.refs != incident.id
    started = incident.started_at or incident.discovered_at
    ended = incident.ended_at
    if ended is not None and ended <= now:
        raise InputError(
            f"incident {incident.id} was restored at {ended.isoformat()}; there is nothing to "
            "estimate (remove restored_at or use a --now before it)"
        )
    if started > now:
        raise InputError(
            f"incident {incident.id} starts at {started.isoformat()}, after --now; check the times"
        )
    zone_name = area_zone(incident)
    ctx = _Context(
        incident, now, started, (now - started).total_seconds() / 3600, ZoneInfo(zone_name), ladder
    )
    scope = _scope(incident)
    tried: list[LevelTry] = []
    first: Selection | None = None
    seen: set[bytes] = set()
    for kind in ladder.fallback:
        sel = SELECTORS[kind](scope, frame, ladder)
        if sel is None:
            continue
        mask = sel.mask & others
        key = np.packbits(mask).tobytes()
        if key in seen:
            continue
        seen.add(key)
        first = first or sel
        d, e = frame.durations(mask, now)
        surv = kaplan_meier(d, e)
        evidence = events_after(surv, ctx.elapsed)
        attempt = LevelTry(kind=kind, name=sel.name, n_cases=len(d), n_restored_after=evidence)
        tried.append(attempt)
        if evidence < ladder.min_restored or conditional_quantile(surv, ctx.elapsed, 0.5) is None:
            continue
        attempt.used = True
        est = _numbers(ctx, sel, first, surv, d, e, tried, locale)
        return Fit(est, surv)
    return Fit(_too_thin(ctx, scope, tried, locale), None)


def estimate(
    incident: Incident,
    history: Sequence[PastCase] | pa.Table | Frame,
    now: datetime,
    *,
    ladder: Ladder | None = None,
    locale: str = "en",
) -> Estimate:
    """When the ongoing `incident` should be over, given past incidents, as of `now`."""
    return fit(incident, history, now, ladder=ladder, locale=locale).estimate


def _numbers(
    ctx: _Context,
    sel: Selection,
    first: Selection,
    surv: Survival,
    d: np.ndarray,
    e: np.ndarray,
    tried: list[LevelTry],
    locale: str,
) -> Estimate:
    elapsed, now, zone, ladder = ctx.elapsed, ctx.now, ctx.zone, ctx.ladder
    tail = (1 - ladder.level) / 2
    med = conditional_quantile(surv, elapsed, 0.5)
    low = conditional_quantile(surv, elapsed, tail)
    # The upper end as a prediction for one new incident, not a quantile of the past ones: with
    # m restorations to go on, P(new > j-th of m) = (m + 1 - j) / (m + 1), so ask for
    # (1 - tail)(m + 1) / m of the curve (none when that is beyond what m cases can show).
    m = events_after(surv, elapsed)
    upper = (1 - tail) * (m + 1) / m
    high = conditional_quantile(surv, elapsed, upper) if upper < 1 else None
    assert med is not None and low is not None  # low ≤ median, both exist when median does

    def at(hours: float) -> datetime:
        return ctx.started + timedelta(hours=hours)

    median_at = max(round_time(at(med), now, zone, "nearest"), now)
    low_at = min(max(round_time(at(low), now, zone, "nearest"), now), median_at)
    high_at = None
    if high is not None:
        high_at = max(round_time(at(high), now, zone, "nearest"), median_at)

    def said_in(loc: str) -> str:
        ph = phrases_for(loc)
        text = ph.said.format(time=say_time(median_at, now, zone, loc))
        if high_at is None:
            return text + ph.said_open
        between = say_between(low_at, high_at, now, zone, loc)
        return text + ph.said_interval.format(level=round(ladder.level * 100), between=between)

    def basis_in(loc: str) -> str:
        return _basis(ctx, sel, first, d, e, med, high, tried, loc)

    return Estimate(
        incident_id=ctx.incident.id,
        now=now,
        started_at=ctx.started,
        elapsed_hours=elapsed,
        time_zone=zone.key,
        enough=True,
        median_at=median_at,
        low_at=low_at,
        high_at=high_at,
        level=ladder.level,
        median_hours=med,
        low_hours=low,
        high_hours=high,
        group_used=sel.name,
        level_kind=sel.kind,
        n_cases=int(d.size),
        n_censored=int((~e).sum()),
        n_restored_after=m,
        min_restored=ladder.min_restored,
        tried=tried,
        said=said_in(locale),
        basis=basis_in(locale),
        locale=locale,
        translations={
            loc: {"said": said_in(loc), "basis": basis_in(loc)}
            for loc in _other_locales(ctx.incident, locale)
        },
    )


def _basis(
    ctx: _Context,
    sel: Selection,
    first: Selection,
    d: np.ndarray,
    e: np.ndarray,
    med: float,
    high: float | None,
    tried: list[LevelTry],
    locale: str,
) -> str:
    """'Of our 14 past fiber cuts, 7 were fixed within 3 hours and 13 within 6 hours', counted
    from the data at the durations as said (an open case counts only where its outcome is known).
    """
    ph = phrases_for(locale)
    floor = elapsed_floor(ctx.elapsed) if ctx.elapsed >= 0.25 else 0.0
    longer = d > floor

    def count(hours: float) -> tuple[int, int]:
        known = longer & (e | (d >= hours))
        return int((longer & e & (d <= hours)).sum()), int(known.sum())

    m_hours = said_hours(med)
    k_med, n = count(m_hours)
    parts = [ph.fixed_first.format(k=k_med, duration=say_duration(m_hours, locale=locale))]
    if high is not None and said_hours(high) > m_hours:
        k_high, n_high = count(said_hours(high))
        n = max(n, n_high)
        parts.append(ph.fixed_more.format(k=k_high, duration=say_duration(high, locale=locale)))
    many, fixed = sel.words(ph, ctx.ladder), ph.and_.join(parts)
    if floor > 0:
        elapsed = say_elapsed(floor, locale)
        sentence = ph.counts_lasted.format(n=n, many=many, elapsed=elapsed, fixed=fixed)
    else:
        sentence = ph.counts.format(n=n, many=many, fixed=fixed)
    if not tried[0].used:
        sentence = (
            ph.fallback.format(
                first=first.words(ph, ctx.ladder),
                count=tried[0].n_restored_after,
                many=sel.words(ph, ctx.ladder),
            )
            + sentence
        )
    return sentence


def _too_thin(ctx: _Context, scope: Scope, tried: list[LevelTry], locale: str) -> Estimate:
    """No number: say why, and commit to the next update time instead."""
    incident, now, zone, ladder = ctx.incident, ctx.now, ctx.zone, ctx.ladder
    next_at = incident.next_update_at
    if next_at is None or next_at <= now:
        next_at = round_time(
            now + timedelta(minutes=incident.update_interval_minutes), now, zone, "up"
        )
    most = max((t.n_restored_after for t in tried), default=0)

    def texts(loc: str) -> tuple[str, str]:
        ph = phrases_for(loc)
        when = say_time(next_at, now, zone, loc)
        many, need = ph.cause(scope.cause), ladder.min_restored
        if ctx.elapsed >= 0.25:
            elapsed = say_elapsed(ctx.elapsed, loc)
            why = ph.thin_long.format(many=many, elapsed=elapsed, count=most, need=need)
        else:
            why = ph.thin_short.format(many=many, count=most, need=need)
        return ph.no_estimate.format(when=when), ph.thin.format(why=why, when=when)

    said, basis = texts(locale)
    translations = {}
    for loc in _other_locales(incident, locale):
        s, b = texts(loc)
        translations[loc] = {"said": s, "basis": b}
    return Estimate(
        incident_id=incident.id,
        now=now,
        started_at=ctx.started,
        elapsed_hours=ctx.elapsed,
        time_zone=zone.key,
        enough=False,
        level=ladder.level,
        min_restored=ladder.min_restored,
        tried=tried,
        next_update_at=next_at,
        said=said,
        basis=basis,
        locale=locale,
        translations=translations,
        n_cases=tried[-1].n_cases if tried else 0,
        n_restored_after=most,
    )


def with_estimate(
    incident: Incident,
    history: Sequence[PastCase] | pa.Table | Frame,
    now: datetime,
    *,
    ladder: Ladder | None = None,
    locale: str | None = None,
) -> tuple[Incident, Estimate]:
    """The incident re-estimated at `now` (what every update should do), and the estimate.

    Sets `eta` (source "estimate"), the basis in the incident's other locales
    (`translations[loc]["eta.basis"]`), and, when there is no number and no update is promised
    yet, `next_update_at` (the time the basis promises).
    """
    est = estimate(
        incident, history, now, ladder=ladder, locale=locale or (incident.locales or ["en"])[0]
    )
    translations = {k: dict(v) for k, v in incident.translations.items()}
    for loc, texts in est.incident_translations().items():
        translations.setdefault(loc, {}).update(texts)
    update: dict[str, object] = {"eta": est.to_incident_eta(), "translations": translations}
    if not est.enough and (incident.next_update_at is None or incident.next_update_at <= now):
        update["next_update_at"] = est.next_update_at
    return incident.model_copy(update=update), est
