"""`amends maintenance` as a person on duty runs it: a TOML file scheduled and announced, the
clock's steps taken by `advance`, and bad input refused in one line with exit code 2."""

from __future__ import annotations

from sqlalchemy import insert

from amends.store import schema as s

FILE = """
id = "core-upgrade"
components = ["voice:ca"]
scheduled_for = 2026-12-10T02:00:00Z
scheduled_until = 2026-12-10T04:00:00-00:00

[title]
en = "Core network upgrade"

[body]
en = "Two core routers in Los Angeles are replaced."
"""


def _seed(store) -> None:
    with store.begin() as conn:
        conn.execute(
            insert(s.components),
            [{"id": "voice:ca", "name": "Calls (California)", "service": "voice", "region": "ca"}],
        )


def test_schedule_announce_and_let_the_clock_run(store, cli, tmp_path) -> None:
    _seed(store)
    path = tmp_path / "m.toml"
    path.write_text(FILE, encoding="utf-8")
    made = cli("maintenance", "create", path, "--announce", "--db", store.url)
    assert made.code == 0, made.err
    assert "core-upgrade scheduled for 2026-12-10T02:00:00+00:00" in made.out
    listed = cli("maintenance", "list", "--db", store.url)
    assert "core-upgrade" in listed.out and "scheduled" in listed.out
    early = cli("maintenance", "advance", "--now", "2026-12-08T00:00:00Z", "--db", store.url)
    assert early.out.strip() == "nothing due"
    steps = cli("maintenance", "advance", "--now", "2026-12-10T05:00:00Z", "--db", store.url)
    assert steps.out.splitlines() == [
        "maintenance core-upgrade: start",
        "maintenance core-upgrade: complete",
    ]
    again = cli("maintenance", "complete", "core-upgrade", "--db", store.url)
    assert again.code == 2 and "is completed: only one in progress completes" in again.err


def test_bad_files_are_one_line_and_write_nothing(store, cli, tmp_path) -> None:
    _seed(store)
    cases = {
        "late.toml": (FILE.replace("04:00:00-00:00", "01:00:00Z"), "scheduled_until must be after"),
        "slot.toml": (FILE.replace("are replaced", "are replaced on {{ day }}"), "placeholder"),
        "naive.toml": (FILE.replace("02:00:00Z", "02:00:00"), "scheduled_for"),
        "nv.toml": (FILE.replace('"voice:ca"', '"voice:nv"'), "no component 'voice:nv'"),
        "broken.toml": ("id = ", "not valid TOML"),
    }
    for name, (text, message) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = cli("maintenance", "create", path, "--db", store.url)
        assert result.code == 2, (name, result.err)
        [line] = [x for x in result.err.splitlines() if x.strip()]
        assert message in line and "Traceback" not in result.err, (name, line)
    assert "no maintenance" in cli("maintenance", "list", "--db", store.url).out
    missing = cli("maintenance", "create", tmp_path / "none.toml", "--db", store.url)
    assert missing.code == 2 and "maintenance file not found" in missing.err
