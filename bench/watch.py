"""Benchmark `amends watch`: sustained events/s from JetStream and from a folder, resident memory
as the stream grows, against a bare consumer that only reads and decodes the same records.

Run: `.venv/bin/python -m bench.watch --events 50M` (NATS with JetStream at 127.0.0.1:4222).

The records are one simulated day (2M attempts, 20,000 subscribers, two outages) repeated day
after day with shifted times, so the stream is weeks long and the watcher's horizon (2 days)
keeps moving. Each run measures the whole command as a user runs it (`amends watch ...
--exit-when-idle 2`, SQLite store), minus the idle wait, and samples its resident memory.

1. JetStream: every batch (5,000 events, Arrow IPC) is published first; the watcher then reads
   the backlog. Baseline: a process that pulls, decodes (amends.events.wire) and acknowledges the
   same messages and nothing else.
2. Folder: the same events as canonical Parquet files (one per 1M events, written by a switch's
   exporter) and, on a tenth of them, Asterisk Master.csv files (the mapped CSV path). Baseline:
   a process that reads the same files with the same reader (amends.events.load_events) and
   nothing else.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

OUT = Path(__file__).parent / "out"
NATS = "nats://127.0.0.1:4222"
DAY_US = 86_400 * 1_000_000
BATCH = 5_000


def parse_count(text: str) -> int:
    text = text.strip().upper()
    mult = {"K": 1_000, "M": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("KM")) * mult)


def base_day() -> pa.Table:
    """One simulated day of 2M attempts in time order (made once, kept in bench/out)."""
    from amends.events.load import load_events
    from amends.events.scenario import Scenario
    from amends.events.simulate import SimulationConfig, simulate

    path = OUT / "watch-day.parquet"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        scenario = Scenario.load(Path("tests/impact/scenarios/two_windows.yaml"))
        simulate(
            path,
            SimulationConfig(
                subscribers=20_000, calls_per_day=2_000_000, scenario=scenario, seed=7
            ),
        )
    return load_events(path).order_by(["ts"]).to_pyarrow()


def days(day: pa.Table, events: int):
    """The day repeated with its times shifted one day each time, cut at `events` rows."""
    left, k = events, 0
    ts_us = pc.cast(day["ts"], pa.int64())
    while left > 0:
        shifted = pc.cast(pc.add(ts_us, k * DAY_US), pa.timestamp("us", tz="UTC"))
        t = day.set_column(0, "ts", shifted).slice(0, left)
        yield t
        left -= t.num_rows
        k += 1


class Sampler:
    """Resident memory of a process every half second (and its peak, VmHWM)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.samples, self.peak = pid, [], 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                text = Path(f"/proc/{self.pid}/status").read_text()
            except OSError:
                break
            fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
            rss = int(fields.get("VmRSS", "0 kB").split()[0]) // 1024
            self.peak = max(self.peak, int(fields.get("VmHWM", "0 kB").split()[0]) // 1024)
            self.samples.append((time.perf_counter(), rss))
            time.sleep(0.5)

    def stop(self) -> None:
        self._stop.set()
        self._t.join()

    def quartiles(self) -> list[int]:
        if not self.samples:
            return []
        n = len(self.samples)
        return [self.samples[min(n - 1, int(n * q))][1] for q in (0.25, 0.5, 0.75, 0.99)]


def create_db(url: str) -> str:
    """`amends db upgrade --db URL` (only it creates a store); returns the URL."""
    subprocess.run(
        [sys.executable, "-m", "amends", "db", "upgrade", "--db", url],
        check=True,
        capture_output=True,
    )
    return url


def run(cmd: list[str], idle: float = 0.0) -> tuple[float, Sampler, str]:
    """Run a command, timing it (minus its idle wait) and sampling its memory."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    s = Sampler(p.pid)
    out, err = p.communicate()
    took = time.perf_counter() - t0 - idle
    s.stop()
    if p.returncode != 0:
        raise SystemExit(f"{cmd[:4]} failed: {err[-2000:]}")
    return took, s, out + err


async def publish(
    subject: str, stream: str, day: pa.Table, events: int, wire: str = "arrow"
) -> tuple[int, float]:
    import nats
    from nats.js.api import StreamConfig

    from amends.events.wire import ARROW, JSONL, encode_arrow, encode_jsonl

    nc = await nats.connect(NATS, max_reconnect_attempts=3)
    js = nc.jetstream()
    with contextlib.suppress(Exception):
        await js.delete_stream(stream)
    await js.add_stream(StreamConfig(name=stream, subjects=[subject], max_bytes=-1))
    t0 = time.perf_counter()
    msgs = 0
    pending = []
    for t in days(day, events):
        for i in range(0, t.num_rows, BATCH):
            part = t.slice(i, BATCH)
            data = encode_arrow(part) if wire == "arrow" else encode_jsonl(part)
            kind = ARROW if wire == "arrow" else JSONL
            pending.append(js.publish(subject, data, headers={"Content-Type": kind}))
            msgs += 1
            if len(pending) >= 256:
                await asyncio.gather(*pending)
                pending = []
    await asyncio.gather(*pending)
    took = time.perf_counter() - t0
    await nc.close()
    return msgs, took


BARE_NATS = textwrap.dedent(
    f"""
    import asyncio, sys
    import nats
    from nats.js.api import ConsumerConfig
    from amends.events.wire import decode

    async def main(subject, stream, total):
        nc = await nats.connect("{NATS}")
        js = nc.jetstream()
        sub = await js.pull_subscribe(subject, durable="bare", stream=stream,
                                      config=ConsumerConfig(max_ack_pending=100000))
        seen = events = 0
        while seen < total:
            try:
                msgs = await sub.fetch(64, timeout=2)
            except Exception:
                continue
            for m in msgs:
                kind = (m.headers or {{}}).get("Content-Type", "")
                t, _ = decode(m.data, "arrow" if "arrow" in kind else "jsonl")
                events += t.num_rows
                await m.ack()
            seen += len(msgs)
        await nc.close()
        print(events)

    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
    """
)

BARE_DIR = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from amends.events.load import load_events
    n = 0
    mapping = sys.argv[2] if len(sys.argv) > 2 else None
    for p in sorted(Path(sys.argv[1]).iterdir()):
        n += load_events(p, mapping=mapping, tz="UTC" if mapping else None).to_pyarrow().num_rows
    print(n)
    """
)


