"""Replay: write recorded or simulated events into a source, as the switches would, at N times
real time, so that the watcher can be watched at work (and tested and benchmarked).

Events are read in time order in bounded memory (the engine sorts; Arrow record batches stream
out) and cut into batches that never span two event-minutes. A batch is due on the wall clock
when its last event is: event time runs `speed` times faster than wall time from the first event
(`speed=None`: as fast as possible). Into JetStream each batch is one message (JSON lines or Arrow
IPC, with a `Nats-Msg-Id` from the input's identity and the batch's index, so replaying the same
input twice within the stream's duplicate window adds nothing); into a folder each batch is
appended to the live file in whole lines, and the file is rotated every M event-minutes the way
each switch rotates it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import itertools
import os
import queue
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from amends.errors import InputError, prepare_output, public_mode, shown
from amends.events.failures import DEFAULT_FAILURES, FailurePolicy
from amends.events.schema import EVENT_SCHEMA, REQUIRED_COLUMNS
from amends.events.timetext import civil
from amends.events.writers import LineFormat, line_format
from amends.watch.sources import SourceSpec, parse_source

if TYPE_CHECKING:
    import ibis.expr.types as ir

#: Events per message (JetStream) or per append (folder), at most.
DEFAULT_BATCH = 5000
#: Messages published and not yet acknowledged, at most.
IN_FLIGHT = 256
#: Seconds to reach the NATS server, and to wait for a publish acknowledgement.
CONNECT_TIMEOUT = 3.0
ACK_TIMEOUT = 30.0
US_PER_MINUTE = 60_000_000
#: DuckDB's memory for sorting the input by time; beyond it the sort spills to a temp folder.
ENGINE_MEMORY = "256MB"

Progress = Callable[[int], None]


@dataclass(frozen=True)
class ReplayResult:
    """What a replay wrote: events, JetStream messages (and how many the stream already had),
    files written to (a folder), and the wall time it took."""

    target: str
    events: int
    messages: int
    duplicates: int
    files: int
    seconds: float

    @property
    def events_per_second(self) -> float:
        """Events written per wall-clock second."""
        return self.events / self.seconds if self.seconds > 0 else float("inf")


class Pacer:
    """When each batch is due: event time runs `speed` times faster than wall time, anchored at
    the first event and the wall clock of the first call (`speed=None`: never wait)."""

    def __init__(self, speed: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        if speed is not None and not speed > 0:
            raise InputError(f"--speed must be above 0 (or max), not {speed}")
        self.speed = speed
        self.clock = clock
        self._anchor: tuple[float, int] | None = None

    def delay(self, event_us: int) -> float:
        """Seconds to wait before writing what happened at `event_us` (0 when it is due)."""
        if self.speed is None:
            return 0.0
        now = self.clock()
        if self._anchor is None:
            self._anchor = (now, event_us)
            return 0.0
        wall0, event0 = self._anchor
        due = wall0 + (event_us - event0) / 1e6 / self.speed
        return max(0.0, due - now)


def parse_speed(text: str) -> float | None:
    """`--speed`: a number above 0, or `max` (or 0) for as fast as possible (None)."""
    value = text.strip().lower()
    if value in ("max", "0", "0.0"):
        return None
    try:
        speed = float(value)
    except ValueError:
        raise InputError(
            f"--speed {shown(text)!r} is not a number; write e.g. 60, or max"
        ) from None
    if not speed > 0 or speed == float("inf"):
        raise InputError(f"--speed {shown(text)!r} must be a number above 0, or max")
    return speed


# --- reading events in time order ---------------------------------------------------------------


def bounded_events(
    sources: str | Path | Sequence[str | Path],
    *,
    mapping: str | Path | None = None,
    tz: str | None = None,
    start: datetime | None = None,
    until: datetime | None = None,
) -> ir.Table:
    """The events of `sources` (read as `amends impact` reads them) in [start, until)."""
    import ibis

    from amends.events.load import load_events

    con = ibis.duckdb.connect()
    con.raw_sql(f"SET memory_limit = '{ENGINE_MEMORY}'")  # the sort spills to disk beyond it
    spill = Path(tempfile.gettempdir()) / "amends-replay-spill"
    con.raw_sql(f"SET temp_directory = '{str(spill).replace(chr(39), chr(39) * 2)}'")
    table = load_events(sources, mapping=mapping, tz=tz, con=con)
    if start is not None:
        table = table.filter(table.ts >= start.astimezone(UTC))
    if until is not None:
        table = table.filter(table.ts < until.astimezone(UTC))
    return table


def sorted_events(
    sources: str | Path | Sequence[str | Path],
    *,
    mapping: str | Path | None = None,
    tz: str | None = None,
    start: datetime | None = None,
    until: datetime | None = None,
) -> ir.Table:
    """`bounded_events` ordered by time, as the replay writes them."""
    return bounded_events(sources, mapping=mapping, tz=tz, start=start, until=until).order_by("ts")


def event_batches(batches: Iterable[pa.RecordBatch | pa.Table], size: int) -> Iterator[pa.Table]:
    """Events in time order → tables of at most `size` events, none spanning two event-minutes.

    The cut depends only on the events, not on how they arrive (the last minute of each arriving
    batch waits for the next), so the same input always gives the same batches.
    """
    if size < 1:
        raise InputError(f"--batch must be at least 1, not {size}")
    carry: pa.Table | None = None
    for item in batches:
        table = item if isinstance(item, pa.Table) else pa.Table.from_batches([item])
        if table.num_rows == 0:
            continue
        table = _canonical(table)
        if carry is not None:
            table = pa.concat_tables([carry, table])
        minutes = _minutes(table)
        if np.any(np.diff(minutes) < 0):
            raise InputError("the events are not in time order; read them with sorted_events")
        cut = int(np.searchsorted(minutes, minutes[-1]))
        yield from _split(table.slice(0, cut), minutes[:cut], size)
        carry = table.slice(cut)
    if carry is not None and carry.num_rows:
        yield from _split(carry, _minutes(carry), size)


def _canonical(table: pa.Table) -> pa.Table:
    """The canonical columns in order and type; a missing optional column is null."""
    if table.schema.equals(EVENT_SCHEMA, check_metadata=False):
        return table
    for f in EVENT_SCHEMA:
        if f.name not in table.column_names:
            if f.name in REQUIRED_COLUMNS:
                raise InputError(f"the events have no {f.name} column")
            table = table.append_column(f.name, pa.nulls(table.num_rows, f.type))
    return table.select(EVENT_SCHEMA.names).cast(EVENT_SCHEMA)


def _minutes(table: pa.Table) -> np.ndarray:
    micros = table.column("ts").combine_chunks().cast(pa.int64())
    return micros.to_numpy(zero_copy_only=False) // US_PER_MINUTE


def _split(table: pa.Table, minutes: np.ndarray, size: int) -> Iterator[pa.Table]:
    if not len(minutes):
        return
    starts = [0, *(np.flatnonzero(np.diff(minutes)) + 1).tolist(), len(minutes)]
    for a, b in itertools.pairwise(starts):
        for k in range(a, b, size):
            yield table.slice(k, min(size, b - k)).combine_chunks()


def input_identity(paths: Sequence[Path], *options: object) -> str:
    """A short digest of the input files' contents and the options that shape the batches: the
    same input replayed again gets the same message ids."""
    digest = hashlib.sha256()
    for part in sorted(_file_digest(p) for p in paths):
        digest.update(part.encode())
    digest.update(repr(options).encode())
    return digest.hexdigest()[:20]


def _file_digest(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", path=str(path)) from None


# --- the one entry point ------------------------------------------------------------------------


def replay(
    sources: str | Path | Sequence[str | Path],
    target: str | SourceSpec,
    *,
    mapping: str | Path | None = None,
    tz: str | None = None,
    speed: float | None = None,
    start: datetime | None = None,
    until: datetime | None = None,
    batch: int = DEFAULT_BATCH,
    rotate_minutes: int | None = None,
    parquet: bool = False,
    policy: FailurePolicy = DEFAULT_FAILURES,
    progress: Callable[[int, int], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> ReplayResult:
    """Replay event files into `target` (`nats://HOST:PORT/SUBJECT...` or `dir:PATH...`).

    `progress(done, total)` is called after each batch. The target is checked before the input
    is read; bad input or an unreachable server is an InputError. The result's seconds count
    everything from the call on (loading, sorting, writing, the last acknowledgement).
    """
    from amends.events.batches import record_batches
    from amends.events.sources import expand_sources

    began = clock()
    spec = target if isinstance(target, SourceSpec) else parse_source(target)
    check_target(spec, rotate_minutes=rotate_minutes, parquet=parquet, batch=batch)
    if start is not None and until is not None and until <= start:
        raise InputError("--until must be after --from")
    table = bounded_events(sources, mapping=mapping, tz=tz, start=start, until=until)
    total = int(table.count().to_pyarrow().as_py())
    table = table.order_by("ts")
    paths = expand_sources(sources)
    identity = input_identity(
        paths, str(mapping), tz, start and start.isoformat(), until and until.isoformat(), batch
    )
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    result = replay_batches(
        event_batches(record_batches(table, chunk_size=200_000), batch),
        spec,
        identity=identity,
        speed=speed,
        rotate_minutes=rotate_minutes,
        parquet=parquet,
        policy=policy,
        progress=advance,
        clock=clock,
    )
    return dataclasses.replace(result, seconds=clock() - began)  # reading and sorting included


def check_target(
    spec: SourceSpec, *, rotate_minutes: int | None, parquet: bool, batch: int = DEFAULT_BATCH
) -> None:
    """Refuse a target replay cannot write, before any work (nothing is created)."""
    if batch < 1:
        raise InputError(f"--batch must be at least 1, not {batch}")
    if rotate_minutes is not None and rotate_minutes < 1:
        raise InputError(f"--rotate-minutes must be at least 1, not {rotate_minutes}")
    if spec.kind == "nats":
        if rotate_minutes is not None or parquet:
            raise InputError("--rotate-minutes and --parquet are for a dir: target, not nats://")
        return
    if spec.kind != "dir":
        raise InputError(
            f"replay writes to nats://HOST:PORT/SUBJECT or dir:PATH, not {shown(spec.text)!r}"
        )
    assert spec.path is not None
    line_format(spec.params.get("map"), tz=_zone(spec))
    if parquet and spec.params.get("map"):
        raise InputError("--parquet writes canonical Parquet files: leave map= out of the target")
    prepare_output(spec.path, kind="folder", create=False)


def _zone(spec: SourceSpec) -> str:
    from amends.events.transform import check_tz

    tz = spec.params.get("tz") or "UTC"
    check_tz(tz)
    return tz


def replay_batches(
    batches: Iterable[pa.Table],
    target: str | SourceSpec,
    *,
    identity: str,
    speed: float | None = None,
    rotate_minutes: int | None = None,
    parquet: bool = False,
    policy: FailurePolicy = DEFAULT_FAILURES,
    progress: Progress | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> ReplayResult:
    """Write batches (from `event_batches`, in time order) into `target`, paced by `speed`.

    `identity` names the input for JetStream's message ids (`input_identity`); in-process callers
    (tests, the benchmark) pass any string that is stable for the same events.
    """
    spec = target if isinstance(target, SourceSpec) else parse_source(target)
    check_target(spec, rotate_minutes=rotate_minutes, parquet=parquet)
    pacer = Pacer(speed, clock)
    began = clock()
    if spec.kind == "nats":
        events, messages, duplicates = asyncio.run(
            _publish(batches, spec, identity=identity, pacer=pacer, progress=progress)
        )
        return ReplayResult(spec.text, events, messages, duplicates, 0, clock() - began)
    fmt = line_format(spec.params.get("map"), tz=_zone(spec), policy=policy)
    assert spec.path is not None
    writer = FolderWriter(spec.path, fmt, rotate_minutes=rotate_minutes, parquet=parquet)
    events = 0
    ahead = _ReadAhead(batches, depth=8)
    try:
        while (table := ahead.get()) is not None:
            wait = pacer.delay(_last_us(table))
            if wait:
                time.sleep(wait)
            writer.write(table)
            events += table.num_rows
            if progress is not None:
                progress(table.num_rows)
    finally:
        ahead.stop()
        writer.close()
    return ReplayResult(spec.text, events, 0, 0, writer.files, clock() - began)


def _last_us(table: pa.Table) -> int:
    return int(table.column("ts").cast(pa.int64())[-1].as_py())


# --- into a folder ------------------------------------------------------------------------------


class FolderWriter:
    """Appends batches to the live file of a format in whole lines, rotating it every
    `rotate_minutes` event-minutes (aligned to the epoch) as the switch would; with `parquet`,
    each rotation period becomes one canonical Parquet file, renamed into place when complete."""

    def __init__(
        self, folder: Path, fmt: LineFormat, *, rotate_minutes: int | None, parquet: bool
    ) -> None:
        prepare_output(folder, kind="folder")
        self.folder = folder
        self.fmt = fmt
        self.every = rotate_minutes or (1 if parquet else None)
        self.parquet = parquet
        self.files = 0
        self._period: int | None = None
        self._seq = 0
        self._fh: Any = None
        self._pq: Any = None
        self._pq_paths: tuple[Path, Path] | None = None

    @property
    def live(self) -> Path:
        """The file being written (Master.csv, access.log, events.csv)."""
        return self.folder / self.fmt.filename

    def write(self, table: pa.Table) -> None:
        """Append one batch (events of one minute); rotate first when its period has begun."""
        if table.num_rows == 0:
            return
        first = int(table.column("ts").cast(pa.int64())[0].as_py())
        period = first // US_PER_MINUTE // self.every if self.every else 0
        if self._period is not None and period != self._period:
            self._finish(period)
        self._period = period
        if self.parquet:
            self._write_parquet(table, period)
        else:
            self._append(self.fmt.encode(table, self._seq))
        self._seq += table.num_rows

    def close(self) -> None:
        """Close the live file (a complete Parquet period is renamed into place; a partial one
        too, since its events are whole)."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if self._pq is not None:
            self._close_parquet()

    def _append(self, data: bytes) -> None:
        if self._fh is None:
            new = not self.live.exists() or self.live.stat().st_size == 0
            try:
                self._fh = open(self.live, "ab", buffering=0)  # noqa: SIM115 - kept open
            except OSError as exc:
                raise InputError(
                    f"cannot write ({exc.strerror or exc})", path=str(self.live)
                ) from None
            self.files += 1
            if new and self.fmt.header:
                data = self.fmt.header + data
        view = memoryview(data)
        while view:  # whole lines: one write per batch, finished before the next
            view = view[self._fh.write(view) :]

    def _finish(self, new_period: int) -> None:
        """Rotate: close the live file and rename it as the switch does."""
        if self.parquet:
            self._close_parquet()
            return
        if self._fh is None:
            return
        self._fh.close()
        self._fh = None
        live = self.live
        if self.fmt.rotation == "numbered":  # logrotate: name.1 is the newest
            taken = sorted(
                (int(p.name.rsplit(".", 1)[1]) for p in self.folder.glob(live.name + ".*")
                 if p.name.rsplit(".", 1)[1].isdigit()),
                reverse=True,
            )  # fmt: skip
            for k in taken:
                os.replace(
                    live.with_name(f"{live.name}.{k}"), live.with_name(f"{live.name}.{k + 1}")
                )
            os.replace(live, live.with_name(live.name + ".1"))
        elif self.fmt.rotation == "stamped":  # FreeSWITCH: Master.csv.YYYY-MM-DD-HH-MM-SS
            stamp = _stamp(new_period * self.every * US_PER_MINUTE, "%Y-%m-%d-%H-%M-%S")
            os.replace(live, live.with_name(f"{live.name}.{stamp}"))
        else:  # canonical: events-<period start>.csv, still a .csv the loaders read
            began = self._period * self.every * US_PER_MINUTE  # type: ignore[operator]
            name = f"{live.stem}-{_stamp(began, '%Y%m%dT%H%M%SZ')}{live.suffix}"
            os.replace(live, live.with_name(name))

    def _write_parquet(self, table: pa.Table, period: int) -> None:
        import pyarrow.parquet as pq

        if self._pq is None:
            began = period * self.every * US_PER_MINUTE  # type: ignore[operator]
            final = self.folder / f"events-{_stamp(began, '%Y%m%dT%H%M%SZ')}.parquet"
            tmp = self.folder / f".{final.name}.{os.getpid()}.tmp"
            self._pq = pq.ParquetWriter(tmp, EVENT_SCHEMA, compression="zstd")
            self._pq_paths = (tmp, final)
        self._pq.write_table(table)

    def _close_parquet(self) -> None:
        assert self._pq is not None and self._pq_paths is not None
        tmp, final = self._pq_paths
        self._pq.close()
        self._pq = None
        public_mode(tmp)
        os.replace(tmp, final)
        self.files += 1


