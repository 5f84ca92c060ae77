"""The outbox worker: claims rows with a lease, delivers them, records sent / retry / dead.

Claims use `FOR UPDATE SKIP LOCKED` on PostgreSQL, so several workers on several machines share
one outbox; on SQLite one worker process runs (a lock file next to the database says so). A
claimed row carries a lease (`locked_until`): a worker killed with SIGKILL leaves its rows
'sending', and they return to the pool when the lease runs out. Every delivery attempt uses the
row's idempotency key, so a receiver that de-duplicates sees each message once. A channel whose
provider takes batches offers `send_batch(messages) -> outcomes`; the worker then hands it up to
FLUSH_EVERY messages per call instead of one at a time.
"""

from __future__ import annotations

import contextlib
import os
import random
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.exc import SQLAlchemyError

from amends.publish.channels import Channel, Message, Outcome, make_channel
from amends.publish.metrics import WorkerMetrics
from amends.publish.notifyconfig import CHANNEL_NAMES, NotifySettings
from amends.store.engine import Store
from amends.store.schema import notify_subscriptions, outbox

#: How many results a thread collects before writing them back (bounds duplicates after a crash);
#: it also writes them back every third of the lease, when it renews the lease on the rest.
FLUSH_EVERY = 50


def backoff_delay(
    attempts: int, settings: NotifySettings, rng: random.Random | None = None
) -> float:
    """Exponential backoff with "equal jitter": base * 2^(n-1), capped, half of it random."""
    rng = rng or random
    delay = min(settings.backoff_max_s, settings.backoff_base_s * 2 ** max(attempts - 1, 0))
    return delay / 2 + rng.uniform(0, delay / 2)


class RateLimiter:
    """A token bucket shared by the threads of one channel (None rate: no limit)."""

    def __init__(self, rate_per_s: float | None, burst: float | None = None) -> None:
        self.rate = rate_per_s
        self.capacity = burst if burst is not None else max(1.0, (rate_per_s or 1.0))
        self.tokens = self.capacity
        self.stamp = time.monotonic()
        self.lock = threading.Lock()

    def acquire(self, stop: threading.Event | None = None) -> None:
        """Wait for one token."""
        if self.rate is None:
            return
        while True:
            with self.lock:
                now = time.monotonic()
                self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
                self.stamp = now
                if self.tokens >= 1 - 1e-9:  # float dust must not stall the bucket
                    self.tokens -= 1
                    return
                wait = (1 - self.tokens) / self.rate
            if stop is not None and stop.wait(wait):
                return
            if stop is None:
                time.sleep(wait)


def unsubscribe_url(settings: NotifySettings, subscription_id: int) -> str:
    """The one-click unsubscribe link for a subscription (signed; see subscriptions.py)."""
    from amends.publish.subscriptions import unsubscribe_token

    base = settings.base_url.rstrip("/")
    return f"{base}/notify/unsubscribe/{unsubscribe_token(settings, subscription_id)}"


def reap(store: Store) -> int:
    """Return rows whose lease ran out (their worker died) to the pool, due at once."""
    now = datetime.now(UTC)
    c = outbox.c
    with store.begin() as conn:
        return int(
            conn.execute(
                outbox.update()
                .where(c.status == "sending", c.locked_until < now)
                .values(status="failed", locked_by=None, locked_until=None, next_attempt_at=now)
            ).rowcount
        )


def claim(store: Store, channel: str, owner: str, n: int, lease_s: float) -> list[dict[str, Any]]:
    """Take up to `n` due rows of `channel` for `owner` (SKIP LOCKED on PostgreSQL).

    Rows are picked through the (status, next_attempt_at) index, oldest due first.
    """
    now = datetime.now(UTC)
    c = outbox.c
    pick = (
        select(c.id)
        .where(c.status.in_(("queued", "failed")), c.next_attempt_at <= now, c.channel == channel)
        .limit(n)
    )
    values = {
        "status": "sending",
        "locked_by": owner,
        "locked_until": now + timedelta(seconds=lease_s),
        "attempts": c.attempts + 1,
    }
    returning = (
        c.id,
        c.idempotency_key,
        c.channel,
        c.recipient,
        c.subscription_id,
        c.subject,
        c.body_text,
        c.body_html,
        c.payload,
        c.attempts,
    )
    if store.dialect == "postgresql":
        picked = pick.with_for_update(skip_locked=True).cte("picked")
        stmt = outbox.update().where(c.id == picked.c.id)
    else:  # SQLite: one writer at a time (BEGIN IMMEDIATE), so a plain subquery is safe
        stmt = outbox.update().where(c.id.in_(pick.scalar_subquery()))
    stmt = stmt.values(**values).returning(*returning)
    with store.begin() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
        sub_ids = {r["subscription_id"] for r in rows if r["subscription_id"] is not None}
        secrets: dict[int, str | None] = {}
        if sub_ids and channel == "webhook":
            s = notify_subscriptions.c
            q = select(s.id, s.secret).where(s.id.in_(sub_ids))
            secrets = {i: sec for i, sec in conn.execute(q)}
    for r in rows:
        r["secret"] = secrets.get(r["subscription_id"])
    rows.sort(key=lambda r: r["id"])
    return rows


