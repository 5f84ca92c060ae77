"""Benchmark the notification outbox: bulk enqueue, SMTP delivery, worker scaling, crash safety.

Run: `.venv/bin/python -m bench.notify` (PostgreSQL from AMENDS_TEST_POSTGRES_URL, default
postgresql+psycopg://postgres@127.0.0.1:5432/test, in a scratch schema that is dropped after).

1. Enqueue 1,000,000 personal notices (`enqueue_notices`) on SQLite and PostgreSQL; target < 60 s
   each. Baseline: SQLAlchemy Core `insert()` with a list of dicts, on 100,000 rows.
2. Delivery to a local SMTP sink by `amends worker` processes on PostgreSQL: one worker, then
   two (target >= 1,000 emails/s with two). Baseline: smtplib with one connection per message.
3. Crash: 100,000 emails + 1,000 webhooks, the two workers SIGKILLed three times and restarted;
   the de-duplicating receivers must see every message exactly once.
4. `--command 1M,10M`: the whole `amends notify enqueue-notices` command as users run it, in a
   subprocess (wall time and peak RSS by bench/measure.py, os.wait4 on the command),
   on SQLite and PostgreSQL, from a notices Parquet file written by DuckDB in the shape `amends
   notices` writes. Baseline in the same run (up to `--baseline-max`): the previous enqueue (the
   whole table read into memory, a key hashed per row in Python, one transaction). With
   `--kill`, each size is loaded a second time into a fresh database, SIGKILLed half-way and run
   again: every notice must be in the outbox exactly once.
"""

from __future__ import annotations

import argparse
import os
import signal
import smtplib
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from amends.publish.outbox import enqueue_notices, status_counts
from amends.publish.receivers import SmtpSink, WebhookReceiver
from amends.store import open_store
from amends.store.schema import outbox
from bench.measure import measure, revision_env

PG = os.environ.get("AMENDS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def pg_schema() -> Iterator[str]:
    """A scratch PostgreSQL schema (dropped afterwards); yields its URL."""
    schema = f"amends_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(PG).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def database(kind: str) -> Iterator[str]:
    """A fresh, migrated database of `kind` ("sqlite" or "postgresql"); yields its URL."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db"
            open_store(url, create=True).close()
            yield url
    else:
        with pg_schema() as url:
            open_store(url, create=True).close()
            yield url


def notices(n: int, offset: int = 0) -> pa.Table:
    """n personal notices, as compose's `notices()` would return them."""
    ids = range(offset, offset + n)
    return pa.table(
        {
            "subscriber": [f"S{i:08d}" for i in ids],
            "locale": ["en"] * n,
            "channel": ["email"] * n,
            "recipient": [f"s{i}@example.org" for i in ids],
            "subject": ["Your credit for Tuesday's outage"] * n,
            "text": [
                f"Between 09:12 and 11:40 UTC {i % 17 + 1} of your calls failed. "
                "We are sorry. We credit $5.00 to your next bill."
                for i in ids
            ],
        }
    )


def _size(text: str) -> int:
    text = text.strip().upper()
    scale = {"K": 1_000, "M": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("KM")) * scale)


def bench_enqueue(n: int) -> bool:
    """Enqueue n notices on both backends; baseline: Core insert of dicts on 100k rows."""
    table = notices(n)
    ok = True
    for kind in ("sqlite", "postgresql"):
        with database(kind) as url:
            store = open_store(url, migrate=False)
            t0 = time.perf_counter()
            with store.begin() as conn:
                added = enqueue_notices(conn, "bench", table)
            ours = time.perf_counter() - t0
            base_n = min(n, 100_000)
            rows = [
                {
                    "idempotency_key": f"b:{i}",
                    "channel": "email",
                    "recipient": f"s{i}@example.org",
                    "incident_id": "bench",
                    "subject": "Your credit",
                    "body_text": "text",
                    "status": "queued",
                    "attempts": 0,
                }
                for i in range(base_n)
            ]
            t0 = time.perf_counter()
            with store.begin() as conn:
                conn.execute(outbox.insert(), rows)
            base = time.perf_counter() - t0
            store.close()
        rate, base_rate = added / ours, base_n / base
        ok &= ours < 60 and added == n
        print(
            f"enqueue {kind:10s}: {added:,} notices in {ours:5.1f} s ({rate:,.0f}/s; "
            f"target < 60 s) | baseline Core insert(dicts) {base_rate:,.0f}/s | "
            f"ratio {rate / base_rate:.1f}x"
        )
    return ok


