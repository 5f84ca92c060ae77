"""`amends watch dir:...` end to end, in real processes on real files: agreement with
`amends impact`, crash safety under SIGKILL, one incident per window, dead letters, metrics."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.watch.helpers import (
    create_store,
    csv_lines,
    expected_aggregates,
    sorted_events,
    stored_aggregates,
)

from amends.events.load import load_events
from amends.impact.analysis import analyse
from amends.impact.live import minute_of

pytestmark = pytest.mark.slow


def watch_cmd(folder: Path, url: str, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "amends",
        "watch",
        f"dir:{folder}",
        "--db",
        url,
        "--detect-every",
        "0.5",
        "--dead-letters",
        str(folder.parent / "dead.jsonl"),
        *extra,
    ]


def write_like_a_switch(folder: Path, lines: list[bytes], slices: int, pause: float) -> None:
    """Append the lines in slices; rotate the file halfway (rename, start a new one)."""
    header, body = lines[0], lines[1:]
    size = -(-len(body) // slices)
    log = folder / "events.csv"
    log.write_bytes(header)
    for n, i in enumerate(range(0, len(body), size)):
        if n == slices // 2:
            os.rename(log, folder / "events.csv.1")
            log.write_bytes(header)
        with log.open("ab") as fh:
            fh.write(b"".join(body[i : i + size]))
        time.sleep(pause)


def incidents(url: str) -> list[dict]:
    from amends.store import open_store
    from amends.store.watch import incident_summary, list_watch_incidents

    with open_store(url, migrate=False) as store, store.connect() as conn:
        return [incident_summary(i) for i in list_watch_incidents(conn)]


def assert_agrees_with_batch(url: str, parquet: Path) -> None:
    """The watcher's windows equal `amends impact`'s on the same events."""
    batch = analyse(load_events(parquet)).report.windows
    got = sorted(incidents(url), key=lambda i: i["windows"][0]["start"])
    assert len(got) == len(batch)
    for inc, w in zip(got, batch, strict=True):
        live = inc["windows"][0]
        assert live["start"] == w.start.isoformat().replace("+00:00", "Z")
        assert (live["end"] is None) == (w.end is None)
        if w.end is not None:
            assert live["end"] == w.end.isoformat().replace("+00:00", "Z")
        assert live["regions"] == w.regions and live["services"] == w.services
        assert live["subscribers_affected"] == w.subscribers_affected
        assert live["failed_attempts"] == w.failed_attempts


def test_watcher_survives_sigkill_and_agrees_with_batch(day, tmp_path: Path) -> None:
    """Killed three times while a switch writes and rotates: the same minutes, failures and
    windows as `amends impact` on the same records, and one incident per window."""
    parquet, _ = day("two_windows")
    table = sorted_events(parquet)
    folder = tmp_path / "cdr"
    folder.mkdir()
    url = f"sqlite:///{tmp_path / 'watch.db'}"
    create_store(url)
    writer = threading.Thread(
        target=write_like_a_switch, args=(folder, csv_lines(table, tmp_path), 40, 0.2)
    )
    writer.start()
    kills = 0
    try:
        for wait in (2.0, 2.5, 2.0):
            p = subprocess.Popen(
                watch_cmd(folder, url), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            time.sleep(wait)
            p.send_signal(signal.SIGKILL)
            p.wait()
            assert p.returncode == -signal.SIGKILL
            kills += 1
    finally:
        writer.join()
    assert kills == 3
    done = subprocess.run(
        watch_cmd(folder, url, "--exit-when-idle", "2"),
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
    # a second run on the same store and folder changes nothing and opens nothing
    again = subprocess.run(
        watch_cmd(folder, url, "--exit-when-idle", "1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert "0 incident(s) opened" in " ".join(again.stderr.split())
    assert stored_aggregates(url)[0] == want_series
    assert len(incidents(url)) == 2


def test_bad_lines_go_to_the_dead_letters_and_are_counted(tmp_path: Path) -> None:
    folder = tmp_path / "cdr"
    folder.mkdir()
    good = "2026-03-10T10:{:02d}:00Z,S{},CA,local,16\n"
    body = "".join(good.format(m, m) for m in range(10))
    (folder / "events.csv").write_text(
        "ts,subscriber,region,service,cause\n"
        + body
        + "yesterday,S9,CA,local,16\n"
        + "2026-03-10T10:30:00Z,S9,CA,local,sixteen\n"
    )
    url = f"sqlite:///{tmp_path / 'watch.db'}"
    create_store(url)
    port_file = tmp_path / "metrics.txt"
    proc = subprocess.Popen(
        watch_cmd(folder, url, "--exit-when-idle", "4", "--metrics-port", "0"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    metrics_url = None
    deadline = time.time() + 60
    assert proc.stderr is not None
    while time.time() < deadline and metrics_url is None:
        text = proc.stderr.readline()
        if "metrics:" in text:
            metrics_url = text.split("metrics:", 1)[1].strip()
    assert metrics_url, "the watcher did not say where its metrics are"
    import httpx

    body_text = ""
    counted = f'amends_watch_events_total{{source="dir:{folder}"}} 10.0'
    while time.time() < deadline and counted not in body_text:
        body_text = httpx.get(metrics_url, timeout=5).text
        time.sleep(0.2)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    port_file.write_text(body_text)
    dead = [json.loads(x) for x in (tmp_path / "dead.jsonl").read_text().splitlines()]
    assert [d["raw"].split(",")[0] for d in dead] == ["yesterday", "2026-03-10T10:30:00Z"]
    assert all(d["reason"] for d in dead)
    assert f'amends_watch_dead_letters_total{{source="dir:{folder}"}} 2.0' in body_text
    assert f'amends_watch_events_total{{source="dir:{folder}"}} 10.0' in body_text
    ten = minute_of(datetime(2026, 3, 10, 10, 0, tzinfo=UTC))
    series = stored_aggregates(url)[0]
    assert [series[("CA", "local", ten + m)] for m in range(10)] == [(1, 0)] * 10
    assert len(series) == 10


def test_watch_runs_until_sigterm_then_stops_cleanly(tmp_path: Path) -> None:
    """A plain `amends watch` keeps following (a file written later is read), and SIGTERM stops
    it with exit 0 after the batch in hand."""
    folder = tmp_path / "cdr"
    folder.mkdir()
    url = f"sqlite:///{tmp_path / 'watch.db'}"
    create_store(url)
    proc = subprocess.Popen(watch_cmd(folder, url), stderr=subprocess.PIPE, text=True)
    time.sleep(4)
    assert proc.poll() is None, "the watcher stopped on its own"
    (folder / "late.csv").write_text(
        "ts,subscriber,region,service\n2026-03-10T10:00:00Z,S1,CA,local\n"
        "2026-03-10T10:01:00Z,S2,CA,local\n"
    )
    deadline = time.time() + 30
    while time.time() < deadline and not stored_aggregates(url)[0]:
        time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "stopped: 2 events" in " ".join(err.split())


def test_a_watcher_sharing_the_store_detects_on_every_watchers_minutes(day, tmp_path: Path) -> None:
    """Two watchers share a stream, each holding half the records, and one store: the one that
    detects counts both halves (windows and customers from the same records), as batch does."""
    import duckdb

    from amends.events.failures import FailurePolicy
    from amends.impact.aggregate import batch_aggregates
    from amends.store import open_store
    from amends.store.watch import add_failures, add_minutes
    from amends.watch.service import Watcher
    from amends.watch.sources import parse_source

    parquet, _ = day("two_windows")
    table = sorted_events(parquet)
    halves = [table.take(list(range(k, table.num_rows, 2))) for k in (0, 1)]
    con = duckdb.connect()
    aggs = [batch_aggregates(con, h, FailurePolicy()) for h in halves]
    url = f"sqlite:///{tmp_path / 'watch.db'}"
    create_store(url)
    with open_store(url) as store:
        w = Watcher(store, [parse_source(f"dir:{tmp_path}")])
        w.restore()
        for a in aggs:  # this watcher's half, then the other's, as their batches commit
            with store.begin() as conn:
                add_minutes(conn, a.series)
                add_failures(conn, a.failures)
        w.live.add(aggs[0].series)  # this watcher holds only its own half
        w.detect_once(w.live.newest + 1, w.live.table())
    assert_agrees_with_batch(url, parquet)
