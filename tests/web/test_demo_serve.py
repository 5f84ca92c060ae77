"""The demo's publishing step: it loads the incident, publishes what compose drafts and passes
the check, builds the static site and names what it wrote."""

from __future__ import annotations

import json

from rich.console import Console
from tests.web.factories import incident

from amends.cli.demo_serve import run
from amends.incident import dump_incident


def test_demo_publishes_and_builds_the_site(tmp_path):
    store_url = f"sqlite:///{tmp_path}/amends.db"
    inc = incident(ongoing=False, locales=["en"])
    path = dump_incident(inc, tmp_path / "incident.yaml")
    console = Console(record=True, width=200)
    rows = run(tmp_path / "out", store_url, path, console)
    paths = dict(rows)
    index = paths["status site (static export)"]
    assert index.is_file()
    summary = json.loads(paths["Statuspage-compatible API"].read_text())
    assert summary["status"]["indicator"] == "none"  # resolved: everything operational again
    incidents = json.loads((index.parent / "api/v2/incidents.json").read_text())["incidents"]
    stages = [u["status"] for u in incidents[0]["incident_updates"]]
    assert stages[-1] == "identified"  # the acknowledgement came first (cause known)
    assert stages[0] in ("resolved", "postmortem")
    again = run(tmp_path / "out", store_url, path, console)
    assert dict(again)["status site (static export)"] == index
    incidents = json.loads((index.parent / "api/v2/incidents.json").read_text())["incidents"]
    assert [u["status"] for u in incidents[0]["incident_updates"]] == stages  # nothing twice
    text = console.export_text()
    assert "open file://" in text and "amends serve --db" in text
    assert "/affected/" not in text  # no credits in the ledger: no personal link to show


def test_demo_prints_a_working_personal_link(tmp_path, monkeypatch):
    import re
    from decimal import Decimal

    from sqlalchemy import insert

    from amends.publish.signing import verify_affected
    from amends.store import open_store
    from amends.store import schema as s

    monkeypatch.delenv("AMENDS_SECRET", raising=False)
    url = f"sqlite:///{tmp_path}/amends.db"
    inc = incident(ongoing=False, locales=["en"])
    path = dump_incident(inc, tmp_path / "incident.yaml")
    with open_store(url, create=True) as store:
        from amends.publish.operations import save_incident

        save_incident(store, inc)
        with store.begin() as conn:
            conn.execute(
                insert(s.ledger).values(
                    run_id="r",
                    incident_id=inc.id,
                    subscriber="sub-7",
                    window_id="w1",
                    policy_id="p",
                    policy_version="1",
                    amount=Decimal("3"),
                    currency="USD",
                    unit="cash",
                )
            )
    console = Console(record=True, width=400)
    run(tmp_path / "out", url, path, console)
    text = console.export_text()
    secret = re.search(r"AMENDS_SECRET=(\S+) amends serve", text).group(1)
    token = re.search(r"/affected/(\S+)", text).group(1)
    claim = verify_affected(secret, token)
    assert claim is not None and (claim.incident_id, claim.subscriber) == (inc.id, "sub-7")