def write_config(folder: Path, smtp_port: int, *, lease_s: float = 30.0) -> Path:
    """amends.toml for the worker processes."""
    path = folder / "amends.toml"
    path.write_text(
        f"""[notify]
poll_s = 0.05
lease_s = {lease_s}
backoff_base_s = 0.05
backoff_max_s = 0.5
max_attempts = 100000
[notify.email]
host = "127.0.0.1"
port = {smtp_port}
sender = "status@example.net"
[notify.webhook]
allow = ["127.0.0.1/32"]
[notify.limits.email]
concurrency = 4
batch = 200
[notify.limits.webhook]
concurrency = 4
batch = 100
""",
        encoding="utf-8",
    )
    return path


def workers(n: int, url: str, config: Path) -> list[subprocess.Popen[bytes]]:
    """`amends worker --until-empty` processes."""
    cmd = [sys.executable, "-m", "amends", "worker", "--db", url, "--config", str(config)]
    cmd += ["--channel", "email", "--channel", "webhook", "--until-empty"]
    return [
        subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(n)
    ]


def deliver(n_workers: int, emails: int, tmp: Path) -> float:
    """Emails/s delivered by n worker processes on PostgreSQL (timed from the first delivery)."""
    with pg_schema() as url, SmtpSink(keep=False) as sink:
        open_store(url, create=True).close()
        store = open_store(url, migrate=False)
        with store.begin() as conn:
            enqueue_notices(conn, "bench", notices(emails))
        store.close()
        procs = workers(n_workers, url, write_config(tmp, sink.port))
        while sink.total == 0 and all(p.poll() is None for p in procs):
            time.sleep(0.005)
        t0, first = time.perf_counter(), sink.total
        for p in procs:
            p.wait()
        took = time.perf_counter() - t0
        assert sink.unique == emails, (sink.unique, emails)
        return (sink.total - first) / took


def baseline_smtplib(n: int, port: int) -> float:
    """smtplib with a new connection per message (what a naive sender does)."""
    from amends.publish.channels import Message
    from amends.publish.email import render_message
    from amends.publish.notifyconfig import EmailSettings

    settings = EmailSettings(port=port, sender="status@example.net")
    t0 = time.perf_counter()
    for i in range(n):
        msg = Message(i, f"base:{i}", "email", f"s{i}@example.org", "Subject", "Text")
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            smtp.sendmail(settings.sender, [msg.recipient], render_message(msg, settings))
    return n / (time.perf_counter() - t0)


def bench_delivery(emails: int) -> bool:
    """One vs two workers on PostgreSQL, against the smtplib baseline."""
    with tempfile.TemporaryDirectory() as tmp, SmtpSink(keep=False) as sink:
        base = baseline_smtplib(min(2000, emails), sink.port)
        one = deliver(1, emails, Path(tmp))
        two = deliver(2, emails, Path(tmp))
    print(f"delivery baseline smtplib, one connection per message: {base:,.0f} emails/s")
    print(f"delivery 1 worker  (PostgreSQL): {one:,.0f} emails/s | {one / base:.1f}x baseline")
    print(
        f"delivery 2 workers (PostgreSQL): {two:,.0f} emails/s | {two / base:.1f}x baseline | "
        f"scaling 1 -> 2 workers: {two / one:.2f}x (target >= 1,000 emails/s)"
    )
    return two >= 1000


