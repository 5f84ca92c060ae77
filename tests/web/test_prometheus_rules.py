"""The alerting rules amends ships for its own metrics (docs/prometheus/amends-rules.yml).

`promtool test rules` runs the file's unit tests (an outbox that grows and one that is merely
large, dead letters, a lagging watcher, a source that falls silent and one that never spoke,
a server that stops answering); every metric a rule names must be one amends exports, so a
renamed metric cannot leave a rule silently matching nothing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

RULES = Path(__file__).parents[2] / "docs" / "prometheus" / "amends-rules.yml"
SOURCES = Path(__file__).parents[2] / "src" / "amends"


def _promtool() -> str:
    path = shutil.which("promtool")
    if path is None:
        pytest.skip("promtool is not installed (Debian's prometheus package has it)")
    return path


def test_rules_are_valid_and_their_unit_tests_pass() -> None:
    promtool = _promtool()
    check = subprocess.run(
        [promtool, "check", "rules", str(RULES)], capture_output=True, text=True, timeout=60
    )
    assert check.returncode == 0, check.stdout + check.stderr
    run = subprocess.run(
        [promtool, "test", "rules", RULES.with_suffix(".test.yml").name],
        capture_output=True,
        text=True,
        cwd=RULES.parent,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "SUCCESS" in run.stdout


def test_every_metric_a_rule_names_is_exported_by_amends() -> None:
    rules = [r for g in yaml.safe_load(RULES.read_text())["groups"] for r in g["rules"]]
    assert {r["alert"] for r in rules} >= {
        "AmendsOutboxGrowing",
        "AmendsWatcherLagging",
        "AmendsSourceSilent",
    }
    code = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES.rglob("*.py"))
    named = {m for r in rules for m in re.findall(r"\bamends_[a-z_]+", r["expr"])}
    assert named
    for metric in named:
        base = metric.removesuffix("_total")  # prometheus-client adds _total to counters
        assert f'"{base}"' in code, f"{metric} is not a metric amends exports"
