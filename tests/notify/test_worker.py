"""The worker end to end on both backends: real SMTP server, real webhook receiver."""

from __future__ import annotations

from sqlalchemy import select

from amends.publish.outbox import status_counts
from amends.publish.subscriptions import subscribe
from amends.publish.worker import Worker
from amends.store.schema import outbox

from .helpers import add_statement, seed_incident, settings_for


def test_statement_reaches_email_and_webhook_subscribers(store, smtp, http):
    settings = settings_for(smtp.port)
    seed_incident(store)
    with store.begin() as conn:
        subscribe(conn, settings, "email", "ann@example.org", region="california", confirmed=True)
        subscribe(conn, settings, "email", "bob@example.org", region="texas", confirmed=True)
        subscribe(conn, settings, "webhook", http.url + "/hook", component_id="voice:california")
    add_statement(store, "email")
    add_statement(store, "web")
    stats = Worker(store, settings, until_empty=True).run()
    assert stats.sent == 2
    rcpts = [m[1] for m in smtp.recorder.messages]
    assert rcpts == [["ann@example.org"]]
    assert [r["path"] for r in http.recorder.requests] == ["/hook"]
    with store.connect() as conn:
        counts = status_counts(conn)
        assert counts["email"]["sent"] == 1 and counts["webhook"]["sent"] == 1
        assert conn.execute(select(outbox.c.attempts)).scalars().all() == [1, 1]


def _hook_sub(store, settings, url):
    seed_incident(store)
    with store.begin() as conn:
        subscribe(conn, settings, "webhook", url)
    return add_statement(store, "web")


def test_failing_receiver_goes_dead_after_max_attempts(store, http):
    from .servers import Reply

    settings = settings_for(max_attempts=3)
    http.recorder.default = Reply(500)
    _hook_sub(store, settings, http.url + "/hook")
    stats = Worker(store, settings, channels=["webhook"], until_empty=True).run()
    assert (stats.sent, stats.retried, stats.dead) == (0, 2, 1)
    assert len(http.recorder.requests) == 3
    with store.connect() as conn:
        row = conn.execute(select(outbox)).one()
    assert row.status == "dead" and row.attempts == 3 and "HTTP 500" in row.last_error


def test_receiver_down_for_a_while_then_delivered_once(store, http):
    from .servers import Reply

    settings = settings_for(max_attempts=8)
    http.recorder.script = [Reply(503), Reply(502), Reply(429, {"retry-after": "0"})]
    _hook_sub(store, settings, http.url + "/hook")
    stats = Worker(store, settings, channels=["webhook"], until_empty=True).run()
    assert stats.sent == 1 and stats.retried == 3
    ids = {r["headers"]["webhook-id"] for r in http.recorder.requests}
    assert len(http.recorder.requests) == 4 and len(ids) == 1  # one idempotency key throughout
    with store.connect() as conn:
        row = conn.execute(select(outbox)).one()
    assert (row.status, row.attempts, row.last_error) == ("sent", 4, None)


def test_rows_of_a_vanished_worker_are_reclaimed_after_the_lease(store, smtp):
    from amends.publish.worker import claim

    # the live worker's lease: its two or three sends are never renewed, so it is what a stalled
    # machine must outlast (1.0 s failed under stalls of 1 s; its reaper runs every 2 s now)
    settings = settings_for(smtp.port, lease_s=4.0)
    seed_incident(store)
    with store.begin() as conn:
        for i in range(5):
            subscribe(conn, settings, "email", f"u{i}@example.org", confirmed=True)
    add_statement(store, "email")
    ghost = claim(store, "email", "ghost-worker", 3, lease_s=0.3)  # then "SIGKILL": never recorded
    assert len(ghost) == 3
    stats = Worker(store, settings, channels=["email"], until_empty=True).run()
    assert stats.sent == 5
    assert sorted(m[1][0] for m in smtp.recorder.messages) == [
        f"u{i}@example.org" for i in range(5)
    ]
    with store.connect() as conn:
        rows = conn.execute(select(outbox.c.status, outbox.c.locked_by)).all()
    assert {tuple(r) for r in rows} == {("sent", None)}


