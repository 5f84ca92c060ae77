"""Records that cannot be true are refused, naming the field and its line: restoration before the
outage, rates outside 0-1, more failures than attempts, absurd counts and times (issue 20)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.hostile.helpers import DATA, assert_rejected

from amends.errors import InputError
from amends.incident import load_incident

GOOD = (DATA / "incident.yaml").read_text(encoding="utf-8")

#: (what to change in the demo's record, the field the error must name, words it must say)
IMPOSSIBLE = [
    # restored two days before the first window started (14:30 on March 10)
    (r"^restored_at: .*$", "restored_at: '2026-03-08T23:05:00+00:00'", "restored_at", "not after"),
    (r"^restored_at: .*$", "restored_at: '2026-03-10T14:30:00+00:00'", "restored_at", "not after"),
    (r"failure_rate: 0\.\d+", "failure_rate: 7.5", "failure_rate", "between 0 and 1"),
    (r"failure_rate: 0\.\d+", "failure_rate: -0.1", "failure_rate", "between 0 and 1"),
    (r"baseline_failure_rate: 0\.\d+", "baseline_failure_rate: 2", "baseline", "between 0 and 1"),
    (r"ner: 0\.\d+", "ner: 1.5", "ner", "between 0 and 1"),
    (r"failures: 1\n", "failures: 999999\n", "failures", "more than its attempts"),
    (r"subscribers_affected: \d+", "subscribers_affected: 5000", "subscribers_affected", "more"),
    (r"failed_attempts: 1\n", "failed_attempts: " + "1" + "0" * 30 + "\n", "failed_attempts", "1e"),
    (r"attempts: (\d+)", "attempts: " + "9" * 30, "attempts", "below"),
    (r"^discovered_at: .*$", "discovered_at: '0001-01-01T00:00:00+00:00'", "discovered_at", "1970"),
    (r"^discovered_at: .*$", "discovered_at: '2026-03-08T14:29:00+00:00'", "discovered_at", "24"),
    (r"(^  start: ')2026", r"\g<1>0001", "windows", "1970"),
    (r"^restored_at: .*$", "restored_at: '0001-01-01T00:00:00+00:00'", "restored_at", "1970"),
    (r"^update_interval_minutes: .*$", "update_interval_minutes: " + "9" * 30, "update_int", ""),
    (r"^  applied_by: .*$", "  applied_by: 0001-01-01", "compensation.applied_by", "1970"),
    (r"(services_total:) .*$", r"\1 " + "9" * 30, "services_total", ""),
]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "incident.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_demo_record_is_possible(tmp_path: Path) -> None:
    assert load_incident(_write(tmp_path, GOOD)).restored_at is not None


@pytest.mark.parametrize(("pattern", "repl", "field", "words"), IMPOSSIBLE)
def test_an_impossible_record_is_refused_naming_the_field(
    tmp_path: Path, pattern: str, repl: str, field: str, words: str
) -> None:
    bad = re.sub(pattern, repl, GOOD, count=1, flags=re.M)
    assert bad != GOOD, pattern
    with pytest.raises(InputError) as err:
        load_incident(_write(tmp_path, bad))
    message = str(err.value)
    assert re.match(rf"{re.escape(str(tmp_path))}/incident.yaml:\d+: field ", message), message
    assert field in message and words in message, message


def test_discovery_a_little_before_the_first_window_is_allowed(tmp_path: Path) -> None:
    """An alarm may come before the failure rate rises: up to a day before the first window."""
    early = re.sub(
        r"^discovered_at: .*$", "discovered_at: '2026-03-09T15:00:00+00:00'", GOOD, flags=re.M
    )
    assert load_incident(_write(tmp_path, early)).discovered_at.day == 9


def test_eta_interval_out_of_order_is_refused(tmp_path: Path) -> None:
    eta = "eta:\n  earliest: '2026-03-10T23:00:00+00:00'\n  latest: '2026-03-10T22:00:00+00:00'\n"
    bad = re.sub(r"^eta: .*\n", eta, GOOD, flags=re.M)
    assert bad != GOOD
    with pytest.raises(InputError, match=r"field eta\.latest: .*before earliest"):
        load_incident(_write(tmp_path, bad))


@pytest.mark.parametrize(
    ("pattern", "repl"),
    [
        (r"^discovered_at: .*$", "discovered_at: '0001-01-01T00:00:00+00:00'"),
        (r"failed_attempts: 1\n", "failed_attempts: 1" + "0" * 30 + "\n"),
    ],
)
def test_draft_says_one_line_instead_of_a_traceback(
    cli, tmp_path: Path, pattern: str, repl: str
) -> None:
    """These two gave a traceback from `amends draft` (OverflowError, decimal.InvalidOperation)."""
    path = _write(tmp_path, re.sub(pattern, repl, GOOD, flags=re.M))
    result = cli("draft", path, "--stage", "resolve", "-o", tmp_path / "drafts")
    assert_rejected(result, "incident.yaml")
    assert not (tmp_path / "drafts").exists()


def test_incident_init_refuses_an_impossible_impact_report(cli, tmp_path: Path) -> None:
    """10^30 counts in impact.json gave a pydantic traceback from `amends incident init`."""
    import json
    import shutil

    shutil.copytree(DATA / "impact", tmp_path / "impact")
    report = json.loads((tmp_path / "impact/impact.json").read_text(encoding="utf-8"))
    report["windows"][-1]["failed_attempts"] = 10**30
    (tmp_path / "impact/impact.json").write_text(json.dumps(report), encoding="utf-8")
    result = cli("incident", "init", "--impact", tmp_path / "impact", "-o", tmp_path / "i.yaml")
    assert_rejected(result, "impact.json", "failed_attempts")
    assert not (tmp_path / "i.yaml").exists()
