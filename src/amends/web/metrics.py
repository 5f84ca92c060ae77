"""Prometheus metrics of `amends serve`: requests and latency by route (an ASGI middleware), and
the outbox depth by channel, served at /metrics in the text format (prometheus-client)."""

from __future__ import annotations

import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Latency buckets (seconds): the public page must answer in milliseconds, admin calls in less
#: than a second.
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class RequestMetrics:
    """Counts every HTTP request by method, route and status, and times it.

    The route is the router's path template (`/incidents/{incident_id}/feedback`), so ids never
    become labels; a public page answered from the snapshot is `snapshot`, anything else
    `unmatched`.
    """

    def __init__(self, app: ASGIApp, registry: CollectorRegistry) -> None:
        self.app = app
        self.requests = Counter(
            "amends_http_requests",
            "HTTP requests, by method, route and status",
            ["method", "route", "status"],
            registry=registry,
        )
        self.latency = Histogram(
            "amends_http_request_duration_seconds",
            "Time to answer an HTTP request, by route",
            ["route"],
            buckets=BUCKETS,
            registry=registry,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            route = scope.get("route")
            name = getattr(route, "path", None) or ("snapshot" if status < 400 else "unmatched")
            self.requests.labels(scope["method"], name, str(status)).inc()
            self.latency.labels(name).observe(time.perf_counter() - started)


def exposition(registry: CollectorRegistry) -> tuple[bytes, str]:
    """The registry in the Prometheus text format, and its content type."""
    return generate_latest(registry), CONTENT_TYPE_LATEST
