"""Synthetic incident histories with known duration distributions per cause (for the sample
history, the tests and the calibration benchmark). Not real data.

Durations follow a named distribution per cause, including heavy tails (lognormal, Pareto);
incidents arrive at random over a span, and any still open at the cut-off are censored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from amends.eta.history import PastCase, case_ref

Sampler = Callable[[np.random.Generator, int], np.ndarray]


@dataclass(frozen=True)
class CauseModel:
    """How long one cause's outages last (hours), in words and as a sampler, and how often."""

    cause: str
    law: str
    sample: Sampler
    share: float


def lognormal(median_h: float, sigma: float) -> Sampler:
    """Lognormal durations with the given median (hours) and log-scale spread."""
    return lambda rng, n: median_h * np.exp(sigma * rng.standard_normal(n))


def pareto(scale_h: float, alpha: float) -> Sampler:
    """Pareto (power-law tail) durations: at least `scale_h` hours, tail index `alpha`."""
    return lambda rng, n: scale_h * (1 + rng.pareto(alpha, n))


def weibull(scale_h: float, shape: float) -> Sampler:
    """Weibull durations with scale (hours) and shape."""
    return lambda rng, n: scale_h * rng.weibull(shape, n)


#: The known truth the benchmark checks against (shares sum to 1).
CAUSES: tuple[CauseModel, ...] = (
    CauseModel("fiber_cut", "lognormal(median 4 h, σ 0.6)", lognormal(4.0, 0.6), 0.22),
    CauseModel("power", "lognormal(median 2 h, σ 0.9)", lognormal(2.0, 0.9), 0.14),
    CauseModel("hardware", "Weibull(scale 3 h, shape 1.3)", weibull(3.0, 1.3), 0.14),
    CauseModel("natural_event", "Pareto(from 3 h, α 1.4)", pareto(3.0, 1.4), 0.08),
    CauseModel("software_change", "lognormal(median 1 h, σ 0.8)", lognormal(1.0, 0.8), 0.16),
    CauseModel("configuration", "lognormal(median 45 min, σ 1.1)", lognormal(0.75, 1.1), 0.12),
    CauseModel("capacity", "Pareto(from 0.5 h, α 1.8)", pareto(0.5, 1.8), 0.08),
    CauseModel("third_party", "lognormal(median 3 h, σ 1.3)", lognormal(3.0, 1.3), 0.04),
    CauseModel("unknown", "lognormal(median 2 h, σ 1.0)", lognormal(2.0, 1.0), 0.02),
)

REGIONS: tuple[str, ...] = ("CA", "TX", "FL", "NY", "IL", "WA", "AZ", "CO")
SERVICES: tuple[str, ...] = ("local", "long_distance", "international", "emergency", "sms")


def generate(
    n: int,
    *,
    start: datetime,
    end: datetime,
    cutoff: datetime | None = None,
    seed: int = 0,
    causes: tuple[CauseModel, ...] = CAUSES,
    prefix: str = "s",
    lost: float = 0.0,
    lost_mean_h: float = 4.0,
) -> tuple[list[PastCase], np.ndarray]:
    """`n` incidents starting uniformly in [start, end); open at `cutoff` → censored.

    `lost`: share of records whose restoration was never written down; each was last seen open
    at an independent exponential time (mean `lost_mean_h` hours) after its start, and is
    censored there (`open_as_of`) when that comes before the true restoration.

    Returns the cases (as the history would record them at `cutoff`) and the true durations
    in hours, in the same order.
    """
    rng = np.random.default_rng(seed)
    shares = np.asarray([c.share for c in causes])
    which = rng.choice(len(causes), size=n, p=shares / shares.sum())
    span = (end - start).total_seconds()
    offsets = np.sort(rng.random(n) * span)
    truth = np.empty(n)
    for i, model in enumerate(causes):
        idx = np.nonzero(which == i)[0]
        truth[idx] = np.maximum(model.sample(rng, idx.size), 1 / 60)
    cases = []
    for k in range(n):
        began = start + timedelta(seconds=round(float(offsets[k])))
        restored: datetime | None = began + timedelta(minutes=round(float(truth[k]) * 60))
        seen: datetime | None = None
        if rng.random() < lost:
            check = rng.exponential(lost_mean_h)
            if check < truth[k]:
                restored, seen = None, began + timedelta(minutes=round(check * 60))
        if cutoff is not None and restored is not None and restored > cutoff:
            restored = None
        if cutoff is not None and seen is not None:
            seen = min(seen, cutoff)
        nreg = 1 + int(rng.random() < 0.3)
        regions = tuple(rng.choice(REGIONS, size=nreg, replace=False).tolist())
        services = rng.choice(SERVICES, size=1 + int(rng.random() < 0.5), replace=False)
        cause = causes[int(which[k])].cause
        cases.append(
            PastCase(
                ref=f"{prefix}-{case_ref(cause, began, regions)[2:]}",
                cause_category=cause,
                started_at=began,
                restored_at=restored,
                regions=regions,
                services=tuple(services.tolist()),
                customers_affected=int(rng.lognormal(7, 1.5)),
                open_as_of=seen,
            )
        )
    return cases, truth
