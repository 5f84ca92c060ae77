"""Canonical Parquet and CSV load into exactly the canonical schema, with times in UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from amends.events import EVENT_SCHEMA, from_ibis, load_events
from amends.events.batches import record_batches


def _arrow(table: ibis.Table) -> pa.Table:
    return table.to_pyarrow()


def _types(table: ibis.Table) -> list[tuple[str, pa.DataType]]:
    schema = _arrow(table).schema
    return [(f.name, f.type) for f in schema]


CANONICAL_TYPES = [(f.name, f.type) for f in EVENT_SCHEMA]


def _write(path: Path, rows: dict[str, list], schema: pa.Schema | None = None) -> Path:
    pq.write_table(pa.table(rows, schema=schema), path)
    return path


def test_canonical_csv_has_exact_schema_and_utc_times(data: Path) -> None:
    table = load_events(data / "canonical.csv")
    assert _types(table) == CANONICAL_TYPES
    rows = _arrow(table).to_pylist()
    assert [r["subscriber"] for r in rows] == ["sub-001", "sub-002", "sub-003", "sub-004"]
    assert rows[0]["ts"] == datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
    assert rows[1]["ts"] == datetime(2024, 5, 1, 7, 0, 30, tzinfo=UTC)  # +02:00 → UTC
    assert rows[3]["ts"] == datetime(2024, 5, 1, 9, 1, 30, 250000, tzinfo=UTC)
    assert [r["cause"] for r in rows] == [16, 34, 17, None]
    assert [r["sip_status"] for r in rows] == [200, 503, 486, None]
    assert [r["http_status"] for r in rows] == [None] * 4  # absent column → typed nulls
    assert [r["duration_s"] for r in rows] == [62.5, 0.0, None, None]


def test_naive_csv_with_tz_is_read_in_that_zone(data: Path) -> None:
    table = load_events(data / "naive.csv", tz="America/New_York")
    first = _arrow(table).column("ts")[0].as_py()
    assert first == datetime(2024, 5, 1, 13, 0, tzinfo=UTC)  # EDT is UTC-4


def test_canonical_parquet_roundtrip_and_typed_nulls(tmp_path: Path) -> None:
    ts = [datetime(2024, 5, 1, 9, i, tzinfo=UTC) for i in range(3)]
    path = _write(
        tmp_path / "calls.parquet",
        {
            "ts": pa.array(ts, pa.timestamp("ms", tz="UTC")),
            "subscriber": ["a", "b", "c"],
            "region": ["n", "n", "s"],
            "service": ["local"] * 3,
            "cause": pa.array([16, 34, 38], pa.int32()),
            "extra": [1, 2, 3],
        },
    )
    table = load_events(path)
    assert _types(table) == CANONICAL_TYPES
    out = _arrow(table)
    assert out.column("ts").to_pylist() == ts
    assert out.column("cause").to_pylist() == [16, 34, 38]
    assert out.column("duration_s").null_count == 3


def test_canonical_parquet_is_read_lazily_from_the_files(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "calls.parquet",
        {
            "ts": pa.array([datetime(2024, 5, 1, tzinfo=UTC)], pa.timestamp("us", tz="UTC")),
            "subscriber": ["a"],
            "region": ["n"],
            "service": ["local"],
        },
    )
    sql = ibis.to_sql(load_events(path))
    assert "read_parquet" in sql.lower() or "calls.parquet" in sql  # a scan, not a copy


def test_parquet_in_another_zone_is_converted_to_utc(tmp_path: Path) -> None:
    berlin = pa.array([datetime(2024, 5, 1, 9, tzinfo=UTC)], pa.timestamp("us", tz="Europe/Berlin"))
    path = _write(
        tmp_path / "b.parquet",
        {"ts": berlin, "subscriber": ["a"], "region": ["n"], "service": ["local"]},
    )
    out = _arrow(load_events(path))
    assert out.schema.field("ts").type == pa.timestamp("us", tz="UTC")
    assert out.column("ts")[0].as_py() == datetime(2024, 5, 1, 9, tzinfo=UTC)


def test_naive_parquet_needs_tz_and_uses_it(tmp_path: Path) -> None:
    naive = pa.array([datetime(2024, 5, 1, 9)], pa.timestamp("us"))
    path = _write(
        tmp_path / "n.parquet",
        {"ts": naive, "subscriber": ["a"], "region": ["n"], "service": ["local"]},
    )
    out = _arrow(load_events(path, tz="Asia/Tokyo"))
    assert out.column("ts")[0].as_py() == datetime(2024, 5, 1, 0, tzinfo=UTC)


def test_many_files_and_a_glob(tmp_path: Path, data: Path) -> None:
    base = {"subscriber": ["a"], "region": ["n"], "service": ["local"]}
    for day in (1, 2, 3):
        when = pa.array([datetime(2024, 5, day, tzinfo=UTC)], pa.timestamp("us", tz="UTC"))
        _write(tmp_path / f"day{day}.parquet", {"ts": when, **base})
    assert _arrow(load_events(str(tmp_path / "day*.parquet"))).num_rows == 3
    two = load_events([tmp_path / "day1.parquet", tmp_path / "day3.parquet"])
    assert _arrow(two).num_rows == 2
    copy = tmp_path / "copy.csv"
    copy.write_bytes((data / "canonical.csv").read_bytes())
    both = load_events([data / "canonical.csv", copy, data / "canonical.csv"])
    assert _arrow(both).num_rows == 8  # a file named twice is read once


def test_parquet_files_with_different_optional_columns(tmp_path: Path) -> None:
    when = pa.array([datetime(2024, 5, 1, tzinfo=UTC)], pa.timestamp("us", tz="UTC"))
    base = {"ts": when, "subscriber": ["a"], "region": ["n"], "service": ["local"]}
    _write(tmp_path / "a.parquet", base)
    _write(tmp_path / "b.parquet", {**base, "cause": pa.array([34], pa.int16())})
    out = _arrow(load_events(str(tmp_path / "*.parquet")))
    assert sorted(out.column("cause").to_pylist(), key=str) == [34, None]


def test_from_ibis_canonical_memtable() -> None:
    mem = ibis.memtable(
        pa.table(
            {
                "ts": pa.array([datetime(2024, 5, 1, tzinfo=UTC)], pa.timestamp("us", tz="UTC")),
                "subscriber": ["a"],
                "region": ["n"],
                "service": ["data"],
                "http_status": pa.array([503], pa.int64()),
            }
        )
    )
    out = from_ibis(mem)
    assert _types(out) == CANONICAL_TYPES
    assert _arrow(out).column("http_status").to_pylist() == [503]


def test_from_ibis_with_a_mapping_on_duckdb(tmp_path: Path) -> None:
    from amends.events.mapping import Mapping

    con = ibis.duckdb.connect()
    con.raw_sql(
        "CREATE TABLE cdr AS SELECT '2024-05-01 10:00:00' AS start, 'u1' AS who, "
        "'BUSY' AS outcome UNION ALL SELECT '2024-05-01 10:01:00', 'u2', 'DOWN'"
    )
    mapping = Mapping.from_toml(
        """
        tz = "UTC"
        [columns]
        ts = { column = "start", format = "%Y-%m-%d %H:%M:%S" }
        subscriber = "who"
        region = { value = "HQ" }
        service = { value = "local" }
        cause = "outcome"
        [codes.cause]
        BUSY = 17
        DOWN = 38
        """
    )
    out = _arrow(from_ibis(con.table("cdr"), mapping=mapping)).to_pylist()
    assert [(r["subscriber"], r["region"], r["cause"]) for r in out] == [
        ("u1", "HQ", 17),
        ("u2", "HQ", 38),
    ]


def test_record_batches_streams_every_row(data: Path) -> None:
    reader = record_batches(load_events(data / "canonical.csv"), chunk_size=2)
    assert sum(b.num_rows for b in reader) == 4


def test_con_is_used_when_given(data: Path) -> None:
    con = ibis.duckdb.connect()
    table = load_events(data / "canonical.csv", con=con)
    assert table.get_backend() is con


@pytest.mark.parametrize("name", ["canonical.csv"])
def test_failures_are_classified_on_loaded_events(data: Path, name: str) -> None:
    from amends.events import is_network_failure

    table = load_events(data / name)
    flags = table.select(f=is_network_failure(table)).to_pyarrow().column("f").to_pylist()
    assert flags == [False, True, False, False]  # cause 34 / SIP 503 only
