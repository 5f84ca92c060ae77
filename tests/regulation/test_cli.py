"""`amends assess` end to end: text and JSON, drafts written, one-line errors with exit 2."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.parquet as pq

from amends.impact.model import SUBSCRIBERS_SCHEMA
from amends.incident import dump_incident

from .helpers import incident, report, window

LA = ZoneInfo("America/Los_Angeles")
T0 = datetime(2026, 3, 10, 14, 10, tzinfo=LA)


def _setup(tmp_path: Path, users: int = 20_000, minutes: int = 115) -> tuple[Path, Path]:
    inc = incident(T0 + timedelta(minutes=8), provider="Pacific Telephone")
    inc_path = dump_incident(inc, tmp_path / "incident.yaml")
    impact = tmp_path / "impact"
    impact.mkdir()
    w = window(T0, minutes, users)
    (impact / "impact.json").write_text(report(w).model_dump_json(), encoding="utf-8")
    first = T0.astimezone(ZoneInfo("UTC"))
    table = pa.table(
        {
            "window": ["w1"] * 3,
            "subscriber": ["a", "b", "c"],
            "region": ["CA"] * 3,
            "failed_attempts": [1, 2, 3],
            "first_failure": [first] * 3,
            "last_failure": [first] * 3,
        },
        schema=SUBSCRIBERS_SCHEMA,
    )
    pq.write_table(table, impact / "subscribers.parquet")
    return inc_path, impact


def test_assess_text_shows_figures_thresholds_and_deadlines(cli, tmp_path: Path) -> None:
    inc_path, impact = _setup(tmp_path)
    r = cli(
        "assess",
        inc_path,
        "--impact",
        impact,
        "--regime",
        "fcc-part4",
        "--now",
        "2026-03-10T18:00:00-07:00",
    )
    assert r.code == 0, r.err
    assert "REPORTABLE" in r.out
    assert "user_minutes 2,300,000 ≥ 900,000: yes" in r.out
    # crossed at 14:55 (45 min), discovered 14:18: the notification is due 16:55 PDT
    assert "2026-03-10 16:55 PDT (2026-03-10 23:55 UTC)" in r.out
    assert "[OVERDUE] Notification to the FCC" in r.out


def test_assess_json_and_drafts_written(cli, tmp_path: Path) -> None:
    inc_path, impact = _setup(tmp_path)
    out = tmp_path / "out"
    r = cli(
        "assess",
        inc_path,
        "--impact",
        impact,
        "--format",
        "json",
        "-o",
        out,
        "--now",
        "2026-03-10T15:30:00-07:00",
    )
    assert r.code == 0, r.err
    data = json.loads(r.out)
    fcc = next(x for x in data["regimes"] if x["id"] == "fcc-part4")
    assert fcc["reportable"] == "yes"
    note = out / "fcc-part4.fcc-notification.w1.md"
    assert note.exists() and "Contact telephone number" in note.read_text(encoding="utf-8")
    saved = json.loads((out / "fcc-part4.fcc-notification.w1.json").read_text(encoding="utf-8"))
    assert "Contact name" in saved["missing"]
    assert (out / "assessment.json").exists()
    assert (out / "clocks.png").read_bytes()[:4] == b"\x89PNG"
    assert (out / "clocks.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_bad_inputs_give_one_line_and_exit_2(cli, tmp_path: Path) -> None:
    inc_path, impact = _setup(tmp_path)
    r = cli("assess", inc_path, "--impact", impact, "--now", "yesterday")
    assert r.code == 2 and "--now" in r.err and "Traceback" not in r.err
    r = cli("assess", inc_path, "--impact", tmp_path / "nowhere")
    assert r.code == 2 and "impact.json" in r.err and "amends impact" in r.err
    bad = tmp_path / "bad.toml"
    bad.write_text('[regime]\nid = "x"\n', encoding="utf-8")
    r = cli("assess", inc_path, "--impact", impact, "--regime", bad)
    assert r.code == 2 and "bad.toml" in r.err and "field" in r.err
    assert len(r.err.strip().splitlines()) == 1
    facts = tmp_path / "facts.yaml"
    facts.write_text("done:\n  fcc-part4:notification: 2026-03-10T15:00:00\n", encoding="utf-8")
    r = cli("assess", inc_path, "--impact", impact, "--facts", facts)
    assert r.code == 2 and "facts.yaml" in r.err and "offset" in r.err


def test_demo_step_writes_assessment_and_drafts(tmp_path: Path) -> None:
    from rich.console import Console

    from amends.cli.demo_assess import run

    inc_path, impact = _setup(tmp_path)
    console = Console(file=open(tmp_path / "console.txt", "w"), width=120)  # noqa: SIM115
    rows = run(tmp_path / "demo", inc_path, impact, console)
    console.file.close()
    labels = [label for label, _ in rows]
    assert labels[0] == "regulatory assessment" and rows[0][1].exists()
    assert any("fcc-notification" in label for label in labels)
    assert "fcc-part4" in (tmp_path / "console.txt").read_text(encoding="utf-8")


def test_write_major_records_the_verdict_in_the_incident_file(cli, tmp_path: Path) -> None:
    from amends.incident import load_incident

    inc_path, impact = _setup(tmp_path, users=150_000, minutes=90)
    r = cli(
        "assess",
        inc_path,
        "--impact",
        impact,
        "--regime",
        "acma-outages-2024",
        "--now",
        "2026-03-10T18:00:00-07:00",
        "--write-major",
    )
    assert r.code == 0, r.err
    assert load_incident(inc_path).major is True
    r = cli(
        "assess",
        inc_path,
        "--impact",
        impact,
        "--format",
        "json",
        "--regime",
        "acma-outages-2024",
        "--now",
        "2026-03-10T18:00:00-07:00",
    )
    assert '"major": true' in r.out


def test_assess_reads_filings_and_contact_from_the_incident_file(cli, tmp_path: Path) -> None:
    inc_path, impact = _setup(tmp_path)
    args = ["assess", inc_path, "--impact", impact, "--regime", "fcc-part4"]
    args += ["--now", "2026-03-10T18:00:00-07:00"]
    assert "[OVERDUE] Notification to the FCC" in cli(*args).out
    text = inc_path.read_text(encoding="utf-8")
    text = text.replace("filings: []\n", "") + (
        "regulatory_contact: {name: Dana Ruiz, phone: '+1 415 555 0100'}\n"
        "filings:\n"
        "- {regime: fcc-part4, obligation: notification, at: '2026-03-10T16:30:00-07:00'}\n"
    )
    text = text.replace("regulatory_contact: null\n", "", 1)
    inc_path.write_text(text, encoding="utf-8")
    r = cli(*args, "--format", "json")
    assert r.code == 0, r.err
    w = json.loads(r.out)["regimes"][0]["windows"][0]
    note = next(c for c in w["clocks"] if c["id"] == "notification")
    assert note["state"] == "done" and note["done_source"] == "incident filings"
    draft = next(d for d in w["drafts"] if d["id"] == "fcc-notification")
    values = {f["name"]: f["value"] for f in draft["fields"]}
    assert values["Contact telephone number"] == "+1 415 555 0100"
    assert "OVERDUE] Notification" not in cli(*args).out
