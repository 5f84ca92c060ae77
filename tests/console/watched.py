"""An incident opened by the live watcher's own functions, as it opens one from call records: the
measured window, the record `amends incident init` would write with the provider's standing facts
(no symptom: that is for a person), and the acknowledgement drafts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from amends.impact.model import BaselineInfo, EventsSummary, ScopeEntry, Window
from amends.incident.model import Incident
from amends.store import Store
from amends.store.watch import WatchIncident, insert_watch_incident
from amends.watch.incidents import Context, build_record, drafts_for

#: The provider's standing facts, as a watch policy gives them (no symptom on purpose).
STANDING = {
    "provider": "Example Telecom",
    "support": [{"kind": "phone", "contact": "611", "hours": "24/7"}],
    "status_url": "https://status.example.test",
}


@dataclass(frozen=True)
class Measured:
    """What detection hands `build_record`: what was read and how the baseline was formed."""

    events: EventsSummary
    baseline: BaselineInfo


def open_watched_incident(store: Store, now: datetime, **standing: object) -> str:
    """Open an ongoing calls outage in Texas the way the watcher's reconcile does; its id."""
    record = watched_record(now, **standing)
    start = now - timedelta(minutes=40)
    with store.begin() as conn:
        insert_watch_incident(
            conn,
            WatchIncident(
                id=record.id,
                kind="failures",
                status="investigating",
                start_minute=int(start.timestamp() // 60),
                end_minute=None,
                record=record.model_dump(mode="json"),
                detection={"source": "dir:/var/spool/cdr", "rule": "failures"},
                drafts=drafts_for(record, "acknowledge", now),
                alerts={"opened": "sent"},
                withdrawn=False,
                created_at=now,
                updated_at=now,
            ),
        )
    return record.id


def watched_record(now: datetime, **standing: object) -> Incident:
    """The record the watcher writes for an ongoing calls outage in Texas that began 40 minutes
    before `now` (composed by `bench/train_check.py` too: the thresholds keep its drafts clear)."""
    start = now - timedelta(minutes=40)
    attempts, failures = 18_000, 9_300
    window = Window(
        id="w1",
        kind="failures",
        start=start,
        end=None,
        duration_minutes=40,
        regions=["TX"],
        services=["local"],
        scope=[
            ScopeEntry(
                region="TX",
                service="local",
                attempts=attempts,
                failures=failures,
                failure_rate=failures / attempts,
                baseline_failure_rate=0.01,
                excess_failures=failures - attempts * 0.01,
                expected_attempts=float(attempts),
                ner=1 - failures / attempts,
            )
        ],
        subscribers_affected=2_400,
        failed_attempts=failures,
        missing_attempts=0.0,
    )
    measured = Measured(
        events=EventsSummary(
            attempts=120_000,
            network_failures=failures + 400,
            start=start - timedelta(hours=2),
            end=now,
            minutes=160,
            regions=["TX"],
            services=["local"],
        ),
        baseline=BaselineInfo(
            mode="prior",
            sources={"prior": 1},
            comparable_half_width_minutes=0,
            volume_reference_minutes=120,
            rate_reference_minutes=120,
            overall_failure_rate=0.01,
            method="robust median",
        ),
    )
    ctx = Context(standing={**STANDING, **standing}, sources=["dir:/var/spool/cdr"])
    record = build_record(measured, window, None, ctx)  # type: ignore[arg-type]
    return record.model_copy(update={"id": f"{record.id}-{start:%H%M}"})
