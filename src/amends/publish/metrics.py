"""Metrics of the outbox and its worker (prometheus-client): messages by channel and status,
read from the store at each scrape, and the worker's deliveries, retries and dead letters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from amends.store.engine import Store


class OutboxCollector(Collector):
    """`amends_outbox_messages{channel, status}`: the outbox's rows, counted when scraped."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from amends.publish.outbox import status_counts

        family = GaugeMetricFamily(
            "amends_outbox_messages",
            "Outbox messages by channel and status (queued, sending, sent, failed, dead)",
            labels=["channel", "status"],
        )
        try:
            with self.store.connect() as conn:
                counts = status_counts(conn)
        except Exception:
            counts = {}
        for channel, by_status in sorted(counts.items()):
            for status, n in sorted(by_status.items()):
                family.add_metric([channel, status], n)
        yield family


class WorkerMetrics:
    """What a worker process delivered, by channel and outcome."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.outcomes = Counter(
            "amends_worker_messages",
            "Messages handed to a channel, by channel and outcome (sent, retry, dead)",
            ["channel", "outcome"],
            registry=registry,
        )

    def count(self, channel: str, outcome: str, n: int = 1) -> None:
        """Add `n` outcomes."""
        self.outcomes.labels(channel, outcome).inc(n)


def serve_registry(registry: CollectorRegistry, host: str, port: int) -> str:
    """Serve a registry at http://host:port/metrics from a thread; returns the address (a taken
    port is an InputError)."""
    from prometheus_client import start_http_server

    from amends.errors import InputError

    try:
        server, _thread = start_http_server(port, addr=host, registry=registry)
    except OSError as exc:
        raise InputError(
            f"--metrics-port {port}: {exc.strerror or exc}; pick a free port"
        ) from None
    return f"http://{host}:{server.server_address[1]}/metrics"


def serve_metrics(store: Store, stats: Any, host: str, port: int) -> str:
    """Serve the outbox depth and a worker's outcomes (`stats`, a WorkerStats, counts into the
    served registry from then on); returns the address."""
    registry = CollectorRegistry()
    registry.register(OutboxCollector(store))
    stats.metrics = WorkerMetrics(registry)
    return serve_registry(registry, host, port)
