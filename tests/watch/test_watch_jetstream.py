"""`amends watch nats://...` against the real JetStream of this machine (127.0.0.1:4222): batches
as Arrow IPC and JSON lines, exactly-once counting across SIGKILLs, dead letters with reasons."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from tests.watch.helpers import (
    batches,
    create_store,
    expected_aggregates,
    sorted_events,
    stored_aggregates,
)
from tests.watch.test_watch_folder import assert_agrees_with_batch, incidents

from amends.events.wire import ARROW, JSONL, encode_arrow, encode_jsonl

NATS = "nats://127.0.0.1:4222"
pytestmark = pytest.mark.slow


def _nats_up() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 4222), timeout=1).close()
        return True
    except OSError:
        return False


if not _nats_up():  # pragma: no cover - CI starts NATS; say clearly when it is absent
    pytest.skip("no NATS server with JetStream at 127.0.0.1:4222", allow_module_level=True)


async def _publish(subject: str, payloads: list[tuple[bytes, str]], pause: float = 0.0) -> None:
    import nats
    from nats.js.api import StreamConfig

    nc = await nats.connect(NATS)
    js = nc.jetstream()
    stream = "T_" + subject.replace(".", "_").upper()
    await js.add_stream(StreamConfig(name=stream, subjects=[subject]))
    for data, kind in payloads:
        await js.publish(subject, data, headers={"Content-Type": kind})
        if pause:
            await asyncio.sleep(pause)
    await nc.close()


async def _drop(subject: str) -> None:
    import nats

    nc = await nats.connect(NATS)
    js = nc.jetstream()
    for name in ("T_" + subject.replace(".", "_").upper(),):
        with contextlib.suppress(Exception):
            await js.delete_stream(name)
    await nc.close()


async def _dead_letters(subject: str) -> list[tuple[bytes, dict]]:
    import nats

    nc = await nats.connect(NATS)
    js = nc.jetstream()
    sub = await js.pull_subscribe(f"amends.dead.{subject}", stream="AMENDS_DEAD")
    out = []
    try:
        msgs = await sub.fetch(100, timeout=3)
    except Exception:
        msgs = []
    for m in msgs:
        out.append((m.data, dict(m.headers or {})))
        await m.ack()
    await nc.close()
    return out


def watch_cmd(source: str, url: str, tmp: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "amends",
        "watch",
        source,
        "--db",
        url,
        "--detect-every",
        "0.5",
        "--dead-letters",
        str(tmp / "dead.jsonl"),
        *extra,
    ]


@pytest.fixture
def subject():
    name = f"t{uuid.uuid4().hex[:10]}.cdr"
    yield name
    asyncio.run(_drop(name))


def test_jetstream_exactly_once_across_sigkills(day, tmp_path: Path, subject: str) -> None:
    """SIGKILL the watcher three times while batches arrive: every event counted once, the
    windows those of `amends impact`, one incident per window."""
    parquet, _ = day("two_windows")
    table = sorted_events(parquet)
    payloads = [
        (encode_arrow(b), ARROW) if i % 2 else (encode_jsonl(b), JSONL)
        for i, b in enumerate(batches(table, 160))
    ]
    url = f"sqlite:///{tmp_path / 'watch.db'}"
    create_store(url)
    source = f"{NATS}/{subject}?ack_wait=3"
    import threading

    publisher = threading.Thread(target=lambda: asyncio.run(_publish(subject, payloads, 0.04)))
    publisher.start()
    time.sleep(0.5)
    try:
        for wait in (2.0, 2.0, 2.5):
            p = subprocess.Popen(
                watch_cmd(source, url, tmp_path),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(wait)
            p.send_signal(signal.SIGKILL)
            p.wait()
            assert p.returncode == -signal.SIGKILL
    finally:
        publisher.join()
    done = subprocess.run(
        watch_cmd(source, url, tmp_path, "--exit-when-idle", "6"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    want_series, want_fails = expected_aggregates(table)
    got_series, got_fails = stored_aggregates(url)
    assert got_series == want_series
    assert got_fails == want_fails
    assert_agrees_with_batch(url, parquet)
    assert len(incidents(url)) == 2


def test_unreadable_messages_and_lines_go_to_the_dead_letter_subject(
    tmp_path: Path, subject: str
) -> None:
    good = b'{"ts":"2026-03-10T10:00:00Z","subscriber":"S1","region":"CA","service":"local"}\n'
    payloads = [
        (good + b"{oops\n" + good.replace(b"10:00", b"10:01"), JSONL),
        (b"not an arrow stream", ARROW),
    ]
    asyncio.run(_publish(subject, payloads))
    url = f"sqlite:///{tmp_path / 'watch.db'}"
    create_store(url)
    done = subprocess.run(
        watch_cmd(f"{NATS}/{subject}", url, tmp_path, "--exit-when-idle", "3"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "2 dead letters" in " ".join(done.stderr.split())
    series, _ = stored_aggregates(url)
    assert sum(a for a, _ in series.values()) == 2
    dead = asyncio.run(_dead_letters(subject))
    assert sorted(d for d, _ in dead) == sorted([b"{oops", b"not an arrow stream"])
    assert all(h.get("Amends-Reason") for _, h in dead)


def test_two_watchers_on_one_store_share_the_stream_and_open_each_incident_once(
    day, tmp_path: Path, subject: str
) -> None:
    """Two watchers (a standby beside the primary) on one durable consumer and one store: the
    messages are shared, every event counted once, and one incident per window."""
    parquet, _ = day("two_windows")
    table = sorted_events(parquet)
    payloads = [(encode_arrow(b), ARROW) for b in batches(table, 120)]
    asyncio.run(_publish(subject, payloads))
    url = f"sqlite:///{tmp_path / 'watch.db'}"
    create_store(url)
    source = f"{NATS}/{subject}?ack_wait=5"
    procs = [
        subprocess.Popen(
            watch_cmd(source, url, tmp_path, "--exit-when-idle", "5"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    errs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    counted = [int(e.split("stopped: ")[1].split(" events")[0].replace(",", "")) for e in errs]
    assert sum(counted) == table.num_rows
    want_series, want_fails = expected_aggregates(table)
    assert stored_aggregates(url) == (want_series, want_fails)
    assert_agrees_with_batch(url, parquet)
