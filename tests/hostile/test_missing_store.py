"""A mistyped `--db` never reads as an empty, healthy store: every command but `amends db upgrade`
(and the demo) refuses a database that does not exist or has no schema, creates nothing, and
says in one line to run `amends db upgrade --db URL` first."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.hostile.helpers import count

NOW = "2026-03-10T22:00:00+00:00"
SAMPLE_HISTORY = Path(__file__).parents[2] / "src/amends/eta/data/sample_history.csv"

#: Every command that reads or writes the store (the files they need are made by `_files`).
STORE_COMMANDS: list[list[str]] = [
    ["site", "build", "-o", "site"],
    ["due"],
    ["due", "--fail-overdue"],
    ["publish", "incident.yaml", "--stage", "acknowledge"],
    ["serve", "--port", "0"],
    ["worker", "--until-empty"],
    ["notify", "subscribe", "email", "a@example.com"],
    ["notify", "confirm", "1"],
    ["notify", "unsubscribe", "1"],
    ["notify", "import", "subs.csv"],
    ["notify", "list"],
    ["notify", "status"],
    ["notify", "requeue-dead"],
    ["notify", "enqueue-notices", "inc-1", "notices.parquet"],
    ["notify", "audience", "impact/subscribers.parquet", "-o", "audience.parquet"],
    ["token", "create", "bot"],
    ["token", "list"],
    ["token", "revoke", "1"],
    ["history", "show"],
    ["history", "import", str(SAMPLE_HISTORY)],
    ["feedback", "some-incident"],
    ["db", "import-plans", "plans.csv"],
    ["eta", "incident.yaml", "--now", NOW],
    ["credits", "incident.yaml", "--impact", "impact", "--policy", "policy.toml", "-o", "c.csv"],
]


def _files(work: Path, good_incident: str) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    (work / "plans.csv").write_text("subscriber\ns1\n", encoding="utf-8")
    (work / "subs.csv").write_text("channel,address\nemail,a@example.com\n", encoding="utf-8")
    notices = {"subscriber": ["A"], "channel": ["email"], "recipient": ["a@example.org"]}
    pq.write_table(pa.table({**notices, "subject": ["Credit"], "text": ["$5"]}), "notices.parquet")
    policy = Path(__file__).parents[2] / "src/amends/credits/policies/demo.toml"
    (work / "policy.toml").write_text(policy.read_text(encoding="utf-8"), encoding="utf-8")


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda a: "-".join(a[:2]))
def test_a_store_that_does_not_exist_is_refused(
    args: list[str], store_url: str, work: Path, impact_dir: Path, good_incident: str, rejected
) -> None:
    """SQLite: the file does not exist; PostgreSQL: the schema has no tables. Neither changes."""
    _files(work, good_incident)
    db = store_url.replace("amends.db", "typo.db")
    line = rejected(*args, "--db", db, names=("amends db upgrade --db",))
    assert "typo.db" in line or "postgresql" in line
    assert not (work / "typo.db").exists() and not (work / "site").exists()
    assert count(db, "alembic_version") == 0 and count(db, "statements") == 0


def test_an_empty_sqlite_file_is_refused_and_left_empty(work: Path, rejected) -> None:
    empty = work / "empty.db"
    with closing(sqlite3.connect(empty)):
        pass
    rejected("due", "--db", f"sqlite:///{empty}", names=("has no amends tables",))
    with closing(sqlite3.connect(empty)) as con:
        assert con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_db_current_reports_a_missing_file_without_creating_it(cli, work: Path) -> None:
    result = cli("db", "current", "--db", f"sqlite:///{work / 'nope.db'}")
    assert result.code == 0 and "not created yet" in result.out
    assert "amends db upgrade --db" in result.out
    assert not (work / "nope.db").exists()


def test_upgrade_creates_then_every_command_opens(cli, store_url: str, work: Path) -> None:
    assert cli("db", "upgrade", "--db", store_url).code == 0
    result = cli("due", "--db", store_url, "--fail-overdue")
    assert result.code == 0, result