def to_message(row: dict[str, Any], settings: NotifySettings) -> Message:
    """A claimed row as the channel's Message (with the unsubscribe link for subscriptions)."""
    sub = row["subscription_id"]
    return Message(
        id=row["id"],
        key=row["idempotency_key"],
        channel=row["channel"],
        recipient=row["recipient"],
        subject=row["subject"],
        text=row["body_text"],
        html=row["body_html"],
        payload=row["payload"],
        attempts=row["attempts"],
        subscription_id=sub,
        secret=row.get("secret"),
        unsubscribe_url=unsubscribe_url(settings, sub)
        if sub is not None and row["channel"] == "email"
        else None,
    )


def final_outcome(msg: Message, outcome: Outcome, settings: NotifySettings) -> Outcome:
    """A retry on the last allowed attempt becomes dead (the dead-letter state)."""
    if outcome.status == "retry" and msg.attempts >= settings.max_attempts:
        return Outcome.dead(f"gave up after {msg.attempts} attempts: {outcome.error}")
    return outcome


def record(
    store: Store,
    owner: str,
    results: Sequence[tuple[Message, Outcome]],
    settings: NotifySettings,
    *,
    extend: bool = True,
) -> set[int]:
    """Write outcomes back (only rows this owner still holds) and extend the owner's lease;
    return the ids the owner still holds after it (none when not extending).

    A retry on the last allowed attempt is recorded as dead.
    """
    now = datetime.now(UTC)
    sent, retry, dead = [], [], []
    for msg, given in results:
        outcome = final_outcome(msg, given, settings)
        if outcome.status == "sent":
            sent.append({"b_id": msg.id})
        elif outcome.status == "dead":
            dead.append({"b_id": msg.id, "b_err": outcome.error})
        else:
            delay = backoff_delay(msg.attempts, settings)
            if outcome.retry_after is not None:
                delay = max(delay, outcome.retry_after)
            retry.append(
                {"b_id": msg.id, "b_err": outcome.error, "b_next": now + timedelta(seconds=delay)}
            )
    c = outbox.c
    mine = and_(c.id == bindparam("b_id"), c.locked_by == owner, c.status == "sending")
    free = {"locked_by": None, "locked_until": None}
    with store.begin() as conn:
        if sent:
            ids = [p["b_id"] for p in sent]
            q = outbox.update().where(c.id.in_(ids), c.locked_by == owner, c.status == "sending")
            conn.execute(q.values(status="sent", sent_at=now, last_error=None, **free))
        if retry:
            q = (
                outbox.update()
                .where(mine)
                .values(
                    status="failed",
                    last_error=bindparam("b_err"),
                    next_attempt_at=bindparam("b_next"),
                    **free,
                )
            )
            conn.execute(q, retry)
        if dead:
            q = outbox.update().where(mine)
            q = q.values(status="dead", last_error=bindparam("b_err"), **free)
            conn.execute(q, dead)
        if not extend:
            return set()
        held = conn.execute(
            outbox.update()
            .where(c.locked_by == owner, c.status == "sending")
            .values(locked_until=now + timedelta(seconds=settings.lease_s))
            .returning(c.id)
        )
        return {int(i) for (i,) in held}


def release(store: Store, owner: str, ids: Sequence[int]) -> None:
    """Hand unsent claimed rows back at once (a clean stop), undoing their attempt count."""
    if not ids:
        return
    c = outbox.c
    with store.begin() as conn:
        conn.execute(
            outbox.update()
            .where(c.id.in_(list(ids)), c.locked_by == owner, c.status == "sending")
            .values(status="queued", attempts=c.attempts - 1, locked_by=None, locked_until=None)
        )


def renew(store: Store, owner: str, lease_s: float) -> set[int]:
    """Extend the lease on every row `owner` still holds, and return their ids: a worker calls it
    while it works through a batch, so the reaper does not hand rows it is about to send to
    another worker, and a row it no longer holds (handed back meanwhile) is not sent by it."""
    c = outbox.c
    until = datetime.now(UTC) + timedelta(seconds=lease_s)
    with store.begin() as conn:
        held = conn.execute(
            outbox.update()
            .where(c.locked_by == owner, c.status == "sending")
            .values(locked_until=until)
            .returning(c.id)
        )
        return {int(i) for (i,) in held}


