"""Flag minutes whose failures are significantly above baseline, or whose volume collapsed.

Sliding windows of several widths are tested (binomial for failures, Poisson for silence, with
minimum counts so quiet hours cannot alarm); flagged runs are then cut to the segment that best
fits an elevated rate (the maximum-sum run of per-minute log-likelihood ratios).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import special

from amends.impact.baseline import Reference, reference
from amends.impact.config import ImpactConfig

Kind = Literal["failures", "silence"]


@dataclass(frozen=True)
class Flags:
    """Per (pair, minute) booleans: inside a significant failure / silence test window."""

    failures: np.ndarray
    silence: np.ndarray
    reference: Reference


@dataclass(frozen=True)
class Segment:
    """One (region, service)'s run of abnormal minutes [start, end) as minute indices."""

    pair: int
    kind: Kind
    start: int
    end: int
    level: float  # failures: the elevated failure rate; silence: the fraction of volume left


def _cum(x: np.ndarray) -> np.ndarray:
    """Running sums along the minutes of every pair, with a leading zero column."""
    c = np.zeros((x.shape[0], x.shape[1] + 1))
    np.cumsum(x, axis=1, out=c[:, 1:])
    return c


def _mark(sig: np.ndarray, w: int, t: int) -> np.ndarray:
    """Minutes covered by any significant window of width w (one row per pair)."""
    d = np.zeros((sig.shape[0], t + 1))
    rows, starts = np.nonzero(sig)
    d[rows, starts] += 1  # each (pair, start) once, so no repeated index
    d[rows, starts + w] -= 1
    return np.cumsum(d[:, :-1], axis=1) > 0


