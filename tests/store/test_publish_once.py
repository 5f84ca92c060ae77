"""Publishing twice sends once: the same text for the same incident, stage, channel and locale is
one statement and one notification per subscriber, in a row or from two processes at once (the
database's unique key decides), and the stored history only grows (issue 20)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.hostile.helpers import DATA, count

from amends.store.testing import create_store

GOOD = (DATA / "incident.yaml").read_text(encoding="utf-8")


def _setup(cli, tmp_path: Path, store_url: str) -> tuple[str, Path]:
    db = create_store(store_url)
    subs = tmp_path / "subs.csv"
    subs.write_text("kind,address\nemail,a@example.com\nemail,b@example.com\n", encoding="utf-8")
    assert cli("notify", "import", subs, "--confirmed", "--db", db).code == 0
    record = tmp_path / "incident.yaml"
    record.write_text(GOOD, encoding="utf-8")
    return db, record


def _publish(cli, record: Path, db: str, *extra: str):
    return cli(
        "publish", record, "--stage", "acknowledge", "--channel", "email", *extra, "--db", db
    )


def test_a_rerun_publishes_and_sends_nothing_again(cli, tmp_path: Path, store_url: str) -> None:
    db, record = _setup(cli, tmp_path, store_url)
    first = _publish(cli, record, db)
    assert first.code == 0, first.err
    statements, queued = count(db, "statements"), count(db, "outbox")
    assert statements == 2 and queued == 2  # en + es; the two subscribers read English
    again = _publish(cli, record, db)
    assert again.code == 0, again.err
    assert "unchanged" in again.out and "nothing was sent again" in again.out
    assert (count(db, "statements"), count(db, "outbox")) == (statements, queued)


def test_two_processes_at_once_store_one_statement(cli, tmp_path: Path, store_url: str) -> None:
    db, record = _setup(cli, tmp_path, store_url)
    args = [sys.executable, "-m", "amends", "publish", str(record), "--stage", "acknowledge"]
    args += ["--channel", "email", "--db", db]
    env = {**os.environ, "COLUMNS": "200"}
    procs = [
        subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert count(db, "statements") == 2 and count(db, "outbox") == 2
    outs = "".join(out for out, _ in results)
    assert outs.count("unchanged") + len(re.findall(r"│ email", outs)) == 4


def test_a_record_with_less_history_adds_and_never_removes(
    cli, tmp_path: Path, store_url: str
) -> None:
    """The stored record keeps every statement published; the file's shorter history adds."""
    from amends.store import open_store
    from amends.store.schema import incidents

    db, record = _setup(cli, tmp_path, store_url)
    for stage in ("acknowledge", "update"):
        for channel in ("web", "email"):
            assert (
                cli("publish", record, "--stage", stage, "--channel", channel, "--db", db).code == 0
            )
    with open_store(db) as store, store.connect() as conn:
        stored = json.loads(conn.execute(incidents.select()).one().record)
    assert len(stored["history"]) == 8  # 2 stages x 2 channels x 2 locales
    assert cli("publish", record, "--stage", "resolve", "--db", db).code == 0  # file: no history
    with open_store(db) as store, store.connect() as conn:
        after = json.loads(conn.execute(incidents.select()).one().record)
    assert after["history"][:8] == stored["history"]
    assert len(after["history"]) == 10