def bench_nats(day: pa.Table, events: int, work: Path, wire: str = "arrow") -> None:
    subject = f"bench{uuid.uuid4().hex[:8]}.cdr"
    stream = "BENCH_" + subject.replace(".", "_").upper()
    msgs, took = asyncio.run(publish(subject, stream, day, events, wire))
    print(f"  published {events:,} events in {msgs:,} messages in {took:.1f} s")
    bare_s, bare, _ = run([sys.executable, "-c", BARE_NATS, subject, stream, str(msgs)])
    print(
        f"  bare consumer (fetch, decode, ack): {bare_s:.1f} s, {events / bare_s:,.0f} events/s, "
        f"peak {bare.peak} MiB"
    )
    db = work / "nats.db"
    w_s, w, out = run(
        [
            sys.executable,
            "-m",
            "amends",
            "watch",
            f"{NATS}/{subject}?durable=bench",
            "--db",
            create_db(f"sqlite:///{db}"),
            "--exit-when-idle",
            "2",
            "--dead-letters",
            str(work / "dead.jsonl"),
        ],
        idle=2.0,
    )
    print(
        f"  amends watch: {w_s:.1f} s, {events / w_s:,.0f} events/s, peak {w.peak} MiB, "
        f"RSS at 25/50/75/99% of the run {w.quartiles()} MiB"
    )
    print(f"  ratio watch / bare consumer: {w_s / bare_s:.2f}x")
    print("  " + " ".join(out.split())[-200:])
    asyncio.run(_drop(stream))


async def _drop(stream: str) -> None:
    import nats

    nc = await nats.connect(NATS)
    try:
        await nc.jetstream().delete_stream(stream)
    finally:
        await nc.close()


