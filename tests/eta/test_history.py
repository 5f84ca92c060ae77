"""History CSV files: what is accepted, and one-line errors naming file, row and fix."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from amends.errors import InputError
from amends.eta import load_history_csv, parse_history_csv
from amends.eta.demo_data import SAMPLE_HISTORY
from amends.eta.history import cases_to_csv

HEADER = "ref,cause_category,started_at,restored_at,regions,services,customers_affected\n"


def write(tmp_path: Path, text: str, name: str = "history.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_rows_lists_times_and_open_cases(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "a1,fiber_cut,2025-06-01T10:00:00-07:00,2025-06-01T14:30:00-07:00,CA;NV,local|sms,1200\n"
        + "a2,Power,2025-07-01T10:00:00Z,,TX,,\n",
    )
    first, second = load_history_csv(path)
    assert first.ref == "a1" and first.cause_category == "fiber_cut"
    assert first.regions == ("CA", "NV") and first.services == ("local", "sms")
    assert first.customers_affected == 1200
    assert first.duration_hours(datetime(2026, 1, 1, tzinfo=UTC)) == (4.5, True)
    assert second.cause_category == "power" and second.restored_at is None
    assert second.started_at == datetime(2025, 7, 1, 10, tzinfo=UTC)


def test_column_aliases_and_generated_refs_are_stable(tmp_path: Path) -> None:
    text = "cause,start,restored,region\nfiber cut,2025-06-01T10:00:00Z,2025-06-01T11:00:00Z,CA\n"
    one = parse_history_csv(text)
    two = parse_history_csv(text)
    assert one[0].ref == two[0].ref and one[0].ref.startswith("h-")
    assert one[0].cause_category == "fiber_cut"


def test_round_trip_through_csv() -> None:
    cases = load_history_csv(SAMPLE_HISTORY)
    assert parse_history_csv(cases_to_csv(cases)) == cases


def test_sample_history_is_labelled_sample_data() -> None:
    text = SAMPLE_HISTORY.read_text(encoding="utf-8")
    rows = text.splitlines()
    assert rows[0].endswith(",note")
    assert all(r.endswith('"SAMPLE DATA: synthetic, not real incidents"') for r in rows[1:])
    assert all(r.startswith("sample-") for r in rows[1:])


@pytest.mark.parametrize(
    ("text", "row", "message"),
    [
        ("", None, "the file is empty"),
        (HEADER, None, "no incidents"),
        ("ref,cause,start\nx,power,2025-01-01T00:00Z\n", 1, "missing column restored_at"),
        ("ref,cuase,start,restored\n", 1, "did you mean 'cuase' for 'cause_category'?"),
        (HEADER + "a,fibre cut,2025-01-01T00:00Z,,CA,,\n", 2, "did you mean 'fiber_cut'?"),
        (HEADER + "a,power,2025-01-01 10:00,,CA,,\n", 2, "has no time zone"),
        (HEADER + "a,power,yesterday,,CA,,\n", 2, "is not a time"),
        (HEADER + "a,power,,,CA,,\n", 2, "started_at is empty"),
        (
            HEADER + "a,power,2025-01-02T00:00Z,2025-01-01T00:00Z,CA,,\n",
            2,
            "restored_at is before started_at",
        ),
        (HEADER + "a,power,2025-01-01T00:00Z,,CA,,-5\n", 2, "not a whole number"),
        (HEADER + "a,power,2025-01-01T00:00Z,,CA\n", 2, "has 5 fields but the header has 7"),
        (
            HEADER + "a,power,2025-01-01T00:00Z,,CA,,\na,hardware,2025-02-01T00:00Z,,CA,,\n",
            3,
            "ref 'a' repeats row 2",
        ),
        (HEADER + "a,power,2025-01-01T00:00Z,,C\x07A,,\n", 2, "control characters"),
        ("cause,category,start,restored\n", 1, "both mean cause_category"),
        (
            "cause,start,restored,open_as_of\npower,2025-01-01T00:00Z,2025-01-01T01:00Z,"
            "2025-01-01T00:30Z\n",
            2,
            "open_as_of is only for incidents still open",
        ),
    ],
)
def test_bad_files_get_one_line_with_file_row_and_fix(
    tmp_path: Path, text: str, row: int | None, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_history_csv(path)
    err = str(info.value)
    assert "\n" not in err
    assert message in err
    prefix = f"{path}:{row}: " if row is not None else f"{path}: "
    assert err.startswith(prefix)


def test_binary_and_missing_files(tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "a,power,2025-01-01T00:00Z,,Zürich,,\n").encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_history_csv(latin)
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"PK\x03\x04\x00\x00")
    with pytest.raises(InputError, match="NUL bytes"):
        load_history_csv(nul)
    with pytest.raises(InputError, match="no such file"):
        load_history_csv(tmp_path / "missing.csv")
