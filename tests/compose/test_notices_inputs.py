"""`amends notices` with hostile side inputs and outputs: --plans/--credits read by extension
and checked (garbage, wrong columns, bad amounts, non-UTF-8 CSV) and the output path checked
before any work: one line naming the file, exit 2, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from tests.hostile.helpers import DATA, GARBAGE, assert_rejected


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hostile suite's good record and impact folder in a scratch working directory."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA / "impact", tmp_path / "impact")
    shutil.copy(DATA / "incident.yaml", tmp_path / "incident.yaml")
    return tmp_path


def _notices(cli, *args: object):
    return cli("notices", "incident.yaml", "--impact", "impact", *args)


def _untouched(work: Path, *extra: str) -> None:
    expected = {"impact", "incident.yaml", *extra}
    assert {p.name for p in work.iterdir()} == expected


@pytest.mark.parametrize(
    ("name", "content", "option", "words"),
    [
        ("garbage.parquet", GARBAGE, "--credits", "not a Parquet file"),
        ("garbage.parquet", GARBAGE, "--plans", "not a Parquet file"),
        ("wrongcols.csv", b"sub,plan\nS1,Basic\n", "--plans", "subscriber"),
        ("wrongcols.csv", b"subscriber,credit\nS1,1\n", "--credits", "amount"),
        ("badamount.csv", b"subscriber,amount,currency\nS1,lots,USD\n", "--credits", "amount"),
        ("latin.csv", b"subscriber,locale\nS1,s\xe9\n", "--plans", "CSV"),
        ("twice.csv", b"subscriber,subscriber\nS1,S1\n", "--plans", "twice"),
        ("empty.csv", b"", "--plans", "CSV"),
    ],
)
def test_bad_side_input_is_one_line_naming_the_file(work, cli, name, content, option, words):
    (work / name).write_bytes(content)
    line = assert_rejected(_notices(cli, option, name, "-o", "out/n.parquet"), name)
    assert words in line
    _untouched(work, name)


def test_credits_csv_is_read_as_csv(work, cli):
    subs = pq.read_table(work / "impact/subscribers.parquet").column("subscriber").to_pylist()
    (work / "credits.csv").write_text(
        f'"subscriber","amount","currency"\n"{subs[0]}","12.50","USD"\n', encoding="utf-8"
    )
    res = _notices(cli, "--credits", "credits.csv", "-o", "n.parquet")
    assert res.code == 0, res.err
    table = pq.read_table(work / "n.parquet").to_pylist()
    credited = [r for r in table if r["subscriber"] == subs[0]]
    assert credited and credited[0]["credit"] and "12.50" in credited[0]["credit"]
    assert sum(1 for r in table if r["credit"]) == 1


def test_output_under_a_file_or_a_folder_is_refused(work, cli):
    (work / "existing_file").write_text("precious")
    line = assert_rejected(_notices(cli, "-o", "existing_file/n.parquet"), "existing_file")
    assert "is a file" in line
    line = assert_rejected(_notices(cli, "-o", "impact"), "impact")
    assert "is a folder" in line
    assert (work / "existing_file").read_text() == "precious"
    assert sorted(p.name for p in (work / "impact").iterdir()) == [
        "impact.json",
        "subscribers.parquet",
    ]
    _untouched(work, "existing_file")


def test_bad_record_with_new_output_folder_creates_nothing(work, cli):
    (work / "incident.yaml").write_text("id: x\ntitle: [oops\n", encoding="utf-8")
    assert_rejected(_notices(cli, "-o", "new/deeper/n.parquet"), "incident.yaml")
    _untouched(work)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_output_nobody_can_write_is_one_line(work, cli):
    line = assert_rejected(_notices(cli, "-o", "/proc/n.parquet"), "/proc/n.parquet")
    assert "cannot write" in line
    _untouched(work)
