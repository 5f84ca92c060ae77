"""The impact analysis end to end: minute series, baseline, detection, windows, who was hit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from amends.impact.aggregate import Aggregates, minute_series, window_failures
from amends.impact.baseline import SOURCES
from amends.impact.config import ImpactConfig
from amends.impact.detect import flag, segments
from amends.impact.model import (
    BaselineInfo,
    EventsSummary,
    ImpactReport,
    ImpactResult,
    MinuteSeries,
    ScopeEntry,
    Window,
)
from amends.impact.subscribers import WindowScope, affected, counted
from amends.impact.windows import merge

if TYPE_CHECKING:
    import ibis.expr.types as ir

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
METHOD = (
    "Per (region, service) and minute: expected attempts are the mean over usable reference "
    "minutes and the baseline failure rate is the pooled reference rate shrunk toward the "
    "pair's overall rate; references are the same minutes a week or a day earlier (± half-width) "
    "where present, else the nearest unflagged minutes on both sides; flagged minutes are "
    "excluded and the "
    "baseline re-formed until stable. Windows of several widths are tested (binomial for "
    "failures, Poisson for silence) with minimum counts; flagged runs are cut by maximum "
    "log-likelihood ratio and merged across pairs that overlap in time."
)


def minute_time(minute: int) -> datetime:
    """The UTC datetime of a minute counted from the epoch."""
    return EPOCH + timedelta(minutes=int(minute))


@dataclass(frozen=True)
class Detection:
    """What the minute series shows: the windows (subscriber counts still to come), the scopes
    pass 2 reads, and the report's other parts."""

    windows: list[Window]
    scopes: list[WindowScope]
    events: EventsSummary
    baseline: BaselineInfo
    minutes: MinuteSeries | None

    def finish(self, rows: pa.Table) -> ImpactResult:
        """The result, given pass 2's rows (window, subscriber, region, failed_attempts, ...),
        ordered by window, subscriber and region."""
        subs, counts = counted(rows, self.scopes)
        windows = [
            w.model_copy(update={"subscribers_affected": counts.get(w.id, 0)}) for w in self.windows
        ]
        report = ImpactReport(windows=windows, events=self.events, baseline=self.baseline)
        return ImpactResult(report=report, subscribers=subs, minutes=self.minutes)


def analyse(
    events: ir.Table,
    config: ImpactConfig | None = None,
    *,
    step: Callable[[str], None] | None = None,
) -> ImpactResult:
    """Measure the outages in a canonical events table on any Ibis backend (two engine passes).

    Pass 1 (every event) gives the minute series; detection runs in-process; pass 2 reads only
    the failures inside the windows found. `step` hears each stage's name (for a progress display).
    """
    config = config or ImpactConfig()
    say = step or (lambda _: None)
    say("pass 1: attempts and failures per minute")
    found = detect(minute_series(events, config.failures), config)
    say(f"pass 2: who was hit in {len(found.scopes)} window(s)")
    return found.finish(window_failures(events, config.failures, found.scopes))


def analyse_aggregates(aggs: Aggregates, config: ImpactConfig | None = None) -> ImpactResult:
    """Detection and measurement on a series and subscriber failure minutes held in memory."""
    found = detect(aggs.series, config)
    return found.finish(affected(aggs.failures, found.scopes))


