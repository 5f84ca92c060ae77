"""The clocks chart: each reportable outage, and every clock it started, on one time line.

One row per obligation: a bar from the clock's start to its deadline, coloured by state, a tick
where it was done, and the current time drawn; deadlines beyond the horizon are named at the edge.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from amends.regulation.assessment import Assessment

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Colour per clock state.
STATE_COLORS = {
    "overdue": "#d62728",
    "due": "#ff7f0e",
    "owed": "#bcbd22",
    "done": "#2ca02c",
    "late": "#9467bd",
}
HORIZON = timedelta(hours=80)  # shows the 72-hour FCC clock; longer deadlines are named


def clocks_figure(a: Assessment) -> Figure | None:
    """The chart of every reportable window's clocks (None when nothing is reportable)."""
    rows = [(r, w) for r in a.regimes for w in r.windows if w.reportable == "yes" and w.clocks]
    if not rows:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure

    zone = ZoneInfo(a.time_zone)
    first = min(w.start for _, w in rows)
    dues = [c.due for _, w in rows for c in w.clocks if c.due is not None]
    right = max([a.now, *[d for d in dues if d - first <= HORIZON]]) + timedelta(hours=1)
    left = first - timedelta(minutes=15)
    labels: list[str] = []
    fig = Figure(figsize=(11, 1.2 + 0.42 * sum(1 + len(w.clocks) for _, w in rows)), dpi=110)
    ax = fig.add_subplot()
    y = 0
    for r, w in rows:
        end = w.end or a.now
        ax.barh(y, end - w.start, left=w.start, height=0.6, color="#7f7f7f", alpha=0.6)
        labels.append(f"{r.id} · outage {w.window}")
        y += 1
        for c in w.clocks:
            color = STATE_COLORS[c.state]
            stop = c.due or c.done_at or a.now
            if stop > right:
                ax.barh(y, right - c.started_at, left=c.started_at, height=0.5, color=color)
                ax.annotate(
                    f"due {c.due.astimezone(zone):%d %b %H:%M} →" if c.due else "→",
                    (right, y),
                    ha="right",
                    va="center",
                    fontsize=8,
                    color="white",
                )
            else:
                ax.barh(y, stop - c.started_at, left=c.started_at, height=0.5, color=color)
            if c.done_at is not None and c.done_at <= right:
                ax.plot([c.done_at], [y], marker="v", color="black", markersize=7)
            for s in c.slots:
                if s.due <= right:
                    ax.plot([s.due], [y], marker="|", color="black", markersize=12)
            labels.append(f"{c.title[:48]} [{c.state}]")
            y += 1
    ax.axvline(a.now, color="black", linestyle="--", linewidth=1)
    ax.annotate("now", (a.now, -0.9), ha="center", fontsize=8)
    ax.set_xlim(left, right)
    ax.set_ylim(y - 0.5, -1.2)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %H:%M", tz=zone))
    ax.set_xlabel(f"time ({a.time_zone}); ▼ done, | update due")
    ax.set_title(f"Regulatory clocks for {a.incident}", loc="left")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig
