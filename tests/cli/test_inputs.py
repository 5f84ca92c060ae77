"""Hostile inputs the input-hardening pass fixed: non-UTF-8 files, duplicate YAML keys, output
paths under files or on folders, huge/future/NaN values, silent defaults, echoed control bytes,
file modes, quoted CSV headers and binary stdin. Each must be one `error:` line, exit 2, nothing
written."""

from __future__ import annotations

import io
import os
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.hostile.helpers import DATA, GARBAGE, assert_rejected, rows

from amends.store.testing import create_store

NOW = "2026-03-10T23:00:00+00:00"
LATIN1 = "title: caf\xe9\n".encode("latin-1")
EVENTS_HEADER = "ts,subscriber,region,service,cause,sip_status,duration_s\n"
HISTORY_HEADER = "ref,cause_category,started_at,restored_at,regions,services,customers_affected\n"
POLICY = 'id = "p"\ncurrency = "USD"\n\n[[credit]]\nkind = "prorata"\n'


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch folder as the working directory, with the demo record and impact folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AMENDS_DB_URL", f"sqlite:///{tmp_path / 'default.db'}")
    monkeypatch.setenv("COLUMNS", "200")
    shutil.copytree(DATA / "impact", tmp_path / "impact")
    shutil.copy(DATA / "incident.yaml", tmp_path / "incident.yaml")
    (tmp_path / "existing").write_text("precious\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def rejected(cli: Callable[..., object]) -> Callable[..., str]:
    """Run `amends ARGS`, assert exit 2 with one error line naming `names`; return the line."""

    def run(*args: object, names: tuple[str, ...] = ()) -> str:
        return assert_rejected(cli(*args), *names)

    return run


def _events_csv(work: Path, row: str, name: str = "e.csv") -> str:
    (work / name).write_text(EVENTS_HEADER + row, encoding="utf-8")
    return name


# ------------------------------------------------------------------ 3: not UTF-8


@pytest.mark.parametrize("data", [GARBAGE, LATIN1], ids=["binary", "latin-1"])
def test_non_utf8_incident_is_one_line(work: Path, rejected, data: bytes) -> None:
    (work / "incident.yaml").write_bytes(data)
    rejected(
        "draft",
        "incident.yaml",
        "--stage",
        "acknowledge",
        "-o",
        "out",
        names=("incident.yaml", "UTF-8"),
    )
    rejected("assess", "incident.yaml", "--impact", "impact", names=("incident.yaml", "UTF-8"))
    assert not (work / "out").exists()


def test_non_utf8_configs_and_facts(work: Path, rejected) -> None:
    (work / "bad.toml").write_bytes(GARBAGE)
    (work / "bad.yaml").write_bytes(LATIN1)
    (work / "s.txt").write_text("We are sorry.\n", encoding="utf-8")
    rejected("check", "s.txt", "--config", "bad.toml", names=("bad.toml", "UTF-8"))
    _events_csv(work, "2026-03-10T10:00:00Z,s1,CA,local,16,200,30\n")
    rejected("events", "inspect", "e.csv", "--config", "bad.toml", names=("bad.toml", "UTF-8"))
    rejected(
        "assess",
        "incident.yaml",
        "--impact",
        "impact",
        "--facts",
        "bad.yaml",
        "--now",
        NOW,
        "-o",
        "out",
        names=("bad.yaml", "UTF-8"),
    )
    assert not (work / "out").exists()


def test_config_that_is_a_folder(work: Path, rejected) -> None:
    (work / "cfg").mkdir()
    (work / "s.txt").write_text("We are sorry.\n", encoding="utf-8")
    rejected("check", "s.txt", "--config", "cfg", names=("cfg", "folder"))


# ------------------------------------------------------------------ 4: duplicate YAML keys


def test_duplicate_key_in_incident_names_both_lines(work: Path, rejected) -> None:
    text = (work / "incident.yaml").read_text(encoding="utf-8")
    first = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("id:"))
    last = len(text.splitlines()) + 1
    (work / "incident.yaml").write_text(text + "id: other-id\n", encoding="utf-8")
    line = rejected(
        "draft",
        "incident.yaml",
        "--stage",
        "acknowledge",
        "-o",
        "out",
        names=(f"incident.yaml:{last}:", "'id' appears twice", f"line {first}"),
    )
    assert "other-id" not in line
    assert not (work / "out").exists()