def bench_crash(emails: int, hooks: int) -> bool:
    """The acceptance crash test at full size: SIGKILL x3, receiver down for a while."""
    from amends.publish.notifyconfig import load_settings
    from amends.publish.outbox import insert_rows
    from amends.publish.subscriptions import subscribe

    with (
        tempfile.TemporaryDirectory() as tmp,
        pg_schema() as url,
        SmtpSink(keep=False) as sink,
        WebhookReceiver(keep=False) as receiver,
    ):
        store = open_store(url)
        settings = load_settings(None, env={}, webhook={"allow": ["127.0.0.1/32"]})
        from datetime import UTC, datetime

        now = datetime.now(UTC)
        with store.begin() as conn:
            enqueue_notices(conn, "bench", notices(emails))
            rows = []
            for i in range(hooks):
                sub = subscribe(conn, settings, "webhook", f"{receiver.url}?s={i}")
                rows.append(
                    (
                        f"bench-hook:{i}",
                        "webhook",
                        f"{receiver.url}?s={i}",
                        sub.id,
                        None,
                        "bench",
                        None,
                        None,
                        None,
                        '{"type":"bench"}',
                        "queued",
                        0,
                        now,
                        now,
                    )
                )
            insert_rows(conn, rows)
        config = write_config(Path(tmp), sink.port, lease_s=2.0)
        receiver.down = True
        t0 = time.perf_counter()
        started = []
        try:
            for kill, fraction in enumerate((0.2, 0.45, 0.7), start=1):
                procs = workers(2, url, config)
                started += procs
                while sink.total < fraction * emails:
                    time.sleep(0.02)
                for p in procs:
                    os.kill(p.pid, signal.SIGKILL)
                    p.wait()
                print(f"crash: SIGKILL #{kill} at {sink.total:,} emails delivered")
                if kill == 2:
                    receiver.down = False
            procs = workers(2, url, config)
            started += procs
            for p in procs:
                p.wait()
        finally:
            for p in started:
                if p.poll() is None:
                    p.kill()
        took = time.perf_counter() - t0
        with store.connect() as conn:
            counts = status_counts(conn)
        store.close()
    ok = sink.unique == emails and receiver.unique == hooks
    ok &= counts["email"]["sent"] == emails and counts["webhook"]["sent"] == hooks
    print(
        f"crash: {emails:,} emails + {hooks:,} webhooks, 3 SIGKILLs, receiver down for two runs: "
        f"unique emails {sink.unique:,} (received {sink.total:,}), unique webhooks "
        f"{receiver.unique:,} (received {receiver.total:,}) in {took:.0f} s -> "
        + ("every message exactly once after de-duplication" if ok else "FAILED")
    )
    return ok


def notices_file(n: int, path: Path) -> Path:
    """n notices as `amends notices` writes them (about 400 characters of text each), by DuckDB."""
    import duckdb

    con = duckdb.connect(config={"memory_limit": "1GB", "preserve_insertion_order": False})
    con.execute(f"""COPY (
        SELECT 'S' || lpad(i::VARCHAR, 9, '0') AS subscriber,
               CASE WHEN i % 7 = 0 THEN 'es' ELSE 'en' END AS locale,
               CASE WHEN i % 20 = 0 THEN 'sms' ELSE 'email' END AS channel,
               CASE WHEN i % 20 = 0 THEN '+1415' || lpad((i % 10000000)::VARCHAR, 7, '0')
                    ELSE 's' || i || '@example.org' END AS recipient,
               'Your calls failed during our outage on Tuesday' AS subject,
               'Between 9:12 PM PST and 11:40 PM PST on Tuesday, March 10, ' || (i % 17 + 1) ||
               ' of your calls failed because of a fault in our network. We are sorry. We will '
               || 'credit $' || (i % 5 + 1) || '.00 to your next bill. Service was restored at '
               || '11:40 PM PST. If you need help, call 611 or visit example.net/help.' AS text,
               'resolve' AS stage
        FROM range({n}) t(i)) TO '{path}' (FORMAT parquet, COMPRESSION zstd)""")
    con.close()
    return path


