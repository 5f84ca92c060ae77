"""The survival-curve chart: the chance the outage is still on at each clock time, given how long
it has lasted, with the estimate and its interval marked (matplotlib, Agg)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np

from amends.eta.km import Survival
from amends.eta.model import Estimate

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def _plain(text: str | None) -> str:
    """Text as matplotlib should show it (a "$" would otherwise start mathtext)."""
    return (text or "").replace("$", r"\$")


def render(est: Estimate, surv: Survival | None) -> Figure:
    """A figure of P(still out at t | out now) against local clock time, interval shaded."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure

    zone = ZoneInfo(est.time_zone)
    fig = Figure(figsize=(8, 4.2), layout="constrained")
    ax = fig.add_subplot()
    now_local = est.now.astimezone(zone)
    if surv is None or not est.enough:
        ax.text(
            0.5,
            0.5,
            "Too little history to estimate.\n" + _plain(est.said),
            ha="center",
            va="center",
            transform=ax.transAxes,
            wrap=True,
        )
        ax.set_axis_off()
        fig.suptitle(f"Estimated restoration: {_plain(est.incident_id)}")
        return fig
    base = float(surv.at(est.elapsed_hours))
    later = surv.times > est.elapsed_hours
    times = np.concatenate([[est.elapsed_hours], surv.times[later]])
    probs = np.concatenate([[1.0], surv.survival[later] / base])
    horizon = max(
        float(times[-1]),
        est.high_hours or 0.0,
        (est.median_hours or 0.0) * 1.5,
        est.elapsed_hours + 1,
    )
    times = np.append(times, min(horizon, surv.max_time))
    probs = np.append(probs, probs[-1])

    def clock(hours: float) -> object:
        return (est.started_at + timedelta(hours=float(hours))).astimezone(zone)

    xs = [clock(h) for h in times]
    ax.step(xs, probs, where="post", color="#1f4e79", lw=2, label=_plain(est.group_used))
    if est.low_at is not None:
        right = est.high_at or clock(horizon)
        ax.axvspan(
            est.low_at.astimezone(zone),
            right.astimezone(zone),
            color="#f4b942",
            alpha=0.25,
            label=f"{round(est.level * 100)}% interval" + ("" if est.high_at else " (open-ended)"),
        )
    if est.median_at is not None:
        ax.axvline(
            est.median_at.astimezone(zone),
            color="#c0392b",
            lw=1.5,
            ls="--",
            label="estimate (median)",
        )
    ax.axvline(now_local, color="#555555", lw=1, ls=":", label="now")
    ax.axhline(0.5, color="#999999", lw=0.6)
    ax.set_ylim(0, 1.02)
    ax.set_ylabel("chance the outage is still on")
    ax.set_xlabel(f"local time ({est.time_zone})")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%a %H:%M", tz=zone))
    fig.autofmt_xdate()
    ax.legend(loc="upper right", fontsize=8)
    ax.set_title(
        f"{_plain(est.incident_id)}: {_plain(est.said)}\nfrom {est.n_cases} past incidents "
        f"({est.n_censored} still open), {est.n_restored_after} restored after lasting this long",
        fontsize=9,
    )
    return fig
