"""Events written as switches write them (and as JSON lines on the wire) read back the same.

Each switch format is written from a simulated day and loaded back through the built-in mapping
(`load_events(..., mapping=NAME)`): the per-(region, service, minute) attempts and network
failures must equal those of the original events.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amends.errors import InputError
from amends.events.failures import DEFAULT_FAILURES
from amends.events.load import load_events
from amends.events.scenario import Scenario
from amends.events.schema import EVENT_SCHEMA
from amends.events.simulate import SimulationConfig, simulate
from amends.events.wire import decode_jsonl, encode_jsonl
from amends.events.writers import line_format
from amends.impact.aggregate import minute_series

ORDER = [("region", "ascending"), ("service", "ascending"), ("minute", "ascending")]
SUFFIX = {None: "csv", "asterisk": "csv", "freeswitch": "csv", "clf": "log"}


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small simulated day with the demo's outages (failures and silence)."""
    out = tmp_path_factory.mktemp("day") / "calls.parquet"
    simulate(
        out,
        SimulationConfig(
            subscribers=500, calls_per_day=40_000, scenario=Scenario.builtin("demo"), seed=3
        ),
    )
    return out


def series(events: object) -> pa.Table:
    return minute_series(events, DEFAULT_FAILURES).sort_by(ORDER)


def write(table: pa.Table, name: str | None, path: Path, *, tz: str = "UTC") -> Path:
    """The table in `name`'s format, written in batches as the replay writes them."""
    fmt = line_format(name, tz=tz)
    chunks = [fmt.header]
    for start in range(0, table.num_rows, 3000):
        chunks.append(fmt.encode(table.slice(start, 3000), start))
    path.write_bytes(b"".join(chunks))
    return path


@pytest.mark.parametrize("name", [None, "asterisk", "freeswitch", "clf"])
def test_each_format_reads_back_to_the_same_minute_series(
    day: Path, tmp_path: Path, name: str | None
) -> None:
    table = pq.read_table(day)
    original = load_events(day)
    if name == "clf":  # the built-in access-log mapping has one region, "all"
        original = original.mutate(region=ibis.literal("all"))
    path = write(table, name, tmp_path / f"out.{SUFFIX[name]}")
    back = load_events(path, mapping=name, tz="UTC")
    want, got = series(original), series(back)
    assert got.num_rows == want.num_rows > 1000
    assert got.equals(want)
    assert sum(got.column("failures").to_pylist()) > 100  # the outages are in there


@pytest.mark.parametrize("name", ["asterisk", "freeswitch", "clf"])
def test_local_time_reads_back_with_the_same_zone(day: Path, tmp_path: Path, name: str) -> None:
    table = pq.read_table(day).slice(0, 5000)
    path = write(table, name, tmp_path / f"out.{SUFFIX[name]}", tz="America/New_York")
    text = path.read_text()
    if name == "clf":
        assert " -0400]" in text or " -0500]" in text
    else:
        assert "2026-03-09 2" in text  # 00:xx UTC on the 10th is the evening before in New York
    back = load_events(path, mapping=name, tz="America/New_York")
    pq.write_table(table, tmp_path / "slice.parquet")
    original = load_events(tmp_path / "slice.parquet")
    if name == "clf":
        original = original.mutate(region=ibis.literal("all"))
    assert series(back).equals(series(original))


def _events(**columns: list) -> pa.Table:
    n = len(next(iter(columns.values())))
    base = {
        "ts": [datetime(2026, 3, 10, 12, 0, i, tzinfo=UTC) for i in range(n)],
        "subscriber": [f"S{i}" for i in range(n)],
        "region": ["CA"] * n,
        "service": ["local"] * n,
        "cause": [None] * n,
        "sip_status": [None] * n,
        "http_status": [None] * n,
        "duration_s": [None] * n,
    }
    base.update(columns)
    return pa.table(base, schema=EVENT_SCHEMA)


@pytest.mark.parametrize("name", ["asterisk", "freeswitch", "clf"])
def test_outcomes_without_a_cause_keep_their_classification(tmp_path: Path, name: str) -> None:
    """SIP-only and HTTP-only outcomes, and a SIP 503 with cause 16 (a failure by its status)."""
    table = _events(
        cause=[None, None, None, 16, 47, None],
        sip_status=[503, 486, 480, 503, None, None],
        http_status=[None, None, None, None, None, 502],
    )
    path = write(table, name, tmp_path / f"out.{SUFFIX[name]}")
    back = load_events(path, mapping=name, tz="UTC")
    got = series(back)
    assert got.column("attempts").to_pylist() == [6]
    assert got.column("failures").to_pylist() == [4]


