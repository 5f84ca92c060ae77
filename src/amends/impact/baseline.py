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


def _cum(x: np.ndarray) -> np.ndarray:
    """Running sums along each row, with a leading zero column (shape (pairs, minutes + 1))."""
    c = np.zeros((x.shape[0], x.shape[1] + 1))
    np.cumsum(x, axis=1, out=c[:, 1:])
    return c


def _nearby(
    xs: tuple[np.ndarray, ...], use: np.ndarray, ks: tuple[int, ...]
) -> list[tuple[list[np.ndarray], np.ndarray, np.ndarray]]:
    """For each k: sums of each x over the `k` usable minutes nearest each minute, their count,
    and their reach (how many minutes away the farthest of them lies).

    Half before, half after: symmetric, so a steady rise or fall of the daily curve cancels out;
    at the edges of the data the missing half is taken from the other side. The minute itself is
    left out. All pairs at once: `x` and `use` are (pairs, minutes); running sums of x over the
    usable minutes only (the others add exact zeros) give the sum of the first j usable minutes
    at the column after the j-th usable minute.
    """
    pairs, t = use.shape
    cu = np.zeros((pairs, t + 1), dtype=np.int64)
    np.cumsum(use, axis=1, out=cu[:, 1:])
    n = cu[:, -1:]  # usable minutes per pair
    nb = cu[:, :-1]  # usable minutes before each minute
    na = cu[:, 1:]  # ... up to and including it
    # where[base[p] + j]: flat column of row p holding the sum of its first j usable minutes.
    rows_u, cols_u = np.nonzero(use)
    base = np.zeros(pairs + 1, dtype=np.int64)
    np.cumsum(n[:, 0] + 1, out=base[1:])
    where = np.zeros(int(base[-1]), dtype=np.int64)
    row_start = (np.arange(pairs, dtype=np.int64) * (t + 1))[:, None]
    where[base[:-1]] = row_start[:, 0]
    rank = np.arange(rows_u.size) - (base[:-1] - np.arange(pairs))[rows_u]  # j - 1 within row
    where[base[rows_u] + rank + 1] = rows_u * (t + 1) + cols_u + 1
    cxs = [_cum(x * use) for x in xs]
    flat = [cx.ravel() for cx in cxs]
    minute = np.arange(t, dtype=np.int64)[None, :]
    out = []
    for k in ks:
        kk = np.minimum(k, n)
        lo = nb - kk // 2
        hi = na + (kk - kk // 2)
        over = np.maximum(hi - n, 0)
        under = np.maximum(-lo, 0)
        lo = np.maximum(lo - over, 0)
        hi = np.minimum(hi + under, n)
        at_lo = where[base[:-1, None] + lo]
        at_hi = where[base[:-1, None] + hi]
        sums = [
            cx[:, :-1] - f[at_lo] + f[at_hi] - cx[:, 1:] for cx, f in zip(cxs, flat, strict=True)
        ]
        # the first usable minute taken has rank lo + 1, the last rank hi (1-based)
        first = where[base[:-1, None] + np.minimum(lo + 1, n)] - row_start - 1
        last = at_hi - row_start - 1
        reach = np.maximum(minute - first, last - minute)
        out.append((sums, ((nb - lo) + (hi - na)).astype(float), reach))
    return out


def _comparable(
    xs: tuple[np.ndarray, ...], use: np.ndarray, lag: int, half: int
) -> tuple[list[np.ndarray], np.ndarray]:
    """Sums of each x over usable minutes in [t - lag - half, t - lag + half], and their count."""
    t = use.shape[1]
    idx = np.arange(t)
    lo = np.clip(idx - lag - half, 0, t)
    hi = np.clip(idx - lag + half + 1, 0, t)
    hi = np.maximum(hi, lo)
    u = use.astype(float)
    cu = _cum(u)
    sums = []
    for x in xs:
        cx = _cum(x * u)
        sums.append(cx[:, hi] - cx[:, lo])
    return sums, cu[:, hi] - cu[:, lo]


def reference(
    attempts: np.ndarray, failures: np.ndarray, excluded: np.ndarray, config: ImpactConfig
) -> Reference:
    """Expected attempts and baseline failure rate for every (pair, minute), excluding flagged."""
    pairs, t = attempts.shape
    use_all = ~excluded
    total_a = float((attempts * use_all).sum())
    total_f = float((failures * use_all).sum())
    global_rate = float(
        np.clip(
            total_f / total_a if total_a > 0 else 0.0,
            config.min_baseline_rate,
            config.max_baseline_rate,
        )
    )
    m = config.prior_attempts
    half = config.comparable_half_width_minutes
    lags: list[tuple[int, int]] = []  # (source code, lag), best first
    if config.baseline in (BaselineMode.AUTO, BaselineMode.PREVIOUS_WEEK):
        lags.append((2, WEEK_MINUTES))
    if config.baseline in (BaselineMode.AUTO, BaselineMode.PREVIOUS_DAY):
        lags.append((1, DAY_MINUTES))
    a, f, use = attempts, failures, use_all
    pa_ = (a * use).sum(axis=1, keepdims=True)
    pf = (f * use).sum(axis=1, keepdims=True)
    prior = np.clip(
        (pf + m * global_rate) / (pa_ + m), config.min_baseline_rate, config.max_baseline_rate
    )
    ((va, _), vn, reach), ((ra, rf), _, _) = _nearby(
        (a, f), use, (config.volume_reference_minutes, config.rate_reference_minutes)
    )
    # volume follows the time of day: minutes hours away say nothing about this one's volume
    near = (vn > 0) & (reach <= config.volume_reference_max_distance_minutes)
    exp_p = np.divide(va, vn, out=np.full((pairs, t), np.nan), where=near)
    ref_a, ref_f = ra, rf
    src = np.zeros((pairs, t), dtype=np.int8)
    chosen = np.zeros((pairs, t), dtype=bool)
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
    rate = np.clip(
        (ref_f + m * prior) / (ref_a + m), config.min_baseline_rate, config.max_baseline_rate
    )
    return Reference(expected=exp_p, rate=rate, source=src)
