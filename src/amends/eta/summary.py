"""What the history says per cause and group: cases, still open, median and 80% range of how long
they lasted (Kaplan–Meier, open cases censored). Shown by `amends history show`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from amends.eta.estimate import Frame
from amends.eta.groups import Ladder, default_ladder
from amends.eta.history import PastCase
from amends.eta.km import conditional_quantile, kaplan_meier


@dataclass(frozen=True)
class Line:
    """One selection of past incidents and how long they lasted (hours; None: unknown)."""

    name: str
    kind: str
    cases: int
    still_open: int
    median: float | None
    low: float | None
    high: float | None


def summarise(
    cases: Sequence[PastCase], now: datetime, *, ladder: Ladder | None = None
) -> list[Line]:
    """One line per cause seen, per group, and for all past incidents, as known at `now`."""
    import numpy as np

    ladder = ladder or default_ladder()
    frame = Frame.of(list(cases))
    tail = (1 - ladder.level) / 2
    selections: list[tuple[str, str, np.ndarray]] = [
        (cause, "cause", frame.causes == cause) for cause in sorted(set(frame.causes.tolist()))
    ]
    selections += [
        (name, "group", np.isin(frame.causes, group.causes))
        for name, group in ladder.groups.items()
    ]
    selections.append(("all", "all", np.ones(len(frame.refs), dtype=bool)))
    lines = []
    for name, kind, mask in selections:
        d, e = frame.durations(mask, now)
        if d.size == 0:
            continue
        surv = kaplan_meier(d, e)
        lines.append(
            Line(
                name,
                kind,
                int(d.size),
                int((~e).sum()),
                conditional_quantile(surv, 0.0, 0.5),
                conditional_quantile(surv, 0.0, tail),
                conditional_quantile(surv, 0.0, 1 - tail),
            )
        )
    return lines
