"""The impact chart: failure rate and volume per affected region, baseline drawn, windows shaded."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pandas as pd

from amends.impact.model import ImpactResult

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Window shading by kind.
COLORS = {"failures": "#d62728", "silence": "#7f7f7f"}
MAX_REGIONS = 8
CONTEXT = timedelta(hours=3)


def _bins(span: pd.Timedelta) -> str:
    """A bin width giving a readable number of points for the time span shown."""
    hours = span.total_seconds() / 3600
    return "1min" if hours <= 6 else "5min" if hours <= 36 else "15min" if hours <= 24 * 8 else "1h"


def render(result: ImpactResult, tz: str | None = None) -> Figure:
    """A figure with one panel per affected region (or all traffic when there is no outage)."""
    from matplotlib.figure import Figure

    report = result.report
    series = result.series
    fig = Figure(figsize=(11, 4))
    if series.empty:
        ax = fig.add_subplot(1, 1, 1)
        ax.text(0.5, 0.5, "no events", ha="center", va="center")
        return fig
    windows = report.windows
    regions: list[str] = []
    for w in windows:
        regions += [r for r in w.regions if r not in regions]
    regions = regions[:MAX_REGIONS]
    t0, t1 = series["time"].min(), series["time"].max()
    if windows:
        lo = min(w.start for w in windows) - CONTEXT
        hi = max((w.end or t1.to_pydatetime()) for w in windows) + CONTEXT
        t0, t1 = max(t0, pd.Timestamp(lo)), min(t1, pd.Timestamp(hi))
    panels = regions or ["all regions"]
    fig.set_size_inches(11, 1.0 + 2.4 * len(panels))
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
    zone = tz or "UTC"
    freq = _bins(t1 - t0)
    for ax, region in zip(axes, panels, strict=True):
        rows = series if region == "all regions" else series[series["region"] == region]
        if windows and region != "all regions":
            scoped = {s.service for w in windows if region in w.regions for s in w.scope}
            rows = rows[rows["service"].isin(scoped)]
        rows = rows[(rows["time"] >= t0) & (rows["time"] <= t1)].copy()
        rows["base_f"] = rows["attempts"] * rows["baseline_rate"]
        g = rows.groupby(pd.Grouper(key="time", freq=freq))[
            ["attempts", "failures", "expected", "base_f"]
        ].sum(min_count=1)
        g.index = g.index.tz_convert(zone)
        rate = (g["failures"] / g["attempts"]).mul(100)
        base = (g["base_f"] / g["attempts"]).mul(100)
        vol = ax.twinx()
        vol.fill_between(g.index, g["attempts"], step="mid", color="#1f77b4", alpha=0.15, lw=0)
        vol.plot(g.index, g["expected"], color="#1f77b4", lw=0.8, ls=":", label="expected volume")
        vol.set_ylabel(f"attempts / {freq}", color="#1f77b4", fontsize=8)
        vol.set_ylim(bottom=0)
        vol.tick_params(labelsize=7, colors="#1f77b4")
        ax.plot(g.index, rate, color="#d62728", lw=1.2, label="failure rate")
        ax.plot(g.index, base, color="black", lw=0.9, ls="--", label="baseline")
        ax.set_ylabel("failure rate %", fontsize=8)
        ax.set_ylim(bottom=0)
        ax.tick_params(labelsize=7)
        ax.set_zorder(vol.get_zorder() + 1)
        ax.patch.set_visible(False)
        ax.set_title(region, loc="left", fontsize=9, fontweight="bold")
        for w in windows:
            if region != "all regions" and region not in w.regions:
                continue
            end = w.end or t1.to_pydatetime()
            ax.axvspan(
                pd.Timestamp(w.start).tz_convert(zone),
                pd.Timestamp(end).tz_convert(zone),
                color=COLORS[w.kind],
                alpha=0.12,
                lw=0,
            )
            ax.text(
                pd.Timestamp(w.start).tz_convert(zone),
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
