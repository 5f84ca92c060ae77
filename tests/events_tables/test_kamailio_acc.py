"""The built-in `kamailio-acc` mapping on hand-written `acc` rows in a real PostgreSQL table:
which rows are attempts, which statuses are network failures, regions and services by prefix,
and the one-line errors for missing columns and unknown prefixes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from amends.errors import InputError
from amends.events.failures import DEFAULT_FAILURES
from amends.events.mapping import Mapping
from amends.events.tables import read_range

T0 = datetime(2026, 3, 2, 14, 0)  # naive UTC, as Kamailio on a UTC server writes `time`


def _events(url: str, mapping: Mapping | None = None) -> list[dict]:
    table = read_range(url, mapping or Mapping.load("kamailio-acc"))
    return table.order_by("ts").to_pyarrow().to_pylist()


def test_every_status_class(acc_table) -> None:
    codes = ["200", "302", "404", "408", "480", "486", "487", "500", "502", "503", "504", "603"]
    acc_table.insert(
        [
            ("INVITE", code, T0 + timedelta(seconds=i), "+12125550100", "14155550123", "10.1.0.5")
            for i, code in enumerate(codes)
        ]
        + [("BYE", "200", T0 + timedelta(minutes=5), "+12125550100", "14155550123", "10.1.0.5")]
    )
    rows = _events(acc_table.url)
    assert [r["sip_status"] for r in rows] == [int(c) for c in codes]  # the BYE is no attempt
    failed = {
        r["sip_status"] for r in rows if DEFAULT_FAILURES.is_failure(None, r["sip_status"], None)
    }
    assert failed == {408, 500, 502, 503, 504}
    assert rows[0]["ts"] == T0.replace(tzinfo=UTC)
    assert {r["subscriber"] for r in rows} == {"+12125550100"}


def test_regions_and_services_by_prefix(acc_table) -> None:
    calls = [
        ("+12125550100", "911", "212", "emergency"),
        ("12125550101", "+19115550000", "212", "long_distance"),
        ("2125550102", "01144201234567", "212", "international"),
        ("+14155550103", "+442071234567", "415", "international"),
        ("4155550104", "14155550123", "415", "long_distance"),
        ("+14155550105", "5550123", "415", "local"),
        ("+14155550106", "112", "415", "emergency"),
    ]
    acc_table.insert(
        [
            ("INVITE", "200", T0 + timedelta(seconds=i), caller, callee, "10.0.0.1")
            for i, (caller, callee, _, _) in enumerate(calls)
        ]
    )
    rows = _events(acc_table.url)
    assert [(r["region"], r["service"]) for r in rows] == [(c[2], c[3]) for c in calls]


def test_region_by_source_ip_in_the_providers_file(acc_table, write) -> None:
    acc_table.insert(
        [
            ("INVITE", "200", T0, "alice", "14155550123", "10.1.0.5"),
            ("INVITE", "503", T0, "bob", "911", "10.2.7.9"),
        ]
    )
    path = write(
        "carrier.toml",
        'extends = "kamailio-acc"\n[columns]\n'
        'region = { column = "src_ip", prefixes = { "10.1." = "chicago", "10.2." = "denver" } }\n',
    )
    rows = _events(acc_table.url, Mapping.load(path))
    assert [(r["subscriber"], r["region"], r["service"]) for r in rows] == [
        ("alice", "chicago", "long_distance"),
        ("bob", "denver", "emergency"),
    ]


def test_unknown_ip_prefix_names_the_value_column_and_prefixes(acc_table, write) -> None:
    acc_table.insert([("INVITE", "200", T0, "alice", "14155550123", "192.0.2.1")])
    path = write(
        "carrier.toml",
        'extends = "kamailio-acc"\n[columns]\n'
        'region = { column = "src_ip", prefixes = { "10.1." = "chicago" } }\n',
    )
    with pytest.raises(InputError) as err:
        _events(acc_table.url, Mapping.load(path))
    message = str(err.value)
    assert "'192.0.2.1' in column 'src_ip' starts with none of the prefixes of region" in message
    assert "(10.1.)" in message and "(row id = 1)" in message
    assert "\n" not in message


def test_a_caller_outside_the_numbering_plan_is_named(acc_table) -> None:
    acc_table.insert(
        [
            ("INVITE", "200", T0, "+12125550100", "911", "10.0.0.1"),
            ("INVITE", "200", T0, "anonymous", "911", "10.0.0.1"),
        ]
    )
    with pytest.raises(InputError, match=r"'anonymous' in column 'src_user' does not match"):
        _events(acc_table.url)


def test_a_status_that_is_not_a_number_is_named(acc_table) -> None:
    acc_table.insert([("INVITE", "5x3", T0, "+12125550100", "911", "10.0.0.1")])
    with pytest.raises(InputError, match=r"column 'sip_code' \(sip_status\) has '5x3'"):
        _events(acc_table.url)


def test_a_table_without_the_db_extra_columns(acc_table) -> None:
    acc_table.execute("ALTER TABLE {schema}.acc DROP COLUMN dst_user")
    with pytest.raises(InputError) as err:
        _events(acc_table.url)
    assert "missing column dst_user" in str(err.value)
    assert "fix the mapping 'kamailio-acc'" in str(err.value)
    assert "password" not in str(err.value)
    assert str(err.value).startswith(f"{acc_table.scheme}://")


def test_the_cli_refuses_a_missing_column_with_exit_2(acc_table, cli, tmp_path) -> None:
    acc_table.execute("ALTER TABLE {schema}.acc DROP COLUMN src_ip")
    acc_table.execute("ALTER TABLE {schema}.acc DROP COLUMN src_user")
    result = cli("impact", acc_table.url, "--map", "kamailio-acc", "-o", tmp_path / "out")
    assert result.code == 2
    assert "missing column src_user" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "out").exists()


def test_the_cli_refuses_an_unknown_prefix_with_exit_2(acc_table, cli, write, tmp_path) -> None:
    acc_table.insert([("INVITE", "503", T0, "alice", "14155550123", "198.51.100.4")])
    path = write(
        "carrier.toml",
        'extends = "kamailio-acc"\n[columns]\n'
        'region = { column = "src_ip", prefixes = { "10.1." = "chicago" } }\n',
    )
    result = cli("impact", acc_table.url, "--map", path, "-o", tmp_path / "out")
    assert result.code == 2
    assert "'198.51.100.4' in column 'src_ip'" in result.err
    assert not (tmp_path / "out").exists()
