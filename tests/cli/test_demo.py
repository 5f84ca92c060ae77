"""`amends demo` end to end on a small generated day: every stage that exists runs and writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    from amends.cli.main import main

    out = tmp_path_factory.mktemp("demo")
    code = main(["demo", "-o", str(out), "--subscribers", "4000", "--calls-per-day", "120000"])
    return out, code


def test_demo_succeeds_and_writes_the_records(demo_run: tuple[Path, int]) -> None:
    out, code = demo_run
    assert code == 0
    assert (out / "calls.parquet").stat().st_size > 0
    assert (out / "calls.subscribers.parquet").exists()


def test_demo_measures_the_injected_outage(demo_run: tuple[Path, int]) -> None:
    """The measured windows match the simulator's truth within 5 minutes at both ends."""
    from datetime import datetime

    out, _ = demo_run
    impact = json.loads((out / "impact" / "impact.json").read_text())
    truth = json.loads((out / "calls.truth.json").read_text())
    assert (out / "impact" / "subscribers.parquet").exists()
    assert (out / "impact" / "impact.png").stat().st_size > 10_000
    for t in truth["windows"]:
        found = [w for w in impact["windows"] if w["kind"] == t["kind"]]
        assert found, f"{t['id']} not found"
        t_start = datetime.fromisoformat(t["start"])
        w = min(found, key=lambda w: abs(datetime.fromisoformat(w["start"]) - t_start))
        assert abs((datetime.fromisoformat(w["start"]) - t_start).total_seconds()) <= 300
        t_end = datetime.fromisoformat(t["end"])
        assert abs((datetime.fromisoformat(w["end"]) - t_end).total_seconds()) <= 300


def test_demo_statements_pass_their_check(demo_run: tuple[Path, int]) -> None:
    """Every drafted web statement, in both locales, has no error-severity finding."""
    from amends.check import check_text

    out, _ = demo_run
    drafts = sorted((out / "statements").glob("*.web.*.md"))
    stages = {p.name.split(".")[0] for p in drafts}
    assert stages == {"acknowledge", "update", "resolve", "explain"}
    assert {p.name.split(".")[2] for p in drafts} == {"en", "es"}
    for path in drafts:
        stage, _, locale, _ = path.name.split(".")
        report = check_text(path.read_text(), stage=stage, fmt="markdown", locale=locale)
        errors = [f.rule for f in report.findings if f.severity == "error"]
        assert not errors, f"{path.name}: {errors}"


def test_demo_credits_site_and_deliveries(demo_run: tuple[Path, int]) -> None:
    """Credits are recorded and exported; the site is built and shows no subscriber id."""
    import csv

    out, _ = demo_run
    with (out / "credits.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(float(r["amount"]) >= 0 for r in rows)
    from amends.incident import load_incident

    mine = {w.id for w in load_incident(out / "incident.yaml").windows}
    assert {r["window"] for r in rows} <= mine  # not the day's unrelated outage
    subscribers = {r["subscriber"] for r in rows}
    site = out / "site"
    assert (site / "index.html").exists()
    assert (site / "api" / "v2" / "summary.json").exists()
    # built as of the replayed incident, so the uptime bars include its outage
    index = (site / "index.html").read_text(encoding="utf-8")
    stated = re.findall(r"Uptime over the last 90 days: ([\d.]+)%", index)
    assert stated and min(float(v) for v in stated) < 100
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".atom", ".rss"}:
            text = path.read_text(encoding="utf-8")
            leaked = [s for s in subscribers if s in text]
            assert not leaked, f"{path} shows subscriber ids {leaked[:3]}"
    deliveries = json.loads((out / "notify-deliveries.json").read_text())
    assert deliveries["webhooks"]
    assert (out / "regulation" / "assessment.json").exists()


def test_demo_live_section_opens_each_outage_with_its_acknowledgement(
    demo_run: tuple[Path, int],
) -> None:
    """The watcher, following the replayed afternoon, opened one incident per injected outage
    and drafted its acknowledgement in English and Spanish."""
    out, code = demo_run
    assert code == 0
    listing = json.loads((out / "live" / "incidents.json").read_text())
    kinds = sorted(i["windows"][0]["kind"] for i in listing)
    assert kinds == ["failures", "silence"]
    for inc in listing:
        assert inc["detection"]["source"].startswith("dir:")
        drafts = out / "live" / "drafts" / inc["id"]
        assert (drafts / "acknowledge.web.en.md").read_text().startswith("# We are sorry")
        assert (drafts / "acknowledge.web.es.md").exists()
        assert (out / "live" / f"{inc['id']}.yaml").exists()
