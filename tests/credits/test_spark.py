"""`amends credits --engine spark` equals `--engine duckdb`: the same ledger rows (amounts,
reasons, inputs), the same CSV bytes and Parquet tables, the same summary, for policies with
tiers, caps, both rounding modes, allowances, exclusions and in-area eligibility."""

from __future__ import annotations

import random
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest
from tests.impact.conftest import spark  # noqa: F401

from amends.impact.model import BaselineInfo, EventsSummary, ImpactReport, Window
from amends.store.testing import create_store

pytestmark = [pytest.mark.spark, pytest.mark.slow, pytest.mark.xdist_group("spark")]

DEMO = Path(__file__).parents[2] / "src" / "amends" / "credits" / "policies" / "demo.toml"

#: the larger of a share of the fee (exact seconds) and a tier by failed calls; a $1 floor
MAX_POLICY = """\
id = "spark-max"
currency = "USD"
combine = "max"
minimum = "1.00"
time_zone = "America/Chicago"

[[credit]]
kind = "prorata"

[[credit]]
kind = "tiered"
by = "failed_attempts"
tiers = [{ from = 3, amount = "4.00" }, { from = 12, amount = "7.505" }]
"""

#: everyone in an affected area, summed, half-even, capped; exclusions of every kind
SUM_POLICY = """\
id = "spark-sum"
currency = "USD"
combine = "sum"
maximum = "25.00"
rounding = "half_even"
time_zone = "America/New_York"

[eligibility]
basis = "in_area"

[exclude]
plans = ["Unlimited"]
subscribers = ["S007"]
credited_by = ["demo-outage-credit"]
file = "excluded.csv"

[[credit]]
kind = "flat"
amount = "0.125"

[[credit]]
kind = "prorata"

[[credit]]
kind = "per_day"
amount = "1.005"
threshold_days = 1
count = "calendar"
partial_days = "count"

[[credit]]
kind = "tiered"
by = "duration_hours"
tiers = [{ from = 1, amount = "0.50" }, { from = 24, amount = "3.335" }]

[[credit]]
kind = "allowance"
unit = "minutes"
amount = "12.5"
per_started_day = true
"""

WINDOWS = {
    "w1": (datetime(2026, 3, 10, 12, 0, tzinfo=UTC), datetime(2026, 3, 10, 18, 0, tzinfo=UTC)),
    "w2": (datetime(2026, 3, 12, 7, 13, 17, tzinfo=UTC), datetime(2026, 3, 14, 9, 0, tzinfo=UTC)),
}
REGIONS = {"w1": ["CA", "TX"], "w2": ["NV", "TX"]}
#: plan names that JSON must escape (quote, backslash, tab, a control character, non-ASCII)
PLAN_NAMES = ["Basic", "Unlimited", 'Family "Plus" \\ é', "Tab\there", "Bell\x07"]


