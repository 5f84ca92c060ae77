"""`[impact]` in amends.toml: detection parameters from the file, the command line over it, and
bad keys named with the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from amends.errors import InputError
from amends.impact.config import BaselineMode, ImpactConfig, load_impact_config


def test_the_file_sets_parameters_and_the_command_line_wins(tmp_path: Path) -> None:
    path = tmp_path / "amends.toml"
    path.write_text(
        '[impact]\nmin_duration_minutes = 2\nbaseline = "previous-day"\n'
        "[failures]\nnetwork_sip = [503]\n"
    )
    cfg = load_impact_config(path)
    assert cfg.min_duration_minutes == 2 and cfg.baseline is BaselineMode.PREVIOUS_DAY
    assert cfg.failures.network_sip == frozenset({503})
    assert load_impact_config(path, baseline=BaselineMode.AUTO).baseline is BaselineMode.AUTO
    assert load_impact_config(path, baseline=None).baseline is BaselineMode.PREVIOUS_DAY


def test_no_file_is_the_defaults(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_impact_config() == ImpactConfig()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[impact]\nmin_duration = 2\n", "bad key impact.min_duration: Extra inputs"),
        ("[impact]\nmin_duration_minutes = 0\n", "bad key impact.min_duration_minutes"),
        ("[impact]\nfailures = 1\n", "write the failure codes in [failures]"),
        ("impact = 3\n", "`impact` must be a table"),
    ],
)
def test_bad_keys_are_named(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "amends.toml"
    path.write_text(text)
    with pytest.raises(InputError) as info:
        load_impact_config(path)
    assert info.value.path == str(path) and expected in str(info.value)
