"""Kaplan–Meier survival curves with right censoring, in numpy, and conditional quantiles.

Ongoing past incidents are censored observations: they lasted *at least* their duration so far.
`Survival` is the step function S(t) = P(duration > t); `conditional_quantile` answers "given it
has lasted `elapsed` already, by when is it over with probability q?".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray


@dataclass(frozen=True)
class Survival:
    """A Kaplan–Meier estimate: S just after each distinct event time, with the risk sets."""

    times: NDArray[np.float64]  # distinct event (restoration) times, ascending
    survival: NDArray[np.float64]  # S(t) for t in [times[i], times[i+1])
    at_risk: NDArray[np.int64]  # cases still open just before times[i]
    events: NDArray[np.int64]  # restorations at times[i]
    n: int  # all cases
    n_censored: int  # cases never seen restored (still open or open when last seen)
    max_time: float  # longest duration seen (event or censored); S is unknown beyond it

    def at(self, t: ArrayLike) -> NDArray[np.float64]:
        """S(t) = P(duration > t) as a right-continuous step function (1 before the first event)."""
        t = np.asarray(t, dtype=float)
        if self.times.size == 0:  # no restoration seen: nothing has ended yet
            out = np.ones_like(t)
            return out if out.ndim else out[()]
        idx = np.searchsorted(self.times, t, side="right") - 1
        out = np.where(idx >= 0, self.survival[np.clip(idx, 0, None)], 1.0)
        return out if out.ndim else out[()]


def kaplan_meier(durations: ArrayLike, observed: ArrayLike) -> Survival:
    """Fit the product-limit estimator; `observed` is False for censored (still open) cases.

    At a tie between a restoration and a censoring, the censored case counts as still at risk
    (the usual convention, as in lifelines).
    """
    d = np.asarray(durations, dtype=float)
    e = np.asarray(observed, dtype=bool)
    if d.shape != e.shape or d.ndim != 1:
        raise ValueError("durations and observed must be 1-D arrays of the same length")
    if d.size and (np.any(~np.isfinite(d)) or np.any(d < 0)):
        raise ValueError("durations must be finite and non-negative")
    times = np.unique(d[e])
    # cases with duration >= t are at risk at t; restorations counted per distinct time
    sorted_d = np.sort(d)
    at_risk = d.size - np.searchsorted(sorted_d, times, side="left")
    events = np.searchsorted(np.sort(d[e]), times, side="right") - np.searchsorted(
        np.sort(d[e]), times, side="left"
    )
    factors = 1.0 - events / np.maximum(at_risk, 1)
    survival = np.cumprod(factors) if times.size else np.empty(0)
    return Survival(
        times=times,
        survival=survival,
        at_risk=at_risk.astype(np.int64),
        events=events.astype(np.int64),
        n=int(d.size),
        n_censored=int((~e).sum()),
        max_time=float(d.max()) if d.size else 0.0,
    )


def conditional_quantile(surv: Survival, elapsed: float, q: float) -> float | None:
    """Smallest total duration t ≥ elapsed with P(T ≤ t | T > elapsed) ≥ q; None if unknown.

    None means the curve never falls that far (too many cases still open, or none outlasted
    `elapsed`): the data cannot say, so no number is invented.
    """
    if not 0 < q < 1:
        raise ValueError("q must be between 0 and 1")
    base = float(surv.at(elapsed))
    if base <= 0:
        return None
    later = surv.times > elapsed
    cond = surv.survival[later] / base
    hit = np.nonzero(cond <= 1 - q + 1e-12)[0]
    if hit.size == 0:
        return None
    return float(surv.times[later][hit[0]])


def events_after(surv: Survival, elapsed: float) -> int:
    """Restorations seen after `elapsed`: how much evidence the conditional estimate rests on."""
    return int(surv.events[surv.times > elapsed].sum())
