"""The impact analysis end to end: engine pass, baseline, detection, windows, who was hit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from amends.impact.aggregate import Aggregates, aggregate
from amends.impact.baseline import SOURCES, Reference
from amends.impact.config import ImpactConfig
from amends.impact.detect import flag, segments
from amends.impact.model import (
    SUBSCRIBERS_SCHEMA,
    BaselineInfo,
    EventsSummary,
    ImpactReport,
    ImpactResult,
    ScopeEntry,
    Window,
)
from amends.impact.subscribers import affected, to_arrow
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


def analyse(events: ir.Table, config: ImpactConfig | None = None) -> ImpactResult:
    """Measure the outages in a canonical events table on any Ibis backend (one engine pass)."""
    config = config or ImpactConfig()
    return analyse_aggregates(aggregate(events, config.failures), config)


def analyse_aggregates(aggs: Aggregates, config: ImpactConfig | None = None) -> ImpactResult:
    """Detection and measurement on the small result of the engine pass (pure, in-process)."""
    config = config or ImpactConfig()
    series = aggs.series
    if series.empty:
        return _empty(config)
    grouping = series.groupby(["region", "service"], sort=True)
    rows = grouping.ngroup().to_numpy()  # pair index of each row, pairs in sorted order
    pairs = [(str(r), str(s)) for r, s in grouping.size().index]
    m0 = int(series["minute"].min())
    t = int(series["minute"].max()) - m0 + 1
    cols = series["minute"].to_numpy() - m0
    a = np.zeros((len(pairs), t))
    f = np.zeros((len(pairs), t))
    a[rows, cols] = series["attempts"].to_numpy()
    f[rows, cols] = series["failures"].to_numpy()

    region_codes = np.unique([r for r, _ in pairs], return_inverse=True)[1]
    flags = flag(a, f, config, region_codes)
    ref = flags.reference
    spans = merge(segments(a, f, flags, config), a, f, ref, pairs, config)

    windows: list[Window] = []
    sub_specs: list[tuple[str, int, int | None, set[tuple[str, str]]]] = []
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
        sub_specs.append(
            (
                wid,
                m0 + span.start,
                None if ongoing else m0 + span.end,
                {pairs[p] for p in span.pairs},
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
    subs = affected(aggs.failures, sub_specs)
    for w in windows:
        w.subscribers_affected = int(subs.loc[subs["window"] == w.id, "subscriber"].nunique())

    excluded = flags.failures | flags.silence
    usable_a = float((a * ~excluded).sum())
    overall = float((f * ~excluded).sum()) / usable_a if usable_a else 0.0
    counts = np.bincount(ref.source.ravel(), minlength=len(SOURCES))
    report = ImpactReport(
        windows=windows,
        events=EventsSummary(
            attempts=int(a.sum()),
            network_failures=int(f.sum()),
            start=minute_time(m0),
            end=minute_time(m0 + t),
            minutes=t,
            regions=sorted({r for r, _ in pairs}),
            services=sorted({s for _, s in pairs}),
            subscribers_with_failures=int(pc.count_distinct(aggs.failures["subscriber"]).as_py()),
        ),
        baseline=BaselineInfo(
            mode=config.baseline.value,
            sources={name: int(c) for name, c in zip(SOURCES, counts, strict=True)},
            comparable_half_width_minutes=config.comparable_half_width_minutes,
            volume_reference_minutes=config.volume_reference_minutes,
            rate_reference_minutes=config.rate_reference_minutes,
            overall_failure_rate=round(overall, 8),
            method=METHOD,
        ),
    )
    return ImpactResult(
        report=report, subscribers=to_arrow(subs), series=_chart_series(pairs, m0, a, f, ref)
    )


def _chart_series(
    pairs: list[tuple[str, str]], m0: int, a: np.ndarray, f: np.ndarray, ref: Reference
) -> pd.DataFrame:
    """The dense minute series of every pair, with its baseline, for the chart."""
    t = a.shape[1]
    minutes = pd.to_datetime((m0 + np.arange(t)) * 60, unit="s", utc=True)
    frames = []
    for p, (r, s) in enumerate(pairs):
        frames.append(
            pd.DataFrame(
                {
                    "region": r,
                    "service": s,
                    "time": minutes,
                    "attempts": a[p],
                    "failures": f[p],
                    "expected": ref.expected[p],
                    "baseline_rate": ref.rate[p],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _empty(config: ImpactConfig) -> ImpactResult:
    """The result for a table with no events."""
    report = ImpactReport(
        windows=[],
        events=EventsSummary(
            attempts=0,
            network_failures=0,
            start=None,
            end=None,
            minutes=0,
            regions=[],
            services=[],
            subscribers_with_failures=0,
        ),
        baseline=BaselineInfo(
            mode=config.baseline.value,
            sources={name: 0 for name in SOURCES},
            comparable_half_width_minutes=config.comparable_half_width_minutes,
            volume_reference_minutes=config.volume_reference_minutes,
            rate_reference_minutes=config.rate_reference_minutes,
            overall_failure_rate=0.0,
            method=METHOD,
        ),
    )
    subs = SUBSCRIBERS_SCHEMA.empty_table()
    return ImpactResult(report=report, subscribers=subs, series=pd.DataFrame())
