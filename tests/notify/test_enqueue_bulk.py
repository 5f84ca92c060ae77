"""Enqueueing a whole incident's notices as one bulk operation, on both backends: streamed in
batches (one transaction each), keyed by (incident, subscriber, stage, channel) with the database
enforcing it, so a re-run after a partial write or a SIGKILL enqueues nobody twice."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sqlalchemy import func, select
from tests.killing import kill_when_marked

from amends.errors import InputError
from amends.publish.outbox import ENQUEUEING, enqueue_notice_file, enqueue_notices, notice_key
from amends.store.schema import outbox


def _notices(n: int, *, stage: str | None = None, text: str = "You are owed $5.") -> pa.Table:
    cols = {
        "subscriber": [f"S{i:07d}" for i in range(n)],
        "channel": ["email" if i % 3 else "sms" for i in range(n)],
        "recipient": [
            None if i % 10 == 0 else (f"s{i}@example.org" if i % 3 else f"+1415555{i % 10_000:04d}")
            for i in range(n)
        ],
        "subject": ["Your credit"] * n,
        "text": [f"{text} ({i})" for i in range(n)],
    }
    if stage is not None:
        cols["stage"] = [stage] * n
    return pa.table(cols)


def _outbox(store) -> tuple[int, int]:
    """(rows, distinct (recipient, channel)) in the outbox."""
    with store.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(outbox)).scalar_one()
        distinct = select(func.count(func.distinct(outbox.c.idempotency_key)))
        keys = conn.execute(distinct).scalar_one()
    return int(rows), int(keys)


def _crash_at(batch: int) -> Callable[[str, int | None, int | None], None]:
    """A progress callback that interrupts the load once `batch` batches are committed."""
    calls = 0

    def crash(what: str, done: int | None, total: int | None) -> None:
        nonlocal calls
        calls += done is not None
        if calls == batch:
            raise KeyboardInterrupt

    return crash


def test_keys_from_duckdb_match_the_python_reference(store, tmp_path):
    table = pa.table(
        {
            "subscriber": ["Zoë-1", "B'2"],
            "channel": ["email", "sms"],
            "recipient": ["z@example.org", "+14155552671"],
            "text": ["a", "b"],
        }
    )
    with store.begin() as conn:
        assert enqueue_notices(conn, "inc-ü", table) == 2
    with store.connect() as conn:
        keys = set(conn.execute(select(outbox.c.idempotency_key)).scalars())
    assert keys == {notice_key("inc-ü", "Zoë-1", "email"), notice_key("inc-ü", "B'2", "sms")}


@pytest.mark.parametrize("batch_size", [1, 7, 1000, 50_000])
def test_batch_boundaries_load_every_row_once(store, tmp_path, batch_size):
    n = 300 if batch_size == 1 else 3000
    path = tmp_path / "notices.parquet"
    pq.write_table(_notices(n), path, row_group_size=128)
    calls: list[tuple[str, int | None, int | None]] = []
    result = enqueue_notice_file(
        store, "inc-1", path, batch_size=batch_size, progress=lambda *a: calls.append(a)
    )
    reachable = n - len(range(0, n, 10))
    assert (result.rows, result.reachable, result.added) == (n, reachable, reachable)
    assert _outbox(store) == (reachable, reachable)
    assert calls[0] == ("checking notices", None, None)  # a stage, then the load's counts
    assert {(what, total) for what, _, total in calls[1:]} == {(ENQUEUEING, reachable)}
    seen = [done for _, done, _ in calls[1:]]
    assert seen[-1] == reachable and seen == sorted(seen)
    steps = [b - a for a, b in zip([0, *seen], seen, strict=False)]
    assert max(steps) <= batch_size and len(seen) >= -(-reachable // batch_size)


def test_rerun_after_a_partial_write_adds_only_the_rest(store, tmp_path):
    n = 5000
    table = _notices(n)
    reachable = n - n // 10
    path = tmp_path / "notices.parquet"
    pq.write_table(table, path)
    # a crashed run that committed some batches: here, the first 1,700 rows
    with store.begin() as conn:
        first = enqueue_notices(conn, "inc-1", table.slice(0, 1700))

    with pytest.raises(KeyboardInterrupt):  # a second crash after two more batches
        enqueue_notice_file(store, "inc-1", path, batch_size=900, progress=_crash_at(2))
    partial, _ = _outbox(store)
    assert first < partial < reachable
    result = enqueue_notice_file(store, "inc-1", path, batch_size=900)
    assert result.added == reachable - partial
    assert _outbox(store) == (reachable, reachable)
    # composed again (other text, another clock): the same notices, nothing new
    again = tmp_path / "again.parquet"
    pq.write_table(_notices(n, text="Composed again."), again)
    assert enqueue_notice_file(store, "inc-1", again).added == 0
    # another stage, or another incident, is a new notice
    resolved = tmp_path / "resolved.parquet"
    pq.write_table(_notices(100, stage="resolve"), resolved)
    assert enqueue_notice_file(store, "inc-1", resolved).added == 90
    assert enqueue_notice_file(store, "inc-2", resolved).added == 90


def test_a_large_file_is_loaded_in_key_order_bucket_by_bucket(store, tmp_path, monkeypatch):
    """Above KEY_ORDER_FROM notices the rows reach the outbox in ascending key order (its unique
    index then grows at its right edge); the same notices, each once, and a re-run after a crash
    adds only the rest."""
    from amends.publish import outbox as mod

    monkeypatch.setattr(mod, "KEY_ORDER_FROM", 1_000)
    monkeypatch.setattr(mod, "KEY_FLUSH_ROWS", 64)  # many small writes per bucket
    monkeypatch.setattr(mod, "KEY_SORT_BYTES", 4_000)  # buckets split again by the next digit
    scratch = tmp_path / "scratch"  # this test's own temp folder: other workers' runs stay out
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    n = 3000
    table = _notices(n)
    path = tmp_path / "notices.parquet"
    pq.write_table(table, path, row_group_size=500)
    reachable = n - n // 10
    with pytest.raises(KeyboardInterrupt):
        enqueue_notice_file(store, "inc-1", path, batch_size=400, progress=_crash_at(3))
    partial, _ = _outbox(store)
    assert 0 < partial < reachable
    stages: list[str] = []
    result = enqueue_notice_file(
        store, "inc-1", path, batch_size=400, progress=lambda what, *_: stages.append(what)
    )
    assert (result.reachable, result.added) == (reachable, reachable - partial)
    assert _outbox(store) == (reachable, reachable)
    assert list(dict.fromkeys(stages)) == [
        "checking notices",
        "sorting notices into key order",  # the long first split, shown before it starts
        ENQUEUEING,
    ]
    with store.connect() as conn:
        keys = list(conn.execute(select(outbox.c.idempotency_key).order_by(outbox.c.id)).scalars())
    expected = {
        notice_key("inc-1", s, c)
        for s, c, r in zip(
            table["subscriber"].to_pylist(),
            table["channel"].to_pylist(),
            table["recipient"].to_pylist(),
            strict=True,
        )
        if r
    }
    assert set(keys) == expected
    if store.dialect == "sqlite":  # one writer: the order rows were added in is the key order
        first_run, rerun = keys[:partial], keys[partial:]
        assert first_run == sorted(first_run) and rerun == sorted(rerun)
    assert not list(scratch.glob("amends-duckdb-*"))  # buckets and session folders all gone


def test_every_row_is_checked_before_the_first_batch(store, tmp_path):
    table = _notices(2000)
    texts = table["text"].to_pylist()
    texts[1501] = None
    bad = table.set_column(4, "text", pa.array(texts))
    path = tmp_path / "bad.parquet"
    pq.write_table(bad, path)
    with pytest.raises(InputError, match=r"bad.parquet: notices row 1502: empty text"):
        enqueue_notice_file(store, "inc-1", path, batch_size=100)
    assert _outbox(store) == (0, 0)
    with pytest.raises(InputError, match=r"nope.parquet: file not found"):
        enqueue_notice_file(store, "inc-1", tmp_path / "nope.parquet")
    (tmp_path / "bin.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(InputError, match=r"bin.parquet: cannot read Parquet"):
        enqueue_notice_file(store, "inc-1", tmp_path / "bin.parquet")


#: A child that enqueues a notices file and holds still once `hold_at` rows are committed, to be
#: killed there: the kill point is the child's, not a race between the test's polling and the load
#: (which a stalled machine lost: the load ended, or passed the point, before the kill).
CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from amends.publish.outbox import enqueue_notice_file
    from amends.store import open_store
    url, path, marker, hold_at = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    store = open_store(url)

    def hold(what, done, total):
        if done is None:
            return
        tmp = marker.with_suffix(".tmp")
        tmp.write_text(str(done))
        tmp.replace(marker)  # atomic: the test never reads a half-written marker
        if done >= hold_at:
            time.sleep(3600)  # killed here, mid-load

    enqueue_notice_file(store, "inc-1", path, batch_size=150, progress=hold)
    """
)