def baseline_child(url: str, path: str) -> None:
    """The previous enqueue, as `amends notify enqueue-notices` ran it: pq.read_table of the
    whole file, a sha256 key per row in Python, one executemany/COPY in one transaction."""
    import hashlib
    from datetime import UTC, datetime

    import pyarrow.parquet as pq

    from amends.publish.outbox import insert_rows

    table = pq.read_table(path)
    now = datetime.now(UTC)
    rows = []
    cols = [table.column(c).to_pylist() for c in ("subscriber", "channel", "recipient")]
    subjects, texts = table.column("subject").to_pylist(), table.column("text").to_pylist()
    for sub, ch, rcpt, subj, body in zip(*cols, subjects, texts, strict=True):
        joined = "\x1f".join(("bench", str(sub), ch, subj or "", body))
        key = f"n:{hashlib.sha256(joined.encode()).hexdigest()[:40]}"
        rows.append((key, ch, rcpt, None, None, "bench", subj, body, None, None, "queued", 0))
        rows[-1] += (now, now)
    store = open_store(url, migrate=False)
    with store.begin() as conn:
        insert_rows(conn, rows)
    store.close()


def _count(url: str) -> tuple[int, int]:
    store = open_store(url, migrate=False)
    with store.connect() as conn:
        rows, keys = conn.execute(
            text("SELECT count(*), count(DISTINCT idempotency_key) FROM outbox")
        ).one()
    store.close()
    return int(rows), int(keys)


def _kill_and_rerun(cmd: list[str], url: str, n: int) -> str:
    """Start the load, SIGKILL it once half the notices are in, run it again; check the count."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    at = 0
    while proc.poll() is None:
        time.sleep(0.5)
        at, _ = _count(url)
        if at >= n // 2:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    killed = proc.returncode == -signal.SIGKILL
    again = subprocess.run(cmd, capture_output=True, text=True, check=True)
    rows, keys = _count(url)
    ok = killed and rows == keys == n
    log = "".join(f"\n  re-run's log: {line.strip()}" for line in again.stderr.splitlines())
    return (
        f"SIGKILL at {at:,} enqueued, re-run: {again.stdout.strip()}; outbox {rows:,} rows, "
        f"{keys:,} distinct keys -> " + ("each notice exactly once" if ok else "FAILED") + log
    )


def _wal(url: str) -> int | None:
    """PostgreSQL's WAL position in bytes (None on SQLite): the difference around a command is
    the WAL it wrote, whole pages after each checkpoint included (the server is otherwise idle)."""
    if not url.startswith("postgresql"):
        return None
    store = open_store(url, migrate=False)
    with store.connect() as conn:
        at = conn.execute(text("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')")).scalar()
    store.close()
    return int(at)


def _timed_load(
    cmd: list[str], url: str, n: int, env: dict[str, str] | None = None
) -> tuple[dict[str, float], str, bool]:
    """Run one enqueue command: its figures, its WAL in KB a notice ('' on SQLite), and whether
    the outbox then holds every notice once."""
    before = _wal(url)
    r = measure(cmd, env=env).as_dict()
    after = _wal(url)
    wal = (
        ""
        if before is None or after is None
        else f", WAL {(after - before) / n / 1e3:.2f} KB/notice"
    )
    rows, keys = _count(url)
    return r, wal, rows == keys == n


def bench_command(
    sizes: list[int],
    where: Path,
    base_max: int,
    kill: bool,
    kinds: tuple[str, ...] = ("sqlite", "postgresql"),
    rev: str | None = None,
) -> bool:
    """The whole enqueue command at each size on each backend, against the previous enqueue
    (up to `base_max`) and, with `rev`, against that git revision's command at every size."""
    ok = True
    first: dict[str, float] = {}
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    for n in sizes:
        with tempfile.TemporaryDirectory(dir=where) as tmp:
            path = notices_file(n, Path(tmp) / "notices.parquet")
            for kind in kinds:
                cmd = [sys.executable, "-m", "amends", "notify", "enqueue-notices", "bench"]
                cmd += [str(path), "--db", ""]
                if rev is not None:
                    with database(kind) as url:
                        cmd[-1] = url
                        env = revision_env(rev, Path(tmp))
                        old, old_wal, same = _timed_load(cmd, url, n, env)
                        ok &= same
                    print(
                        f"enqueue-notices {kind:10s} {n:>12,} at {rev}: {old['seconds']:7.1f} s "
                        f"wall, {n / old['seconds']:,.0f}/s, peak RSS "
                        f"{old['peak_bytes'] / 2**30:.2f} GiB{old_wal}, load "
                        f"{os.getloadavg()[0]:.2f}",
                        flush=True,
                    )
                with database(kind) as url:
                    cmd[-1] = url
                    r, wal, same = _timed_load(cmd, url, n)
                    ok &= same
                if rev is not None:
                    wal += f" | {rev}'s time x{old['seconds'] / r['seconds']:.2f} ours"
                base = ""
                if n <= base_max:
                    with database(kind) as url:
                        b = measure(
                            [
                                sys.executable,
                                "-m",
                                "bench.notify",
                                "--baseline-child",
                                url,
                                str(path),
                            ]
                        ).as_dict()
                        base = (
                            f" | baseline (previous enqueue) {b['seconds']:.1f} s, "
                            f"{b['peak_bytes'] / 2**30:.2f} GiB: x{b['seconds'] / r['seconds']:.2f}"
                            f" time, x{b['peak_bytes'] / r['peak_bytes']:.1f} memory"
                        )
                first.setdefault(kind, r["seconds"] / n)
                print(
                    f"enqueue-notices {kind:10s} {n:>12,}: {r['seconds']:7.1f} s wall, "
                    f"{n / r['seconds']:,.0f}/s, peak RSS {r['peak_bytes'] / 2**30:.2f} GiB, "
                    f"time per notice x{r['seconds'] / n / first[kind]:.2f} of the first size, "
                    f"load {os.getloadavg()[0]:.2f}{wal}{base}",
                    flush=True,
                )
                ok &= r["peak_bytes"] < 4e9
                if kill:
                    with database(kind) as url:
                        cmd[cmd.index("--db") + 1] = url
                        print(f"crash {kind} {n:,}: {_kill_and_rerun(cmd, url, n)}", flush=True)
    return ok


