"""Hostile data files (events, history, plans, policies, scenarios, statements, configs): each
command answers with one line naming the file (and row/line) and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.hostile.helpers import GARBAGE, rows, store_in

HISTORY_HEADER = "ref,cause_category,started_at,restored_at,regions,services,customers_affected\n"
OK_TIMES = "2024-03-01T00:00:00+00:00,2024-03-01T04:00:00+00:00"

#: name -> (file name, bytes, what the error line must name besides the file)
HISTORY_FILES: dict[str, tuple[str, bytes, tuple[str, ...]]] = {
    "empty": ("h.csv", b"", ()),
    "binary": ("h.csv", GARBAGE, ("UTF-8",)),
    "latin-1": ("h.csv", "r\xe9f,cause_category\n".encode("latin-1"), ("UTF-8",)),
    "wrong-columns": ("h.csv", b"foo,bar\n1,2\n", ("cause_category",)),
    "duplicate-header": ("h.csv", b"ref,cause_category,ref,started_at\n", ("ref",)),
    "impossible-date": (
        "h.csv",
        (HISTORY_HEADER + "r1,power,2024-13-45T00:00:00+00:00,,WA,local,10\n").encode(),
        (":2:", "started_at"),
    ),
    "no-zone": (
        "h.csv",
        (
            HISTORY_HEADER + "r1,power,2024-03-01T00:00:00,2024-03-01T04:00:00,WA,local,10\n"
        ).encode(),
        (":2:", "time zone"),
    ),
    "negative-count": (
        "h.csv",
        (HISTORY_HEADER + f"r1,power,{OK_TIMES},WA,local,-5\n").encode(),
        (":2:",),
    ),
    "nan-count": (
        "h.csv",
        (HISTORY_HEADER + f"r1,power,{OK_TIMES},WA,local,NaN\n").encode(),
        (":2:",),
    ),
    "restored-before-start": (
        "h.csv",
        (
            HISTORY_HEADER
            + "r1,power,2024-03-01T00:00:00+00:00,2024-02-01T04:00:00+00:00,WA,local,5\n"
        ).encode(),
        (":2:", "restored_at"),
    ),
    "duplicate-ref": (
        "h.csv",
        (
            HISTORY_HEADER + f"r1,power,{OK_TIMES},WA,local,5\nr1,power,{OK_TIMES},WA,local,5\n"
        ).encode(),
        (":3:", "r1"),
    ),
    "unknown-cause": (
        "h.csv",
        (HISTORY_HEADER + f"r1,zzz_alien,{OK_TIMES},WA,local,5\n").encode(),
        (":2:", "zzz_alien"),
    ),
}


@pytest.mark.parametrize("case", sorted(HISTORY_FILES))
def test_history_import_rejects_bad_csv_and_stores_nothing(case: str, work: Path, rejected) -> None:
    name, data, names = HISTORY_FILES[case]
    (work / name).write_bytes(data)
    rejected("history", "import", name, "--db", store_in(work, "s"), names=(name, *names))
    assert rows(work / "s.db", "past_incidents") == 0


@pytest.mark.parametrize("case", sorted(HISTORY_FILES))
def test_eta_rejects_bad_history_csv(case: str, work: Path, good_incident: str, rejected) -> None:
    name, data, names = HISTORY_FILES[case]
    (work / name).write_bytes(data)
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    args = ["eta", "incident.yaml", "--history", name, "--now", "2026-03-10T22:00:00+00:00"]
    rejected(*args, "-o", "out/eta.png", names=(name, *names))
    assert not (work / "out").exists()


def test_missing_history_file(work: Path, rejected) -> None:
    rejected("history", "import", "nope.csv", "--db", store_in(work, "s"), names=("nope.csv",))


PLANS_HEADER = "subscriber,plan,monthly_fee,currency"

#: name -> (file name, bytes, what the error line must name besides the file)
PLANS_FILES: dict[str, tuple[str, bytes, tuple[str, ...]]] = {
    "empty": ("p.csv", b"", ()),
    "binary-csv": ("p.csv", GARBAGE, ()),
    "binary-parquet": ("p.parquet", GARBAGE, ()),
    "text-not-csv": ("p.txt", b"good statement\n", ("subscriber",)),
    "no-subscriber-column": ("p.csv", b"plan,monthly_fee\nbasic,10\n", ("subscriber",)),
    "unknown-zone": (
        "p.csv",
        f"{PLANS_HEADER},time_zone\ns1,basic,10,USD,Mars/Olympus\n".encode(),
        (":2:", "Mars/Olympus"),
    ),
    "duplicate-subscriber": (
        "p.csv",
        f"{PLANS_HEADER}\ns1,basic,10,USD\ns1,basic,12,USD\n".encode(),
        (":3:", "s1"),
    ),
}


@pytest.mark.parametrize("case", sorted(PLANS_FILES))
def test_import_plans_rejects_bad_file_and_stores_nothing(case: str, work: Path, rejected) -> None:
    name, data, names = PLANS_FILES[case]
    (work / name).write_bytes(data)
    rejected("db", "import-plans", name, "--db", store_in(work, "s"), names=(name, *names))
    assert rows(work / "s.db", "subscribers") == 0


def test_import_plans_missing_file(work: Path, rejected) -> None:
    rejected("db", "import-plans", "nope.csv", "--db", store_in(work, "s"), names=("nope.csv",))


GOOD_POLICY_LINES = [
    'id = "p"',
    'name = "Outage credit"',
    'currency = "USD"',
    'combine = "max"',
    'minimum = "2.00"',
    'maximum = "20.00"',
    'time_zone = "America/Los_Angeles"',
    "[eligibility]",
    'basis = "failed_call"',
    "[[credit]]",
    'kind = "tiered"',
    'by = "failed_attempts"',
    'tiers = [{ from = 1, amount = "2.00" }]',
]


def _policy(**replace: str) -> bytes:
    lines = list(GOOD_POLICY_LINES)
    for key, value in replace.items():
        lines = [f"{key} = {value}" if line.startswith(f"{key} =") else line for line in lines]
    return ("\n".join(lines) + "\n").encode()


#: name -> (bytes, what the error line must name besides the file)
POLICIES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "empty": (b"", ("id",)),
    "binary": (GARBAGE, ()),
    "toml-syntax": (b"[policy\nid = \n", (":1:",)),
    "wrong-types": (b'id = 5\nfoo = "bar"\n', ("id",)),
    "negative-minimum": (_policy(minimum='"-2.00"'), (":5:", "minimum")),
    "nan-maximum": (_policy(maximum='"NaN"'), (":6:", "maximum")),
    "unknown-enum": (_policy(combine='"sideways"'), (":4:", "combine")),
    "unknown-zone": (_policy(time_zone='"Mars/Olympus"'), (":7:", "Mars/Olympus")),
    "unknown-field": (
        b"\n".join([*[line.encode() for line in GOOD_POLICY_LINES], b"bogus = 1"]) + b"\n",
        ("bogus",),
    ),
}


@pytest.mark.parametrize("case", sorted(POLICIES))
def test_credits_rejects_bad_policy_and_records_nothing(
    case: str, work: Path, impact_dir: Path, good_incident: str, rejected
) -> None:
    data, names = POLICIES[case]
    (work / "policy.toml").write_bytes(data)
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    db = store_in(work, "ledger")
    rejected(
        "credits", "incident.yaml", "--impact", "impact", "--policy", "policy.toml",
        "-o", "out/credits.csv", "--db", db, names=("policy.toml", *names),
    )  # fmt: skip
    assert not (work / "out").exists()
    assert rows(work / "ledger.db", "ledger") == 0


def test_credits_missing_impact_folder(work: Path, good_incident: str, rejected) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    (work / "policy.toml").write_bytes(_policy())
    rejected(
        "credits", "incident.yaml", "--impact", "nope", "--policy", "policy.toml",
        "-o", "out/credits.csv", "--db", store_in(work, "l"), names=("nope",),
    )  # fmt: skip
    assert not (work / "out").exists()


@pytest.mark.parametrize(
    ("name", "data", "names"),
    [
        ("p.parquet", GARBAGE, ("p.parquet",)),
        ("p.csv", b"foo,bar\n1,2\n", ("p.csv", "subscriber")),
    ],
)
def test_credits_rejects_bad_plans(
    name: str,
    data: bytes,
    names: tuple[str, ...],
    work: Path,
    impact_dir: Path,
    good_incident: str,
    rejected,
) -> None:
    (work / "incident.yaml").write_text(good_incident, encoding="utf-8")
    (work / "policy.toml").write_bytes(_policy())
    (work / name).write_bytes(data)
    rejected(
        "credits", "incident.yaml", "--impact", "impact", "--policy", "policy.toml",
        "--plans", name, "-o", "out/credits.csv", "--db", store_in(work, "l"), names=names,
    )  # fmt: skip
    assert not (work / "out").exists()
    assert rows(work / "l.db", "ledger") == 0


#: Scenario files for `amends simulate`: name -> (bytes, what the line must name besides the file)
SCENARIOS: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "binary": (GARBAGE, ()),
    "list": (b"- 1\n- 2\n", ()),
    "yaml-syntax": (b"id: [unclosed\ntitle: x\n", (":2:",)),
    "python-tag": (b"!!python/object/apply:os.system ['touch PWNED']\n", (":1:",)),
}


@pytest.mark.parametrize("case", sorted(SCENARIOS))
def test_simulate_rejects_bad_scenario(case: str, work: Path, rejected) -> None:
    data, names = SCENARIOS[case]
    (work / "s.yaml").write_bytes(data)
    rejected("simulate", "-o", "calls.parquet", "--scenario", "s.yaml", names=("s.yaml", *names))
    assert not (work / "calls.parquet").exists()
    assert not (work / "PWNED").exists()


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--scenario", "nope.yaml"], ("nope.yaml",)),
        (["--start", "2026-02-30"], ("--start",)),
        (["--start", "yesterday"], ("--start",)),
        (["--subscribers", "99999999999999999999"], ("--subscribers",)),
    ],
)
def test_simulate_rejects_bad_options(
    args: list[str], names: tuple[str, ...], work: Path, rejected
) -> None:
    rejected("simulate", "-o", "calls.parquet", *args, names=names)
    assert not (work / "calls.parquet").exists()


#: Event files: name -> (file name, bytes, what the line must name besides the file)
EVENT_FILES: dict[str, tuple[str, bytes, tuple[str, ...]]] = {
    "empty-csv": ("e.csv", b"", ("empty",)),
    "empty-parquet": ("e.parquet", b"", ("empty",)),
    "binary-parquet": ("e.parquet", GARBAGE, ("Parquet",)),
    "wrong-columns": ("e.csv", b"foo,bar\n1,2\n", ("ts",)),
    "duplicate-header": ("e.csv", b"a,a,b\n1,2,3\n", ("ts",)),
    "text-file": ("e.txt", b"good statement\n", ("ts",)),
}


@pytest.mark.parametrize("case", sorted(EVENT_FILES))
def test_events_inspect_rejects_bad_file(case: str, work: Path, rejected) -> None:
    name, data, names = EVENT_FILES[case]
    (work / name).write_bytes(data)
    rejected("events", "inspect", name, names=(name, *names))


@pytest.mark.parametrize("case", sorted(EVENT_FILES))
def test_impact_rejects_bad_file_and_writes_nothing(case: str, work: Path, rejected) -> None:
    name, data, names = EVENT_FILES[case]
    (work / name).write_bytes(data)
    rejected("impact", name, "-o", "out", "--no-chart", names=(name, *names))
    assert not (work / "out" / "impact.json").exists()


@pytest.mark.parametrize(
    "args",
    [["nope.csv"], ["nomatch*.parquet"]],
)
def test_events_missing_inputs(args: list[str], work: Path, rejected) -> None:
    rejected("events", "inspect", *args, names=(args[0],))
    rejected("impact", *args, "-o", "out", "--no-chart", names=(args[0],))


def test_statement_files(work: Path, rejected) -> None:
    (work / "bin.txt").write_bytes(GARBAGE)
    rejected("check", "bin.txt", names=("bin.txt", "UTF-8"))
    rejected("check", "nope.txt", names=("nope.txt",))


def test_incident_init_bad_inputs(work: Path, impact_dir: Path, rejected) -> None:
    rejected(
        "incident", "init", "--impact", "nope", "-o", "x.yaml", names=("nope", "amends impact")
    )
    (work / "bad.parquet").write_bytes(GARBAGE)
    rejected(
        "incident",
        "init",
        "--impact",
        "impact",
        "--plans",
        "bad.parquet",
        "-o",
        "x.yaml",
        names=("bad.parquet",),
    )
    assert not (work / "x.yaml").exists()
    (work / "existing.yaml").write_text("mine\n", encoding="utf-8")
    rejected(
        "incident",
        "init",
        "--impact",
        "impact",
        "-o",
        "existing.yaml",
        names=("existing.yaml", "--force"),
    )
    assert (work / "existing.yaml").read_text(encoding="utf-8") == "mine\n"


EVENTS_HEADER = "ts,subscriber,region,service,cause,sip_status,duration_s\n"

#: Event CSVs with bad values: name -> (data row, what the line must name besides the file)
EVENT_ROWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "naive-time": ("2026-03-10T10:00:00,s1,CA,local,16,200,30\n", ("ts", "--tz")),
    "impossible-date": ("2026-02-30T10:00:00Z,s1,CA,local,16,200,30\n", ("2026-02-30",)),
    "words-for-time": ("yesterday,s1,CA,local,16,200,30\n", ("yesterday",)),
    "cause-too-big": ("2026-03-10T10:00:00Z,s1,CA,local,99999,200,30\n", ("cause", "99999")),
    "cause-not-number": ("2026-03-10T10:00:00Z,s1,CA,local,abc,200,30\n", ("cause", "abc")),
    "no-subscriber": ("2026-03-10T10:00:00Z,,CA,local,16,200,30\n", ("subscriber",)),
    "short-row": ("2026-03-10T10:00:00Z,s1,CA\n", ("service",)),
}


@pytest.mark.parametrize("case", sorted(EVENT_ROWS))
def test_events_bad_values_are_named(case: str, work: Path, rejected) -> None:
    row, names = EVENT_ROWS[case]
    (work / "e.csv").write_text(EVENTS_HEADER + row, encoding="utf-8")
    rejected("events", "inspect", "e.csv", names=("e.csv", *names))
    rejected("events", "convert", "e.csv", "-o", "out/e.parquet", names=("e.csv", *names))
    assert not (work / "out").exists()


@pytest.mark.parametrize(
    ("option", "text", "names"),
    [
        ("--map", 'format = 5\n[columns]\nts = ["a"]\n', ("format",)),
        ("--map", "bogus = 1\n", ("columns",)),
        ("--config", '[failures]\ncauses = "all"\n', ("failures.causes",)),
    ],
)
def test_events_bad_mapping_and_config(
    option: str, text: str, names: tuple[str, ...], work: Path, rejected
) -> None:
    (work / "e.csv").write_text(
        EVENTS_HEADER + "2026-03-10T10:00:00Z,s1,CA,local,16,200,30\n", encoding="utf-8"
    )
    (work / "m.toml").write_text(text, encoding="utf-8")
    rejected("events", "inspect", "e.csv", option, "m.toml", names=("m.toml", *names))
