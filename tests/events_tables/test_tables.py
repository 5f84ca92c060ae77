"""Database tables as sources: URLs, the time range a batch reads, the rows after a position a
live poller reads, and `amends impact` on a real PostgreSQL table with an outage in it."""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, datetime, timedelta

import pytest

from amends.errors import InputError
from amends.events.mapping import Mapping
from amends.events.tables import parse_table_url, read_after, read_range

T0 = datetime(2026, 3, 2, 14, 0)
KAMAILIO = Mapping.load("kamailio-acc")


def _minutes(acc_table, count: int) -> None:
    """One INVITE per minute from T0, callers numbered by minute; a BYE after each."""
    rows = []
    for i in range(count):
        caller = f"+1212555{i:04d}"
        rows.append(("INVITE", "200", T0 + timedelta(minutes=i), caller, "5550100", "10.0.0.1"))
        rows.append(("BYE", "200", T0 + timedelta(minutes=i, seconds=30), caller, "x", "10.0.0.1"))
    acc_table.insert(rows)


def test_url_parts_and_mistakes() -> None:
    src = parse_table_url("postgresql://kam:s3cret@db.example:5433/kamailio?table=acc&schema=k")
    assert (src.host, src.port, src.user, src.database, src.table, src.schema) == (
        "db.example",
        5433,
        "kam",
        "kamailio",
        "acc",
        "k",
    )
    assert src.password == "s3cret" and "s3cret" not in src.shown + repr(src)
    with pytest.raises(InputError, match=r"add \?table=NAME"):
        parse_table_url("postgresql://db/kamailio")
    with pytest.raises(InputError, match="unknown URL parameter tabel"):
        parse_table_url("postgresql://db/kamailio?tabel=acc")
    with pytest.raises(InputError, match="needs a host and a database"):
        parse_table_url("postgresql://db?table=acc")


def test_the_range_is_half_open_and_read_in_the_mappings_zone(acc_table, write) -> None:
    _minutes(acc_table, 10)
    since, until = T0.replace(tzinfo=UTC) + timedelta(minutes=2), T0.replace(tzinfo=UTC)
    until += timedelta(minutes=5)
    got = read_range(acc_table.url, KAMAILIO, since=since, until=until).to_pyarrow()
    assert sorted(got.column("subscriber").to_pylist()) == [f"+1212555{i:04d}" for i in (2, 3, 4)]
    # the same rows written by a server on New York time: the bounds move with the zone
    path = write("ny.toml", 'extends = "kamailio-acc"\ntz = "America/New_York"\n')
    ny = read_range(acc_table.url, Mapping.load(path), since=since + timedelta(hours=5))
    assert ny.count().to_pyarrow().as_py() == 8
    with pytest.raises(InputError, match="no rows to read between"):
        read_range(acc_table.url, KAMAILIO, since=since + timedelta(days=1))


def test_the_range_streams_in_batches(acc_table, monkeypatch) -> None:
    """Batches smaller than the range: every row arrives once (MariaDB through an unbuffered
    cursor, PostgreSQL through Ibis's)."""
    import amends.events.tables as tables

    _minutes(acc_table, 10)
    monkeypatch.setattr(tables, "STREAM_ROWS", 3)
    got = read_range(acc_table.url, KAMAILIO).to_pyarrow()
    assert sorted(got.column("subscriber").to_pylist()) == [f"+1212555{i:04d}" for i in range(10)]


def test_read_after_walks_the_table_once_in_key_order(acc_table) -> None:
    _minutes(acc_table, 7)  # ids 1..14: INVITEs are the odd ids
    seen: list[str] = []
    position, calls = 0, 0
    while True:
        batch = read_after(acc_table.url, KAMAILIO, position, 3)
        calls += 1
        if batch.rows == 0:
            assert batch.position == position and batch.events.num_rows == 0
            break
        assert batch.position > position
        seen += batch.events.column("subscriber").to_pylist()
        position = batch.position
    assert seen == [f"+1212555{i:04d}" for i in range(7)]  # in order, none twice, BYEs skipped
    assert position == 13 and calls == 4
    # rows written later are read from the stored position, and only they
    acc_table.insert([("INVITE", "503", T0 + timedelta(hours=1), "+14155550000", "911", "x")])
    later = read_after(acc_table.url, KAMAILIO, position, 100)
    assert later.rows == 1 and later.position == 15
    assert later.events.column("sip_status").to_pylist() == [503]
    assert read_after(acc_table.url, KAMAILIO, later.position, 100).rows == 0