def pending(store: Store, channel: str | None = None) -> int:
    """Rows still to deliver (queued, failed awaiting retry, or being sent)."""
    q = (
        select(func.count())
        .select_from(outbox)
        .where(outbox.c.status.in_(("queued", "failed", "sending")))
    )
    if channel is not None:
        q = q.where(outbox.c.channel == channel)
    with store.connect() as conn:
        return int(conn.execute(q).scalar_one())


@dataclass
class WorkerStats:
    """What one worker process did (for the CLI's summary line)."""

    sent: int = 0
    retried: int = 0
    dead: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    metrics: WorkerMetrics | None = None  # Prometheus counters, when served

    def add(self, results: Sequence[tuple[Message, Outcome]]) -> None:
        """Count a flushed batch."""
        with self.lock:
            for msg, outcome in results:
                if outcome.status == "sent":
                    self.sent += 1
                elif outcome.status == "dead":
                    self.dead += 1
                else:
                    self.retried += 1
                if self.metrics is not None:
                    self.metrics.count(msg.channel, outcome.status)


@dataclass
class Worker:
    """One worker process: `concurrency` threads per channel, each with its own connection."""

    store: Store
    settings: NotifySettings
    channels: Sequence[str] = CHANNEL_NAMES
    worker_id: str = field(
        default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
    )
    until_empty: bool = False
    stop: threading.Event = field(default_factory=threading.Event)
    channel_factory: Callable[[str, NotifySettings], Channel] = make_channel
    stats: WorkerStats = field(default_factory=WorkerStats)
    errors: list[str] = field(default_factory=list)
    db_errors: int = 0
    maintenance_steps: int = 0
    _done: threading.Event = field(default_factory=threading.Event, repr=False)

    def __post_init__(self) -> None:
        from amends.publish.subscriptions import with_secret

        with self.store.begin() as conn:  # the links it signs verify on the site of this store
            self.settings = with_secret(conn, self.settings)

    def run(self) -> WorkerStats:
        """Deliver until stopped (or, with until_empty, until nothing is left to deliver)."""
        self._clock()  # what is due now, before the first delivery round
        threads = [threading.Thread(target=self._reaper, name="amends-reaper", daemon=True)]
        threads[0].start()
        for channel in self.channels:
            limits = self.settings.limit(channel)
            limiter = RateLimiter(limits.rate_per_s)
            for i in range(limits.concurrency):
                t = threading.Thread(
                    target=self._loop,
                    args=(channel, f"{self.worker_id}/{channel}/{i}", limiter, limits.batch),
                    name=f"amends-{channel}-{i}",
                    daemon=True,
                )
                threads.append(t)
                t.start()
        try:
            while any(t.is_alive() for t in threads[1:]):
                for t in threads[1:]:
                    t.join(timeout=0.2)
            self._done.set()
        except KeyboardInterrupt:
            self.stop.set()
            for t in threads:
                t.join()
        return self.stats

    def _reaper(self) -> None:
        """Every half lease, hand rows of dead workers back and take the maintenance steps that
        are due (the clock of scheduled maintenance); stops with the delivery threads."""
        interval = max(self.settings.lease_s / 2, self.settings.poll_s)
        while not (self.stop.wait(interval) or self._done.is_set()):
            self._clock()

    def _clock(self) -> None:
        """Hand back rows of dead workers; take the due maintenance steps (their messages queue
        in the same transaction)."""
        from amends.publish.maintenance import advance

        with contextlib.suppress(Exception):  # a busy database: try again next round
            reap(self.store)
        try:
            with self.store.begin() as conn:
                self.maintenance_steps += len(advance(conn))
        except SQLAlchemyError:
            pass  # a busy database: the steps are still due next round
        except Exception as exc:  # a step refused: say so, keep delivering
            if len(self.errors) < 100:
                self.errors.append(f"maintenance: {exc}")

    def _loop(self, channel: str, owner: str, limiter: RateLimiter, batch: int) -> None:
        try:
            sender = self.channel_factory(channel, self.settings)
        except Exception as exc:
            self.errors.append(f"{channel}: {exc}")
            return
        try:
            while not self.stop.is_set():
                try:
                    if self._round(channel, owner, limiter, batch, sender):
                        return
                except SQLAlchemyError as exc:  # database away or busy: claimed rows stay
                    self.db_errors += 1  # leased and come back through the reaper
                    if self.db_errors <= 3:
                        self.errors.append(f"{channel}: database: {str(exc).splitlines()[0]}")
                    self.stop.wait(min(5.0, self.settings.poll_s * 10))
        finally:
            sender.close()

    def _round(
        self, channel: str, owner: str, limiter: RateLimiter, batch: int, sender: Channel
    ) -> bool:
        """Claim one batch and deliver it; True when the thread should end."""
        rows = claim(self.store, channel, owner, batch, self.settings.lease_s)
        if not rows:
            if self.until_empty and pending(self.store, channel) == 0:
                return True
            self.stop.wait(self.settings.poll_s)
            return False
        send_batch = getattr(sender, "send_batch", None)
        if send_batch is not None:
            return self._round_batched(owner, limiter, rows, send_batch)
        results: list[tuple[Message, Outcome]] = []
        lease = self.settings.lease_s
        renew_at = time.monotonic() + lease / 3
        held: set[int] | None = None  # every claimed row, until the first renewal says otherwise
        for done, row in enumerate(rows):
            if self.stop.is_set():
                self._flush(owner, results)
                release(self.store, owner, [r["id"] for r in rows[done:]])
                return True
            limiter.acquire(self.stop)
            if time.monotonic() >= renew_at:  # a third of the lease gone: write back what was
                # sent (a stall past the lease then repeats only what went out since) and hold
                # on to the rest
                held = self._flush(owner, results) if results else renew(self.store, owner, lease)
                results, renew_at = [], time.monotonic() + lease / 3
            if held is not None and row["id"] not in held:  # handed back: another worker's now
                continue
            msg = to_message(row, self.settings)
            results.append((msg, _safe_send(sender, msg)))
            if len(results) >= FLUSH_EVERY:
                self._flush(owner, results)
                results = []
        self._flush(owner, results)
        return False

    def _round_batched(
        self,
        owner: str,
        limiter: RateLimiter,
        rows: list[dict[str, Any]],
        send_batch: Callable[[Sequence[Message]], Sequence[Outcome]],
    ) -> bool:
        """Deliver claimed rows through a provider's batch API: up to FLUSH_EVERY messages per
        call (one rate-limit token each), the outcomes recorded after every call, so a crash
        repeats at most one batch (each message keeps its idempotency key)."""
        for lo in range(0, len(rows), FLUSH_EVERY):
            if self.stop.is_set():
                release(self.store, owner, [r["id"] for r in rows[lo:]])
                return True
            chunk = rows[lo : lo + FLUSH_EVERY]
            for _ in chunk:
                limiter.acquire(self.stop)
            if lo:  # the batches before took time: hold on to the rest, drop what was handed back
                held = renew(self.store, owner, self.settings.lease_s)
                chunk = [row for row in chunk if row["id"] in held]
            msgs = [to_message(row, self.settings) for row in chunk]
            self._flush(owner, list(zip(msgs, _safe_send_batch(send_batch, msgs), strict=True)))
        return False

    def _flush(self, owner: str, results: list[tuple[Message, Outcome]]) -> set[int]:
        """Write outcomes back and extend the lease; return the ids the owner still holds."""
        if not results:
            return set()
        results = [(m, final_outcome(m, o, self.settings)) for m, o in results]
        held = record(self.store, owner, results, self.settings)
        self.stats.add(results)
        return held


