"""Alerts in, over real HTTP on SQLite and PostgreSQL: Alertmanager's webhook body (version 4)
and the generic alert open or join the watcher's incidents, resolved alerts are only noted, and
malformed, unauthenticated or oversized bodies are refused with nothing written."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from tests.web.conftest import Live, _serve

from amends.store import Store
from amends.store.schema import alert_timeline, alerts, watch_incidents

CONFIG = """
[alerts]
region_labels = ["region", "area"]
service_labels = ["service"]
regions = { "nyc" = "212" }
time_zone = "America/New_York"
"""


def _alert(fingerprint: str, status: str = "firing", **labels: str) -> dict[str, Any]:
    return {
        "status": status,
        "labels": {"alertname": "SipFailures", **labels},
        "annotations": {"summary": "503s above 20% of INVITEs"},
        "startsAt": "2026-03-02T14:05:00.000Z",
        "endsAt": "2026-03-02T14:20:00Z" if status == "resolved" else "0001-01-01T00:00:00Z",
        "generatorURL": "http://127.0.0.1:9090/graph",
        "fingerprint": fingerprint,
    }


def _payload(*items: dict[str, Any], version: str = "4") -> dict[str, Any]:
    return {
        "version": version,
        "groupKey": '{}:{alertname="SipFailures"}',
        "truncatedAlerts": 0,
        "status": items[0]["status"],
        "receiver": "amends",
        "groupLabels": {"alertname": "SipFailures"},
        "commonLabels": {"alertname": "SipFailures"},
        "commonAnnotations": {},
        "externalURL": "http://127.0.0.1:9093",
        "alerts": list(items),
    }


@pytest.fixture
def served(store: Store, tmp_path, monkeypatch) -> Iterator[Live]:
    """The site with an `[alerts]` configuration in its working directory."""
    (tmp_path / "amends.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    yield from _serve(store)


def _post(live: Live, token: str, body: Any, kind: str = "alertmanager") -> httpx.Response:
    return httpx.post(
        f"{live.url}/api/admin/alerts/{kind}",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )


def _counts(store: Store) -> tuple[int, int, int]:
    with store.connect() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (alerts, alert_timeline, watch_incidents)
        )


def test_firing_opens_then_joins_and_resolved_is_only_noted(served, token) -> None:
    first = _post(served, token, _payload(_alert("a1b2c3d4e5f60718", region="nyc", service="ld")))
    assert first.status_code == 200, first.text
    [got] = first.json()["received"]
    assert got["action"] == "opened"
    incident_id = got["incident"]
    # Alertmanager repeats a notification: nothing new
    again = _post(served, token, _payload(_alert("a1b2c3d4e5f60718", region="nyc", service="ld")))
    assert again.json()["received"][0]["action"] == "unchanged"
    # another alert on the same scope (area label, mapped value) joins the same incident
    other = _post(served, token, _payload(_alert("0000000000000abc", area="212", service="ld")))
    assert other.json()["received"][0] == {
        "fingerprint": "0000000000000abc",
        "status": "firing",
        "incident": incident_id,
        "action": "joined",
    }
    # a different scope opens its own
    elsewhere = _post(served, token, _payload(_alert("00000000000000ff", region="415")))
    assert elsewhere.json()["received"][0]["incident"] != incident_id
    resolved = _post(
        served, token, _payload(_alert("a1b2c3d4e5f60718", "resolved", region="nyc", service="ld"))
    )
    assert resolved.json()["received"][0]["action"] == "noted"
    view = httpx.get(
        f"{served.url}/api/admin/alerts/incidents/{incident_id}",
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    assert view["status"] == "investigating"  # a resolved alert ends nothing
    assert view["detection"]["source"] == "alertmanager"
    assert view["detection"]["scope"] == [{"region": "212", "service": "ld"}]
    assert [(e["fingerprint"], e["status"]) for e in view["timeline"]] == [
        ("a1b2c3d4e5f60718", "firing"),
        ("0000000000000abc", "firing"),
        ("a1b2c3d4e5f60718", "resolved"),
    ]
    assert view["timeline"][-1]["at"].startswith("2026-03-02T14:20:00")
    assert _counts(served.store) == (3, 4, 2)
    metrics = httpx.get(f"{served.url}/metrics").text
    opened = 'amends_alerts_received_total{action="opened",source="alertmanager",status="firing"}'
    assert f"{opened} 2.0" in metrics


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        (lambda p: p.update(version="3"), 422, "version '3' is not supported"),
        (lambda p: p["alerts"][0]["labels"].update(region=7), 422, "alerts.0.labels.region"),
        (lambda p: p["alerts"][0].update(fingerprint="xyz"), 422, "16 hexadecimal digits"),
        (lambda p: p["alerts"][0].update(startsAt="yesterday"), 422, "not an RFC 3339 time"),
        (lambda p: p.update(alerts=[]), 422, "alerts"),
        (lambda p: p.pop("receiver"), 422, "receiver"),
    ],
)
def test_malformed_payloads_are_refused(served, token, change, status, message) -> None:
    body = _payload(_alert("a1b2c3d4e5f60718", region="nyc"))
    change(body)
    res = _post(served, token, body)
    assert res.status_code == status and message in res.json()["detail"], res.text
    assert _counts(served.store) == (0, 0, 0)


def test_an_unknown_resolved_fingerprint_refuses_the_whole_body(served, token) -> None:
    body = _payload(
        _alert("1111111111111111", region="nyc"), _alert("2222222222222222", "resolved")
    )
    res = _post(served, token, body)
    assert res.status_code == 422
    assert "resolved alert 2222222222222222 (SipFailures) was never received firing" in res.text
    assert _counts(served.store) == (0, 0, 0)  # the firing one is not half-written either


def test_token_size_and_json_are_checked_first(served, token) -> None:
    url = f"{served.url}/api/admin/alerts/alertmanager"
    body = _payload(_alert("a1b2c3d4e5f60718"))
    assert httpx.post(url, json=body).status_code == 401
    assert httpx.post(url, json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    auth = {"Authorization": f"Bearer {token}"}
    big = copy.deepcopy(body)
    big["commonAnnotations"] = {"x": "y" * (10 * 1024 * 1024)}
    res = httpx.post(url, json=big, headers=auth, timeout=30)
    assert res.status_code == 413 and "over 1,048,576 bytes" in res.text

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
        for _ in range(20):
            yield b" " * 100_000

    assert httpx.post(url, content=chunks(), headers=auth).status_code == 413
    as_json = {**auth, "content-type": "application/json"}
    res = httpx.post(url, content=b"{not json", headers=as_json)
    assert res.status_code == 422 and "JSON decode error" in res.text
    assert httpx.post(url, json=["a list"], headers=auth).status_code == 422
    assert _counts(served.store) == (0, 0, 0)
    assert (
        httpx.get(f"{served.url}/api/admin/alerts/incidents/nope", headers=auth).status_code == 404
    )


def test_the_generic_alert(served, token) -> None:
    firing = {
        "id": "probe-nyc-ld",
        "status": "firing",
        "name": "ProbeCallsFailing",
        "labels": {"region": "nyc", "service": "ld"},
        "starts_at": "2026-03-02T14:06:00Z",
        "summary": "test calls from the NYC probe fail",
    }
    res = _post(served, token, firing, "generic")
    assert res.json()["received"][0]["action"] == "opened", res.text
    no_end = {**firing, "status": "resolved"}
    res = _post(served, token, no_end, "generic")
    assert res.status_code == 422 and "a resolved alert says when it ended" in res.text
    res = _post(served, token, {**firing, "colour": "red"}, "generic")
    assert res.status_code == 422 and "colour" in res.text
    done = {**no_end, "ends_at": "2026-03-02T14:30:00+00:00"}
    assert _post(served, token, done, "generic").json()["received"][0]["action"] == "noted"
    with served.store.connect() as conn:
        detection = conn.execute(select(watch_incidents.c.detection)).scalar_one()
    assert '"source":"generic"' in detection
