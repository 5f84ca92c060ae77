"""The credits chart: how many customers get each cash amount, and the cash per region."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa
    from matplotlib.figure import Figure

#: At most this many distinct amounts are drawn; the rest are summed into "other".
MAX_AMOUNTS = 12


def render(
    export: pa.Table, regions: dict[tuple[str, str], str], currency: str, digits: int
) -> Figure:
    """Two bar charts from the exported credits: subscribers per cash amount, cash per region.

    `regions` maps (subscriber, window) to the region; allowances are left out (another unit).
    """
    from matplotlib.figure import Figure

    rows = [r for r in export.to_pylist() if r["unit"] == "cash"]
    per_amount = Counter(r["amount"] for r in rows)
    per_region: dict[str, Decimal] = {}
    for r in rows:
        region = regions.get((r["subscriber"], r["window"])) or "(unknown)"
        per_region[region] = per_region.get(region, Decimal(0)) + r["amount"]
    fig = Figure(figsize=(11, 4))
    left, right = fig.subplots(1, 2)
    amounts = sorted(per_amount)
    if len(amounts) > MAX_AMOUNTS:
        top = sorted(amounts, key=lambda a: -per_amount[a])[: MAX_AMOUNTS - 1]
        other = sum(per_amount[a] for a in amounts if a not in top)
        amounts = sorted(top)
        labels = [f"{a:.{digits}f}" for a in amounts] + ["other"]
        counts = [per_amount[a] for a in amounts] + [other]
    else:
        labels = [f"{a:.{digits}f}" for a in amounts]
        counts = [per_amount[a] for a in amounts]
    left.bar(range(len(counts)), counts, color="#1f77b4")
    left.set_xticks(range(len(counts)), labels, rotation=45, ha="right")
    left.set_xlabel(f"credit ({currency})")
    left.set_ylabel("customers")
    left.set_title("Customers per credit amount")
    names = sorted(per_region)
    # floats only to draw bar heights; every amount stays a Decimal everywhere else
    right.bar(range(len(names)), [float(per_region[n]) for n in names], color="#2ca02c")
    right.set_xticks(range(len(names)), names, rotation=45, ha="right")
    right.set_ylabel(f"total credit ({currency})")
    right.set_title("Credit per region")
    for ax in (left, right):
        ax.spines[["top", "right"]].set_visible(False)
    if not rows:
        left.text(0.5, 0.5, "no cash credits", ha="center", transform=left.transAxes)
    fig.tight_layout()
    return fig
