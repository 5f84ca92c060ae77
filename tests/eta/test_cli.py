"""`amends eta`, `amends history import` (SQLite and PostgreSQL) and the demo's estimate step."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import yaml
from rich.console import Console
from sqlalchemy import func, select

from amends.cli.demo_eta import run as demo_run
from amends.eta.demo_data import SAMPLE_HISTORY
from amends.incident import RegionInfo, dump_incident, load_incident
from amends.store import Store
from amends.store.schema import past_incidents

from .conftest import T0, make_incident

NOW = "2026-03-10T14:40:00-07:00"


def incident_file(tmp_path: Path, **kw: object) -> Path:
    path = tmp_path / "incident.yaml"
    dump_incident(make_incident(**kw), path)  # type: ignore[arg-type]
    return path


def test_eta_prints_estimate_basis_and_writes_the_chart(cli, tmp_path: Path) -> None:
    inc = incident_file(tmp_path)
    chart = tmp_path / "out" / "curve.png"
    res = cli("eta", inc, "--history", SAMPLE_HISTORY, "--now", NOW, "-o", chart)
    assert res.code == 0, res.err
    out = " ".join(res.out.split())
    assert "Estimate: by about" in out and "PDT" in out
    assert "Basis: 14 of our past fiber cuts in California lasted more than 40 minutes" in out
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert chart.with_suffix(".svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert not list(chart.parent.glob(".*"))  # no temp files left behind


def test_eta_write_stores_the_estimate_in_the_incident(cli, tmp_path: Path) -> None:
    inc = tmp_path / "incident.yaml"
    dump_incident(make_incident().model_copy(update={"locales": ["en", "es"]}), inc)
    res = cli("eta", inc, "--history", SAMPLE_HISTORY, "--now", NOW, "--write")
    assert res.code == 0, res.err
    assert "es: hacia las" in " ".join(res.out.split())
    record = load_incident(inc)
    assert record.eta is not None and record.eta.source == "estimate"
    assert record.eta.at is not None and record.eta.basis
    assert record.eta.confidence == 0.8 or record.eta.latest is None
    assert record.translations["es"]["eta.basis"].startswith("14 de nuestros cortes de fibra")


def test_eta_thin_history_writes_the_promised_update_time(cli, tmp_path: Path) -> None:
    inc = incident_file(tmp_path, start=T0 - timedelta(days=30))  # older than every past case
    res = cli("eta", inc, "--history", SAMPLE_HISTORY, "--now", NOW, "--write", "-o", tmp_path)
    assert res.code == 0, res.err
    assert "no estimate yet; next update by" in res.out
    record = load_incident(inc)
    assert record.eta is not None and record.eta.at is None
    assert record.next_update_at is not None
    assert (tmp_path / "eta.png").exists()


def test_eta_errors_are_one_line_exit_2(cli, tmp_path: Path) -> None:
    inc = incident_file(tmp_path)
    cases = [
        (["eta", inc], "give --history FILE.csv"),
        (["eta", inc, "--history", SAMPLE_HISTORY, "--now", "soon"], "--now 'soon' is not a time"),
        (["eta", inc, "--history", SAMPLE_HISTORY, "--now", "2026-03-10T15:00"], "no time zone"),
        (["eta", inc, "--history", tmp_path / "nope.csv", "--now", NOW], "no such file"),
        (
            ["eta", inc, "--history", SAMPLE_HISTORY, "--now", NOW, "-o", tmp_path / "c.gif"],
            "must end in .png",
        ),
        (["eta", inc, "--history", SAMPLE_HISTORY, "--locale", "xx_YY"], "unknown locale"),
    ]
    for args, message in cases:
        res = cli(*args)
        assert res.code == 2, (args, res.out)
        assert message in res.err
        assert "Traceback" not in res.err
        assert len(res.err.strip().splitlines()) <= 2  # one message (rich may wrap it once)
    assert not (tmp_path / "c.png").exists()


def test_history_cli_import_then_eta_from_the_store(cli, store: Store, tmp_path: Path) -> None:
    url = store.url
    res = cli("history", "import", SAMPLE_HISTORY, "--db", url)
    assert res.code == 0, res.err
    assert "400 added, 0 updated, 0 unchanged" in " ".join(res.out.split())
    res = cli("history", "import", SAMPLE_HISTORY, "--db", url)
    assert "0 added, 0 updated, 400 unchanged" in " ".join(res.out.split())
    inc = incident_file(tmp_path)
    from_db = cli("eta", inc, "--db", url, "--now", NOW)
    from_csv = cli("eta", inc, "--history", SAMPLE_HISTORY, "--now", NOW)
    assert from_db.code == 0, from_db.err
    assert from_db.out == from_csv.out


def test_history_cli_bad_file_writes_nothing(cli, store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    good = SAMPLE_HISTORY.read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([*good[:5], "x,volcano,2025-01-01T00:00Z,,CA,,,,"]) + "\n")
    res = cli("history", "import", bad, "--db", store.url)
    assert res.code == 2
    assert f"{bad}:6:" in res.err and "volcano" in res.err
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(past_incidents)).scalar() == 0


def test_demo_step_returns_the_incident_eta(tmp_path: Path) -> None:
    console = Console(record=True, width=120)
    eta = demo_run(tmp_path, make_incident(), console)
    assert eta is not None and eta.source == "estimate" and eta.at is not None
    assert (tmp_path / "eta.png").exists() and (tmp_path / "eta.svg").exists()
    assert "SAMPLE history" in console.export_text()
    restored = make_incident().model_copy(update={"restored_at": T0 - timedelta(minutes=1)})
    assert demo_run(tmp_path, restored, console) is None


def test_incident_yaml_round_trips_the_estimate(tmp_path: Path) -> None:
    eta = demo_run(tmp_path, make_incident(), Console(quiet=True))
    path = tmp_path / "i.yaml"
    dump_incident(make_incident().model_copy(update={"eta": eta}), path)
    assert yaml.safe_load(path.read_text())["eta"]["source"] == "estimate"
    assert load_incident(path).eta == eta


def test_unreachable_database_is_one_line(cli) -> None:
    url = "postgresql://postgres@127.0.0.1:1/none"  # nothing listens on port 1
    res = cli("history", "import", SAMPLE_HISTORY, "--db", url)
    assert res.code == 2
    assert "cannot open the database" in res.err and "Traceback" not in res.err


def test_hostile_text_is_printed_and_drawn_as_text(cli, tmp_path: Path) -> None:
    odd = "[red]$x$[/red]"
    rows = "\n".join(
        f"r{i},fiber_cut,2026-01-{i + 1:02d}T10:00:00Z,2026-01-{i + 1:02d}T1{i % 9}:30:00Z,{odd},,"
        for i in range(10)
    )
    csv = tmp_path / "h.csv"
    csv.write_text(
        "ref,cause_category,started_at,restored_at,regions,services,customers_affected\n" + rows
    )
    inc = tmp_path / "incident.yaml"
    record = make_incident().model_copy(
        update={"regions": {odd: RegionInfo(name=odd, time_zone="America/Los_Angeles")}}
    )
    dump_incident(record, inc)
    res = cli("eta", inc, "--history", csv, "--now", NOW, "-o", tmp_path / "c.png")
    assert res.code == 0, res.err
    assert f"fiber cuts in {odd}" in " ".join(res.out.split())
    assert (tmp_path / "c.png").exists()


def test_history_show_summarises_per_cause_and_group(cli, tmp_path: Path) -> None:
    res = cli("history", "show", "--history", SAMPLE_HISTORY, "--now", "2026-03-10T12:00:00Z")
    assert res.code == 0, res.err
    rows = {line.split("│")[1].strip(): line for line in res.out.splitlines() if "│" in line}
    assert set(rows) >= {"fiber_cut", "physical (group)", "all past incidents"}
    cells = [c.strip() for c in rows["all past incidents"].split("│")[2:-1]]
    assert cells[:2] == ["400", "0"]
    # replayed before the history ends: later incidents are unknown, open ones are censored
    early = cli("history", "show", "--history", SAMPLE_HISTORY, "--now", "2025-01-01T00:00:00Z")
    assert early.code == 0
    assert "400" not in early.out
    bad = cli("history", "show")
    assert bad.code == 2 and "give --history" in bad.err


def test_eta_json_is_the_estimate(cli, tmp_path: Path) -> None:
    from amends.eta import Estimate

    inc = incident_file(tmp_path)
    res = cli("eta", inc, "--history", SAMPLE_HISTORY, "--now", NOW, "--json", "-o", tmp_path)
    assert res.code == 0, res.err
    est = Estimate.model_validate_json(res.out)
    assert est.enough and est.group_used == "fiber_cut in California"
    assert "wrote" in res.err and (tmp_path / "eta.png").exists()