def _stamp(micros: int, pattern: str) -> str:
    """A UTC time as text for file names (%Y %m %d %H %M %S only)."""
    f = {k: int(v[0]) for k, v in civil(np.array([micros])).items()}
    return (
        pattern.replace("%Y", f"{f['year']:04d}")
        .replace("%m", f"{f['month']:02d}")
        .replace("%d", f"{f['day']:02d}")
        .replace("%H", f"{f['hour']:02d}")
        .replace("%M", f"{f['minute']:02d}")
        .replace("%S", f"{f['second']:02d}")
    )


# --- into JetStream -----------------------------------------------------------------------------


async def connect(url: str) -> Any:
    """A NATS connection, or an InputError within a few seconds when the server is not there."""
    import nats

    async def quiet(_exc: Exception) -> None:
        """Errors surface as the exception below, not as log lines."""

    try:  # nats-py retries a refused connection forever unless attempts are bounded (> 0)
        return await asyncio.wait_for(
            nats.connect(
                servers=[url],
                connect_timeout=CONNECT_TIMEOUT,
                allow_reconnect=False,
                max_reconnect_attempts=1,
                reconnect_time_wait=0.2,
                error_cb=quiet,
            ),
            2 * CONNECT_TIMEOUT + 1,
        )
    except Exception as exc:  # NoServersError, OSError, TimeoutError: one line, exit 2
        reason = _reason(exc)
        raise InputError(
            f"cannot reach the NATS server at {url} ({reason}); start it or fix the address"
        ) from None


