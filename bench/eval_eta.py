"""`make eval` (eta): calibration of restoration estimates on a held-out synthetic history.

Known duration laws per cause (heavy tails included, `amends.eta.synthetic.CAUSES`); a history
snapshot of past incidents (those still open at the snapshot are censored); fresh incidents after
it, estimated at acknowledgement and at every hourly update until restored. Checks that the 80%
intervals hold the true restoration 75–85% of the time, and reports the median's error per cause
against the naive estimate "median of all past durations" in the same run.

Run: `.venv/bin/python -m bench.eval_eta [--seed N] [--history N] [--incidents N] [--chart PNG]`.
Exits 1 when the coverage is outside 75–85%. `--chart` draws coverage and median error per cause
(ours vs naive, both scenarios) as PNG + SVG.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from amends.eta import Frame, default_ladder, estimate
from amends.eta.synthetic import CAUSES, generate
from amends.incident import Incident, RegionInfo

SNAPSHOT = datetime(2026, 1, 1, tzinfo=UTC)
FLOOR, CEILING = 0.75, 0.85
MAX_UPDATES = 24  # hourly updates per incident at most (a Pareto tail would dominate otherwise)


@dataclass
class Tally:
    """Per-cause results of one estimator."""

    n: int = 0
    inside: int = 0
    inside_exact: int = 0
    inside_closed: int = 0
    open_ended: int = 0
    no_number: int = 0
    errors: list[float] = field(default_factory=list)

    def coverage(self) -> float:
        """Share of estimates whose interval held the truth."""
        return self.inside / self.n if self.n else float("nan")


def _incident(ref: str, cause: str, start: datetime, regions: tuple[str, ...]) -> Incident:
    return Incident(
        id=ref,
        title="synthetic",
        time_zone="America/Los_Angeles",
        discovered_at=start,
        regions={r: RegionInfo(name=r.title(), time_zone="America/Los_Angeles") for r in regions},
        cause={"category": cause},
    )


def run(seed: int, n_history: int, n_incidents: int, lost: float) -> tuple[dict, dict, dict]:
    """Evaluate both estimators; returns per-cause tallies (ours, naive) and history facts."""
    history, _ = generate(
        n_history,
        start=SNAPSHOT - timedelta(days=730),
        end=SNAPSHOT,
        cutoff=SNAPSHOT,
        seed=seed,
        prefix="h",
        lost=lost,
    )
    fresh, truth = generate(
        n_incidents,
        start=SNAPSHOT,
        end=SNAPSHOT + timedelta(days=60),
        seed=seed + 1,
        prefix="t",
    )
    frame = Frame.of(history)
    # the naive estimator: all restored past durations, whatever the cause or elapsed time
    past = np.asarray(
        [(c.restored_at - c.started_at).total_seconds() / 3600 for c in history if c.restored_at]
    )
    level = default_ladder().level
    tail = (1 - level) / 2
    n_med, n_low, n_high = np.quantile(past, [0.5, tail, 1 - tail])
    ours: dict[str, Tally] = {}
    naive: dict[str, Tally] = {}
    for case, hours in zip(fresh, truth, strict=True):
        inc = _incident(case.ref, case.cause_category, case.started_at, case.regions)
        restored = case.started_at + timedelta(hours=float(hours))
        o = ours.setdefault(case.cause_category, Tally())
        b = naive.setdefault(case.cause_category, Tally())
        elapsed = 0.0
        while elapsed < hours and elapsed <= MAX_UPDATES:
            now = case.started_at + timedelta(hours=elapsed)
            est = estimate(inc, frame, now)
            o.n += 1
            if not est.enough:
                o.no_number += 1
            else:
                assert est.median_at is not None and est.low_at is not None
                high = est.high_at
                o.open_ended += high is None
                o.inside_closed += high is not None and est.low_at <= restored <= high
                o.inside += est.low_at <= restored and (high is None or restored <= high)
                lo_h, hi_h = est.low_hours or 0.0, est.high_hours
                o.inside_exact += lo_h <= hours and (hi_h is None or hours <= hi_h)
                o.errors.append(abs((est.median_at - restored).total_seconds()) / 3600)
            b.n += 1
            start = case.started_at

            def clamp(h: float, start: datetime = start, now: datetime = now) -> datetime:
                return max(start + timedelta(hours=float(h)), now)

            b.inside += clamp(n_low) <= restored <= clamp(n_high)
            b.errors.append(abs((clamp(n_med) - restored).total_seconds()) / 3600)
            elapsed += 1.0
    facts = {
        "history": len(history),
        "censored": sum(c.restored_at is None for c in history),
        "incidents": len(fresh),
    }
    return ours, naive, facts


def _total(tallies: dict[str, Tally]) -> Tally:
    out = Tally()
    for t in tallies.values():
        out.n += t.n
        out.inside += t.inside
        out.inside_exact += t.inside_exact
        out.inside_closed += t.inside_closed
        out.open_ended += t.open_ended
        out.no_number += t.no_number
        out.errors += t.errors
    return out


def report(ours: dict[str, Tally], naive: dict[str, Tally], facts: dict, title: str) -> int:
    """Print the table; 0 when our coverage is within 75–85%, else 1."""
    laws = {c.cause: c.law for c in CAUSES}
    print(f"\n## {title}")
    print(
        f"history: {facts['history']} past incidents ({facts['censored']} open: censored); "
        f"held out: {facts['incidents']} fresh incidents, estimated at "
        f"acknowledgement and every hour until restored (at most {MAX_UPDATES} h)"
    )
    head = (
        f"{'cause':<16} {'true law':<32} {'estimates':>9} {'80% cover':>9} {'naive cover':>11} "
        f"{'med |err| h':>11} {'naive h':>8} {'ratio':>6} {'no number':>9} {'open':>5}"
    )
    print(head)
    print("-" * len(head))
    rows = [*sorted(ours), "ALL"]
    for cause in rows:
        o = _total(ours) if cause == "ALL" else ours[cause]
        b = _total(naive) if cause == "ALL" else naive[cause]
        mo = float(np.median(o.errors)) if o.errors else float("nan")
        mb = float(np.median(b.errors)) if b.errors else float("nan")
        answered = o.n - o.no_number
        cover = o.inside / answered if answered else float("nan")
        print(
            f"{cause:<16} {laws.get(cause, ''):<32} {o.n:>9} {cover:>9.1%} "
            f"{b.coverage():>11.1%} {mo:>11.2f} {mb:>8.2f} {mo / mb if mb else float('nan'):>6.2f} "
            f"{o.no_number:>9} {o.open_ended:>5}"
        )
    allo = _total(ours)
    answered = allo.n - allo.no_number
    cover = allo.inside / answered if answered else 0.0
    ok = FLOOR <= cover <= CEILING
    exact = allo.inside_exact / answered if answered else 0.0
    print(
        f"80% intervals (times as said, rounded) held the true restoration in {cover:.1%} of "
        f"{answered} estimates (target {FLOOR:.0%}–{CEILING:.0%}): "
        f"{'OK' if ok else 'OUT OF RANGE'}; unrounded: {exact:.1%}; "
        f"{allo.open_ended} had no upper end (closed ones alone: "
        f"{allo.inside_closed / max(answered - allo.open_ended, 1):.1%}), "
        f"{allo.no_number} no number; "
        f"naive: {_total(naive).coverage():.1%}. Median |error| ours "
        f"{np.median(allo.errors):.2f} h vs naive {np.median(_total(naive).errors):.2f} h."
    )
    return 0 if ok else 1


def chart(results: list[tuple[str, dict[str, Tally], dict[str, Tally]]], path: Path) -> None:
    """Coverage and median |error| per cause, ours vs naive, one row of panels per scenario."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(11, 3.6 * len(results)), layout="constrained")
    axes = fig.subplots(len(results), 2, squeeze=False)
    for row, (title, ours, naive) in enumerate(results):
        causes = sorted(ours)
        x = np.arange(len(causes))
        cov, err = axes[row]
        answered = [ours[c].n - ours[c].no_number for c in causes]
        held = [ours[c].inside / a if a else 0 for c, a in zip(causes, answered, strict=True)]
        cov.bar(x - 0.2, held, 0.4, label="amends eta")
        cov.bar(x + 0.2, [naive[c].coverage() for c in causes], 0.4, label="naive median")
        cov.axhspan(FLOOR, CEILING, color="#2e7d32", alpha=0.15, label="target 75–85%")
        cov.set_ylim(0, 1)
        cov.set_title(f"80% interval coverage: {title}", fontsize=9)
        err.bar(x - 0.2, [float(np.median(ours[c].errors)) for c in causes], 0.4)
        err.bar(x + 0.2, [float(np.median(naive[c].errors)) for c in causes], 0.4)
        err.set_ylabel("median |error| (hours)")
        err.set_title("error of the point estimate", fontsize=9)
        for ax in (cov, err):
            ax.set_xticks(x, causes, rotation=30, ha="right", fontsize=8)
        cov.legend(fontsize=7, loc="lower right")
    for ext in (".png", ".svg"):
        fig.savefig(path.with_suffix(ext), dpi=110)
        print(f"wrote {path.with_suffix(ext)}")


def main(argv: list[str] | None = None) -> int:
    """Run the calibration evaluation and print the table; non-zero when out of range."""
    parser = argparse.ArgumentParser(prog="bench.eval_eta", description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--history", type=int, default=1500, help="past incidents (2 years)")
    parser.add_argument("--incidents", type=int, default=600, help="held-out incidents")
    parser.add_argument(
        "--lost", type=float, default=0.3, help="share of records censored early (2nd scenario)"
    )
    parser.add_argument("--chart", type=Path, help="write a PNG (and SVG) of the results here")
    args = parser.parse_args(argv if argv is not None else [])
    status = 0
    results = []
    for title, lost in (
        ("history as recorded (censored: still open at the snapshot)", 0.0),
        (f"heavy censoring ({args.lost:.0%} of records last seen open at random)", args.lost),
    ):
        ours, naive, facts = run(args.seed, args.history, args.incidents, lost)
        status |= report(ours, naive, facts, title=title)
        results.append((title.split(" (")[0], ours, naive))
    if args.chart is not None:
        chart(results, args.chart)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