def make_case(folder: Path, subscribers: int = 400) -> dict[str, Path]:
    """An incident with two windows, its impact folder, plans (CSV and Parquet) and policies."""
    rng = random.Random(18)
    windows = [
        Window(
            id=wid,
            kind="failures",
            start=start,
            end=end,
            duration_minutes=int((end - start).total_seconds() // 60),
            regions=REGIONS[wid],
            services=["local"],
            scope=[],
            subscribers_affected=subscribers,
            failed_attempts=subscribers,
            missing_attempts=0,
        )
        for wid, (start, end) in WINDOWS.items()
    ]
    start, end = WINDOWS["w1"][0], WINDOWS["w2"][1]
    report = ImpactReport(
        windows=windows,
        events=EventsSummary(
            attempts=100 * subscribers,
            network_failures=subscribers,
            start=start,
            end=end,
            minutes=int((end - start).total_seconds() // 60),
            regions=["CA", "NV", "TX"],
            services=["local"],
            subscribers_with_failures=subscribers,
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
    impact = folder / "impact"
    impact.mkdir(parents=True)
    (impact / "impact.json").write_text(report.model_dump_json(), encoding="utf-8")
    rows: dict[str, list[object]] = {"window": [], "subscriber": [], "region": [], "fa": []}
    homes = {}
    for i in range(subscribers):
        sub = f"S{i:03d}"
        homes[sub] = rng.choice(["CA", "TX", "NV"])
        for wid in WINDOWS:
            if rng.random() < 0.6:
                regions = [r for r in REGIONS[wid] if rng.random() < 0.7] or REGIONS[wid][:1]
                for region in regions:  # some subscribers failed in two regions
                    rows["window"].append(wid)
                    rows["subscriber"].append(sub)
                    rows["region"].append(region)
                    rows["fa"].append(rng.choice([0, 1, 2, 3, 5, 11, 12, 40]))
    pq.write_table(
        pa.table(
            {
                "window": pa.array(rows["window"], pa.string()),
                "subscriber": pa.array(rows["subscriber"], pa.string()),
                "region": pa.array(rows["region"], pa.string()),
                "failed_attempts": pa.array(rows["fa"], pa.int64()),
            }
        ),
        impact / "subscribers.parquet",
    )
    fees = ["31.00", "744.00", "0.00", "19.99", "12.345678", "1000", "7.5"]
    plans = pa.table(
        {
            "subscriber": [f"S{i:03d}" for i in range(subscribers + 40)],
            "plan": [rng.choice(PLAN_NAMES) for _ in range(subscribers + 40)],
            "monthly_fee": [rng.choice(fees) for _ in range(subscribers + 40)],
            "currency": ["USD"] * (subscribers + 40),
            "home_region": [
                homes.get(f"S{i:03d}") or rng.choice(["CA", "TX", "NV", "OR"])
                for i in range(subscribers + 40)
            ],
        }
    )
    pcsv.write_csv(plans, folder / "plans.csv")
    fee = plans.column("monthly_fee").cast(pa.decimal128(20, 6))
    pq.write_table(plans.set_column(2, "monthly_fee", fee), folder / "plans.parquet")
    (folder / "incident.yaml").write_text(
        "id: spark-test\ntitle: Calls failing\ntime_zone: America/Los_Angeles\n"
        "discovered_at: 2026-03-10T05:10:00-07:00\n",
        encoding="utf-8",
    )
    shutil.copy(DEMO, folder / "demo.toml")
    (folder / "max.toml").write_text(MAX_POLICY, encoding="utf-8")
    (folder / "sum.toml").write_text(SUM_POLICY, encoding="utf-8")
    (folder / "excluded.csv").write_text(
        "subscriber,window\nS001,\nS002,w2\nS403,w1\n", encoding="utf-8"
    )
    return {"folder": folder, "incident": folder / "incident.yaml", "impact": impact}


def credits_args(
    case: dict[str, Path], policy: str, plans: str, db: str, out: Path
) -> list[object]:
    """The `amends credits` arguments of one run."""
    return [
        "credits", case["incident"], "--impact", case["impact"],
        "--policy", case["folder"] / policy, "--plans", case["folder"] / plans,
        "--db", db, "-o", out, "--no-chart",
    ]  # fmt: skip


def ledger_rows(db: str) -> list[tuple[object, ...]]:
    """Every ledger row but its run and time, in a stable order."""
    with sqlite3.connect(db.removeprefix("sqlite:///")) as con:
        return con.execute(
            "SELECT incident_id, subscriber, window_id, policy_id, policy_version, kind, "
            "CAST(amount AS TEXT), currency, unit, reason, inputs FROM ledger "
            "ORDER BY policy_id, subscriber, window_id, unit"
        ).fetchall()


def summary(out: str) -> str:
    """The printed summary without the line naming the run and the files."""
    return out.split("ledger:")[0]


#: the policies in the order they run on each ledger (spark-sum excludes what the demo paid)
RUNS = [("demo.toml", "plans.csv"), ("max.toml", "plans.parquet"), ("sum.toml", "plans.csv")]


def test_credits_on_spark_equal_duckdb(spark, cli, tmp_path: Path) -> None:  # noqa: F811
    case = make_case(tmp_path / "case")
    dbs = {}
    for engine in ("duckdb", "spark"):
        dbs[engine] = create_store(f"sqlite:///{tmp_path / engine}.db")
        for policy, plans in RUNS:
            out = tmp_path / engine / f"{Path(policy).stem}.csv"
            args = credits_args(case, policy, plans, dbs[engine], out)
            result = cli(*args, "--engine", engine)
            assert result.code == 0, result.err
            (tmp_path / engine / f"{policy}.out").write_text(summary(result.out))
    for policy, _ in RUNS:
        duck, ours = (tmp_path / e / f"{Path(policy).stem}.csv" for e in ("duckdb", "spark"))
        assert ours.read_bytes() == duck.read_bytes(), policy
        a, b = (
            pq.read_table(duck.with_suffix(".parquet")),
            pq.read_table(ours.with_suffix(".parquet")),
        )
        assert a.num_rows > 50 and a.equals(b), policy
        assert (tmp_path / "spark" / f"{policy}.out").read_text() == (
            tmp_path / "duckdb" / f"{policy}.out"
        ).read_text()
    rows = ledger_rows(dbs["duckdb"])
    assert rows == ledger_rows(dbs["spark"])
    # the cases the policies were written for did occur
    units = {(r[3], r[8]) for r in rows}
    assert {("demo-outage-credit", "GB"), ("spark-sum", "minutes"), ("spark-max", "cash")} <= units
    reasons = " ".join(str(r[9]) for r in rows)
    assert "capped at the maximum" in reasons and "raised to the minimum" in reasons
    inputs = " ".join(str(r[10]) for r in rows)
    assert '"plan":"Family \\"Plus\\" \\\\ é"' in inputs and '"plan":"Bell\\u0007"' in inputs
    excluded = {(r[1], r[2]) for r in rows if r[3] == "spark-sum"}
    assert ("S007", "w1") not in excluded and ("S001", "w2") not in excluded
    assert any(r[1] >= "S400" for r in rows if r[3] == "spark-sum")  # in-area, never failed


def test_bad_inputs_are_refused_on_spark_as_on_duckdb(spark, cli, tmp_path: Path) -> None:  # noqa: F811
    case = make_case(tmp_path / "case", subscribers=20)
    plans = pcsv.read_csv(case["folder"] / "plans.csv", convert_options=pcsv.ConvertOptions(
        column_types={"monthly_fee": pa.string()}))  # fmt: skip
    fees = plans.column("monthly_fee").to_pylist()
    for name, fee in (("huge", "9" * 13 + ".123457"), ("bad", "12,50"), ("fine", "1.1234567")):
        column = pa.array([*fees[:5], fee, *fees[6:]])
        pcsv.write_csv(plans.set_column(2, "monthly_fee", column), case["folder"] / f"{name}.csv")
    db = create_store(f"sqlite:///{tmp_path / 'l.db'}")
    args = credits_args(case, "max.toml", "huge.csv", db, tmp_path / "o.csv")
    result = cli(*args, "--engine", "spark")
    assert result.code == 2 and "beyond 64 bits" in result.err and "--engine duckdb" in result.err
    assert cli(*args).code == 0  # DuckDB has 128-bit integers
    for name in ("bad", "fine"):  # unreadable, and more than 6 places: the same line on both
        args = credits_args(case, "max.toml", f"{name}.csv", db, tmp_path / "o.csv")
        results = [cli(*args, "--engine", engine) for engine in ("duckdb", "spark")]
        assert [r.code for r in results] == [2, 2]
        duck, ours = (r.err[r.err.index("error:") :].replace("\n", "") for r in results)
        assert ours == duck and "monthly_fee" in ours and "S005" in ours


def test_spark_master_needs_the_spark_engine(cli, tmp_path: Path) -> None:
    case = make_case(tmp_path / "case", subscribers=5)
    db = create_store(f"sqlite:///{tmp_path / 'l.db'}")
    args = credits_args(case, "max.toml", "plans.csv", db, tmp_path / "o.csv")
    result = cli(*args, "--spark-master", "spark://h:7077")
    assert result.code == 2 and "add --engine spark" in result.err
    result = cli(*args, "--engine", "spark", "--spark-master", "h:7077")
    assert result.code == 2 and "give local[*], spark://HOST:PORT" in result.err
