"""Scenario files: loading, defaults, and one-line errors naming the file and the field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from amends.errors import InputError
from amends.events.scenario import Scenario
from amends.events.simulate import SimulationConfig, simulate

GOOD_OUTAGE = """
  - regions: [CA]
    services: [long_distance]
    start: 2026-03-10T14:00:00-07:00
    end: 2026-03-10T16:00:00-07:00
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    return path


BAD = {
    "unknown region": (
        "outages:\n  - {regions: [XX], start: 2026-03-10T10:00:00}\n",
        "outages[0].regions",
    ),
    "unknown service": (
        "outages:\n  - {services: [fax], start: 2026-03-10T10:00:00}\n",
        "outages[0].services",
    ),
    "end before start": (
        "outages:\n  - {start: 2026-03-10T10:00:00, end: 2026-03-10T09:00:00}\n",
        "outages[0].end",
    ),
    "rate above 1": ("outages:\n  - {start: 2026-03-10T10:00:00, rate: 1.5}\n", "outages[0].rate"),
    "negative collapse": (
        "outages:\n  - {kind: silence, start: 2026-03-10T10:00:00, collapse: -0.1}\n",
        "outages[0].collapse",
    ),
    "outside the period": ("outages:\n  - {start: 2026-04-01T10:00:00}\n", "outages[0].start"),
    "end after the period": (
        "outages:\n  - {start: 2026-03-10T10:00:00, end: 2026-03-12T00:00:00}\n",
        "outages[0].end",
    ),
    "unknown field": (
        "outages:\n  - {start: 2026-03-10T10:00:00, colour: red}\n",
        "outages[0].colour",
    ),
    "unknown kind": (
        "outages:\n  - {kind: flood, start: 2026-03-10T10:00:00}\n",
        "outages[0].kind",
    ),
    "missing start": ("outages:\n  - {regions: all}\n", "outages[0].start"),
    "bad time zone": ("regions:\n  - {name: X, tz: Mars/Olympus}\n", "regions[0].tz"),
    "duplicate region": (
        "regions:\n  - {name: X, tz: UTC}\n  - {name: X, tz: UTC}\n",
        "regions: a region name is listed twice",
    ),
    "days over the limit": ("days: 10000\n", "days:"),
    "impossible date": ("outages:\n  - {start: 2026-13-01T10:00:00}\n", "fix the date"),
    "bad weight": ("regions:\n  - {name: X, tz: UTC, weight: 0}\n", "regions[0].weight"),
    "duplicate ids": (
        "outages:\n  - {id: a, start: 2026-03-10T10:00:00}\n"
        "  - {id: a, start: 2026-03-10T11:00:00}\n",
        "outages: id 'a'",
    ),
    "not a mapping": ("- just\n- a list\n", "must be a mapping"),
    "yaml syntax": ("outages: [\n  {start: 2026-03-10T10:00:00\n", "YAML"),
    "bad onset": (
        "outages:\n  - {start: 2026-03-10T10:00:00, onset_minutes: -5}\n",
        "outages[0].onset_minutes",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_scenarios_raise_one_line_input_errors(tmp_path: Path, case: str) -> None:
    text, field = BAD[case]
    path = _write(tmp_path, text if text.startswith("-") else "start: 2026-03-10\n" + text)
    with pytest.raises(InputError) as info:
        scenario = Scenario.load(path)
        simulate(tmp_path / "c.parquet", SimulationConfig.resolve(scenario, calls_per_day=100))
    message = str(info.value)
    assert message.startswith(f"{path}:")
    assert field in message
    assert "\n" not in message
    assert not (tmp_path / "c.parquet").exists()


@pytest.mark.parametrize("case", ["unknown region", "rate above 1", "yaml syntax"])
def test_cli_reports_bad_scenarios_in_one_line(tmp_path: Path, cli, case: str) -> None:
    text, field = BAD[case]
    path = _write(tmp_path, "start: 2026-03-10\n" + text)
    result = cli("simulate", "-o", tmp_path / "c.parquet", "--scenario", path)
    assert result.code == 2
    assert field in result.err and str(path) in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err + result.out


def test_cli_reports_missing_scenario_file(tmp_path: Path, cli) -> None:
    result = cli("simulate", "-o", tmp_path / "c.parquet", "--scenario", tmp_path / "no.yaml")
    assert result.code == 2
    assert "no.yaml" in result.err and "not found" in result.err


def test_cli_reports_bad_start_date(tmp_path: Path, cli) -> None:
    result = cli("simulate", "-o", tmp_path / "c.parquet", "--start", "10/03/2026")
    assert result.code == 2
    assert "--start" in result.err and "YYYY-MM-DD" in result.err


def test_scenario_defaults_and_naive_times_are_utc(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "start: 2026-03-10\ndays: 2\nsubscribers: 300\ncalls_per_day: 1000\nseed: 9\n"
        "regions:\n  - {name: A, tz: Europe/Madrid, weight: 2}\n  - {name: B, tz: UTC}\n"
        "outages:\n  - {regions: A, services: all, start: 2026-03-10T10:00:00}\n"
        "  - {kind: silence, start: 2026-03-11T10:00:00+01:00}\n",
    )
    scenario = Scenario.load(path)
    assert scenario.window_ids() == ["w1", "w2"]
    assert scenario.outages[0].start.isoformat() == "2026-03-10T10:00:00+00:00"
    assert scenario.outages[1].start.isoformat() == "2026-03-11T09:00:00+00:00"
    config = SimulationConfig.resolve(scenario, seed=4)
    assert (config.days, config.subscribers, config.calls_per_day) == (2, 300, 1000)
    assert config.seed == 4 and config.start == date(2026, 3, 10)
    truth = simulate(tmp_path / "c.parquet", config)
    assert [r.name for r in truth.regions] == ["A", "B"]
    assert [r.subscribers for r in truth.regions] == [200, 100]
    assert truth.windows[1].regions == ["A", "B"]
    assert truth.windows[1].end is None


def test_cli_writes_three_files_and_a_summary(tmp_path: Path, cli) -> None:
    out = tmp_path / "out" / "calls.parquet"
    result = cli(
        "simulate", "-o", out, "--subscribers", "500", "--calls-per-day", "20000", "--seed", "1"
    )
    assert result.code == 0, result.err
    for name in ("calls.parquet", "calls.truth.json", "calls.subscribers.parquet"):
        assert (tmp_path / "out" / name).is_file()
    rows = pq.read_metadata(out).num_rows
    assert f"{rows:,}" in result.out
    assert "Injected outages" in result.out and "fiber-cut-ca" in result.out
    assert "calls.truth.json" in result.out


def test_cli_moves_the_builtin_demo_to_start(tmp_path: Path, cli) -> None:
    out = tmp_path / "calls.parquet"
    result = cli(
        "simulate", "-o", out, "--subscribers", "100", "--calls-per-day", "2000",
        "--start", "2026-07-01",
    )  # fmt: skip
    assert result.code == 0, result.err
    from amends.events.scenario import Truth

    truth = Truth.read(tmp_path / "calls.truth.json")
    assert truth.start.date() == date(2026, 7, 1)
    assert all(w.start.date() == date(2026, 7, 1) for w in truth.windows)


def test_cli_rejects_impossible_options_in_one_line(tmp_path: Path, cli) -> None:
    out = tmp_path / "c.parquet"
    for args, expected in (
        (("--days", "5000"), "--days"),
        (("--subscribers", "3"), "--subscribers 3 is fewer than the 8 regions"),
    ):
        result = cli("simulate", "-o", out, *args)
        assert result.code == 2
        assert expected in result.err
        assert len(result.err.strip().splitlines()) == 1
    (tmp_path / "folder.parquet").mkdir()
    result = cli("simulate", "-o", tmp_path / "folder.parquet", "--calls-per-day", "100")
    assert result.code == 2 and "is a folder" in result.err


def test_cli_uses_a_scenario_file_and_options_override_it(tmp_path: Path, cli) -> None:
    path = _write(
        tmp_path,
        "start: 2026-03-10\ndays: 1\nsubscribers: 50\ncalls_per_day: 500\nseed: 3\n"
        "outages:\n  - {id: cut, regions: [CA], start: 2026-03-10T18:00:00Z, rate: 0.9}\n",
    )
    out = tmp_path / "calls.parquet"
    result = cli("simulate", "-o", out, "--scenario", path, "--subscribers", "80", "--seed", "5")
    assert result.code == 0, result.err
    from amends.events.scenario import Truth

    truth = Truth.read(tmp_path / "calls.truth.json")
    assert truth.config["subscribers"] == 80 and truth.seed == 5
    assert truth.config["calls_per_day"] == 500 and truth.config["scenario"] == str(path)
    assert [w.id for w in truth.windows] == ["cut"] and truth.windows[0].end is None
    assert "ongoing" in result.out
