"""The impact chart: failure rate and volume per affected region, baseline drawn, windows shaded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np

from amends.impact.model import ImpactResult, MinuteSeries

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Window shading by kind.
COLORS = {"failures": "#d62728", "silence": "#7f7f7f"}
MAX_REGIONS = 8
CONTEXT = timedelta(hours=3)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _bins(minutes: int) -> int:
    """A bin width (minutes) giving a readable number of points for the time span shown."""
    hours = minutes / 60
    return 1 if hours <= 6 else 5 if hours <= 36 else 15 if hours <= 24 * 8 else 60


def _label(width: int) -> str:
    """The bin width as the volume axis names it, e.g. '5min' or '1h'."""
    return "1h" if width == 60 else f"{width}min"


def _minute(when: datetime) -> int:
    """Minutes since the epoch of a UTC datetime (window edges are whole minutes)."""
    return int((when - EPOCH).total_seconds() // 60)


def _binned(
    m: MinuteSeries, rows: list[int], lo: int, hi: int, width: int
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Bin start minutes and per-bin sums over pairs `rows`, minutes [lo, hi] (UTC-aligned bins).

    A bin whose values are all missing (the expected volume) stays missing, like pandas'
    sum(min_count=1).
    """
    cols = slice(lo - m.start_minute, hi - m.start_minute + 1)
    minute = np.arange(lo, hi + 1)
    first = lo // width * width
    b = (minute - first) // width
    n = int(b[-1]) + 1
    attempts = m.attempts[rows, cols]
    sums: dict[str, np.ndarray] = {}
    for name, x in (
        ("attempts", attempts),
        ("failures", m.failures[rows, cols]),
        ("expected", m.expected[rows, cols]),
        ("base_f", attempts * m.baseline_rate[rows, cols]),
    ):
        known = ~np.isnan(x)
        total = np.bincount(np.broadcast_to(b, x.shape)[known], weights=x[known], minlength=n)
        count = np.bincount(np.broadcast_to(b, x.shape)[known], minlength=n)
        sums[name] = np.where(count > 0, total, np.nan)
    return first + width * np.arange(n), sums


def warm_up() -> None:
    """Load matplotlib's renderers and fonts by drawing a tiny figure to PNG and SVG in memory.

    The CLI calls it in a thread while the engine scans, so the real chart starts warm.
    """
    import io

    import matplotlib.backends.backend_agg
    import matplotlib.backends.backend_svg  # noqa: F401
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1))
    ax = fig.add_subplot(1, 1, 1)
    ax.set_title("warm", loc="left", fontsize=9, fontweight="bold")
    ax.text(0.5, 0.5, "warm", fontsize=7)
    ax.set_xlabel("time", fontsize=8)
    for fmt in ("png", "svg"):
        fig.savefig(io.BytesIO(), format=fmt, dpi=110)


def render(result: ImpactResult, tz: str | None = None) -> Figure:
    """A figure with one panel per affected region (or all traffic when there is no outage)."""
    from matplotlib.figure import Figure

    report = result.report
    m = result.minutes
    fig = Figure(figsize=(11, 4))
    if m is None:
        ax = fig.add_subplot(1, 1, 1)
        ax.text(0.5, 0.5, "no events", ha="center", va="center")
        return fig
    windows = report.windows
    regions: list[str] = []
    for w in windows:
        regions += [r for r in w.regions if r not in regions]
    regions = regions[:MAX_REGIONS]
    t0, t1 = m.start_minute, m.start_minute + m.attempts.shape[1] - 1
    last = EPOCH + timedelta(minutes=t1)
    if windows:
        lo = min(w.start for w in windows) - CONTEXT
        hi = max((w.end or last) for w in windows) + CONTEXT
        t0, t1 = max(t0, _minute(lo)), min(t1, _minute(hi))
    panels = regions or ["all regions"]
    fig.set_size_inches(11, 1.0 + 2.4 * len(panels))
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
    zone = tz or "UTC"
    local = ZoneInfo(zone)
    width = _bins(t1 - t0)
    freq = _label(width)
    for ax, region in zip(axes, panels, strict=True):
        if region == "all regions":
            rows = list(range(len(m.pairs)))
        else:
            scoped = {s.service for w in windows if region in w.regions for s in w.scope}
            rows = [p for p, (r, s) in enumerate(m.pairs) if r == region and s in scoped]
        starts, g = _binned(m, rows, t0, t1, width)
        when = np.array([(EPOCH + timedelta(minutes=int(b))).astimezone(local) for b in starts])
        with np.errstate(divide="ignore", invalid="ignore"):
            rate = g["failures"] / g["attempts"] * 100
            base = g["base_f"] / g["attempts"] * 100
        vol = ax.twinx()
        vol.fill_between(when, g["attempts"], step="mid", color="#1f77b4", alpha=0.15, lw=0)
        vol.plot(when, g["expected"], color="#1f77b4", lw=0.8, ls=":", label="expected volume")
        vol.set_ylabel(f"attempts / {freq}", color="#1f77b4", fontsize=8)
        vol.set_ylim(bottom=0)
        vol.tick_params(labelsize=7, colors="#1f77b4")
        ax.plot(when, rate, color="#d62728", lw=1.2, label="failure rate")
        ax.plot(when, base, color="black", lw=0.9, ls="--", label="baseline")
        ax.set_ylabel("failure rate %", fontsize=8)
        ax.set_ylim(bottom=0)
        ax.tick_params(labelsize=7)
        ax.set_zorder(vol.get_zorder() + 1)
        ax.patch.set_visible(False)
        ax.set_title(region, loc="left", fontsize=9, fontweight="bold", y=1.0)
        for w in windows:
            if region != "all regions" and region not in w.regions:
                continue
            end = w.end or last
            ax.axvspan(
                w.start.astimezone(local),
                end.astimezone(local),
                color=COLORS[w.kind],
                alpha=0.12,
                lw=0,
            )
            ax.text(
                w.start.astimezone(local),
                0.97,
                f" {w.id} {w.kind}{'' if w.end else ' (ongoing)'}",
                transform=ax.get_xaxis_transform(),
                va="top",
                fontsize=7,
                color=COLORS[w.kind],
            )
    axes[0].legend(loc="upper right", fontsize=7)
    axes[-1].set_xlabel(f"time ({zone})", fontsize=8)
    found = f"{len(windows)} outage window{'s' if len(windows) != 1 else ''}"
    fig.suptitle(f"Network failures and call volume: {found}", fontsize=10, x=0.01, ha="left")
    fig.autofmt_xdate()
    height = 1.0 + 2.4 * len(panels)  # fixed margins: tight_layout would draw the figure twice
    fig.subplots_adjust(left=0.07, right=0.92, top=1 - 0.55 / height, bottom=0.9 / height)
    return fig
