"""An existing open-source Statuspage client, unchanged, reads `amends serve`: the PyPI package
statuspage-prometheus-exporter (it polls Statuspage summary.json pages). Skipped when that
package is not installed (it is not a dependency of amends)."""

from __future__ import annotations

import importlib
import json

import pytest
from tests.web.factories import incident, insert_statement

from amends.publish import operations as ops


def test_statuspage_prometheus_exporter_reads_our_summary(live_sqlite, tmp_path, monkeypatch):
    pytest.importorskip(
        "statuspage_prometheus_exporter",
        reason="statuspage-prometheus-exporter is not installed (pip install it to run this)",
    )
    live = live_sqlite
    inc = incident()
    ops.save_incident(live.store, inc)
    insert_statement(live.store, inc.id, "We are sorry: calls fail in California.")
    url = f"{live.url}/api/v2/summary.json"
    services = tmp_path / "services.json"
    services.write_text(json.dumps({"amends": {"url": url, "name": "amends"}}))
    monkeypatch.setenv("SERVICES_JSON_PATH", str(services))
    monkeypatch.chdir(tmp_path)  # the client keeps its cache in ./cache
    checker = importlib.import_module("statuspage_prometheus_exporter.service_checker")
    result = checker.check_status_page_service("amends", {"url": url, "name": "amends"})
    assert result["success"] is True
    assert result["raw_status"] == "major"  # the client reports the open incident's impact
    assert [i["id"] for i in result["incident_metadata"]] == [inc.id]
    assert result["incident_metadata"][0]["shortlink"].endswith(f"/incidents/{inc.id}/")
    comps = {c["name"]: c["status"] for c in result["component_metadata"]}
    assert comps == {
        "Phone calls — California": "major_outage",
        "Text messages — California": "partial_outage",
    }