def test_duplicate_nested_key_is_refused(work: Path, rejected) -> None:
    from amends.errors import InputError
    from amends.incident.io import parse_incident

    with pytest.raises(InputError, match=r"x.yaml:3: key 'b' appears twice \(first on line 2\)"):
        parse_incident("a:\n  b: 1\n  b: 2\n", source="x.yaml")


# ------------------------------------------------------------------ 5: output paths


def test_events_convert_output_under_a_file_or_a_folder(work: Path, rejected) -> None:
    name = _events_csv(work, "2026-03-10T10:00:00Z,s1,CA,local,16,200,30\n")
    rejected("events", "convert", name, "-o", "existing/x.parquet", names=("existing",))
    (work / "dd").mkdir()
    rejected("events", "convert", name, "-o", "dd", names=("dd", "folder"))
    assert sorted(p.name for p in work.iterdir() if "partial" in p.name) == []
    assert list((work / "dd").iterdir()) == []
    assert (work / "existing").read_text(encoding="utf-8") == "precious\n"


def test_events_convert_leaves_no_partial_when_writing_fails(
    work: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import amends.events.batches as batches

    def broken(table: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batches, "record_batches", broken)
    name = _events_csv(work, "2026-03-10T10:00:00Z,s1,CA,local,16,200,30\n")
    result = cli("events", "convert", name, "-o", "out/e.parquet")
    assert result.code == 1  # the machine's limit, not the input's: one line, no traceback
    assert result.err.splitlines()[-1] == (
        "error: no space left on the device; free disk space and run the command again"
    )
    assert not (work / "out").exists()  # no partial file, and the folder it made is gone


def test_incident_init_and_draft_outputs_blocked(work: Path, rejected) -> None:
    rejected("incident", "init", "--impact", "impact", "-o", "existing/x.yaml", names=("existing",))
    rejected(
        "draft",
        "incident.yaml",
        "--stage",
        "acknowledge",
        "-o",
        "existing",
        "--now",
        NOW,
        names=("existing", "file"),
    )
    rejected(
        "draft",
        "incident.yaml",
        "--stage",
        "acknowledge",
        "-o",
        "existing/d",
        "--now",
        NOW,
        names=("existing",),
    )
    assert (work / "existing").read_text(encoding="utf-8") == "precious\n"


def _credits(work: Path, out: str, *extra: object) -> list[object]:
    (work / "policy.toml").write_text(POLICY, encoding="utf-8")
    return [
        "credits",
        "incident.yaml",
        "--impact",
        "impact",
        "--policy",
        "policy.toml",
        "--db",
        create_store(f"sqlite:///{work / 'ledger.db'}"),
        "-o",
        out,
        *extra,
    ]


def test_credits_output_checked_before_the_ledger(work: Path, rejected) -> None:
    rejected(*_credits(work, "existing/c.csv"), names=("existing",))
    assert rows(work / "ledger.db", "ledger") == 0
    rejected(*_credits(work, "impact"), names=("impact", "folder"))
    assert not (work / "impact.csv").exists() and not (work / "impact.parquet").exists()
    assert rows(work / "ledger.db", "ledger") == 0


# ------------------------------------------------------------------ 6: numbers and times


def test_history_refuses_huge_counts_and_future_times(work: Path, rejected) -> None:
    ok = "2024-03-01T00:00:00+00:00,2024-03-01T04:00:00+00:00"
    db = f"sqlite:///{work / 'h.db'}"
    (work / "h.csv").write_text(
        HISTORY_HEADER + f"r1,power,{ok},WA,local,99999999999999999999999\n", encoding="utf-8"
    )
    rejected("history", "import", "h.csv", "--db", db, names=("h.csv:2:", "too large"))
    (work / "h.csv").write_text(
        HISTORY_HEADER + "r1,power,9999-03-01T00:00:00+00:00,,WA,local,5\n", encoding="utf-8"
    )
    rejected("history", "import", "h.csv", "--db", db, names=("h.csv:2:", "future"))
    assert rows(work / "h.db", "past_incidents") == 0


def test_simulate_start_far_in_the_future(work: Path, rejected) -> None:
    rejected("simulate", "-o", "o.parquet", "--start", "9999-12-31", names=("--start",))
    (work / "late.yaml").write_text("start: 9999-12-30\noutages: []\n", encoding="utf-8")
    rejected(
        "simulate",
        "-o",
        "o.parquet",
        "--scenario",
        "late.yaml",
        "--days",
        "5",
        "--subscribers",
        "10",
        "--calls-per-day",
        "10",
        names=("9999",),
    )
    assert not list(work.glob("o*"))


# ------------------------------------------------------------------ 9: silent defaults


def test_empty_scenario_is_refused(work: Path, rejected) -> None:
    (work / "empty.yaml").write_text("", encoding="utf-8")
    rejected("simulate", "-o", "o.parquet", "--scenario", "empty.yaml", names=("empty.yaml",))
    assert not (work / "o.parquet").exists()


def test_check_unknown_locale_and_empty_file(work: Path, rejected) -> None:
    (work / "s.txt").write_text("We are sorry.\n", encoding="utf-8")
    rejected("check", "s.txt", "--locale", "xx", names=("--locale", "'xx'"))
    (work / "empty.txt").write_text("", encoding="utf-8")
    rejected("check", "empty.txt", names=("empty.txt", "empty"))


def test_incident_init_refuses_unknown_locale(work: Path, rejected) -> None:
    rejected(
        "incident",
        "init",
        "--impact",
        "impact",
        "-o",
        "x.yaml",
        "--locale",
        "<script>",
        names=("--locale",),
    )
    assert not (work / "x.yaml").exists()


# ------------------------------------------------------------------ 10: echoed bytes


def test_events_header_names_are_escaped_and_cut(work: Path, rejected) -> None:
    header = "ts,subscriber\x07\x1b[31m,\u202e" + "x" * 300 + "\n"
    (work / "e.csv").write_text(header + "1,2,3\n", encoding="utf-8")
    line = rejected("events", "inspect", "e.csv", names=("e.csv", "missing column"))
    assert "\x07" not in line and "\x1b" not in line and "\u202e" not in line
    assert "\\x07" in line and "x" * 300 not in line


# ------------------------------------------------------------------ 11: file modes


def test_written_files_get_the_umask_mode(work: Path, cli) -> None:
    from amends.files import write_text_atomic

    old = os.umask(0o022)
    try:
        path = write_text_atomic(work / "sub" / "a.txt", "x\n")
    finally:
        os.umask(old)
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode & 0o044 == 0o044 or mode == 0o666 & ~old, oct(mode)


# ------------------------------------------------------------------ 12: events CSV values


@pytest.mark.parametrize(
    ("row", "names"),
    [
        ("9999-03-10T10:00:00Z,s1,CA,local,16,200,30\n", ("9999", "future")),
        ("2026-03-10T10:00:00Z,s1,CA,local,16,200,-30\n", ("duration_s", "-30")),
        ("2026-03-10T10:00:00Z,s1,CA,local,16,200,NaN\n", ("duration_s", "NaN")),
    ],
    ids=["future", "negative-duration", "nan-duration"],
)
def test_events_bad_values(work: Path, rejected, row: str, names: tuple[str, ...]) -> None:
    name = _events_csv(work, row)
    rejected("events", "inspect", name, names=(name, *names))
    rejected("events", "convert", name, "-o", "out/e.parquet", names=(name, *names))
    assert not (work / "out").exists()


def test_events_latin1_csv_says_utf8(work: Path, rejected) -> None:
    data = (EVENTS_HEADER + "2026-03-10T10:00:00Z,s\xe9,CA,local,16,200,30\n").encode("latin-1")
    (work / "e.csv").write_bytes(data)
    rejected("events", "inspect", "e.csv", names=("e.csv", "UTF-8"))


# ------------------------------------------------------------------ 13: quoted plans header


def test_credits_plans_with_quoted_header(work: Path, cli) -> None:
    import pyarrow.parquet as pq

    subs = pq.read_table(work / "impact" / "subscribers.parquet")
    ids = sorted(set(subs.column("subscriber").to_pylist()))
    lines = ['"subscriber","plan","monthly_fee","currency","home_region"']
    lines += [f'"{s}","Basic","30.00","USD","CA"' for s in ids]
    (work / "plans.csv").write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    result = cli(*_credits(work, "out/c.csv", "--plans", "plans.csv", "--no-chart"))
    assert result.code == 0, result.err + result.out
    assert (work / "out" / "c.csv").exists()
    assert stat.S_IMODE((work / "out" / "c.csv").stat().st_mode) != 0o600


# ------------------------------------------------------------------ 14: binary stdin


def test_check_binary_stdin_is_refused(work: Path, rejected, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GARBAGE), encoding="utf-8"))
    rejected("check", "-", names=("-", "UTF-8"))


