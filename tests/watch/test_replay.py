"""`amends replay`: events into the real JetStream at 127.0.0.1:4222 and into folders as switches
write them, read back and compared with the input; pacing; refusals."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from amends.errors import InputError
from amends.events.failures import DEFAULT_FAILURES
from amends.events.load import load_events
from amends.events.schema import EVENT_SCHEMA
from amends.events.simulate import SimulationConfig, simulate
from amends.events.wire import ARROW, JSONL, decode
from amends.impact.aggregate import minute_series
from amends.watch.replay import (
    Pacer,
    event_batches,
    parse_speed,
    replay,
    replay_batches,
    sorted_events,
)

NATS = "nats://127.0.0.1:4222"
START = datetime(2026, 3, 10, tzinfo=UTC)
ORDER = [("region", "ascending"), ("service", "ascending"), ("minute", "ascending")]


@pytest.fixture(scope="module")
def calls(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A simulated day (about 30,000 attempts, the demo scenario's outages)."""
    out = tmp_path_factory.mktemp("replay") / "calls.parquet"
    simulate(out, SimulationConfig(subscribers=400, calls_per_day=30_000, seed=7))
    return out


def in_order(path: Path) -> pa.Table:
    """The input as the replay reads it: every event, sorted by time (ties in any order)."""
    return pq.read_table(path).cast(EVENT_SCHEMA).sort_by("ts")


def same_events(a: pa.Table, b: pa.Table) -> bool:
    keys = [(name, "ascending") for name in EVENT_SCHEMA.names]
    return a.sort_by(keys).to_pylist() == b.sort_by(keys).to_pylist()


def series(events: Any) -> pa.Table:
    return minute_series(events, DEFAULT_FAILURES).sort_by(ORDER)


# --- pacing -------------------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_pacer_runs_event_time_n_times_faster_than_the_wall_clock() -> None:
    clock = FakeClock()
    pacer = Pacer(60, clock)
    minute = 60_000_000
    t0 = 1_773_100_800_000_000
    assert pacer.delay(t0) == 0  # the first event anchors both clocks
    assert pacer.delay(t0 + minute) == pytest.approx(1.0)  # one event-minute = 1 s at 60x
    assert pacer.delay(t0 + 2 * minute) == pytest.approx(2.0)
    clock.now += 1.5  # time passes on the wall
    assert pacer.delay(t0 + 2 * minute) == pytest.approx(0.5)
    clock.now += 10
    assert pacer.delay(t0 + 3 * minute) == 0  # late: written at once, never negative
    assert Pacer(None, clock).delay(t0 + 10**12) == 0  # max speed never waits


def test_a_replay_schedules_each_batch_at_its_last_event(calls: Path, tmp_path: Path) -> None:
    """Two event-minutes at speed 60: the in-process schedule asks for about 2 s of waiting."""
    clock = FakeClock()
    waits: list[float] = []
    pacer = Pacer(60, clock)
    table = in_order(calls).filter(
        pa.compute.less(pa.compute.field("ts"), pa.scalar(START + timedelta(minutes=2)))
    )
    for batch in event_batches([table], 5000):
        waits.append(pacer.delay(int(batch.column("ts").cast(pa.int64())[-1].as_py())))
    assert len(waits) == 2  # one batch per event-minute
    assert 0.9 < waits[-1] <= 2.0


def test_speed_60_takes_about_the_event_time_over_60(calls: Path, tmp_path: Path) -> None:
    began = time.monotonic()
    result = replay(
        calls,
        f"dir:{tmp_path / 'out'}",
        speed=60,
        start=START,
        until=START + timedelta(minutes=2),
    )
    wall = time.monotonic() - began
    assert result.events > 0
    assert 0.9 < wall < 20  # loose: pacing, not a timing assertion


@pytest.mark.parametrize(("text", "want"), [("max", None), ("0", None), ("60", 60.0), ("0.5", 0.5)])
def test_speed_values(text: str, want: float | None) -> None:
    assert parse_speed(text) == want