def test_a_late_worker_cannot_overwrite_a_reclaimed_row(store, smtp):
    from amends.publish.channels import Outcome
    from amends.publish.worker import claim, reap, record, to_message

    settings = settings_for(smtp.port, lease_s=0.01)
    seed_incident(store)
    with store.begin() as conn:
        subscribe(conn, settings, "email", "ann@example.org", confirmed=True)
    add_statement(store, "email")
    (row,) = claim(store, "email", "slow", 10, lease_s=0.01)
    import time

    time.sleep(0.05)
    assert claim(store, "email", "fast", 10, lease_s=30) == []  # still leased to "slow"
    assert reap(store) == 1  # the lease ran out: back to the pool
    (again,) = claim(store, "email", "fast", 10, lease_s=30)
    record(store, "fast", [(to_message(again, settings), Outcome.sent())], settings)
    record(store, "slow", [(to_message(row, settings), Outcome.retry("late"))], settings)
    with store.connect() as conn:
        final = conn.execute(select(outbox)).one()
    assert (final.status, final.attempts, final.last_error) == ("sent", 2, None)


def test_retry_after_from_the_receiver_sets_the_next_attempt(store):
    from datetime import UTC, datetime, timedelta

    import pyarrow as pa

    from amends.publish.channels import Outcome
    from amends.publish.outbox import enqueue_notices
    from amends.publish.worker import claim, record, to_message

    settings = settings_for(sms_url="http://127.0.0.1:1/")
    table = pa.table(
        {"subscriber": ["A"], "channel": ["sms"], "recipient": ["+14155552671"], "text": ["hi"]}
    )
    with store.begin() as conn:
        enqueue_notices(conn, "inc-1", table)
    (row,) = claim(store, "sms", "w", 10, 30)
    before = datetime.now(UTC)
    record(store, "w", [(to_message(row, settings), Outcome.retry("429", 120.0))], settings)
    with store.connect() as conn:
        final = conn.execute(select(outbox)).one()
    assert final.status == "failed"
    assert final.next_attempt_at >= before + timedelta(seconds=119)
    assert claim(store, "sms", "w", 10, 30) == []  # not due yet


def test_backoff_grows_exponentially_with_bounded_jitter():
    import random

    from amends.publish.worker import backoff_delay

    settings = settings_for(backoff_base_s=1.0, backoff_max_s=60.0)
    rng = random.Random(1)
    for attempts, full in [(1, 1.0), (2, 2.0), (3, 4.0), (6, 32.0), (7, 60.0), (30, 60.0)]:
        delays = [backoff_delay(attempts, settings, rng) for _ in range(200)]
        assert all(full / 2 <= d <= full for d in delays)
        assert max(delays) - min(delays) > full / 10  # jittered, not constant


def test_sqlite_allows_one_worker_process(tmp_path):
    import pytest

    from amends.publish.worker import sqlite_single_worker
    from amends.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'one.db'}", create=True)
    with sqlite_single_worker(store), pytest.raises(RuntimeError, match="one worker"):  # noqa: SIM117
        with sqlite_single_worker(store):
            pass
    store.close()


