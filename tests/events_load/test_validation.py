"""Every validation error: one line naming the file (and row), the value and the fix; exit 2.

Row numbers are 1-based data rows: a CSV header line is not counted; in access logs the row is
the line number.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from amends.errors import InputError
from amends.events import load_events

HEADER = "ts,subscriber,region,service,cause\n"
GOOD = "2024-05-01T09:00:00Z,a,n,local,16\n"


def _csv(tmp_path: Path, text: str, name: str = "calls.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(*args: object, **kwargs: object) -> InputError:
    with pytest.raises(InputError) as info:
        load_events(*args, **kwargs)  # type: ignore[arg-type]
    return info.value


def _one_line_exit_2(cli: Callable[..., object], *args: object) -> str:
    result = cli("events", "inspect", *args)
    assert result.code == 2, result.err  # type: ignore[attr-defined]
    err = result.err.strip()  # type: ignore[attr-defined]
    assert err.startswith("error:"), err
    assert "Traceback" not in err
    assert len(err.replace("\n", " ").split("error:")) == 2  # one error, one message
    return " ".join(err.split())


def _parquet(path: Path, rows: dict[str, object]) -> Path:
    pq.write_table(pa.table(rows), path)
    return path


# --- columns -------------------------------------------------------------------------------


def test_missing_columns_say_which_and_what_was_found(tmp_path: Path, cli) -> None:
    path = _csv(tmp_path, "when,who,region\n2024-05-01T09:00:00Z,a,n\n")
    err = _error(path)
    assert err.path == str(path)
    message = str(err)
    assert "missing columns ts, subscriber, service" in message
    assert "found when, who, region" in message
    assert "--map" in message
    assert "missing columns ts, subscriber, service" in _one_line_exit_2(cli, path)


def test_misnamed_column_gets_a_suggestion(tmp_path: Path) -> None:
    path = _csv(tmp_path, "timestamp,subscriber,region,service\n2024-05-01T09:00:00Z,a,n,l\n")
    message = str(_error(path))
    assert "missing column ts;" in message
    assert "did you mean 'timestamp' for 'ts'?" in message


def test_mapping_column_missing_from_file(tmp_path: Path) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text('[columns]\nts = "start"\nsubscriber = "src"\nregion = "r"\nservice = "s"\n')
    path = _csv(tmp_path, "start,src,r\n2024-05-01T09:00:00Z,a,n\n")
    message = str(_error(path, mapping=mapping))
    assert "missing column s;" in message and "fix the mapping 'custom'" in message


def test_parquet_missing_columns(tmp_path: Path, cli) -> None:
    path = _parquet(tmp_path / "p.parquet", {"time": [1], "subscriber": ["a"]})
    message = _one_line_exit_2(cli, path)
    assert f"{path}: missing columns ts, region, service; found time, subscriber" in message


# --- timestamps ----------------------------------------------------------------------------


def test_unparsable_timestamp_names_file_row_value_and_format(tmp_path: Path, cli) -> None:
    path = _csv(tmp_path, HEADER + GOOD + GOOD + "yesterday noon,a,n,local,16\n" + GOOD)
    err = _error(path)
    assert (err.path, err.row) == (str(path), 4)
    assert "unparsable timestamp 'yesterday noon' in column 'ts'" in str(err)
    assert "ISO 8601" in str(err)
    assert f"{path}:4: unparsable timestamp" in _one_line_exit_2(cli, path)


def test_unparsable_timestamp_with_a_mapping_format(tmp_path: Path, data: Path) -> None:
    lines = (data / "Master.csv").read_text().splitlines()
    lines[1] = lines[1].replace("2024-05-01 09:03:00", "01/05/2024 09:03")
    path = _csv(tmp_path, "\n".join(lines) + "\n", "Master.csv")
    err = _error(path, mapping="asterisk", tz="UTC")
    assert err.row == 2
    assert "'01/05/2024 09:03'" in str(err) and "%Y-%m-%d %H:%M:%S" in str(err)


def test_naive_timestamps_without_tz_say_pass_tz(data: Path, cli) -> None:
    err = _error(data / "naive.csv")
    assert err.row == 2 and "pass --tz" in str(err) and "'2024-05-01 09:00:00'" in str(err)
    assert "pass --tz" in _one_line_exit_2(cli, data / "naive.csv")
    # a mapping whose format has no zone needs --tz before anything is read
    assert "pass --tz" in str(_error(data / "Master.csv", mapping="asterisk"))


def test_naive_parquet_without_tz(tmp_path: Path) -> None:
    naive = pa.array([datetime(2024, 5, 1)], pa.timestamp("us"))
    path = _parquet(
        tmp_path / "n.parquet",
        {"ts": naive, "subscriber": ["a"], "region": ["n"], "service": ["l"]},
    )
    assert "pass --tz" in str(_error(path))


def test_unknown_time_zone(data: Path, cli) -> None:
    assert "unknown time zone 'Mars/Olympus'" in str(_error(data / "naive.csv", tz="Mars/Olympus"))
    assert "unknown time zone" in _one_line_exit_2(cli, data / "naive.csv", "--tz", "Mars/Olympus")


# --- types ---------------------------------------------------------------------------------


def test_text_in_cause_names_column_row_and_value(tmp_path: Path, cli) -> None:
    path = _csv(tmp_path, HEADER + GOOD + "2024-05-01T09:00:00Z,a,n,local,busy\n")
    err = _error(path)
    assert (err.row, err.path) == (3, str(path))
    assert "column 'cause' (cause) has 'busy', expected a whole number" in str(err)
    assert f"{path}:3: column 'cause'" in _one_line_exit_2(cli, path)


def test_fractional_and_out_of_range_codes_are_wrong_types(tmp_path: Path) -> None:
    assert _error(_csv(tmp_path, HEADER + "2024-05-01T09:00:00Z,a,n,local,16.5\n")).row == 2
    big = _csv(tmp_path, HEADER + GOOD + "2024-05-01T09:00:00Z,a,n,local,99999\n", "b.csv")
    assert "'99999'" in str(_error(big))


def test_parquet_column_of_the_wrong_type(tmp_path: Path) -> None:
    when = pa.array([datetime(2024, 5, 1, tzinfo=UTC)], pa.timestamp("us", tz="UTC"))
    path = _parquet(
        tmp_path / "t.parquet",
        {"ts": when, "subscriber": ["a"], "region": ["n"], "service": ["l"], "cause": ["BUSY"]},
    )
    message = str(_error(path))
    assert "column 'cause' has type string, expected an integer" in message and "--map" in message


def test_empty_required_value(tmp_path: Path) -> None:
    err = _error(_csv(tmp_path, HEADER + GOOD + "2024-05-01T09:00:00Z,,n,local,16\n"))
    assert err.row == 3 and "'subscriber' is empty" in str(err)


@pytest.mark.parametrize("statistics", [True, False])
def test_empty_required_value_in_canonical_parquet(tmp_path: Path, cli, statistics: bool) -> None:
    """Parquet is checked like CSV: an event without a subscriber is refused, row named, with
    or without the footer's null counts (impact's fast path and the loader alike)."""
    n = 30
    when = pa.array([datetime(2024, 5, 1, 9, tzinfo=UTC)] * n, pa.timestamp("us", tz="UTC"))
    subs = [f"s{i}" for i in range(n)]
    subs[24] = None
    path = tmp_path / "calls.parquet"
    table = pa.table(
        {"ts": when, "subscriber": subs, "region": ["n"] * n, "service": ["local"] * n}
    )
    pq.write_table(table, path, row_group_size=10, write_statistics=statistics)
    err = _error(path)
    assert err.row == 25 and "'subscriber' is empty" in str(err)
    assert "calls.parquet:25: column 'subscriber' is empty" in _one_line_exit_2(cli, path)
    res = cli("impact", path, "-o", tmp_path / "out", "--no-chart")
    assert res.code == 2 and "calls.parquet:25:" in res.err and "Traceback" not in res.err
    assert not (tmp_path / "out").exists()


# --- empty, unreadable, missing ------------------------------------------------------------


def test_zero_byte_file(tmp_path: Path, cli) -> None:
    path = _csv(tmp_path, "")
    assert "empty (0 bytes)" in str(_error(path))
    assert "empty (0 bytes)" in _one_line_exit_2(cli, path)


def test_header_only_csv(tmp_path: Path) -> None:
    assert "no data rows (only a header)" in str(_error(_csv(tmp_path, HEADER)))


def test_zero_row_parquet(tmp_path: Path) -> None:
    empty = pa.table(
        {
            "ts": pa.array([], pa.timestamp("us", tz="UTC")),
            "subscriber": pa.array([], pa.string()),
            "region": pa.array([], pa.string()),
            "service": pa.array([], pa.string()),
        }
    )
    pq.write_table(empty, tmp_path / "e.parquet")
    assert "0 rows" in str(_error(tmp_path / "e.parquet"))


def test_truncated_parquet(tmp_path: Path, cli) -> None:
    good = _parquet(tmp_path / "g.parquet", {"ts": [1] * 100, "subscriber": ["a"] * 100})
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(good.read_bytes()[:-20])
    message = _one_line_exit_2(cli, cut)
    assert f"{cut}: cannot read as Parquet" in message and "truncated" in message
    not_parquet = _csv(tmp_path, "hello\n", "text.parquet")
    assert "cannot read as Parquet" in str(_error(not_parquet))


def test_glob_that_matches_nothing(tmp_path: Path, cli) -> None:
    pattern = str(tmp_path / "nothing-*.parquet")
    assert "matches no files" in str(_error(pattern))
    assert "matches no files" in _one_line_exit_2(cli, pattern)


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    assert "no such file" in str(_error(tmp_path / "absent.csv"))
    log = _csv(tmp_path, "x\n", "access.log")
    assert "--map clf" in str(_error(log))


def test_second_file_reports_its_own_row(tmp_path: Path) -> None:
    first = _csv(tmp_path, HEADER + GOOD * 5, "a.csv")
    second = _csv(tmp_path, HEADER + GOOD + "2024-13-45T09:00:00Z,a,n,local,16\n", "b.csv")
    err = _error([first, second])
    assert (err.path, err.row) == (str(second), 3)


def test_csv_with_more_fields_than_names(tmp_path: Path, data: Path) -> None:
    line = (data / "freeswitch.csv").read_text().splitlines()[0] + ',"extra"'
    message = str(_error(_csv(tmp_path, line + "\n", "Master.csv"), mapping="freeswitch"))
    assert "cannot read as CSV" in message


# --- mappings ------------------------------------------------------------------------------


def test_unknown_mapping_name(data: Path, cli) -> None:
    message = str(_error(data / "Master.csv", mapping="asterix"))
    assert "no mapping named 'asterix'" in message and "asterisk" in message
    assert "no mapping named" in _one_line_exit_2(cli, data / "Master.csv", "--map", "asterix")


def test_bad_mapping_toml_syntax_names_the_line(tmp_path: Path, data: Path, cli) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format = "csv"\n[columns]\nts = { column = "start"\n')
    err = _error(data / "canonical.csv", mapping=bad)
    assert err.path == str(bad) and err.row == 3 and "invalid TOML" in str(err)
    assert f"{bad}:3: invalid TOML" in _one_line_exit_2(cli, data / "canonical.csv", "--map", bad)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('[columns]\nts = "a"\nsubscriber = "b"\nregion = "c"\n', "must define service"),
        (
            '[columns]\nts = "a"\nsubscriber = "b"\nregion = "c"\nservice = "d"\nzone = "e"\n',
            "zone",
        ),
        (
            'colums = 1\n[columns]\nts = "a"\nsubscriber = "b"\nregion = "c"\nservice = "d"\n',
            "bad mapping key colums",
        ),
        (
            'format = "xml"\n[columns]\nts = "a"\nsubscriber = "b"\nregion = "c"\nservice = "d"\n',
            "bad mapping key format",
        ),
        (
            '[columns]\nts = "a"\nsubscriber = "b"\nregion = { column = "c", value = "x" }\n'
            'service = "d"\n',
            "bad mapping key columns.region",
        ),
        (
            '[csv]\nheader = false\n[columns]\nts = "a"\nsubscriber = "b"\nregion = "c"\n'
            'service = "d"\n',
            "needs `fieldnames",
        ),
    ],
)
def test_bad_mapping_keys_are_named(tmp_path: Path, data: Path, body: str, expected: str) -> None:
    path = tmp_path / "m.toml"
    path.write_text(body)
    err = _error(data / "canonical.csv", mapping=path)
    assert err.path == str(path)
    assert expected in str(err)


def test_unknown_codes_are_reported_with_counts(tmp_path: Path, data: Path, cli) -> None:
    text = (data / "Master.csv").read_text()
    text = text.replace('"BUSY"', '"REBOOTING"').replace('"FAILED"', '"REBOOTING"')
    path = _csv(tmp_path, text, "Master.csv")
    err = _error(path, mapping="asterisk", tz="UTC")
    assert err.row == 2  # the first row with an unknown code
    assert "2 rows of column 'disposition' have codes that [codes.cause] does not list" in str(err)
    assert "'REBOOTING' (2 rows)" in str(err)
    assert "[codes.cause]" in _one_line_exit_2(cli, path, "--map", "asterisk", "--tz", "UTC")


def test_clf_line_that_does_not_parse(tmp_path: Path, data: Path, cli) -> None:
    lines = (data / "access.log").read_text().splitlines()
    lines.insert(4, "this is not a log line")
    path = _csv(tmp_path, "\n".join(lines) + "\n", "access.log")
    err = _error(path, mapping="clf")
    assert (err.path, err.row) == (str(path), 5)  # the line number, blank lines counted
    assert "not in Common or Combined Log Format: 'this is not a log line'" in str(err)
    assert f"{path}:5:" in _one_line_exit_2(cli, path, "--map", "clf")
