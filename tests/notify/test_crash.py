"""The crash test: a fan-out to a local SMTP sink and a webhook receiver while worker processes
are killed with SIGKILL several times and restarted, the receiver down for the first part.
In the end every message was delivered and the de-duplicating receivers saw each exactly once.
(bench/notify.py runs the 100,000-message version.)"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pytest
from sqlalchemy import select

from amends.publish.email import message_id
from amends.publish.outbox import enqueue_notices, status_counts
from amends.publish.receivers import SmtpSink, WebhookReceiver
from amends.publish.subscriptions import subscribe
from amends.publish.webhook import webhook_id
from amends.store.schema import outbox

from .helpers import add_statement, seed_incident, settings_for

EMAILS = 4000
HOOKS = 300


def write_config(path: Path, smtp_port: int) -> Path:
    """amends.toml for the worker subprocesses: short leases, quick retries, no dead-letter."""
    path.write_text(
        f"""
[notify]
base_url = "https://status.example.net"
secret = "test-secret-0123456789"
lease_s = 1.0
poll_s = 0.05
backoff_base_s = 0.05
backoff_max_s = 0.3
max_attempts = 100000

[notify.email]
host = "127.0.0.1"
port = {smtp_port}
sender = "status@example.net"

[notify.webhook]
allow = ["127.0.0.1/32"]
timeout = 5.0

[notify.limits.email]
concurrency = 2
batch = 100

[notify.limits.webhook]
concurrency = 2
batch = 50
""",
        encoding="utf-8",
    )
    return path


def start_workers(n: int, db: str, config: Path) -> list[subprocess.Popen[bytes]]:
    """`amends worker --until-empty` subprocesses."""
    cmd = [sys.executable, "-m", "amends", "worker", "--db", db, "--config", str(config)]
    cmd += ["--channel", "email", "--channel", "webhook", "--until-empty"]
    return [
        subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(n)
    ]


def wait_for(check, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for progress")
        time.sleep(0.02)


@pytest.mark.slow
def test_sigkilled_workers_lose_nothing_and_duplicate_nothing(store, tmp_path):
    workers = 2 if store.dialect == "postgresql" else 1  # SQLite: one worker process
    with SmtpSink(keep=False) as sink, WebhookReceiver(keep=False) as receiver:
        settings = settings_for(sink.port)
        seed_incident(store)
        with store.begin() as conn:
            for i in range(HOOKS):
                subscribe(conn, settings, "webhook", f"{receiver.url}?subscriber={i}")
        add_statement(store, "web")
        notices = pa.table(
            {
                "subscriber": [f"S{i:06d}" for i in range(EMAILS)],
                "channel": ["email"] * EMAILS,
                "recipient": [f"s{i}@example.org" for i in range(EMAILS)],
                "subject": ["Your credit for the outage"] * EMAILS,
                "text": [f"You had {i % 9 + 1} failed calls; we credit $5." for i in range(EMAILS)],
            }
        )
        with store.begin() as conn:
            assert enqueue_notices(conn, "inc-1", notices) == EMAILS
        config = write_config(tmp_path / "amends.toml", sink.port)
        receiver.down = True  # the webhook receiver is down for the first two runs
        started: list[subprocess.Popen[bytes]] = []
        try:
            for kills, fraction in enumerate((0.2, 0.45, 0.7), start=1):
                procs = start_workers(workers, store.url, config)
                started += procs
                wait_for(lambda f=fraction: sink.total >= f * EMAILS)
                for p in procs:
                    os.kill(p.pid, signal.SIGKILL)
                for p in procs:
                    p.wait(10)
                    assert p.returncode == -signal.SIGKILL
                if kills == 2:
                    receiver.down = False
            procs = start_workers(workers, store.url, config)
            started += procs
            for p in procs:
                _out, err = p.communicate(timeout=120)
                assert p.returncode == 0, err.decode()[-2000:]
        finally:
            for p in started:  # never leave a worker behind, whatever failed
                if p.poll() is None:
                    p.kill()
                    p.wait(10)
    with store.connect() as conn:
        counts = status_counts(conn)
        keys = conn.execute(select(outbox.c.channel, outbox.c.idempotency_key)).all()
    assert counts["email"]["sent"] == EMAILS and counts["webhook"]["sent"] == HOOKS
    assert sum(counts["email"].values()) == EMAILS and sum(counts["webhook"].values()) == HOOKS
    want_mail = {message_id(k, "example.net") for ch, k in keys if ch == "email"}
    want_hook = {webhook_id(k) for ch, k in keys if ch == "webhook"}
    assert set(sink.messages) == want_mail  # every email, each Message-ID once after de-dup
    assert set(receiver.events) == want_hook
    assert sink.total >= EMAILS and receiver.total >= HOOKS  # at-least-once underneath
