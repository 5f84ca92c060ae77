"""Every command that reads an incident record rejects a hostile one the same clean way:
exit 2, one line naming the file (and line where YAML has one), nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.hostile.helpers import rows


def _bomb() -> str:
    """A YAML "billion laughs": nine levels of nine-fold aliases (hundreds of millions of nodes)."""
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    prev = "a"
    for name in "bcdefghi":
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
        prev = name
    return text


#: name -> (how to make the file's text from the good record, what the error line must name)
MUTATIONS: dict[str, tuple[Callable[[str], str], tuple[str, ...]]] = {
    "empty": (lambda g: "", ()),
    "list": (lambda g: "- 1\n- 2\n", ()),
    "scalar": (lambda g: "hello\n", ()),
    "bad-syntax": (lambda g: "id: [unclosed\ntitle: x\n", (":2:",)),
    "billion-laughs": (lambda g: _bomb(), ()),
    "python-tag": (lambda g: "!!python/object/apply:os.system ['touch PWNED']\n", (":1:",)),
    "unknown-field": (lambda g: g + "\nbogus_field: 1\n", ("bogus_field",)),
    "wrong-type": (lambda g: g.replace("status: resolved", "status: [1, 2]", 1), (":9:",)),
    "unknown-enum": (lambda g: g.replace("status: resolved", "status: exploded", 1), (":9:",)),
    "naive-time": (
        lambda g: g.replace(
            "discovered_at: '2026-03-10T14:30:00+00:00'", "discovered_at: '2026-03-10T14:30:00'", 1
        ),
        (":8:", "discovered_at"),
    ),
    "impossible-date": (
        lambda g: g.replace(
            "discovered_at: '2026-03-10T14:30:00+00:00'",
            "discovered_at: '2026-02-30T14:30:00+00:00'",
            1,
        ),
        (":8:", "discovered_at"),
    ),
    "unknown-zone": (
        lambda g: g.replace("time_zone: America/Chicago", "time_zone: Mars/Olympus", 1),
        (":7:", "Mars/Olympus"),
    ),
    "end-before-start": (
        lambda g: g.replace(
            "end: '2026-03-10T14:55:00+00:00'", "end: '2026-03-10T13:55:00+00:00'", 1
        ),
        (":10:", "w1"),
    ),
    "negative-duration": (
        lambda g: g.replace("duration_minutes: 25", "duration_minutes: -25", 1),
        (":10:",),
    ),
    "nan-rate": (lambda g: g.replace("failure_rate: 0.0", "failure_rate: .nan", 1), (":10:",)),
    "control-char-title": (
        lambda g: g.replace(
            "title: Long-distance calls failing in California", 'title: "Calls\\x07 failing"', 1
        ),
        (":5:", "title"),
    ),
    "rtl-override-title": (
        lambda g: g.replace(
            "title: Long-distance calls failing in California", 'title: "Calls \\u202e failing"', 1
        ),
        (":5:", "U+202E"),
    ),
    "path-in-id": (
        lambda g: g.replace("id: 2026-03-10-tx-ca", "id: ../../etc/passwd", 1),
        (":4:", "id"),
    ),
}


def _commands(incident: str, work: Path) -> dict[str, list[str]]:
    """Each consumer of the record, with outputs and databases inside `work`."""
    db = f"sqlite:///{work / 'store.db'}"
    return {
        "assess": [
            "assess",
            incident,
            "--impact",
            "impact",
            "--now",
            "2026-03-10T23:00:00+00:00",
            "-o",
            "out",
        ],
        "eta": ["eta", incident, "--now", "2026-03-10T23:00:00+00:00", "-o", "out/eta.png"],
        "draft": [
            "draft",
            incident,
            "--stage",
            "acknowledge",
            "-o",
            "out",
            "--now",
            "2026-03-10T23:00:00+00:00",
        ],
        "credits": [
            "credits",
            incident,
            "--impact",
            "impact",
            "--policy",
            "policy.toml",
            "-o",
            "out/credits.csv",
            "--db",
            db,
        ],
        "notices": ["notices", incident, "--impact", "impact", "-o", "out/notices.parquet"],
        "publish": ["publish", incident, "--stage", "acknowledge", "--db", db],
    }


@pytest.mark.parametrize("command", ["assess", "eta", "draft", "credits", "notices", "publish"])
@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_hostile_incident_record_is_rejected(
    mutation: str, command: str, work: Path, impact_dir: Path, good_incident: str, rejected
) -> None:
    make, names = MUTATIONS[mutation]
    bad = work / "incident.yaml"
    bad.write_text(make(good_incident), encoding="utf-8")
    before = bad.read_bytes()
    (work / "policy.toml").write_text('id = "p"\n', encoding="utf-8")
    rejected(*_commands("incident.yaml", work)[command], names=("incident.yaml", *names))
    assert not (work / "out").exists(), "nothing may be written for a bad record"
    assert not (work / "PWNED").exists()
    assert bad.read_bytes() == before, "the record itself is left alone"
    for table in ("statements", "incidents", "ledger"):
        assert rows(work / "store.db", table) == 0


@pytest.mark.parametrize("command", ["assess", "eta", "draft", "credits", "notices", "publish"])
def test_missing_incident_file_says_how_to_make_one(
    command: str, work: Path, impact_dir: Path, rejected
) -> None:
    line = rejected(*_commands("nope.yaml", work)[command], names=("nope.yaml",))
    assert "amends incident init" in line
