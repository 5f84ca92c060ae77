"""Merge per-(region, service) segments that overlap in time into outage windows.

Segments of one kind that overlap (within the gap tolerance) form one window; its edges are
re-cut jointly on the summed log-likelihood ratios of its pairs, and the other pairs among its
regions × services (silence: every service of its regions) join its scope when they too show
excess failures (or collapsed volume) at a looser significance level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from amends.impact.baseline import Reference
from amends.impact.config import ImpactConfig
from amends.impact.detect import (
    Kind,
    Segment,
    binom_sf,
    failure_level,
    failure_llr,
    max_segment,
    poisson_cdf,
    silence_level,
    silence_llr,
)


@dataclass(frozen=True)
class Span:
    """A window as minute indices [start, end) and the pair indices in its scope."""

    kind: Kind
    start: int
    end: int
    pairs: tuple[int, ...]


def _cluster(segs: list[Segment], gap: int) -> list[list[Segment]]:
    """Groups of segments whose time ranges overlap or nearly touch."""
    groups: list[list[Segment]] = []
    end = -(10**18)
    for seg in sorted(segs, key=lambda s: (s.start, s.end)):
        if groups and seg.start <= end + gap:
            groups[-1].append(seg)
            end = max(end, seg.end)
        else:
            groups.append([seg])
            end = seg.end
    return groups


def _score(
    kind: Kind, p: int, lo: int, hi: int, level: float, a: np.ndarray, f: np.ndarray, ref: Reference
) -> np.ndarray:
    if kind == "failures":
        return failure_llr(a[p, lo:hi], f[p, lo:hi], ref.rate[p, lo:hi], level)
    return silence_llr(a[p, lo:hi], ref.expected[p, lo:hi], level)


def _anomalous(
    kind: Kind,
    ps: list[int],
    s: int,
    e: int,
    a: np.ndarray,
    f: np.ndarray,
    ref: Reference,
    config: ImpactConfig,
) -> bool:
    """Do pairs `ps`, pooled, show the window's anomaly over [s, e) at the looser scope level?"""
    aa, ff = a[ps, s:e], f[ps, s:e]
    at, ft = float(aa.sum()), float(ff.sum())
    if kind == "failures":
        if at <= 0:
            return False
        p0 = float((aa * ref.rate[ps, s:e]).sum()) / at
        if ft < at * p0 * config.min_rate_ratio or ft < at * (p0 + config.min_excess_rate):
            return False
        return bool(binom_sf(np.float64(ft), np.float64(at), np.float64(p0)) < config.scope_alpha)
    e_sum = float(np.nansum(ref.expected[ps, s:e]))
    if e_sum <= 0 or at > config.collapse_ratio * e_sum:
        return False
    return bool(poisson_cdf(np.float64(at), np.float64(e_sum)) < config.scope_alpha)


def complete_scope(
    kind: Kind,
    scope: set[int],
    s: int,
    e: int,
    a: np.ndarray,
    f: np.ndarray,
    ref: Reference,
    pairs: list[tuple[str, str]],
    config: ImpactConfig,
) -> set[int]:
    """Add the pairs that share the window's anomaly but were too quiet to be flagged alone.

    A pair among the scope's regions × services (silence: any service of its regions) joins on
    its own test, or when the window's level explains its minutes better than its baseline does
    (log-likelihood ratio above `scope_min_llr`: one failure in two calls is enough); then a
    whole service across the scope's regions, or a whole region across its services, joins on
    the pooled test (e.g. emergency calls, too few per region to test alone).
    """
    scope = set(scope)
    regions = {pairs[p][0] for p in scope}
    services = {pairs[p][1] for p in scope}
    members = sorted(scope)
    if kind == "failures":
        level = failure_level(a[members, s:e], f[members, s:e], ref.rate[members, s:e])
    else:
        level = silence_level(a[members, s:e], ref.expected[members, s:e])
    for q, (r, sv) in enumerate(pairs):
        if q in scope or r not in regions or (kind == "failures" and sv not in services):
            continue
        fits = False
        if level is not None:  # better explained by the window's level than by the baseline?
            fits = float(_score(kind, q, s, e, level, a, f, ref).sum()) > config.scope_min_llr
        if fits or _anomalous(kind, [q], s, e, a, f, ref, config):
            scope.add(q)

    def live(q: int) -> bool:
        if kind == "failures":
            return bool(a[q, s:e].sum() > 0)
        return bool(np.nansum(ref.expected[q, s:e]) > 0)

    for sv in sorted({p[1] for p in pairs} - services):
        group = [q for q, (r, x) in enumerate(pairs) if x == sv and r in regions and live(q)]
        if group and _anomalous(kind, group, s, e, a, f, ref, config):
            scope.update(group)
    for r in sorted({p[0] for p in pairs} - regions):
        group = [q for q, (x, sv) in enumerate(pairs) if x == r and sv in services and live(q)]
        if group and _anomalous(kind, group, s, e, a, f, ref, config):
            scope.update(group)
    return scope


def merge(
    segs: list[Segment],
    attempts: np.ndarray,
    failures: np.ndarray,
    ref: Reference,
    pairs: list[tuple[str, str]],
    config: ImpactConfig,
) -> list[Span]:
    """Windows from segments: joint edges, completed scope, sorted by start."""
    t = attempts.shape[1]
    margin = config.gap_tolerance_minutes
    spans: list[Span] = []
    for kind in ("failures", "silence"):
        for group in _cluster([s for s in segs if s.kind == kind], config.gap_tolerance_minutes):
            lo = max(min(s.start for s in group) - margin, 0)
            hi = min(max(s.end for s in group) + margin, t)
            levels: dict[int, float] = {}
            for s in sorted(group, key=lambda s: s.end - s.start):  # longest segment's level wins
                levels[s.pair] = s.level
            score = np.zeros(hi - lo)
            for p, level in levels.items():
                score += _score(kind, p, lo, hi, level, attempts, failures, ref)  # type: ignore[arg-type]
            i, j, gain = max_segment(score)
            if gain <= 0 or j - i < config.min_duration_minutes:
                continue
            start, end = lo + i, lo + j
            scope = complete_scope(
                kind, set(levels), start, end, attempts, failures, ref, pairs, config
            )  # type: ignore[arg-type]
            spans.append(Span(kind, start, end, tuple(sorted(scope))))  # type: ignore[arg-type]
    spans.sort(key=lambda s: (s.start, s.kind, s.pairs))
    return spans
