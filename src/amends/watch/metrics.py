"""The watcher's Prometheus metrics (prometheus-client), served at /metrics on --metrics-port.

Names are documented in docs/live.md; a registry of its own, so several watchers in one process
(the tests) keep separate counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge


@dataclass
class WatchMetrics:
    """Counters and gauges of one watcher."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.events = Counter(
            "amends_watch_events", "Events counted, by source", ["source"], registry=r
        )
        self.batches = Counter(
            "amends_watch_batches", "Batches stored, by source", ["source"], registry=r
        )
        self.duplicates = Counter(
            "amends_watch_duplicate_messages",
            "Messages delivered again and skipped (already counted)",
            ["source"],
            registry=r,
        )
        self.dead = Counter(
            "amends_watch_dead_letters",
            "Unreadable messages or lines set aside, by source",
            ["source"],
            registry=r,
        )
        self.last_event = Gauge(
            "amends_watch_last_event_timestamp_seconds",
            "Time (event time) of the newest minute seen, by source",
            ["source"],
            registry=r,
        )
        self.last_batch_wall = Gauge(
            "amends_watch_last_batch_wall_timestamp_seconds",
            "Wall time of the last stored batch, by source",
            ["source"],
            registry=r,
        )
        self.lag = Gauge(
            "amends_watch_lag_seconds",
            "Wall time minus the newest event time, by source (how far behind the records are)",
            ["source"],
            registry=r,
        )
        self.open_windows = Gauge(
            "amends_watch_open_windows", "Outage windows still ongoing", registry=r
        )
        self.incidents = Counter(
            "amends_watch_incidents_opened", "Incidents the watcher opened", registry=r
        )
        self.detections = Counter(
            "amends_watch_detection_runs", "Detection runs over the minute series", registry=r
        )
        self.detection_seconds = Gauge(
            "amends_watch_detection_duration_seconds",
            "Duration of the last detection run",
            registry=r,
        )
        self.alerts = Counter(
            "amends_watch_alerts", "On-duty alerts, by outcome", ["outcome"], registry=r
        )