def test_read_after_leaves_rows_newer_than_before_for_the_next_poll(acc_table) -> None:
    _minutes(acc_table, 3)  # INVITEs at T0, T0+1, T0+2 minutes (ids 1, 3, 5)
    # a row with a lower id written late: its time is after the next one's
    acc_table.insert([("INVITE", "200", T0 + timedelta(minutes=9), "+14155550009", "911", "x")])
    acc_table.insert([("INVITE", "200", T0 + timedelta(minutes=3), "+14155550003", "911", "x")])
    cut = T0.replace(tzinfo=UTC) + timedelta(minutes=5)
    first = read_after(acc_table.url, KAMAILIO, 0, 100, before=cut)
    assert first.events.column("subscriber").to_pylist() == [
        "+12125550000",
        "+12125550001",
        "+12125550002",
    ]
    assert first.position == 5  # the last INVITE read: not past the late row (id 7)
    assert read_after(acc_table.url, KAMAILIO, first.position, 100, before=cut).rows == 0
    later = read_after(
        acc_table.url, KAMAILIO, first.position, 100, before=cut + timedelta(hours=1)
    )
    assert later.events.column("subscriber").to_pylist() == ["+14155550009", "+14155550003"]


def test_read_after_refuses_a_key_that_does_not_increase(acc_table, write) -> None:
    _minutes(acc_table, 1)
    path = write("k.toml", 'extends = "kamailio-acc"\n[table]\nkey = "callid"\n')
    with pytest.raises(InputError, match="key column 'callid' has type string"):
        read_after(acc_table.url, Mapping.load(path), 0, 10)
    with pytest.raises(InputError, match="limit must be 1 or more"):
        read_after(acc_table.url, KAMAILIO, 0, 0)


def test_a_missing_table_and_a_missing_server_are_one_line(acc_table, cli, tmp_path) -> None:
    url = acc_table.url.replace("table=acc", "table=acct")
    with pytest.raises(InputError, match="no table 'acct' in the database"):
        read_range(url, KAMAILIO)
    result = cli(
        "impact", f"{acc_table.scheme}://root@127.0.0.1:1/test?table=acc", "--map", "kamailio-acc",
        "-o", tmp_path / "o",
    )  # fmt: skip
    assert result.code == 2 and "cannot connect to the database" in result.err
    [error] = [line for line in result.err.splitlines() if line.startswith("error:")]
    refused = {"postgresql": "Connection refused", "mysql": "Can't connect"}[acc_table.scheme]
    assert refused in error and "Traceback" not in result.err


def test_a_missing_driver_says_which_to_install(cli, tmp_path, monkeypatch) -> None:
    """Without mysqlclient (MySQLdb), a mysql:// source names the driver and the extra."""
    for name in [m for m in sys.modules if m == "MySQLdb" or m.startswith("ibis.backends.mysql")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "MySQLdb", None)  # import MySQLdb raises ImportError
    import ibis

    if "mysql" in vars(ibis):  # Ibis keeps a backend once loaded (asking hasattr would load it)
        monkeypatch.delattr(ibis, "mysql")
    result = cli(
        "impact", "mysql://root@127.0.0.1:3306/test?table=acc", "--map", "kamailio-acc",
        "-o", tmp_path / "o",
    )  # fmt: skip
    assert result.code == 2 and "Traceback" not in result.err
    assert "needs a driver this installation lacks (mysqlclient, module MySQLdb)" in result.err
    assert "install amends[mysql]" in result.err


def test_the_cli_finds_the_outage_in_the_table(acc_table, cli, tmp_path) -> None:
    """Three hours of calls from two area codes; 503s to 212's long-distance calls for 20
    minutes. Only that window, region and service, and exactly the callers who got a 503."""
    rng = random.Random(7)
    start, end = T0 + timedelta(minutes=120), T0 + timedelta(minutes=140)
    rows, hit = [], set()
    for minute in range(180):
        for _ in range(12):
            region = rng.choice(["212", "415"])
            caller = f"+1{region}555{rng.randrange(10_000):04d}"
            callee = rng.choice(["5550123", "13125550100", "011442071234567"])
            at = T0 + timedelta(minutes=minute, seconds=rng.randrange(60))
            code = rng.choice(["200"] * 8 + ["486", "487"])
            if start <= at < end and region == "212" and callee.startswith("1"):
                code = "503"
                hit.add(caller)
            rows.append(("INVITE", code, at, caller, callee, "10.0.0.1"))
    acc_table.insert(rows)
    out = tmp_path / "out"
    result = cli(
        "impact", acc_table.url, "--map", "kamailio-acc", "--since", "2026-03-02T14:00:00Z",
        "--until", "2026-03-02T17:00:00Z", "-o", out, "--no-chart",
    )  # fmt: skip
    assert result.code == 0, result.err
    report = json.loads((out / "impact.json").read_text())
    [window] = report["windows"]
    assert window["regions"] == ["212"] and window["services"] == ["long_distance"]
    assert abs(datetime.fromisoformat(window["start"]) - start.replace(tzinfo=UTC)) <= timedelta(
        minutes=1
    )
    assert abs(datetime.fromisoformat(window["end"]) - end.replace(tzinfo=UTC)) <= timedelta(
        minutes=1
    )
    import pyarrow.parquet as pq

    found = set(pq.read_table(out / "subscribers.parquet").column("subscriber").to_pylist())
    assert found == hit