def test_check_stdin_with_control_characters_is_escaped(work: Path, cli, monkeypatch) -> None:
    text = "We are sorry for the outage [G\x07\u202ey] in Sydney.\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text), encoding="utf-8"))
    result = cli("check", "-", "--stage", "acknowledge")
    assert result.code == 1, result.err
    assert "\x07" not in result.out and "\u202e" not in result.out
    assert "[G\\x07\\u202ey]" in result.out


def test_non_utf8_mapping_and_credits_incident(work: Path, rejected) -> None:
    (work / "m.toml").write_bytes(GARBAGE)
    name = _events_csv(work, "2026-03-10T10:00:00Z,s1,CA,local,16,200,30\n")
    rejected("events", "inspect", name, "--map", "m.toml", names=("m.toml", "UTF-8"))
    (work / "incident.yaml").write_bytes(LATIN1)
    rejected(*_credits(work, "out/c.csv"), names=("incident.yaml", "UTF-8"))
    assert not (work / "out").exists()


def test_duplicate_keys_in_scenario_and_facts(work: Path, rejected) -> None:
    (work / "dup.yaml").write_text("outages: []\noutages: []\n", encoding="utf-8")
    rejected(
        "simulate", "-o", "o.parquet", "--scenario", "dup.yaml", names=("dup.yaml:2:", "twice")
    )
    rejected(
        "assess",
        "incident.yaml",
        "--impact",
        "impact",
        "--facts",
        "dup.yaml",
        "--now",
        NOW,
        "-o",
        "out",
        names=("dup.yaml:2:", "twice"),
    )
    assert not (work / "out").exists() and not (work / "o.parquet").exists()