def binom_sf(k: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """P(X >= k) for X ~ Binomial(n, p), 1 <= k <= n (the regularised incomplete beta)."""
    return special.betainc(k, n - k + 1, p)


def poisson_cdf(k: np.ndarray, lam: np.ndarray) -> np.ndarray:
    """P(X <= k) for X ~ Poisson(lam) (the regularised upper incomplete gamma)."""
    return special.gammaincc(k + 1, lam)


def failure_test(
    a: np.ndarray, f: np.ndarray, expected_f: np.ndarray, config: ImpactConfig, alpha: float
) -> np.ndarray:
    """Is each window's failure count significantly and materially above its expected count?"""
    with np.errstate(divide="ignore", invalid="ignore"):
        p0 = np.where(a > 0, expected_f / np.maximum(a, 1e-12), 0.0)
    pre = (
        (f >= config.min_failures)
        & (f >= a * p0 * config.min_rate_ratio)
        & (f >= a * (p0 + config.min_excess_rate))
        & (a > 0)
    )
    out = np.zeros(a.shape, dtype=bool)
    idx = np.nonzero(pre)
    if idx[0].size:
        pv = binom_sf(f[idx], a[idx], np.clip(p0[idx], 1e-12, 1 - 1e-12))
        out[idx] = pv < alpha
    return out


def silence_test(
    a: np.ndarray, expected: np.ndarray, config: ImpactConfig, alpha: float
) -> np.ndarray:
    """Is each window's volume collapsed far below a confidently large expected volume?"""
    e = np.nan_to_num(expected, nan=0.0)
    pre = (e >= config.min_expected_attempts) & (a <= config.collapse_ratio * e)
    out = np.zeros(a.shape, dtype=bool)
    idx = np.nonzero(pre)
    if idx[0].size:
        out[idx] = poisson_cdf(a[idx], e[idx]) < alpha
    return out


def _flag_once(
    attempts: np.ndarray, failures: np.ndarray, ref: Reference, config: ImpactConfig
) -> tuple[np.ndarray, np.ndarray]:
    """One round of tests at every width, all pairs at once (running sums taken once)."""
    pairs, t = attempts.shape
    fail = np.zeros((pairs, t), dtype=bool)
    sil = np.zeros((pairs, t), dtype=bool)
    ca, cf = _cum(attempts), _cum(failures)
    cef = _cum(attempts * ref.rate)
    ce = _cum(np.nan_to_num(ref.expected, nan=0.0))
    cnan = _cum(np.isnan(ref.expected).astype(float))
    for w in config.test_widths_minutes:
        if w > t:
            continue
        aw, fw = ca[:, w:] - ca[:, :-w], cf[:, w:] - cf[:, :-w]
        sig_f = failure_test(aw, fw, cef[:, w:] - cef[:, :-w], config, config.alpha)
        ew = ce[:, w:] - ce[:, :-w]
        ew[(cnan[:, w:] - cnan[:, :-w]) > 0] = np.nan
        sig_s = silence_test(aw, ew, config, config.alpha)
        if sig_f.any():
            fail |= _mark(sig_f, w, t)
        if sig_s.any():
            sil |= _mark(sig_s, w, t)
    return fail, sil


def flag(
    attempts: np.ndarray,
    failures: np.ndarray,
    config: ImpactConfig,
    regions: np.ndarray | None = None,
) -> Flags:
    """Flag minutes, re-forming the baseline without flagged minutes until nothing changes.

    `regions` (a region code per pair) makes a silence flagged anywhere in a region leave every
    pair of that region's reference too: calls that vanish in one service vanish in all.
    """
    excluded = np.zeros(attempts.shape, dtype=bool)
    ref = reference(attempts, failures, excluded, config)
    fail, sil = _flag_once(attempts, failures, ref, config)
    for _ in range(config.max_iterations - 1):
        new_excluded = fail | sil
        if regions is not None and sil.any():
            for r in np.unique(regions):
                rows = regions == r
                new_excluded[rows] |= sil[rows].any(axis=0)
        if np.array_equal(new_excluded, excluded):
            break
        excluded = new_excluded
        ref = reference(attempts, failures, excluded, config)
        fail, sil = _flag_once(attempts, failures, ref, config)
    return Flags(failures=fail, silence=sil, reference=ref)


def runs(mask: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Runs [start, end) of True, joining runs separated by at most `gap` False minutes."""
    idx = np.flatnonzero(mask)
    if idx.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(idx) > gap + 1)
    starts = np.concatenate([[idx[0]], idx[breaks + 1]])
    ends = np.concatenate([idx[breaks], [idx[-1]]]) + 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def max_segment(score: np.ndarray) -> tuple[int, int, float]:
    """The contiguous [i, j) with the largest sum of `score` (Kadane), and that sum."""
    s = np.concatenate([[0.0], np.cumsum(score)])
    prefmin = np.minimum.accumulate(s[:-1])
    gain = s[1:] - prefmin
    j = int(np.argmax(gain))
    i = int(np.argmin(s[: j + 1]))
    return i, j + 1, float(gain[j])


def failure_llr(a: np.ndarray, f: np.ndarray, p0: np.ndarray, p1: float) -> np.ndarray:
    """Per-minute log-likelihood ratio of failure rate p1 against the baseline p0."""
    p0 = np.clip(p0, 1e-12, 1 - 1e-12)
    return f * np.log(p1 / p0) + (a - f) * np.log((1 - p1) / (1 - p0))


def silence_llr(a: np.ndarray, expected: np.ndarray, r: float) -> np.ndarray:
    """Per-minute log-likelihood ratio of volume r × expected against the expected volume."""
    e = np.nan_to_num(expected, nan=0.0)
    return a * np.log(r) + (1 - r) * e


def failure_level(a: np.ndarray, f: np.ndarray, p0: np.ndarray) -> float | None:
    """The elevated failure rate of a run, or None when it is not above its baseline."""
    at = float(a.sum())
    if at <= 0:
        return None
    p1 = float(f.sum()) / at
    base = float((a * p0).sum()) / at
    if p1 <= base:
        return None
    return min(p1, 0.999)


def silence_level(a: np.ndarray, expected: np.ndarray) -> float | None:
    """The fraction of expected volume left in a run, or None when nothing collapsed."""
    e = float(np.nansum(expected))
    if e <= 0:
        return None
    r = float(a.sum()) / e
    if r >= 1:
        return None
    return float(np.clip(r, 1e-3, 0.95))


def segments(
    attempts: np.ndarray, failures: np.ndarray, flags: Flags, config: ImpactConfig
) -> list[Segment]:
    """Each pair's flagged runs, joined across short gaps and cut to their best-fitting segment."""
    out: list[Segment] = []
    _, t = attempts.shape
    ref = flags.reference
    margin = config.gap_tolerance_minutes
    for kind, mask in (("failures", flags.failures), ("silence", flags.silence)):
        for p in range(attempts.shape[0]):
            for s, e in runs(mask[p], config.gap_tolerance_minutes):
                lo, hi = max(s - margin, 0), min(e + margin, t)
                a, f = attempts[p, s:e], failures[p, s:e]
                if kind == "failures":
                    level = failure_level(a, f, ref.rate[p, s:e])
                    if level is None:
                        continue
                    score = failure_llr(
                        attempts[p, lo:hi], failures[p, lo:hi], ref.rate[p, lo:hi], level
                    )
                else:
                    level = silence_level(a, ref.expected[p, s:e])
                    if level is None:
                        continue
                    score = silence_llr(attempts[p, lo:hi], ref.expected[p, lo:hi], level)
                i, j, gain = max_segment(score)
                if gain <= 0 or j - i < config.min_duration_minutes:
                    continue
                out.append(Segment(p, kind, lo + i, lo + j, level))  # type: ignore[arg-type]
    return out
