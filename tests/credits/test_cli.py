"""`amends credits` end to end: compute, record once, export (CSV, Parquet) = the ledger."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal as D
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest
from tests.credits.conftest import affected

from amends.impact.model import BaselineInfo, EventsSummary, ImpactReport, Window
from amends.store import open_store
from amends.store.ledger import ledger_entries
from amends.store.testing import create_store

POLICY = """\
id = "cli-credit"
currency = "USD"
combine = "max"
minimum = "1.00"

[[credit]]
kind = "prorata"

[[credit]]
kind = "tiered"
by = "failed_attempts"
tiers = [{ from = 3, amount = "4.00" }]
"""

PLANS = """\
subscriber,plan,monthly_fee,currency,home_region,time_zone,locale,email,phone
A,Basic,31.00,USD,CA,America/Los_Angeles,en,a@example.com,+12005550100
B,Unlimited,744.00,USD,CA,America/Los_Angeles,en,b@example.com,+12005550101
C,Basic,31.00,USD,TX,America/Chicago,es,c@example.com,+12005550102
"""


@pytest.fixture
def case(tmp_path: Path) -> dict[str, Path]:
    start = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    end = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
    window = Window(
        id="w1",
        kind="failures",
        start=start,
        end=end,
        duration_minutes=360,
        regions=["CA", "TX"],
        services=["local"],
        scope=[],
        subscribers_affected=3,
        failed_attempts=6,
        missing_attempts=0,
    )
    report = ImpactReport(
        windows=[window],
        events=EventsSummary(
            attempts=100,
            network_failures=6,
            start=start,
            end=end,
            minutes=360,
            regions=["CA", "TX"],
            services=["local"],
            subscribers_with_failures=3,
        ),
        baseline=BaselineInfo(
            mode="auto",
            sources={},
            comparable_half_width_minutes=0,
            volume_reference_minutes=0,
            rate_reference_minutes=0,
            overall_failure_rate=0.0,
            method="test",
        ),
    )
    impact = tmp_path / "impact"
    impact.mkdir()
    (impact / "impact.json").write_text(report.model_dump_json(), encoding="utf-8")
    pq.write_table(
        affected([("w1", "A", 1), ("w1", "B", 2), ("w1", "C", 3)]), impact / "subscribers.parquet"
    )
    incident = tmp_path / "incident.yaml"
    incident.write_text(
        "id: cli-test\ntitle: Calls failing\ntime_zone: America/Los_Angeles\n"
        "discovered_at: 2026-03-10T05:10:00-07:00\n",
        encoding="utf-8",
    )
    policy = tmp_path / "policy.toml"
    policy.write_text(POLICY, encoding="utf-8")
    plans = tmp_path / "plans.csv"
    plans.write_text(PLANS, encoding="utf-8")
    return {
        "incident": incident,
        "impact": impact,
        "policy": policy,
        "plans": plans,
        "db": Path(create_store(f"sqlite:///{tmp_path / 'ledger.db'}").removeprefix("sqlite:///")),
        "out": tmp_path / "out" / "credits.csv",
    }


def _args(c: dict[str, Path]) -> list[object]:
    return [
        "credits",
        c["incident"],
        "--impact",
        c["impact"],
        "--policy",
        c["policy"],
        "--plans",
        c["plans"],
        "--db",
        f"sqlite:///{c['db']}",
        "-o",
        c["out"],
    ]


def test_computes_records_and_exports(cli, case: dict[str, Path]) -> None:
    result = cli(*_args(case))
    assert result.code == 0, result.err
    # 6 h of March (31 days): A 31.00 -> 0.25 raised to 1.00; B 744.00 -> 6.00; C tier 4.00
    csv = pcsv.read_csv(case["out"]).to_pylist()
    assert [(r["subscriber"], D(str(r["amount"]))) for r in csv] == [
        ("A", D("1.00")),
        ("B", D("6.00")),
        ("C", D("4.00")),
    ]
    assert list(csv[0]) == [
        "subscriber",
        "window",
        "amount",
        "currency",
        "unit",
        "policy",
        "reason",
    ]
    parquet = pq.read_table(case["out"].with_suffix(".parquet")).to_pylist()
    store = open_store(f"sqlite:///{case['db']}", create=True)
    try:
        ledger = ledger_entries(store, "cli-test", "cli-credit").to_pylist()
    finally:
        store.close()
    assert [(r["subscriber"], r["amount"]) for r in parquet] == [
        (r["subscriber"], r["amount"]) for r in ledger
    ]
    assert "Total cost" in result.out and "11.00 USD" in result.out
    assert "Credits per amount" in result.out and "4.00 USD" in result.out
    assert "CA" in result.out and "TX" in result.out  # per region
    assert "3 new credits" in result.out
    png, svg = case["out"].with_suffix(".png"), case["out"].with_suffix(".svg")
    assert png.read_bytes().startswith(b"\x89PNG") and b"<svg" in svg.read_bytes()

    again = cli(*_args(case))
    assert again.code == 0, again.err
    assert "already recorded: nothing to do" in again.out
    assert pcsv.read_csv(case["out"]).num_rows == 3


def test_a_bad_policy_is_one_line_and_exit_2(cli, case: dict[str, Path]) -> None:
    case["policy"].write_text(POLICY.replace('"4.00"', '"-4.00"'), encoding="utf-8")
    result = cli(*_args(case))
    assert result.code == 2
    assert f"{case['policy']}:12: credit.1.tiers.0.amount: must not be negative" in result.err
    assert "Traceback" not in result.err
    assert not case["out"].exists()


def test_prorata_without_plans_says_to_pass_them(cli, case: dict[str, Path]) -> None:
    args = _args(case)
    i = args.index("--plans")
    del args[i : i + 2]
    result = cli(*args)
    assert result.code == 2
    assert "pass --plans FILE" in result.err


def test_a_plans_file_with_a_bad_fee_names_the_subscriber(cli, case: dict[str, Path]) -> None:
    case["plans"].write_text(PLANS.replace("744.00", "seven"), encoding="utf-8")
    result = cli(*_args(case))
    assert result.code == 2
    assert "monthly_fee" in result.err and "subscriber B" in result.err


def test_exclusions_file_and_accounts_credited_by_another_policy(
    cli, case: dict[str, Path]
) -> None:
    assert cli(*_args(case)).code == 0  # cli-credit pays A, B and C for w1
    second = case["policy"].with_name("goodwill.toml")
    second.write_text(
        'id = "goodwill"\ncurrency = "USD"\n[[credit]]\nkind = "flat"\namount = "3"\n'
        '[exclude]\ncredited_by = ["cli-credit"]\n',
        encoding="utf-8",
    )
    args = _args(case)
    args[args.index(case["policy"])] = second
    args[args.index(case["out"])] = case["out"].with_name("goodwill.csv")
    result = cli(*args, "--no-chart")
    assert result.code == 0, result.err
    assert pcsv.read_csv(case["out"].with_name("goodwill.csv")).num_rows == 0
    assert not case["out"].with_name("goodwill.png").exists()

    third = case["policy"].with_name("apology.toml")
    (case["policy"].parent / "done.csv").write_text("subscriber\nB\n", encoding="utf-8")
    third.write_text(
        'id = "apology"\ncurrency = "USD"\n[[credit]]\nkind = "flat"\namount = "3"\n'
        '[exclude]\nfile = "done.csv"\n',
        encoding="utf-8",
    )
    args[args.index(second)] = third
    result = cli(*args, "--no-chart")
    assert result.code == 0, result.err
    rows = pcsv.read_csv(case["out"].with_name("goodwill.csv")).to_pylist()
    assert [r["subscriber"] for r in rows] == ["A", "C"]


def test_the_policy_named_by_the_incident_is_the_default(cli, case: dict[str, Path]) -> None:
    args = _args(case)
    i = args.index("--policy")
    del args[i : i + 2]
    assert "pass --policy" in cli(*args).err
    case["incident"].write_text(
        case["incident"].read_text(encoding="utf-8")
        + "compensation:\n  summary: a share of your monthly fee\n  policy: policy.toml\n",
        encoding="utf-8",
    )
    result = cli(*args, "--no-chart")
    assert result.code == 0, result.err
    assert pcsv.read_csv(case["out"]).num_rows == 3


def test_incident_windows_fall_back_to_a_plain_yaml_read(case: dict[str, Path]) -> None:
    from amends.credits.run import incident_inputs, read_incident_raw

    incident_id, windows = read_incident_raw(case["incident"])
    assert (incident_id, windows) == ("cli-test", [])
    incident_id, windows = incident_inputs(case["incident"], case["impact"])
    assert incident_id == "cli-test" and [w.id for w in windows] == ["w1"]


def test_a_revised_policy_exports_the_ledger_net_after_its_adjustments(
    cli, case: dict[str, Path]
) -> None:
    assert cli(*_args(case), "--no-chart").code == 0
    # revision 1: the tier pays 9.00 instead of 4.00 (C: +5.00), and A falls below the minimum
    case["policy"].write_text(
        POLICY.replace('"4.00"', '"9.00"').replace('minimum = "1.00"', "revision = 1"),
        encoding="utf-8",
    )
    result = cli(*_args(case), "--no-chart")
    assert result.code == 0, result.err
    assert "0 new credits, 2 adjustments" in result.out
    exported = pq.read_table(case["out"].with_suffix(".parquet")).to_pylist()
    store = open_store(f"sqlite:///{case['db']}", create=True)
    try:
        ledger = ledger_entries(store, "cli-test", "cli-credit").to_pylist()
    finally:
        store.close()
    assert [(r["subscriber"], r["amount"], r["reason"]) for r in exported] == [
        (r["subscriber"], r["amount"], r["reason"]) for r in ledger
    ]
    assert [(r["subscriber"], r["amount"]) for r in exported] == [
        ("A", D("0.25")),
        ("B", D("6.00")),
        ("C", D("9.00")),
    ]


def test_a_parquet_plans_file_gives_the_same_export_as_the_csv(cli, case: dict[str, Path]) -> None:
    assert cli(*_args(case), "--no-chart").code == 0
    from_csv = case["out"].read_bytes()
    table = pcsv.read_csv(case["plans"])
    table = table.set_column(
        table.schema.get_field_index("monthly_fee"),
        "monthly_fee",
        table.column("monthly_fee").cast("string").cast(pa.decimal128(10, 2)),
    )
    pq.write_table(table, case["plans"].with_suffix(".parquet"))
    args = _args(case)
    args[args.index(case["plans"])] = case["plans"].with_suffix(".parquet")
    args[args.index(case["out"])] = case["out"].with_name("again.csv")
    result = cli(*args, "--no-chart")
    assert result.code == 0, result.err
    assert "already recorded: nothing to do" in result.out
    assert case["out"].with_name("again.csv").read_bytes() == from_csv


def test_a_killed_runs_work_folder_is_removed_by_the_next_session(tmp_path: Path) -> None:
    import tempfile

    from amends.duckdb_session import duckdb_session

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = Path(tempfile.gettempdir()) / f"amends-duckdb-test-{dead.pid}"
    left.mkdir()
    (left / "pid").write_text(str(dead.pid), encoding="ascii")
    (left / "work.duckdb").write_bytes(b"x" * 1000)
    with duckdb_session() as con:
        assert con.execute("SELECT 42").fetchall() == [(42,)]
    assert not left.exists()


def test_running_out_of_duckdb_memory_is_one_line_and_exit_1(
    cli, case: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import amends.credits.run

    monkeypatch.setattr(amends.credits.run, "ENGINE_MEMORY", "1KB")
    result = cli(*_args(case))
    assert result.code == 1, result.err
    (line,) = [x for x in result.err.splitlines() if x.startswith("error:")]  # after progress
    assert line.startswith("error: out of memory in DuckDB (Out of Memory Error")
    assert line.endswith("run the command again")
    assert "Traceback" not in result.err
    assert not case["out"].exists()


def test_a_full_disk_is_one_line_and_exit_1(
    cli, case: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import amends.credits.run

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(case["out"]))

    monkeypatch.setattr(amends.credits.run, "write_export", full)
    result = cli(*_args(case))
    assert result.code == 1, result.err
    assert result.err.splitlines()[-1] == (
        f"error: no space left on the device writing {case['out']}; free disk space and run "
        "the command again"
    )
    assert "Traceback" not in result.err


def test_logs_each_step_with_its_time_when_not_on_a_terminal(cli, case: dict[str, Path]) -> None:
    """In a log or a pipe (no live bar), each step is one line with the seconds since the start,
    in the order the run takes them."""
    result = cli(*_args(case))
    assert result.code == 0, result.err
    steps = [
        line.split(" s  ", 1)
        for line in result.err.splitlines()
        if re.match(r"^\s*\d+\.\d s  ", line)
    ]
    names = [what for _, what in steps]
    assert names == [
        "computing credits (cli-credit)",
        "recording credits in the ledger: 0 of 3",  # with its count, and a line a minute
        "writing the export",
        "drawing the chart",
        "done",
    ]
    seconds = [float(at) for at, _ in steps]
    assert seconds == sorted(seconds) and seconds[0] < 1.0


def test_inputs_split_by_subscriber_give_the_same_credits_as_whole(
    cli, case: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above amends.subscriber_ranges.PART_ROWS affected rows the run computes part by part: the
    export and the ledger are the same as one piece (a CSV plans file here; Parquet below)."""
    from amends import subscriber_ranges

    whole = cli(*_args(case))
    assert whole.code == 0, whole.err
    exported = case["out"].read_bytes()
    url = create_store(f"sqlite:///{tmp_path / 'split.db'}")
    split = dict(case, db=Path(url.removeprefix("sqlite:///")))
    split["out"] = tmp_path / "split" / "credits.csv"
    monkeypatch.setattr(subscriber_ranges, "PART_ROWS", 1)  # three subscribers: three parts
    again = cli(*_args(split))
    assert again.code == 0, again.err
    assert split["out"].read_bytes() == exported
    entries = []
    for db in (case["db"], split["db"]):
        store = open_store(f"sqlite:///{db}")
        try:
            entries.append(ledger_entries(store, "cli-test", "cli-credit").to_pylist())
        finally:
            store.close()
    assert entries[0] == entries[1] and len(entries[0]) == 3


def test_many_parts_with_a_parquet_plans_file(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bench.credits import write_inputs

    from amends import subscriber_ranges

    files = write_inputs(tmp_path / "in", 2_000)
    outs = []
    for name, rows in (("whole", 10**9), ("split", 300)):
        monkeypatch.setattr(subscriber_ranges, "PART_ROWS", rows)
        out = tmp_path / name / "credits.csv"
        url = create_store(f"sqlite:///{tmp_path / name}.db")
        result = cli(
            "credits", files["incident"], "--impact", files["impact"], "--policy",
            files["policy"], "--plans", files["plans"], "--db", url, "-o", out, "--no-chart",
        )  # fmt: skip
        assert result.code == 0, result.err
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\n") == 2_001
