"""Built-in mappings (Asterisk, FreeSWITCH, access logs), the registry, `extends` and the config."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from amends.errors import InputError
from amends.events import is_network_failure, load_events, load_failure_policy
from amends.events.mapping import Mapping, builtin_mappings

MAPPINGS = Path(__file__).parents[2] / "src" / "amends" / "events" / "mappings"


def _rows(table) -> list[dict]:
    return table.to_pyarrow().to_pylist()


def _failures(table) -> list[bool]:
    return table.select(f=is_network_failure(table)).to_pyarrow().column("f").to_pylist()


def test_registry_lists_the_builtins() -> None:
    assert {"asterisk", "freeswitch", "clf"} <= set(builtin_mappings())
    assert "example" not in builtin_mappings()


def test_documented_example_mapping_parses() -> None:
    mapping = Mapping.load(MAPPINGS / "example.toml")
    assert mapping.csv.delimiter == ";" and mapping.codes["cause"]["NOCIRCUIT"] == 34


def test_asterisk_master_csv(data: Path) -> None:
    table = load_events(data / "Master.csv", mapping="asterisk", tz="America/New_York")
    rows = _rows(table)
    assert rows[0]["ts"] == datetime(2024, 5, 1, 13, 0, 1, tzinfo=UTC)
    assert [r["subscriber"] for r in rows] == ["1001", "1002", "1003", "1004", "1005"]
    assert [r["region"] for r in rows] == ["hq", "hq", "branch", "branch", "hq"]
    assert [r["service"] for r in rows] == [
        "local",
        "long_distance",
        "international",
        "emergency",
        "local",
    ]
    assert [r["cause"] for r in rows] == [16, 17, 34, 19, 38]
    assert [r["duration_s"] for r in rows] == [120.0, 0.0, 0.0, 0.0, 0.0]
    assert _failures(table) == [False, False, True, False, True]  # CONGESTION, FAILED


def test_freeswitch_master_csv(data: Path) -> None:
    table = load_events(data / "freeswitch.csv", mapping="freeswitch", tz="UTC")
    rows = _rows(table)
    assert [r["cause"] for r in rows] == [16, 17, 41, 19, 102, 487]
    assert [r["region"] for r in rows] == ["east", "east", "public", "west", "west", "west"]
    assert _failures(table) == [False, False, True, False, True, False]


def test_freeswitch_cause_table_has_the_standard_names() -> None:
    codes = Mapping.load("freeswitch").codes["cause"]
    expected = {
        "NORMAL_CLEARING": 16,
        "USER_BUSY": 17,
        "NO_USER_RESPONSE": 18,
        "NO_ANSWER": 19,
        "CALL_REJECTED": 21,
        "NORMAL_UNSPECIFIED": 31,
        "NO_ROUTE_DESTINATION": 3,
        "NORMAL_CIRCUIT_CONGESTION": 34,
        "NETWORK_OUT_OF_ORDER": 38,
        "NORMAL_TEMPORARY_FAILURE": 41,
        "SWITCH_CONGESTION": 42,
        "REQUESTED_CHAN_UNAVAIL": 44,
        "SERVICE_UNAVAILABLE": 63,
        "RECOVERY_ON_TIMER_EXPIRE": 102,
        "ORIGINATOR_CANCEL": 487,
        "GATEWAY_DOWN": 809,
    }
    assert {k: codes[k] for k in expected} == expected
    assert len(codes) > 80


def test_combined_and_common_log_format(data: Path) -> None:
    table = load_events(data / "access.log", mapping="clf")
    rows = _rows(table)
    assert [r["ts"] for r in rows][:2] == [
        datetime(2024, 5, 1, 9, 0, tzinfo=UTC),  # 11:00 +0200
        datetime(2024, 5, 1, 9, 0, 5, tzinfo=UTC),
    ]
    assert [r["subscriber"] for r in rows] == [
        "203.0.113.7",
        "alice",
        "198.51.100.4",
        "bob",
        "198.51.100.6",
    ]
    assert [r["service"] for r in rows] == ["api", "pay", "/", "api", "/"]
    assert [r["http_status"] for r in rows] == [200, 503, 200, 502, 408]
    assert {r["region"] for r in rows} == {"all"}
    assert _failures(table) == [False, True, False, True, False]


def test_extends_a_builtin_with_vhost_as_service(data: Path) -> None:
    rows = _rows(load_events(data / "vhost.log", mapping=data / "vhost.toml"))
    assert [(r["service"], r["region"], r["subscriber"]) for r in rows] == [
        ("shop.example.com", "eu-west", "203.0.113.7"),
        ("api.example.com", "eu-west", "carol"),
    ]


def test_epoch_scale_and_fallback(tmp_path: Path) -> None:
    path = tmp_path / "own.csv"
    path.write_text("t;who;alt;ms\n1714554000;;x9;1500\n1714554060;u2;;250\n")
    mapping = Mapping.from_toml(
        """
        [csv]
        delimiter = ";"
        [columns]
        ts = { column = "t", epoch = "s" }
        subscriber = { column = "who", fallback = "alt" }
        region = { value = "HQ" }
        service = { value = "data" }
        duration_s = { column = "ms", scale = 0.001 }
        """
    )
    rows = _rows(load_events(path, mapping=mapping))
    assert rows[0]["ts"] == datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
    assert [r["subscriber"] for r in rows] == ["x9", "u2"]
    assert [r["duration_s"] for r in rows] == [1.5, 0.25]


def test_failure_policy_defaults_and_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./amends.toml here: the defaults
    assert load_failure_policy(None).network_causes == frozenset({34, 38, 41, 42, 44, 47, 63, 102})
    config = tmp_path / "amends.toml"
    config.write_text("[failures]\nnetwork_causes = [34, 38]\nhttp_min_failure = 502\n")
    policy = load_failure_policy(config)
    assert policy.network_causes == frozenset({34, 38})
    assert policy.http_min_failure == 502
    assert policy.network_sip == frozenset({408, 500, 502, 503, 504})  # default kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[failures]\nnetwork_cause = [34]\n", "failures.network_cause"),
        ('[failures]\nhttp_min_failure = "high"\n', "failures.http_min_failure"),
        ("[failures\n", "invalid TOML"),
    ],
)
def test_bad_failure_config_names_file_and_key(tmp_path: Path, text: str, expected: str) -> None:
    config = tmp_path / "amends.toml"
    config.write_text(text)
    with pytest.raises(InputError) as info:
        load_failure_policy(config)
    assert info.value.path == str(config) and expected in str(info.value)


def test_inspect_uses_the_failure_config(tmp_path: Path, data: Path, cli) -> None:
    config = tmp_path / "amends.toml"
    config.write_text("[failures]\nhttp_min_failure = 400\n")
    result = cli("events", "inspect", data / "access.log", "--map", "clf", "--config", config)
    assert result.code == 0, result.err
    assert "60.00%" in result.out  # 503, 502 and 408 are failures at >= 400


def test_convert_writes_canonical_parquet(tmp_path: Path, data: Path, cli) -> None:
    import pyarrow.parquet as pq

    from amends.events import EVENT_SCHEMA

    out = tmp_path / "out" / "calls.parquet"
    result = cli(
        "events", "convert", data / "Master.csv", "--map", "asterisk", "--tz", "UTC", "-o", out
    )
    assert result.code == 0, result.err
    assert pq.read_schema(out) == EVENT_SCHEMA
    assert pq.read_table(out).num_rows == 5
    again = cli("events", "inspect", out)
    assert again.code == 0 and "40.00%" in again.out
