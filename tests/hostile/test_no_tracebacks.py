"""Issue 20's tracebacks, now one line each: a Parquet file with zeroed bytes (DuckDB's read
error), YAML and TOML nested 1,000 levels deep (RecursionError), and a policy amount of 1e400
(decimal.InvalidOperation). Counts of 10^30 and a year-1 discovered_at: tests/incident."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.hostile.helpers import store_in
from tests.hostile.test_incident_files import _commands

DEEP_YAML = "a: " + "[" * 1000 + "]" * 1000 + "\n"
DEEP_BLOCK_YAML = "".join(" " * i + "k:\n" for i in range(1000))
DEEP_TOML = "a = " + "[" * 1000 + "]" * 1000 + "\n"
DEMO_POLICY = Path(__file__).parents[2] / "src/amends/credits/policies/demo.toml"


def test_a_parquet_file_with_zeroed_bytes_is_named(work: Path, cli, rejected) -> None:
    made = cli("simulate", "-o", "calls.parquet", "--subscribers", "200", "--calls-per-day", "5000")
    assert made.code == 0, made.err
    data = bytearray((work / "calls.parquet").read_bytes())
    middle = len(data) // 2
    data[middle - 2000 : middle + 2000] = bytes(4000)
    (work / "bad.parquet").write_bytes(bytes(data))
    line = rejected("impact", "bad.parquet", "-o", "out", names=("bad.parquet", "cannot read"))
    assert "again" in line
    assert not (work / "out").exists()


@pytest.mark.parametrize(
    ("command", "text"),
    [(c, DEEP_YAML) for c in ("assess", "eta", "draft", "credits", "notices", "publish")]
    + [("draft", DEEP_BLOCK_YAML)],
)
def test_deeply_nested_yaml_incident(
    command: str, text: str, work: Path, impact_dir: Path, rejected
) -> None:
    (work / "policy.toml").write_text(DEMO_POLICY.read_text(encoding="utf-8"), encoding="utf-8")
    (work / "deep.yaml").write_text(text, encoding="utf-8")
    args = _commands("deep.yaml", work)[command]
    if "--db" in args:
        args[args.index("--db") + 1] = store_in(work, "store")
    rejected(*args, names=("deep.yaml",))
    assert not (work / "out").exists()


def test_deeply_nested_yaml_facts_and_scenario(
    work: Path, impact_dir: Path, good_incident: str, rejected
) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    (work / "deep.yaml").write_text(DEEP_YAML, encoding="utf-8")
    rejected("assess", "incident.yaml", "--impact", "impact", "--facts", "deep.yaml",
             names=("deep.yaml",))  # fmt: skip
    rejected("simulate", "-o", "calls.parquet", "--scenario", "deep.yaml", names=("deep.yaml",))


def test_deeply_nested_toml(work: Path, impact_dir: Path, good_incident: str, rejected) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    (work / "deep.toml").write_text(DEEP_TOML, encoding="utf-8")
    (work / "e.csv").write_text(
        "ts,subscriber,region,service,cause,sip_status,duration_s\n"
        "2026-03-10T10:00:00Z,s1,CA,local,16,200,30\n",
        encoding="utf-8",
    )
    rejected("credits", "incident.yaml", "--impact", "impact", "--policy", "deep.toml",
             "-o", "out/c.csv", names=("deep.toml", "nested"))  # fmt: skip
    rejected("assess", "incident.yaml", "--impact", "impact", "--regime", "deep.toml",
             names=("deep.toml", "nested"))  # fmt: skip
    rejected("events", "inspect", "e.csv", "--map", "deep.toml", names=("deep.toml", "nested"))
    rejected("events", "inspect", "e.csv", "--config", "deep.toml", names=("deep.toml", "nested"))
    assert not (work / "out").exists()


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('maximum = "20.00"', "maximum = 1e400", "maximum"),
        ('{ from = 3, amount = "5.00" }', "{ from = 3, amount = 1e400 }", "amount"),
        ('{ from = 3, amount = "5.00" }', '{ from = 3, amount = "1e30" }', "amount"),
        ('{ from = 3, amount = "5.00" }', '{ from = 1e30, amount = "5.00" }', "from"),
        ('{ from = 3, amount = "5.00" }', '{ from = 3, amount = "inf" }', "amount"),
        ("min_failed_attempts = 1", "min_failed_attempts = " + "9" * 30, "min_failed"),
    ],
)
def test_absurd_policy_amounts_name_the_field(
    old: str, new: str, field: str, work: Path, impact_dir: Path, good_incident: str, rejected
) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    text = DEMO_POLICY.read_text(encoding="utf-8")
    assert old in text
    (work / "policy.toml").write_text(text.replace(old, new), encoding="utf-8")
    rejected("credits", "incident.yaml", "--impact", "impact", "--policy", "policy.toml",
             "-o", "out/c.csv", names=("policy.toml", field))  # fmt: skip
    assert not (work / "out").exists()


def test_deeply_nested_amends_toml(work: Path, rejected) -> None:
    """amends.toml is read by the events config and the notify settings: both refuse it."""
    (work / "amends.toml").write_text("[notify]\n" + DEEP_TOML, encoding="utf-8")
    rejected("worker", "--until-empty", "--db", store_in(work, "s"), names=("amends.toml",))