def main(argv: list[str] | None = None) -> int:
    """Run the sections; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=1_000_000)
    parser.add_argument("--emails", type=int, default=30_000)
    parser.add_argument("--crash", type=int, default=100_000, help="0 skips the crash run")
    parser.add_argument("--hooks", type=int, default=1_000)
    parser.add_argument(
        "--only",
        choices=("enqueue", "delivery", "crash"),
        action="append",
        help="run only these sections (repeatable)",
    )
    parser.add_argument("--command", help="time the whole command at sizes, e.g. 1M,10M")
    parser.add_argument("--baseline-max", default="1M", help="largest size for the baseline")
    parser.add_argument("--kill", action="store_true", help="with --command: SIGKILL, re-run")
    parser.add_argument(
        "--baseline-rev", help="with --command: also time this git revision's command, same data"
    )
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument(
        "--db",
        choices=("sqlite", "postgresql"),
        action="append",
        help="with --command: only these backends (repeatable; default both)",
    )
    parser.add_argument("--baseline-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.baseline_child:
        baseline_child(*args.baseline_child)
        return 0
    if args.command:
        sizes = [_size(x) for x in args.command.split(",")]
        kinds = tuple(args.db or ("sqlite", "postgresql"))
        ok = bench_command(
            sizes, args.dir, _size(args.baseline_max), args.kill, kinds, args.baseline_rev
        )
        return 0 if ok else 1
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress in logs
    sections = set(args.only or ("enqueue", "delivery", "crash"))
    ok = True
    if "enqueue" in sections:
        ok &= bench_enqueue(args.notices)
    if "delivery" in sections:
        ok &= bench_delivery(args.emails)
    if "crash" in sections and args.crash:
        ok &= bench_crash(args.crash, args.hooks)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