def test_sigkill_during_enqueue_then_rerun_enqueues_each_once(store_url, tmp_path):
    """A load killed with SIGKILL mid-way (after ten batches of 150), then `amends notify
    enqueue-notices` run again: it adds exactly what the killed load had not committed."""
    from amends.store import open_store

    n = 20_000
    reachable = n - n // 10
    path = tmp_path / "notices.parquet"
    pq.write_table(_notices(n), path)
    store = open_store(store_url, create=True)
    marker = tmp_path / "marker"
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    try:
        kill_when_marked(script, [store_url, str(path), str(marker), "1500"], marker, 1500)
        partial, _ = _outbox(store)
        assert 1500 <= partial < reachable  # ten batches, and those other writers had under way
        cmd = [sys.executable, "-m", "amends", "notify", "enqueue-notices", "inc-1", str(path)]
        cmd += ["--db", store_url, "--batch-size", "150"]
        env = {**os.environ, "COLUMNS": "200"}
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        assert f"enqueued {reachable - partial:,} of {n:,}" in done.stdout
        assert _outbox(store) == (reachable, reachable)
    finally:
        store.close()


def test_cli_rerun_reports_nothing_added(cli, tmp_path: Path):
    from amends.store.testing import create_store

    db = create_store(f"sqlite:///{tmp_path / 'cli.db'}")
    pq.write_table(_notices(500), tmp_path / "n.parquet")
    r = cli("notify", "enqueue-notices", "inc-1", tmp_path / "n.parquet", "--db", db)
    assert r.code == 0 and "enqueued 450 of 500" in r.out, r.err
    # in a log, one line per stage with the seconds since the start, and the count loaded
    log = [line.split(" s  ", 1)[1] for line in r.err.splitlines() if " s  " in line]
    assert log == ["checking notices", "enqueueing notices: 450 of 450"], r.err
    r = cli("notify", "enqueue-notices", "inc-1", tmp_path / "n.parquet", "--db", db)
    assert r.code == 0 and "enqueued 0 of 500" in r.out