def bench_dir(day: pa.Table, events: int, work: Path) -> None:
    folder = work / "parquet"
    folder.mkdir()
    n = 0
    for t in days(day, events):
        for i in range(0, t.num_rows, 1_000_000):
            pq.write_table(t.slice(i, 1_000_000), folder / f"cdr-{n:05d}.parquet")
            n += 1
    bare_s, _bare, _ = run([sys.executable, "-c", BARE_DIR, str(folder)])
    print(f"  Parquet files ({n}): bare reader {bare_s:.1f} s, {events / bare_s:,.0f} events/s")
    w_s, w, _ = run(
        [
            sys.executable,
            "-m",
            "amends",
            "watch",
            f"dir:{folder}",
            "--db",
            create_db(f"sqlite:///{work / 'dir.db'}"),
            "--exit-when-idle",
            "2",
            "--dead-letters",
            str(work / "dead.jsonl"),
        ],
        idle=2.0,
    )
    print(
        f"  amends watch: {w_s:.1f} s, {events / w_s:,.0f} events/s, peak {w.peak} MiB, "
        f"RSS at 25/50/75/99% {w.quartiles()} MiB; ratio {w_s / bare_s:.2f}x"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", default="50M", help="events per source (e.g. 5M, 50M)")
    ap.add_argument("--source", choices=("nats", "dir", "both"), default="both")
    ap.add_argument(
        "--wire", choices=("arrow", "jsonl"), default="arrow", help="JetStream message format"
    )
    ap.add_argument(
        "--latency",
        action="store_true",
        help="measure detection latency on the scenarios instead (replayed at --speed)",
    )
    ap.add_argument("--speed", type=float, default=120.0, help="replay speed for --latency")
    ap.add_argument("--scenarios", default="partial,wide,silence,two_windows,dst")
    args = ap.parse_args()
    if args.latency:
        with tempfile.TemporaryDirectory(dir=OUT) as tmp:
            print(f"bench.watch --latency: replays at {args.speed:g}x real time")
            bench_latency(args.scenarios.split(","), args.speed, Path(tmp))
        return
    events = parse_count(args.events)
    day = base_day()
    print(f"bench.watch: {events:,} events per source; one day = {day.num_rows:,} events")
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        work = Path(tmp)
        if args.source in ("nats", "both"):
            print(f"JetStream ({args.wire} batches of 5,000 events):")
            bench_nats(day, events, work, args.wire)
        if args.source in ("dir", "both"):
            print("Folder:")
            bench_dir(day, events, work)


# -- latency: how soon after the records make an outage detectable is the incident open? --------


def _first_detectable(series: pa.Table, start: int) -> int:
    """The first minute m such that detection on the minutes before m finds the window."""
    from amends.impact.live import detect_closed, minute_of

    for k in range(1, 16):
        for w in detect_closed(series, start + k).windows:
            if minute_of(w.start) < start + k and (w.end is None or minute_of(w.end) > start):
                return start + k
    raise SystemExit("window not detectable within 15 minutes")


def bench_latency(names: list[str], speed: float, work: Path) -> None:
    """Replay each scenario's records around each window at `speed` x real time into a folder
    and into JetStream, with the watcher running; latency = incident opened (drafts included)
    minus the wall time the first event of the minute that made it detectable was written."""
    from amends.events.load import load_events
    from amends.events.scenario import Scenario
    from amends.events.simulate import SimulationConfig, simulate
    from amends.impact.aggregate import minute_series
    from amends.impact.config import ImpactConfig
    from amends.impact.live import minute_of

    for name in names:
        scenario = Scenario.load(Path(f"tests/impact/scenarios/{name}.yaml"))
        data = work / f"{name}.parquet"
        truth = simulate(
            data,
            SimulationConfig(
                subscribers=20_000,
                calls_per_day=300_000,
                days=scenario.days or 1,
                start=scenario.start,
                scenario=scenario,
                seed=1,
            ),
        )
        table = load_events(data).order_by(["ts"]).to_pyarrow()
        series = minute_series(load_events(data), ImpactConfig().failures)
        minute = pc.cast(pc.divide(pc.cast(table["ts"], pa.int64()), 60_000_000), pa.int64())
        for tw in truth.windows:
            start = minute_of(tw.start)
            ready = _first_detectable(series, start)
            lo, hi = start - 120, ready + 3
            before = table.filter(pc.less(minute, lo))
            part = table.filter(pc.and_(pc.greater_equal(minute, lo), pc.less(minute, hi)))
            hist = work / f"{name}-{tw.id}-history.parquet"
            pq.write_table(before, hist)
            for source in ("dir", "nats"):
                got = _latency_run(
                    source,
                    part,
                    hist,
                    ready,
                    speed,
                    work / f"{name}-{tw.id}-{source}",
                    (start, set(tw.regions)),
                )
                print(
                    f"  {name} {tw.id} via {source}: detectable at +{ready - start} min; "
                    f"opened {got:.1f} s of wall time after the records made it detectable"
                )


def _latency_run(
    source: str,
    part: pa.Table,
    history: Path,
    ready: int,
    speed: float,
    work: Path,
    window: tuple[int, set[str]],
) -> float:
    """One replay with a watcher running; returns opened_at - written_at(first event of `ready`)
    for the incident of `window` (its start minute and regions; the history may hold others)."""
    from amends.events.wire import ARROW, encode_arrow
    from amends.store import open_store
    from amends.store.watch import list_watch_incidents

    work.mkdir(parents=True)
    folder = work / "cdr"
    folder.mkdir()
    url = create_db(f"sqlite:///{work / 'w.db'}")
    subject = f"lat{uuid.uuid4().hex[:8]}.cdr"
    src = f"dir:{folder}" if source == "dir" else f"{NATS}/{subject}"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "amends",
            "watch",
            src,
            "--db",
            url,
            "--history",
            str(history),
            "--detect-every",
            "1",
            "--dead-letters",
            str(work / "dead.jsonl"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=open(work / "watch.log", "w"),  # noqa: SIM115
    )
    minute = pc.cast(pc.divide(pc.cast(part["ts"], pa.int64()), 60_000_000), pa.int64())
    first = int(pc.min(minute).as_py())
    last = int(pc.max(minute).as_py())
    written_at: float | None = None
    time.sleep(4)  # the watcher starts and bootstraps its history

    async def publish_all() -> float | None:
        import nats

        nc = js = None
        if source == "nats":
            from nats.js.api import StreamConfig

            nc = await nats.connect(NATS)
            js = nc.jetstream()
            try:  # the watcher may have made it already
                await js.find_stream_name_by_subject(subject)
            except Exception:
                name = "LAT_" + subject.replace(".", "_").upper()
                await js.add_stream(StreamConfig(name=name, subjects=[subject]))
        t0 = time.time()
        mark = None
        header = True
        for m in range(first, last + 1):
            due = t0 + (m - first) * 60 / speed
            await asyncio.sleep(max(0.0, due - time.time()))
            rows = part.filter(pc.equal(minute, m))
            if m == ready:
                mark = time.time()
            if js is not None:
                await js.publish(subject, encode_arrow(rows), headers={"Content-Type": ARROW})
            else:
                import pyarrow.csv as pacsv

                sink = pa.BufferOutputStream()
                pacsv.write_csv(rows, sink, pacsv.WriteOptions(include_header=header))
                header = False
                with (folder / "events.csv").open("ab") as fh:
                    fh.write(sink.getvalue().to_pybytes())
        if nc is not None:
            await nc.close()
        return mark

    written_at = asyncio.run(publish_all())
    opened = None
    deadline = time.time() + 60
    while time.time() < deadline and opened is None:
        with open_store(url, migrate=False) as store, store.connect() as conn:
            incs = list_watch_incidents(conn)
        start, regions = window
        mine = [
            i
            for i in incs
            if abs(i.start_minute - start) <= 10
            and regions & set(i.record["windows"][0]["regions"])
        ]
        if mine:
            opened = min(i.created_at for i in mine).timestamp()
        time.sleep(0.2)
    proc.terminate()
    proc.wait(timeout=60)
    if opened is None or written_at is None:
        log = (work / "watch.log").read_text()[-3000:]
        raise SystemExit(f"{source}: no incident opened; the watcher said:\n{log}")
    return opened - written_at


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
