"""On SQLite and PostgreSQL: a file with one bad row among good ones stores nothing, and running
an import or the credits twice never writes a row twice."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
from tests.hostile.helpers import count

OK = "2024-03-01T00:00:00+00:00,2024-03-01T04:00:00+00:00"
HISTORY = "ref,cause_category,started_at,restored_at,regions,services,customers_affected\n"


def test_history_import_all_or_nothing_and_idempotent(work: Path, db: str, cli) -> None:
    good = HISTORY + f"r1,power,{OK},WA,local,5\nr2,fiber_cut,{OK},CA,local,7\n"
    (work / "bad.csv").write_text(
        good + "r3,power,2024-03-01T00:00:00,,WA,local,5\n", encoding="utf-8"
    )
    result = cli("history", "import", "bad.csv", "--db", db)
    assert result.code == 2 and "bad.csv:4" in result.err, result.err
    assert count(db, "past_incidents") == 0
    (work / "good.csv").write_text(good, encoding="utf-8")
    assert cli("history", "import", "good.csv", "--db", db).code == 0
    assert cli("history", "import", "good.csv", "--db", db).code == 0
    assert count(db, "past_incidents") == 2


def test_plans_import_all_or_nothing(work: Path, db: str, cli) -> None:
    text = (
        "subscriber,plan,monthly_fee,currency,time_zone\n"
        "s1,basic,10,USD,America/Chicago\ns2,basic,10,USD,Mars/Olympus\n"
    )
    (work / "plans.csv").write_text(text, encoding="utf-8")
    result = cli("db", "import-plans", "plans.csv", "--db", db)
    assert result.code == 2 and "plans.csv:3" in result.err, result.err
    assert count(db, "subscribers") == 0


def test_notify_import_all_or_nothing(work: Path, db: str, cli) -> None:
    (work / "subs.csv").write_text(
        "kind,address\nemail,ok@example.com\nemail,<script>@x\n", encoding="utf-8"
    )
    result = cli("notify", "import", "subs.csv", "--db", db)
    assert result.code == 2 and "subs.csv:3" in result.err, result.err
    assert count(db, "notify_subscriptions") == 0


def _plans_for(impact: Path, target: Path) -> None:
    """A quoted plans CSV for every subscriber the impact folder lists (fee 30 USD, home region)."""
    seen: dict[str, str] = {}
    for row in pq.read_table(impact / "subscribers.parquet").to_pylist():
        seen.setdefault(row["subscriber"], row["region"])
    # quoted, as pandas, Excel and most exporters write it (the fee must still read as exact text)
    lines = ['"subscriber","plan","monthly_fee","currency","home_region"']
    lines += [f'"{sub}","Basic","30.00","USD","{region}"' for sub, region in seen.items()]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_credits_twice_never_doubles_the_ledger_and_bad_policy_adds_nothing(
    work: Path, impact_dir: Path, good_incident: str, db: str, cli
) -> None:
    from amends.cli.demo_credits import DEMO_POLICY

    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    _plans_for(impact_dir, work / "plans.csv")
    args = ["credits", "incident.yaml", "--impact", "impact", "--plans", "plans.csv"]
    first = cli(*args, "--policy", DEMO_POLICY, "-o", "c1.csv", "--db", db)
    assert first.code == 0, first.err
    rows = count(db, "ledger")
    assert rows > 0
    again = cli(*args, "--policy", DEMO_POLICY, "-o", "c2.csv", "--db", db)
    assert again.code == 0, again.err
    assert count(db, "ledger") == rows
    (work / "bad.toml").write_text(
        DEMO_POLICY.read_text(encoding="utf-8").replace('minimum = "2.00"', 'minimum = "-2.00"'),
        encoding="utf-8",
    )
    bad = cli(*args, "--policy", "bad.toml", "-o", "c3.csv", "--db", db)
    assert bad.code == 2 and "bad.toml" in bad.err, bad.err
    assert count(db, "ledger") == rows
    assert not (work / "c3.csv").exists()


def test_publish_refused_stage_writes_nothing(work: Path, good_incident: str, db: str, cli) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    result = cli("publish", "incident.yaml", "--stage", "nope", "--db", db)
    assert result.code == 2 and "nope" in result.err
    for table in ("incidents", "statements", "outbox"):
        assert count(db, table) == 0