@pytest.mark.parametrize("text", ["-1", "fast", "inf", "nan"])
def test_bad_speeds_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="--speed"):
        parse_speed(text)


# --- batches ------------------------------------------------------------------------------------


def test_batches_never_span_two_minutes_and_do_not_depend_on_how_events_arrive(
    calls: Path,
) -> None:
    table = in_order(calls)
    whole = list(event_batches([table], 40))
    pieces = list(event_batches(table.to_batches(max_chunksize=777), 40))
    assert [b.num_rows for b in whole] == [b.num_rows for b in pieces]
    assert all(a.equals(b) for a, b in zip(whole, pieces, strict=True))
    assert sum(b.num_rows for b in whole) == table.num_rows
    for batch in whole:
        minutes = batch.column("ts").cast(pa.int64()).to_numpy() // 60_000_000
        assert minutes.min() == minutes.max()
        assert batch.num_rows <= 40


def test_unsorted_events_are_refused() -> None:
    table = pa.table(
        {
            "ts": pa.array([120_000_000, 0], pa.timestamp("us", tz="UTC")),
            "subscriber": ["a", "b"],
            "region": ["r", "r"],
            "service": ["s", "s"],
        }
    )
    with pytest.raises(InputError, match="not in time order"):
        list(event_batches([table], 10))


@pytest.mark.parametrize("target", ["{nats}", "dir:{tmp}"])
def test_an_error_while_reading_ahead_reaches_the_caller(
    tmp_path: Path, subject: str, target: str
) -> None:
    """The batches are read and encoded on a thread: its error is raised, nothing hangs."""
    table = pa.table(
        {
            "ts": pa.array([0, 60_000_000, 0], pa.timestamp("us", tz="UTC")),
            "subscriber": ["a", "b", "c"],
            "region": ["r"] * 3,
            "service": ["local"] * 3,
        }
    )
    batches = event_batches([table.slice(0, 2), table.slice(2)], 10)
    with pytest.raises(InputError, match="not in time order"):
        where = target.replace("{tmp}", str(tmp_path)).replace("{nats}", f"{NATS}/{subject}")
        replay_batches(batches, where, identity="t")


# --- JetStream ----------------------------------------------------------------------------------


@pytest.fixture
def subject() -> Iterator[str]:
    """A fresh subject; its stream (AMENDS_<SUBJECT>) is deleted afterwards."""
    name = f"test.replay.{uuid.uuid4().hex[:10]}"
    try:
        asyncio.run(_streams())
    except Exception as exc:  # pragma: no cover - this machine runs it
        pytest.skip(f"no JetStream at {NATS}: {exc}")
    yield name
    asyncio.run(_delete_streams_of(name))


async def _streams() -> list[str]:
    import nats

    nc = await nats.connect(NATS, connect_timeout=2, allow_reconnect=False)
    try:
        return [s.config.name for s in await nc.jetstream().streams_info()]
    finally:
        await nc.close()


async def _delete_streams_of(subject: str) -> None:
    import nats

    nc = await nats.connect(NATS)
    try:
        js = nc.jetstream()
        for info in await js.streams_info():
            if subject in (info.config.subjects or []):
                await js.delete_stream(info.config.name)
    finally:
        await nc.close()


async def _read_all(subject: str) -> tuple[str, list[Any]]:
    """Every message on the subject, in stream order, and the stream's name."""
    import nats

    nc = await nats.connect(NATS)
    try:
        js = nc.jetstream()
        stream = await js.find_stream_name_by_subject(subject)
        info = await js.stream_info(stream)
        sub = await js.pull_subscribe(subject, stream=stream)
        messages: list[Any] = []
        while len(messages) < info.state.messages:
            messages += await sub.fetch(500, timeout=5)
        for m in messages:
            await m.ack()
        return stream, messages
    finally:
        await nc.close()


