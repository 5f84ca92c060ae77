"""`amends watch`: follow the sources, keep the minute series in the store, run detection on the
complete minutes, and open incidents for the people on duty.

Each batch of events is stored in one transaction with the source's position after it (and, for
JetStream, the stream sequences it consumed), so a killed watcher resumes with nothing lost and
nothing counted twice. Detection runs every few seconds on the complete minutes within the
horizon, with the same code as `amends impact`; what it finds is reconciled with the incidents
already opened (amends.watch.incidents).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Connection

from amends.errors import InputError
from amends.events.failures import FailurePolicy
from amends.events.mapping import Mapping, resolve_mapping
from amends.impact.aggregate import Aggregates, batch_aggregates
from amends.impact.analysis import Detection, minute_time
from amends.impact.config import ImpactConfig
from amends.impact.live import DEFAULT_HORIZON_MINUTES, LiveSeries, detect_closed
from amends.publish.notifyconfig import NotifySettings
from amends.store.engine import Store
from amends.store.watch import (
    add_failures,
    add_minutes,
    claim_items,
    get_position,
    load_minutes,
    minutes_fingerprint,
    newest_minute,
    prune_items,
    set_position,
)
from amends.watch.alerts import send, summary
from amends.watch.folder import FolderFollower, load_chunk
from amends.watch.incidents import (
    Change,
    Context,
    alert_state,
    auto_publish,
    claim_alerts,
    mark_alert,
    next_alert_at,
    reconcile,
)
from amends.watch.jetstream import JetStreamSource
from amends.watch.metrics import WatchMetrics
from amends.watch.policy import WatchPolicy
from amends.watch.sources import SourceSpec

log = logging.getLogger("amends.watch")

#: Seconds a replay waits at its end for failed on-duty alerts to be tried again.
ALERT_DRAIN_S = 30.0


@dataclass
class WatchOptions:
    """How the watcher runs (the CLI's options)."""

    config: ImpactConfig = field(default_factory=ImpactConfig)
    policy: WatchPolicy = field(default_factory=WatchPolicy)
    notify: NotifySettings | None = None
    horizon_minutes: int = DEFAULT_HORIZON_MINUTES
    detect_every_s: float = 2.0
    poll_every_s: float = 0.5
    fetch_batch: int = 64
    tz: str | None = None
    dead_letters: Path = Path("amends-dead-letters.jsonl")
    idle_exit_s: float | None = None  # stop after this long with no new event (replays, tests)
    workdir: Path | None = None  # where chunk files are staged (default: a private temp folder)
    eta_history: list[Any] = field(default_factory=list)  # past incidents (amends.eta)
    plans: Any = None  # the plans table: each area's customers and zone (amends incident init)
    table_batch: int = 50_000  # rows per poll of a database table
    table_settle_s: float = 2.0  # rows younger than this wait for the next poll


@dataclass
class WatchSummary:
    """What a run did (printed by the CLI when it stops)."""

    events: int = 0
    batches: int = 0
    dead_letters: int = 0
    duplicates: int = 0
    changes: list[Change] = field(default_factory=list)


def _mapping(spec: SourceSpec) -> Mapping | None:
    name = spec.params.get("map")
    return resolve_mapping(name) if name else None


class Watcher:
    """One watcher over several sources and one store."""

    def __init__(
        self,
        store: Store,
        specs: Sequence[SourceSpec],
        options: WatchOptions | None = None,
        *,
        metrics: WatchMetrics | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        if not specs:
            raise InputError("give at least one source, e.g. dir:/var/spool/cdr?map=asterisk")
        keys = [s.key for s in specs]
        if len(set(keys)) != len(keys):
            raise InputError("the same source is given twice")
        self.store = store
        self.specs = list(specs)
        self.opts = options or WatchOptions()
        self.metrics = metrics or WatchMetrics()
        self.say = say or (lambda _m: None)
        self.policy: FailurePolicy = self.opts.config.failures
        self.live = LiveSeries(self.opts.horizon_minutes)
        self.newest: dict[str, int] = {}
        self.summary = WatchSummary()
        self.last_event_wall = time.monotonic()
        self._busy = 0
        self._ready = 0  # sources connected and polled once: idle time counts from then
        self._seen: dict[str, int] = {}  # newest minute stored per source (maybe out of order)
        self._outstanding: dict[str, int] = {}  # JetStream: messages due again after a crash
        self._retry_at: float | None = next_alert_at(store)  # an on-duty alert to try again
        self._detected_until: int | None = None  # minutes before this one have been examined
        self._detected = asyncio.Event()
        self.ctx = Context(
            standing=dict(self.opts.policy.facts),
            sources=[s.text for s in self.specs],
            rule=(
                "amends.impact detection on complete minutes: binomial test on failures and "
                f"Poisson test on volume at alpha {self.opts.config.alpha:g}, at least "
                f"{self.opts.config.min_duration_minutes} minutes"
            ),
            eta_history=list(self.opts.eta_history),
            plans=self.opts.plans,
        )
        self._mappings = {s.key: _mapping(s) for s in self.specs}
        for spec in self.specs:
            if spec.kind == "table" and self._mappings[spec.key] is None:
                raise InputError(
                    f"{spec.text}: a database table needs a column mapping: add &map=NAME "
                    "(e.g. map=kamailio-acc) or &map=FILE.toml"
                )

    # -- state -------------------------------------------------------------------------------

    def restore(self) -> None:
        """Load the stored series within the horizon and each source's newest minute."""
        with self.store.connect() as conn:
            top = newest_minute(conn)
            if top is not None:
                self.live.add(load_minutes(conn, top - self.opts.horizon_minutes))
            for spec in self.specs:
                pos = get_position(conn, spec.key) or {}
                if pos.get("newest") is not None:
                    self.newest[spec.key] = int(pos["newest"])

    def watermark(self) -> int | None:
        """Minutes before this one are complete in every source that has sent anything."""
        return min(self.newest.values()) if self.newest else None

    def _store(
        self,
        key: str,
        aggs: Aggregates | None,
        position: dict[str, Any],
        events: int,
    ) -> None:
        """One transaction: the batch's minutes and failures, and the position after it."""
        with self.store.begin() as conn:
            if aggs is not None:
                add_minutes(conn, aggs.series)
                add_failures(conn, aggs.failures)
            set_position(conn, key, position)
        self._counted(key, aggs, events)

    def _counted(
        self, key: str, aggs: Aggregates | None, events: int, *, in_order: bool = True
    ) -> None:
        """Count a stored batch. `in_order`: the source delivers in time order, so its newest
        minute moves the watermark now (JetStream: only once nothing older is outstanding)."""
        if aggs is not None and aggs.series.num_rows:
            self.live.add(aggs.series)
            top = int(max(aggs.series["minute"].to_pylist()))
            self._seen[key] = max(self._seen.get(key, top), top)
            if in_order:
                self.newest[key] = max(self.newest.get(key, top), top)
            self.metrics.last_event.labels(key).set(top * 60)
            self.metrics.lag.labels(key).set(max(time.time() - (top + 1) * 60, 0.0))
        if events:
            self.last_event_wall = time.monotonic()
        self.summary.events += events
        self.summary.batches += 1
        self.metrics.events.labels(key).inc(events)
        self.metrics.batches.labels(key).inc()
        self.metrics.last_batch_wall.labels(key).set(time.time())

    def _dead(self, key: str, items: list[dict[str, Any]]) -> None:
        """Append dead letters (one JSON line each) to the dead-letter file."""
        if not items:
            return
        path = self.opts.dead_letters
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            for item in items:
                fh.write(json.dumps({"source": key, **item}, ensure_ascii=False) + "\n")
        self.summary.dead_letters += len(items)
        self.metrics.dead.labels(key).inc(len(items))

    # -- sources -----------------------------------------------------------------------------

    async def _follow_folder(self, spec: SourceSpec, stop: asyncio.Event) -> None:
        import duckdb

        con = duckdb.connect()
        mapping = self._mappings[spec.key]
        assert spec.path is not None
        if not spec.path.is_dir():
            raise InputError("no such folder (or it is a file)", path=str(spec.path))
        with self.store.connect() as conn:
            pos = get_position(conn, spec.key)
        follower = FolderFollower.restore(spec.path, mapping, pos)
        first = True
        workdir = self.opts.workdir or _tmp()
        tz = spec.params.get("tz") or self.opts.tz
        while not stop.is_set():
            chunks = await asyncio.to_thread(follower.poll)
            self._busy += bool(chunks)
            if first:
                first = False
                self._became_ready()
            for chunk in chunks:
                await self._backpressure(stop)
                if stop.is_set():
                    break
                loaded = await asyncio.to_thread(load_chunk, chunk, mapping, tz, workdir)
                self._dead(spec.key, loaded.rejected)
                aggs = None
                n = 0
                if loaded.events is not None and loaded.events.num_rows:
                    events = loaded.events
                    n = events.num_rows
                    aggs = await asyncio.to_thread(batch_aggregates, con, events, self.policy)
                follower.advance(chunk)
                position = {**follower.position(), "newest": self._newest_after(spec.key, aggs)}
                await asyncio.to_thread(self._store, spec.key, aggs, position, n)
            self._busy -= bool(chunks)
            if chunks:
                self.last_event_wall = time.monotonic()
            if not chunks:
                await _sleep(stop, self.opts.poll_every_s)

    async def _backpressure(self, stop: asyncio.Event) -> None:
        """Reading a backlog faster than detection runs: wait for detection once the complete
        minutes run half a horizon past the last examined, so no window comes and goes within the
        horizon unseen."""
        limit = self.opts.horizon_minutes // 2
        while not stop.is_set():
            mark, done = self.watermark(), self._detected_until
            if mark is None or done is None or mark - done < limit:
                return
            self._detected.clear()
            self.last_event_wall = time.monotonic()  # waiting for detection is not being idle
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._detected.wait(), 1.0)

    def _became_ready(self) -> None:
        self._ready += 1
        self.last_event_wall = time.monotonic()

    def _newest_after(self, key: str, aggs: Aggregates | None) -> int | None:
        top = self.newest.get(key)
        if aggs is not None and aggs.series.num_rows:
            m = int(max(aggs.series["minute"].to_pylist()))
            top = m if top is None else max(top, m)
        return top

    async def _follow_jetstream(self, spec: SourceSpec, stop: asyncio.Event) -> None:
        import duckdb

        con = duckdb.connect()
        src = JetStreamSource(spec)
        await src.connect()
        self._became_ready()
        batches = 0
        pending: asyncio.Task[None] | None = None

        async def store_then_ack(got: Any) -> None:
            try:
                got = await asyncio.to_thread(src.decode, got)
                if got.rejected:  # set aside first: a crash after the store would skip them
                    await src.dead_letter(got.rejected)
                    self._dead(spec.key, [_rejected(x) for x in got.rejected])
                await asyncio.to_thread(self._store_messages, spec.key, con, got)
                await src.ack(got.messages)
            finally:
                self._busy -= 1
                self.last_event_wall = time.monotonic()

        # Messages the consumer had handed out and nobody acknowledged (a killed watcher's) come
        # again after ack_wait, older than what is read meanwhile: until they are back (or
        # nothing is outstanding, or twice ack_wait has passed) the watermark stays where it was.
        state = await src.pending()
        self._outstanding[spec.key] = state[1] if state else 0
        hold_until = time.monotonic() + 2 * src.ack_wait

        async def settle() -> None:
            """Move the watermark to the newest minute stored unless older messages are due."""
            if self._outstanding.get(spec.key, 0) > 0 and time.monotonic() < hold_until:
                state = await src.pending()
                if state is None or state[1] > 0:
                    return
                self._outstanding[spec.key] = 0
            if spec.key in self._seen:
                self.newest[spec.key] = max(self.newest.get(spec.key, -1), self._seen[spec.key])

        try:
            while not stop.is_set():
                await self._backpressure(stop)
                got = await src.fetch(self.opts.fetch_batch, timeout=self.opts.poll_every_s)
                if pending is not None and (got is not None or pending.done()):
                    await pending  # one batch stored at a time, the next one fetched meanwhile
                    pending = None
                if got is None:
                    await settle()
                    continue
                await settle()
                self.last_event_wall = time.monotonic()
                self._busy += 1
                pending = asyncio.create_task(store_then_ack(got))
                batches += 1
                if batches % 200 == 0:
                    floor = await src.ack_floor()
                    if floor:
                        await asyncio.to_thread(self._prune, spec.key, floor + 1)
            if pending is not None:
                await pending
            await settle()
        finally:
            await src.close()

    async def _follow_table(self, spec: SourceSpec, stop: asyncio.Event) -> None:
        """Poll a database table for rows after the last id stored (never a row twice); rows
        newer than `table_settle_s` wait, in case a lower id is still being committed."""
        import duckdb

        from amends.events.tables import connect, parse_table_url, read_after

        src = parse_table_url(spec.table_url)
        mapping = self._mappings[spec.key]
        con = duckdb.connect()
        db = await asyncio.to_thread(connect, src)
        with self.store.connect() as conn:
            position = int((get_position(conn, spec.key) or {}).get("id", 0))
        self._became_ready()
        try:
            while not stop.is_set():
                await self._backpressure(stop)
                before = datetime.now(UTC) - timedelta(seconds=self.opts.table_settle_s)
                batch = await asyncio.to_thread(
                    read_after, src, mapping, position, self.opts.table_batch, before=before, db=db
                )
                if batch.rows == 0:
                    await _sleep(stop, self.opts.poll_every_s)
                    continue
                self._busy += 1
                try:
                    events = batch.events
                    aggs = None
                    if events.num_rows:
                        aggs = await asyncio.to_thread(batch_aggregates, con, events, self.policy)
                    position = batch.position
                    pos = {"id": position, "newest": self._newest_after(spec.key, aggs)}
                    await asyncio.to_thread(self._store, spec.key, aggs, pos, events.num_rows)
                finally:
                    self._busy -= 1
                    self.last_event_wall = time.monotonic()
        finally:
            await asyncio.to_thread(db.disconnect)

    def _store_messages(self, key: str, con: Any, got: Any) -> None:
        """One transaction: claim the messages' sequences, count only the new ones."""
        again = sum(1 for m in got.messages if m.metadata.num_delivered > 1)
        if again:
            self._outstanding[key] = max(0, self._outstanding.get(key, 0) - again)
        with self.store.begin() as conn:
            fresh = claim_items(conn, key, got.sequences)
            tables = [t for s, t in zip(got.sequences, got.events, strict=True) if s in fresh]
            repeats = len(got.sequences) - len(fresh)
            events = pa.concat_tables(tables) if tables else None
            n = events.num_rows if events is not None else 0
            aggs = batch_aggregates(con, events, self.policy) if n else None
            if aggs is not None:
                add_minutes(conn, aggs.series)
                add_failures(conn, aggs.failures)
            set_position(conn, key, {"newest": self.newest.get(key)})
        if repeats:
            self.summary.duplicates += repeats
            self.metrics.duplicates.labels(key).inc(repeats)
        self._counted(key, aggs, n, in_order=False)

    def _prune(self, key: str, below: int) -> None:
        with self.store.begin() as conn:
            prune_items(conn, key, below)

    # -- detection ---------------------------------------------------------------------------

    def _as_stored(self, conn: Connection, series: pa.Table) -> pa.Table:
        """The series this watcher holds, or the stored one when other watchers sharing the
        store (and the stream) have added minutes this one has not seen."""
        if series.num_rows == 0 or self.live.newest is None:
            return series
        since = self.live.newest - self.opts.horizon_minutes  # where the held series begins
        mine = (series.num_rows, pc.sum(series["attempts"]).as_py() or 0)
        if minutes_fingerprint(conn, since) == mine:
            return series
        stored = load_minutes(conn, since)
        self.live.replace(stored)
        return stored

    def detect_once(self, until: int, series: pa.Table) -> list[Change]:
        """Detection on the complete minutes before `until` (as stored), then reconcile the
        incidents, in one transaction."""
        started = time.perf_counter()
        seen: list[Detection] = []

        def detection(conn: Connection) -> Detection:
            seen.append(detect_closed(self._as_stored(conn, series), until, self.opts.config))
            return seen[-1]

        changes = reconcile(self.store, detection, until, self.ctx)
        found = seen[-1]
        self.metrics.detections.inc()
        self.metrics.detection_seconds.set(time.perf_counter() - started)
        self.metrics.open_windows.set(sum(1 for w in found.windows if w.end is None))
        for ch in changes:
            if ch.action == "opened":
                self.metrics.incidents.inc()
            self.say(f"{ch.action}: {ch.incident_id}")
        self.summary.changes += changes
        rule = self.opts.policy.auto_publish
        if rule.enabled:
            for ch in changes:
                if ch.action == "opened":
                    said = auto_publish(self.store, ch.incident_id, rule, minute_time(until))
                    self.say(f"auto-publish {ch.incident_id}: {said}")
        self._send_alerts()
        return changes

    def _send_alerts(self) -> None:
        """Send the on-duty alerts that are due; a target that failed is tried again after a
        back-off, and a target already told is never told again."""
        targets = self.opts.policy.on_duty
        due_now, later = claim_alerts(self.store)
        waits = [] if later is None else [later]
        for due in due_now:
            if not targets:
                mark_alert(self.store, due.incident.id, due.event, "no one on duty configured")
                continue
            outcomes = send(
                [t for t in targets if t.name not in due.done],
                summary(due.incident, due.event, self.opts.policy.review_url),
                self.opts.notify or NotifySettings(),
            )
            for v in outcomes.values():
                self.metrics.alerts.labels("sent" if v == "sent" else "failed").inc()
            state = alert_state(due, outcomes)
            mark_alert(self.store, due.incident.id, due.event, state)
            if isinstance(state, dict):
                waits.append(state["next_at"])
        self._retry_at = min(waits, default=None)

    async def _drain_alerts(self, grace_s: float) -> None:
        """Before a replay ends: retry failed alerts while their back-off fits in `grace_s`."""
        deadline = time.time() + grace_s
        while (at := self._retry_at) is not None and at <= deadline:
            await asyncio.sleep(max(0.0, at - time.time()))
            await asyncio.to_thread(self._send_alerts)

    async def _detect_loop(self, stop: asyncio.Event) -> None:
        last: int | None = None
        while not stop.is_set():
            await _sleep(stop, self.opts.detect_every_s)
            if self._retry_at is not None and time.time() >= self._retry_at:
                await asyncio.to_thread(self._send_alerts)
            until = self.watermark()
            if until is None or until == last:
                continue
            started = time.monotonic()
            await asyncio.to_thread(lambda u=until: self.detect_once(u, self.live.table()))
            last = until
            self._detected_until = until
            self._detected.set()
            # catching up a backlog: detection takes at most a quarter of the time, unless the
            # records run far ahead of it (then reading waits: _backpressure)
            mark = self.watermark()
            if mark is None or mark - until < self.opts.horizon_minutes // 4:
                await _sleep(stop, 3 * (time.monotonic() - started))

    async def _idle_watch(self, stop: asyncio.Event) -> None:
        """Stop after `idle_exit_s` without new events (a replay has ended)."""
        limit = self.opts.idle_exit_s
        if limit is None:
            return
        while not stop.is_set():
            await _sleep(stop, min(limit / 4, 1.0))
            ready = self._ready >= len(self.specs)
            if ready and not self._busy and time.monotonic() - self.last_event_wall > limit:
                stop.set()

    async def run(self, stop: asyncio.Event | None = None) -> WatchSummary:
        """Follow every source until `stop` is set (or, with idle_exit_s, the sources go quiet);
        then one last detection over every minute, the newest included."""
        stop = stop or asyncio.Event()
        self.restore()
        tasks = []
        for spec in self.specs:
            follow = {
                "dir": self._follow_folder,
                "nats": self._follow_jetstream,
                "table": self._follow_table,
            }[spec.kind]
            tasks.append(asyncio.create_task(follow(spec, stop), name=spec.key))
        tasks.append(asyncio.create_task(self._detect_loop(stop), name="detect"))
        if self.opts.idle_exit_s is not None:
            tasks.append(asyncio.create_task(self._idle_watch(stop), name="idle"))
        stopper = asyncio.create_task(stop.wait())
        try:
            done, _ = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
            for t in done:
                if t is not stopper and t.exception() is not None:
                    raise t.exception()  # type: ignore[misc]
        finally:
            stop.set()
            # sources finish the batch in hand (stored and acknowledged), then stop
            await asyncio.wait(tasks, timeout=30)
            for t in tasks:
                t.cancel()
            for t in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await t
            stopper.cancel()
        if self.opts.idle_exit_s is not None and self.live.newest is not None:
            final = self.live.newest + 1
            await asyncio.to_thread(lambda: self.detect_once(final, self.live.table()))
            await self._drain_alerts(ALERT_DRAIN_S)
        return self.summary


def _rejected(item: tuple[int, int, str, bytes]) -> dict[str, Any]:
    seq, line, reason, raw = item
    return {
        "sequence": seq,
        "line": line,
        "reason": reason,
        "raw": raw.decode("utf-8", "replace")[:4096],
    }


def _tmp() -> Path:
    """A private folder for chunk files (never inside the watched folder)."""
    import tempfile

    path = Path(tempfile.gettempdir()) / "amends-watch"
    path.mkdir(exist_ok=True)
    return path


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


def bootstrap_history(
    store: Store,
    paths: Sequence[str],
    *,
    mapping: str | None,
    tz: str | None,
    policy: FailurePolicy,
) -> int:
    """Add past records to the stored series once (by file name, size and time), so detection
    has a baseline from the first minute. Returns the events added."""
    import duckdb

    from amends.events.load import load_events
    from amends.events.sources import expand_sources

    con = duckdb.connect()
    added = 0
    for path in expand_sources(list(paths)):
        st = path.stat()
        key = f"history:{path.resolve()}:{st.st_size}:{st.st_mtime_ns}"
        with store.connect() as conn:
            if get_position(conn, key) is not None:
                continue
        events = load_events(path, mapping=mapping, tz=tz).to_pyarrow()
        aggs = batch_aggregates(con, events, policy)
        with store.begin() as conn:
            if get_position(conn, key) is not None:
                continue
            add_minutes(conn, aggs.series)
            add_failures(conn, aggs.failures)
            set_position(
                conn, key, {"events": events.num_rows, "at": datetime.now(UTC).isoformat()}
            )
        added += events.num_rows
    return added
