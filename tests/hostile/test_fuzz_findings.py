"""What `make fuzz` found (docs/fuzzing.md), kept as regression tests: each input gave a
traceback or a multi-line error; now one line naming the file, exit 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.hostile.helpers import DATA

from amends.errors import InputError
from amends.incident.io import parse_incident

FOUND = sorted((DATA / "fuzz").glob("*.parquet"))


@pytest.mark.parametrize("found", FOUND, ids=lambda p: p.stem)
@pytest.mark.parametrize("command", ["inspect", "convert", "impact"])
def test_damaged_parquet_from_the_fuzzer(found: Path, command: str, work: Path, rejected) -> None:
    shutil.copy(found, work / "e.parquet")
    args = {
        "inspect": ["events", "inspect", "e.parquet"],
        "convert": ["events", "convert", "e.parquet", "-o", "out/e.parquet"],
        "impact": ["impact", "e.parquet", "-o", "out"],
    }[command]
    rejected(*args, names=("e.parquet",))
    assert not (work / "out").exists()


def test_a_yaml_reader_error_is_one_line() -> None:
    """A vertical tab made PyYAML's message two lines ('... not allowed\\n  in <unicode ...>')."""
    text = (DATA / "incident.yaml").read_text(encoding="utf-8").replace("title:", "title:\x0b", 1)
    with pytest.raises(InputError) as err:
        parse_incident(text, source="incident.yaml")
    assert "\n" not in str(err.value) and "#x000b" in str(err.value)