@pytest.mark.parametrize("fmt", ["jsonl", "arrow"])
def test_replay_into_jetstream_reads_back_the_same_events(
    calls: Path, subject: str, fmt: str
) -> None:
    until = START + timedelta(hours=3)
    result = replay(calls, f"{NATS}/{subject}?format={fmt}", until=until, batch=100)
    stream, messages = asyncio.run(_read_all(subject))
    assert stream == "AMENDS_" + subject.upper().replace(".", "_")
    assert len(messages) == result.messages > 10
    tables = []
    for m in messages:
        assert m.headers["Content-Type"] == (ARROW if fmt == "arrow" else JSONL)
        assert m.headers["Nats-Msg-Id"]
        table, rejected = decode(m.data, fmt)
        assert rejected == []
        assert 0 < table.num_rows <= 100
        minutes = table.column("ts").cast(pa.int64()).to_numpy() // 60_000_000
        assert minutes.min() == minutes.max()  # one event-minute per message
        tables.append(table)
    got = pa.concat_tables(tables)
    times = got.column("ts").cast(pa.int64()).to_numpy()
    assert (times[1:] >= times[:-1]).all()  # published in time order
    want = sorted_events(calls, until=until).to_pyarrow().cast(EVENT_SCHEMA)
    assert same_events(got, want)
    assert result.events == want.num_rows


def test_replaying_the_same_input_twice_adds_no_message(calls: Path, subject: str) -> None:
    target = f"{NATS}/{subject}"
    until = START + timedelta(minutes=90)
    first = replay(calls, target, until=until)
    second = replay(calls, target + "?format=arrow", until=until)
    assert first.duplicates == 0
    assert second.duplicates == second.messages == first.messages
    _, messages = asyncio.run(_read_all(subject))
    assert len(messages) == first.messages
    # other bounds are another input: its messages are new
    third = replay(calls, target, start=until, until=until + timedelta(minutes=10))
    assert third.duplicates == 0 and third.messages > 0


def test_an_existing_stream_for_the_subject_is_used(calls: Path, subject: str) -> None:
    async def create() -> None:
        import nats

        nc = await nats.connect(NATS)
        try:
            await nc.jetstream().add_stream(name=f"MINE_{uuid.uuid4().hex[:8]}", subjects=[subject])
        finally:
            await nc.close()

    asyncio.run(create())
    replay(calls, f"{NATS}/{subject}", until=START + timedelta(minutes=30))
    stream, messages = asyncio.run(_read_all(subject))
    assert stream.startswith("MINE_") and messages


def test_in_process_batches_into_jetstream(subject: str) -> None:
    """The benchmark's path: tables made in memory, published without files."""
    rows = [
        {"ts": START + timedelta(seconds=i * 7), "subscriber": f"S{i}", "region": "CA",
         "service": "local", "cause": 16 if i % 5 else 38}
        for i in range(50)
    ]  # fmt: skip
    table = pa.Table.from_pylist(rows).append_column("sip_status", pa.nulls(50, pa.int16()))
    result = replay_batches(event_batches([table], 1000), f"{NATS}/{subject}", identity="x1")
    assert result.events == 50 and result.messages == 6  # 50 events over 6 event-minutes


def test_an_unreachable_server_is_one_line_within_seconds(calls: Path, cli: Any) -> None:
    began = time.monotonic()
    res = cli("replay", calls, "--to", "nats://127.0.0.1:1/cdr.events")
    assert time.monotonic() - began < 15
    assert res.code == 2
    assert "cannot reach the NATS server at nats://127.0.0.1:1" in res.err
    assert "Traceback" not in res.err and len(res.err.strip().splitlines()) == 1