async def ensure_stream(js: Any, spec: SourceSpec) -> str:
    """The stream that holds the subject: found by subject, else created (`spec.stream`, file
    storage). Returns its name."""
    from nats.js.api import StorageType
    from nats.js.errors import NotFoundError

    assert spec.subject is not None
    try:
        return await js.find_stream_name_by_subject(spec.subject)
    except NotFoundError:
        pass
    except Exception as exc:
        raise InputError(f"{spec.url}: JetStream is not available ({_reason(exc)})") from None
    try:
        await js.add_stream(name=spec.stream, subjects=[spec.subject], storage=StorageType.FILE)
    except Exception as exc:
        raise InputError(
            f"cannot create the stream {spec.stream} for {spec.subject} ({_reason(exc)}); "
            "name another with ?stream=NAME"
        ) from None
    return spec.stream


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


async def _publish(
    batches: Iterable[pa.Table],
    spec: SourceSpec,
    *,
    identity: str,
    pacer: Pacer,
    progress: Progress | None,
) -> tuple[int, int, int]:
    """Publish each batch as one message; at most IN_FLIGHT unacknowledged. Returns (events,
    messages, duplicates)."""
    from amends.events import wire

    fmt = spec.wire_format
    encode = wire.encode_arrow if fmt == "arrow" else wire.encode_jsonl
    content_type = wire.ARROW if fmt == "arrow" else wire.JSONL
    nc = await connect(spec.url or "")
    events = messages = duplicates = 0
    ahead: _ReadAhead | None = None
    try:
        js = nc.jetstream(publish_async_max_pending=IN_FLIGHT * 2)
        stream = await ensure_stream(js, spec)
        pending: deque[tuple[Any, int]] = deque()

        async def settle(keep: int) -> None:
            nonlocal duplicates, events
            while len(pending) > keep:
                future, rows = pending.popleft()
                try:
                    ack = await asyncio.wait_for(future, ACK_TIMEOUT)
                except TimeoutError:
                    raise InputError(
                        f"{spec.url}: no acknowledgement from JetStream within {ACK_TIMEOUT:g} s"
                    ) from None
                except Exception as exc:
                    raise InputError(f"{spec.text}: publish refused ({_reason(exc)})") from None
                duplicates += bool(ack.duplicate)
                events += rows
                if progress is not None:
                    progress(rows)

        loop = asyncio.get_running_loop()
        ahead = _ReadAhead(((t, encode(t)) for t in batches), depth=8)
        index = -1
        while (item := await loop.run_in_executor(None, ahead.get)) is not None:
            table, payload = item
            index += 1
            wait = pacer.delay(_last_us(table))
            if wait:
                await settle(0)
                await asyncio.sleep(wait)
            if len(payload) > nc.max_payload:
                raise InputError(
                    f"a batch of {table.num_rows} events is {len(payload):,} bytes, over the "
                    f"server's max_payload of {nc.max_payload:,}; give a smaller --batch"
                )
            headers = {"Content-Type": content_type, "Nats-Msg-Id": f"{identity}-{index}"}
            future = await js.publish_async(spec.subject, payload, stream=stream, headers=headers)
            pending.append((future, table.num_rows))
            messages += 1
            await settle(IN_FLIGHT)
        await settle(0)
    finally:
        if ahead is not None:
            ahead.stop()
        await nc.close()
    return events, messages, duplicates