def _safe_send_batch(
    send_batch: Callable[[Sequence[Message]], Sequence[Outcome]], msgs: Sequence[Message]
) -> list[Outcome]:
    """A batch call that raises, or answers for the wrong number of messages, retries them all."""
    try:
        outcomes = list(send_batch(msgs))
    except Exception as exc:  # a channel bug must not kill the thread
        return [Outcome.retry(f"{type(exc).__name__}: {exc}")] * len(msgs)
    if len(outcomes) != len(msgs):
        error = f"channel error: {len(outcomes)} outcomes for {len(msgs)} messages"
        return [Outcome.retry(error)] * len(msgs)
    return outcomes


def _safe_send(channel: Channel, msg: Message) -> Outcome:
    """A channel bug must not kill the thread: turn it into a retry."""
    try:
        return channel.send(msg)
    except Exception as exc:
        return Outcome.retry(f"{type(exc).__name__}: {exc}")


@contextlib.contextmanager
def sqlite_single_worker(store: Store) -> Iterator[None]:
    """On SQLite only one worker process may run: hold a lock file next to the database."""
    if store.dialect != "sqlite" or not store.engine.url.database:
        yield
        return
    import fcntl

    path = Path(store.engine.url.database).with_suffix(".worker.lock")
    with open(path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(
                f"another amends worker already runs on this SQLite database ({path}); "
                "SQLite supports one worker: use PostgreSQL for several"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
