"""Per-minute expected volume and failure rate for each (region, service), from comparable minutes.

The reference is the same minutes a week or a day earlier (± a half-width) where the data has
them, else the nearest unflagged minutes on both sides (the hours around it, so the rise and fall
of the daily curve cancel). Flagged minutes never enter a reference, so an outage does not become
its own baseline.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from amends.impact.config import BaselineMode, ImpactConfig

#: Reference sources, by code (the `source` array holds these indices).
SOURCES: tuple[str, ...] = ("nearby-hours", "previous-day", "previous-week")
DAY_MINUTES = 1440
WEEK_MINUTES = 7 * DAY_MINUTES


@dataclass(frozen=True)
class Reference:
    """Arrays of shape (pairs, minutes): expected attempts, baseline failure rate, source code."""

    expected: np.ndarray
    rate: np.ndarray
    source: np.ndarray


def _nearby(
    xs: tuple[np.ndarray, ...], use: np.ndarray, k: int
) -> tuple[list[np.ndarray], np.ndarray]:
    """Sums of each x over the `k` usable minutes nearest each minute (half before, half after).

    Symmetric, so a steady rise or fall of the daily curve cancels out; at the edges of the data
    the missing half is taken from the other side. The minute itself is left out.
    """
    t = use.size
    pos = np.flatnonzero(use)
    n = pos.size
    if n == 0:
        return [np.zeros(t) for _ in xs], np.zeros(t)
    k = min(k, n)
    idx = np.arange(t)
    nb = np.searchsorted(pos, idx, side="left")  # usable minutes before t
    na = np.searchsorted(pos, idx, side="right")  # first usable minute after t
    lo = nb - k // 2
    hi = na + (k - k // 2)
    over = np.maximum(hi - n, 0)
    under = np.maximum(-lo, 0)
    lo = np.maximum(lo - over, 0)
    hi = np.minimum(hi + under, n)
    sums = []
    for x in xs:
        cx = np.concatenate([[0.0], np.cumsum(x[pos])])
        sums.append(cx[nb] - cx[lo] + cx[hi] - cx[na])
    return sums, ((nb - lo) + (hi - na)).astype(float)


def _comparable(
    xs: tuple[np.ndarray, ...], use: np.ndarray, lag: int, half: int
) -> tuple[list[np.ndarray], np.ndarray]:
    """Sums of each x over usable minutes in [t - lag - half, t - lag + half], and their count."""
    t = use.size
    idx = np.arange(t)
    lo = np.clip(idx - lag - half, 0, t)
    hi = np.clip(idx - lag + half + 1, 0, t)
    hi = np.maximum(hi, lo)
    u = use.astype(float)
    cu = np.concatenate([[0.0], np.cumsum(u)])
    sums = []
    for x in xs:
        cx = np.concatenate([[0.0], np.cumsum(x * u)])
        sums.append(cx[hi] - cx[lo])
    return sums, cu[hi] - cu[lo]


def reference(
    attempts: np.ndarray, failures: np.ndarray, excluded: np.ndarray, config: ImpactConfig
) -> Reference:
    """Expected attempts and baseline failure rate for every (pair, minute), excluding flagged."""
    pairs, t = attempts.shape
    expected = np.full((pairs, t), np.nan)
    rate = np.full((pairs, t), np.nan)
    source = np.zeros((pairs, t), dtype=np.int8)
    use_all = ~excluded
    total_a = float((attempts * use_all).sum())
    total_f = float((failures * use_all).sum())
    global_rate = max(total_f / total_a if total_a > 0 else 0.0, config.min_baseline_rate)
    m = config.prior_attempts
    half = config.comparable_half_width_minutes
    lags: list[tuple[int, int]] = []  # (source code, lag), best first
    if config.baseline in (BaselineMode.AUTO, BaselineMode.PREVIOUS_WEEK):
        lags.append((2, WEEK_MINUTES))
    if config.baseline in (BaselineMode.AUTO, BaselineMode.PREVIOUS_DAY):
        lags.append((1, DAY_MINUTES))
    for p in range(pairs):
        a, f, use = attempts[p], failures[p], use_all[p]
        pa_, pf = float((a * use).sum()), float((f * use).sum())
        prior = max((pf + m * global_rate) / (pa_ + m), config.min_baseline_rate)
        (va, _), vn = _nearby((a, f), use, config.volume_reference_minutes)
        (ra, rf), _ = _nearby((a, f), use, config.rate_reference_minutes)
        exp_p = np.divide(va, vn, out=np.full(t, np.nan), where=vn > 0)
        ref_a, ref_f = ra, rf
        src = np.zeros(t, dtype=np.int8)
        chosen = np.zeros(t, dtype=bool)
        for code, lag in lags:
            if lag >= t:
                continue
            (ca, cf), cn = _comparable((a, f), use, lag, half)
            ok = (cn >= half) & ~chosen
            exp_p = np.where(ok, ca / np.maximum(cn, 1), exp_p)
            ref_a = np.where(ok, ca, ref_a)
            ref_f = np.where(ok, cf, ref_f)
            src = np.where(ok, code, src).astype(np.int8)
            chosen |= ok
        expected[p] = exp_p
        rate[p] = np.maximum((ref_f + m * prior) / (ref_a + m), config.min_baseline_rate)
        source[p] = src
    return Reference(expected=expected, rate=rate, source=source)