class _ReadAhead:
    """Runs an iterator on a thread, up to `depth` items ahead, so reading and encoding the next
    batches overlaps publishing (Arrow, DuckDB and numpy release the GIL)."""

    _END = object()

    def __init__(self, items: Iterable[Any], depth: int) -> None:
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._stopped = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(iter(items),), name="amends-replay-read", daemon=True
        )
        self._thread.start()

    def _run(self, items: Iterator[Any]) -> None:
        try:
            for item in items:
                if not self._put(item):
                    return
        except BaseException as exc:  # re-raised on the caller's side by get()
            self._put(exc)
            return
        self._put(self._END)

    def _put(self, item: Any) -> bool:
        while not self._stopped.is_set():
            try:
                self._queue.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def get(self) -> Any:
        """The next item, None at the end; an error of the iterator is raised here."""
        item = self._queue.get()
        if item is self._END:
            return None
        if isinstance(item, BaseException):
            raise item
        return item

    def stop(self) -> None:
        """Let the thread end (it drops what it was about to queue)."""
        self._stopped.set()
        self._thread.join(timeout=5)


def events_before(source: Path, before: datetime, out: Path) -> Path:
    """The canonical events of a Parquet file before `before`, written to `out` (Parquet, whole
    or not at all): the history a replayed watcher starts from."""
    import duckdb

    from amends.files import atomic_path

    def q(text: object) -> str:
        return "'" + str(text).replace("'", "''") + "'"

    with atomic_path(out, suffix=".parquet") as tmp:
        duckdb.sql(
            f"COPY (SELECT * FROM read_parquet({q(source)}) WHERE ts < TIMESTAMPTZ "
            f"{q(before.isoformat())}) TO {q(tmp)} (FORMAT PARQUET)"
        )
    return out
