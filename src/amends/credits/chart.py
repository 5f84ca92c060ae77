"""The credits chart: how many customers get each cash amount, and the cash per region."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: At most this many distinct amounts are drawn; the rest are summed into "other".
MAX_AMOUNTS = 12


def render(
    per_amount: Sequence[tuple[Decimal, int]],
    per_region: Sequence[tuple[str, Decimal]],
    currency: str,
    digits: int,
) -> Figure:
    """Two bar charts from the export's aggregates: customers per cash amount (`per_amount`:
    amount, customers) and cash per region (`per_region`: region, cash); allowances are left
    out (another unit)."""
    from matplotlib.figure import Figure

    counts_of = dict(per_amount)
    cash_of = dict(per_region)
    fig = Figure(figsize=(11, 4))
    left, right = fig.subplots(1, 2)
    amounts = sorted(counts_of)
    if len(amounts) > MAX_AMOUNTS:
        top = sorted(amounts, key=lambda a: -counts_of[a])[: MAX_AMOUNTS - 1]
        chosen = set(top)
        other = sum(counts_of[a] for a in amounts if a not in chosen)
        amounts = sorted(top)
        labels = [f"{a:.{digits}f}" for a in amounts] + ["other"]
        counts = [counts_of[a] for a in amounts] + [other]
    else:
        labels = [f"{a:.{digits}f}" for a in amounts]
        counts = [counts_of[a] for a in amounts]
    left.bar(range(len(counts)), counts, color="#1f77b4")
    left.set_xticks(range(len(counts)), labels, rotation=45, ha="right")
    left.set_xlabel(f"credit ({currency})")
    left.set_ylabel("customers")
    left.set_title("Customers per credit amount")
    names = sorted(cash_of)
    # floats only to draw bar heights; every amount stays a Decimal everywhere else
    right.bar(range(len(names)), [float(cash_of[n]) for n in names], color="#2ca02c")
    right.set_xticks(range(len(names)), names, rotation=45, ha="right")
    right.set_ylabel(f"total credit ({currency})")
    right.set_title("Credit per region")
    for ax in (left, right):
        ax.spines[["top", "right"]].set_visible(False)
    if not counts_of:
        left.text(0.5, 0.5, "no cash credits", ha="center", transform=left.transAxes)
    fig.tight_layout()
    return fig