def test_atomic_writer_failure_is_an_input_error_and_leaves_nothing(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import amends.files
    from amends.errors import InputError

    def refused(src: object, dst: object) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(amends.files.os, "replace", refused)
    with pytest.raises(InputError, match="Permission denied"):
        amends.files.write_text_atomic(work / "d" / "a.txt", "x\n")
    assert list((work / "d").iterdir()) == []


def test_a_full_disk_under_the_atomic_writer_is_one_line_and_exit_1(
    cli, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk is the machine's limit, not bad input: exit 1 as everywhere else (not the
    input error's 2), the file named, nothing left behind."""
    import amends.files

    def full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(amends.files.os, "replace", full)
    with pytest.raises(OSError, match="No space left on device") as raised:
        amends.files.write_text_atomic(work / "d" / "a.txt", "x\n")
    assert raised.value.filename == str(work / "d" / "a.txt")
    assert list((work / "d").iterdir()) == []
    result = cli("incident", "init", "--impact", "impact", "-o", "inc.yaml")
    assert result.code == 1, result.err
    assert result.err.splitlines()[-1].startswith("error: no space left on the device writing ")
    assert result.err.rstrip().endswith("inc.yaml; free disk space and run the command again")
    assert "Traceback" not in result.err and not (work / "inc.yaml").exists()


def test_merge_keys_may_still_be_overridden() -> None:
    from amends.incident.io import safe_load_unique

    data = safe_load_unique("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n")
    assert data["other"] == {"x": 1, "y": 3}