def detect(series: Any, config: ImpactConfig | None = None) -> Detection:
    """Baseline, tests and windows on the minute series (pure, in-process)."""
    config = config or ImpactConfig()
    dense = _dense(series)
    if dense is None:
        return _empty(config)
    pairs, m0, a, f = dense
    t = a.shape[1]

    region_codes = np.unique([r for r, _ in pairs], return_inverse=True)[1]
    flags = flag(a, f, config, region_codes)
    ref = flags.reference
    spans = merge(segments(a, f, flags, config), a, f, ref, pairs, config)

    windows: list[Window] = []
    scopes: list[WindowScope] = []
    for n, span in enumerate(spans, start=1):
        wid = f"w{n}"
        ongoing = span.end >= t
        scope = []
        for p in span.pairs:
            aa = a[p, span.start : span.end]
            ff = f[p, span.start : span.end]
            at, ft = int(aa.sum()), int(ff.sum())
            base = float((aa * ref.rate[p, span.start : span.end]).sum())
            scope.append(
                ScopeEntry(
                    region=pairs[p][0],
                    service=pairs[p][1],
                    attempts=at,
                    failures=ft,
                    failure_rate=ft / at if at else 0.0,
                    baseline_failure_rate=base / at if at else float(ref.rate[p, span.start]),
                    excess_failures=round(ft - base, 3),
                    expected_attempts=round(
                        float(np.nansum(ref.expected[p, span.start : span.end])), 3
                    ),
                    ner=1 - ft / at if at else None,
                )
            )
        scopes.append(
            WindowScope(
                id=wid,
                start=m0 + span.start,
                end=None if ongoing else m0 + span.end,
                pairs=frozenset(pairs[p] for p in span.pairs),
            )
        )
        windows.append(
            Window(
                id=wid,
                kind=span.kind,
                start=minute_time(m0 + span.start),
                end=None if ongoing else minute_time(m0 + span.end),
                duration_minutes=span.end - span.start,
                regions=sorted({pairs[p][0] for p in span.pairs}),
                services=sorted({pairs[p][1] for p in span.pairs}),
                scope=scope,
                subscribers_affected=0,
                failed_attempts=sum(s.failures for s in scope),
                missing_attempts=round(
                    max(sum(s.expected_attempts - s.attempts for s in scope), 0.0), 3
                )
                if span.kind == "silence"
                else 0.0,
            )
        )

    excluded = flags.failures | flags.silence
    usable_a = float((a * ~excluded).sum())
    overall = float((f * ~excluded).sum()) / usable_a if usable_a else 0.0
    counts = np.bincount(ref.source.ravel(), minlength=len(SOURCES))
    events = EventsSummary(
        attempts=int(a.sum()),
        network_failures=int(f.sum()),
        start=minute_time(m0),
        end=minute_time(m0 + t),
        minutes=t,
        regions=sorted({r for r, _ in pairs}),
        services=sorted({s for _, s in pairs}),
    )
    baseline = BaselineInfo(
        mode=config.baseline.value,
        sources={name: int(c) for name, c in zip(SOURCES, counts, strict=True)},
        comparable_half_width_minutes=config.comparable_half_width_minutes,
        volume_reference_minutes=config.volume_reference_minutes,
        rate_reference_minutes=config.rate_reference_minutes,
        overall_failure_rate=round(overall, 8),
        method=METHOD,
    )
    minutes = MinuteSeries(
        pairs=pairs,
        start_minute=m0,
        attempts=a,
        failures=f,
        expected=ref.expected,
        baseline_rate=ref.rate,
    )
    return Detection(windows, scopes, events, baseline, minutes)


def _codes(col: pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """Each row's rank among the column's distinct values in sorted order, and those values."""
    enc = pc.dictionary_encode(col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col)
    names = [str(v) for v in enc.dictionary.to_pylist()]
    order = sorted(range(len(names)), key=names.__getitem__)
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names))
    return rank[enc.indices.to_numpy(zero_copy_only=False)], [names[i] for i in order]


def _dense(
    series: Any,
) -> tuple[list[tuple[str, str]], int, np.ndarray, np.ndarray] | None:
    """Lay the series out as (pair, minute) arrays of attempts and failures (keys add up).

    Pairs are the (region, service) combinations present, sorted; columns run from the first
    to the last minute seen. None when there are no rows.
    """
    if not isinstance(series, pa.Table):  # a pandas frame (the Python API accepts either)
        series = pa.Table.from_pandas(series, preserve_index=False)
    valid = pc.and_(pc.is_valid(series["region"]), pc.is_valid(series["service"]))
    if pc.sum(pc.invert(valid)).as_py():
        series = series.filter(valid)
    if series.num_rows == 0:
        return None
    rc, regions = _codes(series["region"])
    sc, services = _codes(series["service"])
    ns = len(services)
    key = rc * ns + sc
    present = np.bincount(key, minlength=len(regions) * ns) > 0
    row = (np.cumsum(present) - 1)[key]
    pairs = [(regions[k // ns], services[k % ns]) for k in np.flatnonzero(present)]
    minute = series["minute"].to_numpy().astype(np.int64)
    m0 = int(minute.min())
    t = int(minute.max()) - m0 + 1
    idx = row * t + (minute - m0)
    size = len(pairs) * t
    out = []
    for name in ("attempts", "failures"):
        weights = series[name].to_numpy().astype(np.float64)
        out.append(np.bincount(idx, weights=weights, minlength=size).reshape(len(pairs), t))
    return pairs, m0, out[0], out[1]


def _empty(config: ImpactConfig) -> Detection:
    """What a table with no events shows: nothing, and no window for pass 2 to read."""
    events = EventsSummary(
        attempts=0,
        network_failures=0,
        start=None,
        end=None,
        minutes=0,
        regions=[],
        services=[],
    )
    baseline = BaselineInfo(
        mode=config.baseline.value,
        sources={name: 0 for name in SOURCES},
        comparable_half_width_minutes=config.comparable_half_width_minutes,
        volume_reference_minutes=config.volume_reference_minutes,
        rate_reference_minutes=config.rate_reference_minutes,
        overall_failure_rate=0.0,
        method=METHOD,
    )
    return Detection([], [], events, baseline, None)