@pytest.mark.parametrize(
    ("name", "columns", "message"),
    [
        ("asterisk", {"service": ["sms"]}, "service 'sms' has no dialled-number form"),
        ("freeswitch", {"service": ["data"]}, "service 'data' has no dialled-number form"),
        ("asterisk", {"region": ["north/east"]}, "region 'north/east' cannot be written"),
        ("freeswitch", {"region": [" CA"]}, "surrounding spaces"),
        ("clf", {"subscriber": ["a b"]}, "subscriber 'a b' cannot be"),
        ("clf", {"service": ["api/v1"]}, "service 'api/v1' cannot be"),
        ("clf", {"http_status": [42]}, "http_status 42 is not a three-digit status"),
    ],
)
def test_what_a_format_cannot_carry_is_refused(name: str, columns: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        line_format(name).encode(_events(**columns), 0)


def test_a_custom_mapping_is_not_a_writable_format() -> None:
    with pytest.raises(InputError, match="built-in formats only"):
        line_format("site.toml")


def test_canonical_csv_keeps_microseconds(tmp_path: Path) -> None:
    times = [datetime(2026, 3, 10, 12, 0, 0, 123456, tzinfo=UTC), datetime(1970, 1, 1, tzinfo=UTC)]
    table = _events(ts=times, cause=[16, None], duration_s=[1.25, None])
    path = write(table, None, tmp_path / "events.csv")
    assert path.read_text().splitlines()[1].startswith('"2026-03-10T12:00:00.123456Z","S0"')
    assert load_events(path).to_pyarrow().sort_by("subscriber").to_pylist() == table.to_pylist()


@pytest.mark.parametrize("name", [None, "asterisk", "freeswitch", "clf"])
def test_times_a_log_cannot_carry_are_refused(name: str | None) -> None:
    table = _events(ts=[datetime(10, 1, 1, tzinfo=UTC)])
    with pytest.raises(InputError, match="outside the years 1000-9999"):
        line_format(name).encode(table, 0)


# --- JSON lines on the wire ---------------------------------------------------------------------

_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12)
_int16 = st.none() | st.integers(-32768, 32767)
_row = st.fixed_dictionaries(
    {
        # the whole range of the canonical timestamp (microseconds in an int64)
        "ts": st.integers(-(2**63), 2**63 - 1)
        | st.integers(-30_610_224_000_000_000, 253_402_300_799_999_999),
        "subscriber": _text | st.sampled_from(['"', "\\", "\n", 'a"b\\c\t', "é😀", "\u2028"]),
        "region": _text,
        "service": _text,
        "cause": _int16,
        "sip_status": _int16,
        "http_status": _int16,
        "duration_s": st.none() | st.floats(allow_nan=False, allow_infinity=False),
    }
)


def _table(rows: list[dict]) -> pa.Table:
    columns = {name: [r[name] for r in rows] for name in EVENT_SCHEMA.names}
    ts = pa.array(columns.pop("ts"), pa.int64()).cast(pa.timestamp("us", tz="UTC"))
    return pa.table({"ts": ts, **columns}, schema=EVENT_SCHEMA)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_row, min_size=1, max_size=30))
def test_json_lines_round_trip_exactly(rows: list[dict]) -> None:
    table = _table(rows)
    data = encode_jsonl(table)
    assert data.count(b"\n") == table.num_rows
    decoded, rejected = decode_jsonl(data)
    assert rejected == []
    assert decoded.equals(table)


def test_json_lines_of_dictionary_columns_and_chunks() -> None:
    table = _events(cause=[16, 38], duration_s=[3.0, None])
    chunked = pa.concat_tables([table.slice(0, 1), table.slice(1)])
    chunked = chunked.set_column(2, "region", chunked.column("region").dictionary_encode())
    decoded, rejected = decode_jsonl(encode_jsonl(chunked))
    assert rejected == [] and decoded.equals(table)
    assert encode_jsonl(table.slice(0, 0)) == b""