def test_a_database_hiccup_does_not_kill_the_delivery_thread(store, smtp, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from amends.publish import worker as worker_module

    settings = settings_for(smtp.port)
    seed_incident(store)
    with store.begin() as conn:
        subscribe(conn, settings, "email", "ann@example.org", confirmed=True)
    add_statement(store, "email")
    real_claim = worker_module.claim
    calls = []

    def flaky_claim(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("SELECT", {}, Exception("server closed the connection"))
        return real_claim(*args, **kwargs)

    monkeypatch.setattr(worker_module, "claim", flaky_claim)
    limits = {"email": {"concurrency": 1, "batch": 10}}
    w = Worker(store, settings_for(smtp.port, limits=limits), channels=["email"], until_empty=True)
    stats = w.run()
    assert stats.sent == 1 and len(smtp.recorder.messages) == 1
    assert w.db_errors == 1 and "server closed" in w.errors[0]


def test_concurrent_claimers_never_share_a_row(store):
    """Eight threads claim in parallel (SKIP LOCKED on PostgreSQL, the write lock on SQLite):
    every row is claimed exactly once."""
    import threading

    import pyarrow as pa

    from amends.publish.outbox import enqueue_notices
    from amends.publish.worker import claim

    n = 400
    table = pa.table(
        {
            "subscriber": [f"S{i}" for i in range(n)],
            "channel": ["email"] * n,
            "recipient": [f"s{i}@example.org" for i in range(n)],
            "text": ["hello"] * n,
        }
    )
    with store.begin() as conn:
        enqueue_notices(conn, "inc-1", table)
    claimed: dict[str, list[int]] = {}

    def grab(owner: str) -> None:
        mine = claimed.setdefault(owner, [])
        while rows := claim(store, "email", owner, 7, lease_s=60):
            mine += [r["id"] for r in rows]

    threads = [threading.Thread(target=grab, args=(f"w{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [i for ids in claimed.values() for i in ids]
    assert len(every) == n and len(set(every)) == n
    with store.connect() as conn:
        owners = dict(conn.execute(select(outbox.c.id, outbox.c.locked_by)).all())
    assert all(owners[i] == owner for owner, ids in claimed.items() for i in ids)


class _BatchChannel:
    """A provider with a batch API: records each call; fails every message of the first call."""

    name = "email"

    def __init__(self, calls: list[list[str]]) -> None:
        self.calls = calls

    def send(self, message):  # pragma: no cover - the worker must use send_batch
        raise AssertionError("one at a time")

    def send_batch(self, messages):
        from amends.publish.channels import Outcome

        self.calls.append([m.key for m in messages])
        if len(self.calls) == 1:
            return [Outcome.retry("provider busy")] * len(messages)
        return [Outcome.sent()] * len(messages)

    def close(self) -> None:
        pass


def test_a_provider_with_a_batch_api_gets_batches(store):
    import pyarrow as pa

    from amends.publish.outbox import enqueue_notices
    from amends.publish.worker import FLUSH_EVERY

    n = 230
    table = pa.table(
        {
            "subscriber": [f"S{i}" for i in range(n)],
            "channel": ["email"] * n,
            "recipient": [f"s{i}@example.org" for i in range(n)],
            "text": ["You are owed $5."] * n,
        }
    )
    with store.begin() as conn:
        enqueue_notices(conn, "inc-1", table)
    calls: list[list[str]] = []
    settings = settings_for(backoff_base_s=0.01, backoff_max_s=0.02)
    worker = Worker(
        store,
        settings,
        channels=["email"],
        until_empty=True,
        channel_factory=lambda name, s: _BatchChannel(calls),
    )
    stats = worker.run()
    assert stats.sent == n and stats.retried == len(calls[0])
    assert all(1 <= len(c) <= FLUSH_EVERY for c in calls) and len(calls) > 1
    sent_keys = [k for c in calls[1:] for k in c]
    assert len(sent_keys) == len(set(sent_keys)) == n  # the first call's messages came back once
    with store.connect() as conn:
        assert status_counts(conn)["email"]["sent"] == n


class _SlowChannel:
    """A channel slower than the lease: each message takes `pause` seconds to send."""

    name = "email"

    def __init__(self, sent: list[str], pause: float) -> None:
        self.sent, self.pause = sent, pause

    def send(self, message):
        import time

        from amends.publish.channels import Outcome

        time.sleep(self.pause)
        self.sent.append(message.key)
        return Outcome.sent()

    def close(self) -> None:
        pass


def test_a_batch_that_outlasts_the_lease_is_still_sent_once(store):
    """A worker renews its lease while it sends, so the reaper does not hand a batch it is still
    working through to another thread (which would send those messages again)."""
    # 24 messages of 0.15 s (3.6 s) outlast a 3 s lease; renewed every 1 s or so, a lease keeps
    # about 1.85 s to spare (0.3 s with 0.18 s to spare was outrun on a loaded CI machine, 1.2 s
    # with 0.75 s by a stall of 1 s)
    settings = settings_for(lease_s=3.0, email={"port": 25})
    seed_incident(store)
    with store.begin() as conn:
        for i in range(24):
            subscribe(conn, settings, "email", f"slow{i}@example.org", confirmed=True)
    add_statement(store, "email")
    sent: list[str] = []
    worker = Worker(
        store,
        settings,
        channels=["email"],
        until_empty=True,
        channel_factory=lambda name, s: _SlowChannel(sent, pause=0.15),
    )
    import threading

    guard = threading.Timer(20, worker.stop.set)  # without renewal this would go round for long
    guard.start()
    try:
        stats = worker.run()
    finally:
        guard.cancel()
    assert stats.sent == 24
    assert len(sent) == len(set(sent)) == 24  # none sent twice
    with store.connect() as conn:
        rows = conn.execute(select(outbox.c.status, outbox.c.attempts)).all()
    assert {tuple(r) for r in rows} == {("sent", 1)}


class _HangingChannel(_SlowChannel):
    """A slow channel shared by the worker's threads whose `hang_at`-th send (from 0) hangs until
    another thread has sent the same message (its lease ran out and it was handed on)."""

    def __init__(self, sent: list[str], pause: float, hang_at: int) -> None:
        super().__init__(sent, pause)
        self.hang_at, self.calls = hang_at, 0
        self.hung: str | None = None

    def send(self, message):
        import time

        self.calls += 1  # before the hang: the other threads send meanwhile
        if self.calls == self.hang_at + 1:
            self.hung = message.key
            deadline = time.monotonic() + 60
            while message.key not in self.sent:
                assert time.monotonic() < deadline, "the hung message was never handed on"
                time.sleep(0.02)
        return super().send(message)


def test_a_send_that_outlasts_the_lease_repeats_only_itself(store):
    """A thread writes back what it sent at every renewal, so when one send hangs past the lease
    and the reaper hands the batch on, only the message in flight goes out again, not the ones
    sent before it in the same batch (they went out again before)."""
    # each send takes a third of the lease, so the lease is renewed (and what was sent written
    # back) before every send whatever the machine's pace; 1.2 s of the lease to spare after it
    settings = settings_for(lease_s=1.8, email={"port": 25})
    seed_incident(store)
    with store.begin() as conn:
        for i in range(3):
            subscribe(conn, settings, "email", f"hang{i}@example.org", confirmed=True)
    add_statement(store, "email")
    sent: list[str] = []
    channel = _HangingChannel(sent, pause=0.6, hang_at=1)
    worker = Worker(
        store, settings, channels=["email"], until_empty=True, channel_factory=lambda n, s: channel
    )
    worker.run()
    assert len(set(sent)) == 3  # every message went out
    twice = [key for key in set(sent) if sent.count(key) > 1]
    assert twice == [channel.hung]  # the one in flight when its lease ran out; no other
    with store.connect() as conn:
        rows = conn.execute(select(outbox.c.status)).all()
    assert {tuple(r) for r in rows} == {("sent",)}


def test_renew_holds_only_what_the_owner_still_has(store):
    """`renew` extends the lease on the owner's rows and names them; rows the reaper handed back
    are no longer the owner's, so a worker working through its batch skips them."""
    import time

    from amends.publish.worker import claim, reap, renew

    settings = settings_for(lease_s=0.2)
    seed_incident(store)
    with store.begin() as conn:
        for i in range(4):
            subscribe(conn, settings, "email", f"r{i}@example.org", confirmed=True)
    add_statement(store, "email")
    mine = {r["id"] for r in claim(store, "email", "me", 2, lease_s=0.2)}
    theirs = {r["id"] for r in claim(store, "email", "other", 2, lease_s=0.2)}
    assert renew(store, "me", 60.0) == mine  # renewed for a minute
    time.sleep(0.3)
    assert reap(store) == len(theirs)  # only the other owner's lease ran out
    assert renew(store, "other", 60.0) == set()
    assert renew(store, "me", 60.0) == mine
