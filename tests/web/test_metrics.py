"""`amends serve` exposes Prometheus metrics at /metrics: requests and latency by route (never an
id in a label), and the outbox depth by channel."""

from __future__ import annotations

import httpx
from tests.watch.test_alerts_metrics import samples_of


def test_serve_exposes_request_and_outbox_metrics(live) -> None:
    httpx.get(f"{live.url}/api/v2/summary.json")
    httpx.get(f"{live.url}/incidents/no-such-incident/feedback/thanks")
    text = httpx.get(f"{live.url}/metrics").text
    samples = samples_of(text)
    hits = {k: v for k, v in samples.items() if k[0] == "amends_http_requests_total"}
    assert any(dict(k[1])["route"] == "snapshot" and v >= 1 for k, v in hits.items())
    assert "amends_http_request_duration_seconds_bucket" in text
    assert "amends_outbox_messages" in text or "# TYPE amends_outbox_messages gauge" in text
    routes = {dict(k[1])["route"] for k in hits}
    assert not any("no-such-incident" in r for r in routes)
