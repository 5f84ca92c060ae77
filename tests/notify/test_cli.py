"""`amends notify ...` and `amends worker` through the real CLI entry point (SQLite file)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from amends.publish.receivers import SmtpSink
from amends.store.testing import create_store


def _db(tmp_path) -> str:
    return create_store(f"sqlite:///{tmp_path / 'cli.db'}")


def test_subscribe_list_and_status(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = _db(tmp_path)
    r = cli("notify", "subscribe", "email", "ann@example.org", "--region", "california", "--db", db)
    assert r.code == 0 and "waiting for confirmation" in r.out
    r = cli("notify", "subscribe", "sms", "(415) 555-2671", "--phone-region", "US", "--db", db)
    assert r.code == 0 and "+14155552671" in r.out
    r = cli("notify", "subscribe", "webhook", "https://hooks.example.com/in", "--db", db)
    assert r.code == 0 and "signing secret (shown once): whsec_" in r.out
    r = cli("notify", "list", "--db", db)
    assert "3 subscriptions" in r.out and "unconfirmed" in r.out
    r = cli("notify", "status", "--db", db)
    assert r.code == 0
    email_row = next(line for line in r.out.splitlines() if "email" in line)
    assert email_row.split("│")[2].strip() == "1"  # the confirmation email is queued


def test_hostile_webhook_and_bad_number_exit_2(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = _db(tmp_path)
    r = cli("notify", "subscribe", "webhook", "http://[::ffff:169.254.169.254]/", "--db", db)
    assert r.code == 2 and "metadata" in r.err and "Traceback" not in r.err
    r = cli("notify", "subscribe", "sms", "12345", "--db", db)
    assert r.code == 2 and "phone number" in r.err


def test_import_reports_file_and_line(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = _db(tmp_path)
    good = tmp_path / "subs.csv"
    good.write_text("kind,address,region\nemail,a@example.org,texas\nsms,+14155552671,\n")
    r = cli("notify", "import", good, "--db", db, "--confirmed")
    assert r.code == 0 and "2 rows: 2 new" in r.out and "0 confirmation" in r.out
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,address\nemail,b@example.org\nwebhook,http://10.0.0.7/x\n")
    r = cli("notify", "import", bad, "--db", db)
    assert r.code == 2 and f"{bad}:3:" in r.err and "private" in r.err
    assert "2 subscriptions" in cli("notify", "list", "--db", db).out  # nothing half-imported
    r = cli("notify", "import", tmp_path / "missing.csv", "--db", db)
    assert r.code == 2 and "missing.csv" in r.err


def test_enqueue_notices_then_worker_delivers(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = _db(tmp_path)
    table = pa.table(
        {
            "subscriber": ["A", "B", "C"],
            "channel": ["email", "email", "email"],
            "recipient": ["a@example.org", "b@example.org", None],
            "subject": ["Your credit"] * 3,
            "text": ["You are owed $5."] * 3,
        }
    )
    pq.write_table(table, tmp_path / "notices.parquet")
    r = cli("notify", "enqueue-notices", "inc-1", tmp_path / "notices.parquet", "--db", db)
    assert r.code == 0 and "enqueued 2 of 3" in r.out
    r = cli("notify", "enqueue-notices", "inc-1", tmp_path / "notices.parquet", "--db", db)
    assert "enqueued 0 of 3" in r.out
    with SmtpSink() as sink:
        (tmp_path / "amends.toml").write_text(
            f"[notify]\npoll_s = 0.05\n[notify.email]\nport = {sink.port}\n"
        )
        r = cli("worker", "--db", db, "--until-empty", "--channel", "email")
        assert r.code == 0, r.err
        assert sorted(rcpt for rcpt, _s in sink.messages.values()) == [
            "a@example.org",
            "b@example.org",
        ]
    assert "sent 2" in r.err
    r = cli("notify", "status", "--db", db, "--watch")
    assert r.code == 0 and "email" in r.out


def test_worker_bad_concurrency_is_a_one_line_error(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = cli("worker", "--db", _db(tmp_path), "--concurrency", "email=zero", "--until-empty")
    assert r.code == 2 and "CHANNEL=N" in r.err


def test_bad_config_is_a_one_line_error(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "amends.toml").write_text("[notify]\nmax_attempts = 0\n")
    r = cli("worker", "--db", _db(tmp_path), "--until-empty")
    assert r.code == 2 and "amends.toml" in r.err and "max_attempts" in r.err


def test_demo_step_delivers_published_statements(tmp_path):
    from rich.console import Console

    from amends.cli.demo_notify import run
    from amends.store import open_store

    from .helpers import add_statement, seed_incident

    db = _db(tmp_path)
    store = open_store(db, create=True)
    seed_incident(store)
    add_statement(store, "email")
    add_statement(store, "web")
    store.close()
    console = Console(record=True, width=160)
    outputs = run(tmp_path / "out", db, console)
    import json

    report = json.loads(outputs[0][1].read_text())
    recipients = sorted(e["to"] for e in report["emails"])
    # confirmation for the double opt-in reader, then the statement to every matching address
    # the double opt-in reader gets the confirmation, then (confirmed) the statement too
    assert recipients == [
        "all-updates@example.net",
        "california@example.net",
        "noc@example.net",
        "reader@example.net",
        "reader@example.net",
    ]
    subjects = {e["subject"] for e in report["emails"]}
    assert subjects == {"Confirm your status updates", "Calls in California are failing"}
    assert [w["data"]["stage"] for w in report["webhooks"]] == ["acknowledge"]
    assert report["outbox"]["email"]["sent"] == 5 and report["outbox"]["webhook"]["sent"] == 1
    assert "Delivered notifications" in console.export_text()


def test_audience_and_requeue_dead(cli, tmp_path, monkeypatch):
    from sqlalchemy import insert, update

    from amends.store import open_store
    from amends.store.schema import outbox, subscribers

    monkeypatch.chdir(tmp_path)
    db = _db(tmp_path)
    store = open_store(db, create=True)
    with store.begin() as conn:
        conn.execute(
            insert(subscribers).values(subscriber="S1", email="s1@example.org", locale="en")
        )
    store.close()
    pq.write_table(pa.table({"subscriber": ["S1", "S2"]}), tmp_path / "affected.parquet")
    r = cli(
        "notify",
        "audience",
        tmp_path / "affected.parquet",
        "-o",
        tmp_path / "aud.parquet",
        "--db",
        db,
    )
    assert r.code == 0 and "2 affected, 1 with a contact" in r.out
    assert pq.read_table(tmp_path / "aud.parquet").column("email").to_pylist() == [
        "s1@example.org",
        None,
    ]
    r = cli("notify", "subscribe", "email", "x@example.org", "--db", db)
    store = open_store(db, create=True)
    with store.begin() as conn:
        conn.execute(update(outbox).values(status="dead", attempts=8, last_error="SMTP 451"))
    store.close()
    r = cli("notify", "requeue-dead", "--channel", "email", "--db", db)
    assert r.code == 0 and "requeued 1 dead" in r.out
    r = cli("notify", "audience", tmp_path / "nope.parquet", "-o", tmp_path / "x.parquet")
    assert r.code == 2 and "nope.parquet" in r.err


def test_status_watch_follows_a_fan_out_to_the_end(cli, tmp_path, monkeypatch):
    import threading

    from amends.publish.notifyconfig import load_settings
    from amends.publish.outbox import enqueue_notices
    from amends.publish.worker import Worker
    from amends.store import open_store

    monkeypatch.chdir(tmp_path)
    db = _db(tmp_path)
    n = 300
    table = pa.table(
        {
            "subscriber": [f"S{i}" for i in range(n)],
            "channel": ["email"] * n,
            "recipient": [f"s{i}@example.org" for i in range(n)],
            "text": ["You are owed $5."] * n,
        }
    )
    store = open_store(db, create=True)
    with store.begin() as conn:
        enqueue_notices(conn, "inc-1", table)
    with SmtpSink() as sink:
        settings = load_settings(None, env={}, email={"port": sink.port}, poll_s=0.05)
        worker = Worker(store, settings, channels=["email"], until_empty=True)
        thread = threading.Thread(target=worker.run)
        thread.start()
        r = cli("notify", "status", "--db", db, "--watch", "--interval", "0.05")
        thread.join()
    store.close()
    assert r.code == 0
    email_row = next(line for line in r.out.splitlines() if line.startswith("│ email"))
    cells = [c.strip() for c in email_row.split("│")[1:-1]]
    assert cells == ["email", "0", "0", "300", "0", "0", "300"]
    assert sink.unique == n


def test_worker_signs_with_the_stores_own_secret_and_refuses_a_short_one(
    cli, tmp_path, monkeypatch
):
    """No secret configured: the store makes its own (no published default to forge with)."""
    from amends.store import open_store
    from amends.store.schema import instance_secrets

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AMENDS_NOTIFY_SECRET", raising=False)
    db = _db(tmp_path)
    r = cli("worker", "--db", db, "--until-empty")
    assert r.code == 0 and "warning" not in r.err
    with open_store(db, create=True) as store, store.connect() as conn:
        (row,) = conn.execute(instance_secrets.select()).all()
    assert row.name == "notify-links" and len(row.value) >= 40
    monkeypatch.setenv("AMENDS_NOTIFY_SECRET", "short")
    r = cli("worker", "--db", db, "--until-empty")
    assert r.code == 2 and "secret" in r.err and "16 characters" in r.err
    assert len(r.err.strip().splitlines()) == 1
