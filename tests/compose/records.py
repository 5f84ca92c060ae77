"""A fixed incident record (hand-built, not simulated) for golden files and property tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq

from amends.cli.demo_compose import demo_facts
from amends.impact.model import ImpactReport, ScopeEntry, Window
from amends.incident import Incident, RegionInfo
from amends.incident.prefill import prefill

START = datetime(2026, 3, 10, 21, 12, tzinfo=UTC)  # 2:12 PM PDT
END = datetime(2026, 3, 10, 23, 5, tzinfo=UTC)  # 4:05 PM PDT
NOW_ONGOING = datetime(2026, 3, 10, 21, 40, tzinfo=UTC)
NOW_AFTER = datetime(2026, 3, 11, 17, 0, tzinfo=UTC)


def window(**over: object) -> Window:
    """The fiber-cut window in California (values as `amends impact` reports them)."""
    base = {
        "id": "w1",
        "kind": "failures",
        "start": START,
        "end": END,
        "duration_minutes": 113,
        "regions": ["CA"],
        "services": ["long_distance", "international"],
        "scope": [
            ScopeEntry(
                region="CA",
                service="long_distance",
                attempts=8230,
                failures=3670,
                failure_rate=0.446,
                baseline_failure_rate=0.004,
                excess_failures=3637.1,
                expected_attempts=8512.0,
                ner=0.554,
            )
        ],
        "subscribers_affected": 3321,
        "failed_attempts": 4790,
        "missing_attempts": 0.0,
    }
    base.update(over)
    return Window.model_validate(base)


def base_incident() -> Incident:
    """The measured part of the record, as `amends incident init` would pre-fill it."""
    return Incident(
        id="2026-03-10-ca",
        title="Long-distance calls failing in California",
        time_zone="America/Los_Angeles",
        discovered_at=START + timedelta(minutes=6),
        windows=[window()],
        regions={
            "CA": RegionInfo(name="California", time_zone="America/Los_Angeles"),
        },
        services={
            "long_distance": "long-distance calls",
            "international": "international calls",
        },
        locales=["en", "es"],
        translations={
            "es": {
                "services.long_distance": "las llamadas de larga distancia",
                "services.international": "las llamadas internacionales",
            }
        },
    )


def fixed_incident(stage: str) -> Incident:
    """The complete record for a stage (the demo's human facts on the fixed window); at the
    update, a restoration estimate as a person would enter it (`source: manual`)."""
    from amends.incident import Eta

    record = demo_facts(base_incident(), stage=stage)
    if stage != "update":
        return record
    translations = {k: dict(v) for k, v in record.translations.items()}
    translations.setdefault("es", {})["eta.basis"] = (
        "8 de los últimos 10 cortes de fibra se repararon en 4 horas"
    )
    eta = Eta(
        at=max(w.start for w in record.windows) + timedelta(hours=3),
        basis="8 of the last 10 fiber cuts were repaired within 4 hours",
        source="manual",
    )
    return record.model_copy(update={"eta": eta, "translations": translations})


def now_for(stage: str) -> datetime:
    """The fixed drafting time for a stage."""
    return NOW_ONGOING if stage in ("acknowledge", "update") else NOW_AFTER


def record_for(impact: Path, stage: str) -> tuple[Incident, datetime]:
    """The scenario's record with the demo's human facts, and a drafting time for the stage."""
    report = ImpactReport.model_validate_json((impact / "impact.json").read_bytes())
    plans = pq.read_table(next(impact.parent.glob("*.subscribers.parquet")))
    record = demo_facts(prefill(report, plans=plans, locales=["en", "es"]), stage=stage)
    last = max(w.start for w in record.windows)
    now = last + timedelta(minutes=25)
    if stage not in ("acknowledge", "update"):
        assert record.ended_at is not None
        now = record.ended_at + timedelta(hours=3)
    return record, now
