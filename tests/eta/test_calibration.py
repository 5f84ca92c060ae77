"""A small deterministic calibration check on synthetic history (full run: bench.eval_eta)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from amends.eta import Frame, estimate
from amends.eta.synthetic import generate
from amends.incident import Incident, RegionInfo

SNAPSHOT = datetime(2026, 1, 1, tzinfo=UTC)


def test_80_percent_intervals_hold_about_80_percent() -> None:
    history, _ = generate(
        800, start=SNAPSHOT - timedelta(days=365), end=SNAPSHOT, cutoff=SNAPSHOT, seed=11, lost=0.2
    )
    fresh, truth = generate(300, start=SNAPSHOT, end=SNAPSHOT + timedelta(days=30), seed=12)
    frame = Frame.of(history)
    inside = answered = 0
    for case, hours in zip(fresh, truth, strict=True):
        inc = Incident(
            id=case.ref,
            title="synthetic",
            time_zone="UTC",
            discovered_at=case.started_at,
            regions={r: RegionInfo(name=r, time_zone="UTC") for r in case.regions},
            cause={"category": case.cause_category},
        )
        est = estimate(inc, frame, case.started_at)
        if not est.enough:
            continue
        answered += 1
        restored = case.started_at + timedelta(hours=float(hours))
        assert est.low_at is not None
        inside += est.low_at <= restored and (est.high_at is None or restored <= est.high_at)
    assert answered >= 280
    assert 0.72 <= inside / answered <= 0.88