# --- folders ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mapping", "live", "rotated"),
    [
        (None, "events.csv", "events-20260310T*.csv"),
        ("asterisk", "Master.csv", "Master.csv.*"),
        ("freeswitch", "Master.csv", "Master.csv.2026-03-10-*"),
        ("clf", "access.log", "access.log.*"),
    ],
)
def test_folder_replay_rotates_like_the_switch_and_reads_back(
    calls: Path, tmp_path: Path, mapping: str | None, live: str, rotated: str
) -> None:
    folder = tmp_path / "cdr"
    target = f"dir:{folder}" + (f"?map={mapping}" if mapping else "")
    until = START + timedelta(hours=6)
    result = replay(calls, target, until=until, rotate_minutes=120)
    names = sorted(p.name for p in folder.iterdir())
    old = sorted(p.name for p in folder.glob(rotated))
    assert live in names and len(old) == 2  # 00-02, 02-04 rotated; 04-06 live
    assert set(names) == {live, *old}
    assert result.files == 3
    if mapping in ("asterisk", "clf"):
        assert old == [f"{live}.1", f"{live}.2"]  # logrotate: .1 is the newest
        newest = load_events(folder / f"{live}.1", mapping=mapping, tz="UTC").to_pyarrow()
        assert newest.column("ts").cast(pa.int64()).to_numpy().min() >= (
            int((START + timedelta(hours=2)).timestamp()) * 1_000_000
        )
    files = [folder / n for n in names]
    back = load_events(files, mapping=mapping, tz="UTC")
    want = sorted_events(calls, until=until)
    if mapping == "clf":
        import ibis

        want = want.mutate(region=ibis.literal("all"))
    assert series(back).equals(series(want))


def test_parquet_rotations_are_renamed_into_place_whole(calls: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pq"
    until = START + timedelta(hours=1)
    result = replay(calls, f"dir:{folder}", until=until, rotate_minutes=15, parquet=True)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"events-20260310T00{m:02d}00Z.parquet" for m in (0, 15, 30, 45)]
    assert result.files == 4
    back = load_events([folder / n for n in names]).to_pyarrow()
    assert same_events(back, sorted_events(calls, until=until).to_pyarrow())


def test_a_second_replay_appends_without_a_second_header(calls: Path, tmp_path: Path) -> None:
    target = f"dir:{tmp_path}"
    replay(calls, target, until=START + timedelta(minutes=30))
    replay(calls, target, start=START + timedelta(minutes=30), until=START + timedelta(hours=1))
    text = (tmp_path / "events.csv").read_text()
    assert text.count("ts,subscriber") == 1
    back = load_events(tmp_path / "events.csv").to_pyarrow()
    assert same_events(back, sorted_events(calls, until=START + timedelta(hours=1)).to_pyarrow())


# --- refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "kafka://x/y"], "unknown source"),
        (["--to", "postgresql://h/db?table=acc"], "replay writes to nats://"),
        (["--to", "dir:{tmp}/f?map=custom.toml"], "built-in formats only"),
        (["--to", "dir:{tmp}/f?map=asterisk", "--parquet"], "leave map= out"),
        (["--to", "nats://127.0.0.1:4222/x", "--rotate-minutes", "5"], "for a dir: target"),
        (["--to", "dir:{tmp}/file.txt"], "exists and is a file"),
        (["--to", "dir:{tmp}/f", "--speed", "-2"], "--speed"),
        (
            ["--to", "dir:{tmp}/f", "--from", "2026-03-10T02:00Z", "--until", "2026-03-10T01:00Z"],
            "--until must be after --from",
        ),
        (["--to", "dir:{tmp}/f", "--from", "yesterday"], "--from"),
        (["--to", "dir:{tmp}/f?tz=Mars/Base"], "Mars/Base"),
    ],
)
def test_bad_targets_and_options_are_one_line_and_write_nothing(
    calls: Path, tmp_path: Path, cli: Any, args: list[str], message: str
) -> None:
    (tmp_path / "file.txt").write_text("not a folder")
    res = cli("replay", calls, *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert res.code == 2, res.err
    assert message in res.err
    assert "Traceback" not in res.err
    assert not (tmp_path / "f").exists()


def test_the_cli_prints_what_it_wrote(calls: Path, tmp_path: Path, cli: Any) -> None:
    res = cli(
        "replay", calls, "--to", f"dir:{tmp_path}?map=asterisk", "--until", "2026-03-10T01:00Z"
    )
    assert res.code == 0, res.err
    assert "replayed " in res.err and " events to dir:" in res.err and "events/s" in res.err
    assert (tmp_path / "Master.csv").stat().st_size > 0
