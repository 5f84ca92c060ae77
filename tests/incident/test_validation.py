"""Records that parse but cannot be true are refused before any statement is drafted from them."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from amends.errors import InputError
from amends.incident import Incident, dump_incident, load_incident
from amends.incident.io import incident_yaml


def _record() -> Incident:
    from amends.impact.model import ScopeEntry, Window

    start = datetime(2026, 3, 10, 21, 11, tzinfo=UTC)
    scope = ScopeEntry(
        region="CA",
        service="voice",
        attempts=1000,
        failures=450,
        failure_rate=0.45,
        baseline_failure_rate=0.01,
        excess_failures=440.0,
        expected_attempts=1000.0,
        ner=0.55,
    )
    window = Window(
        id="w1",
        kind="failures",
        start=start,
        end=start.replace(hour=23),
        duration_minutes=109,
        regions=["CA"],
        services=["voice"],
        scope=[scope],
        subscribers_affected=300,
        failed_attempts=450,
        missing_attempts=0.0,
    )
    return Incident(
        id="2026-03-10-ca",
        title="Calls failing in California",
        time_zone="America/Los_Angeles",
        discovered_at=start,
        windows=[window],
    )


def _write(tmp_path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "incident.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_record_round_trips(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = dump_incident(_record(), tmp_path / "incident.yaml")
    assert load_incident(path) == _record()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ((r"^title: .*$", "title: Calls \u202e failing"), r"control character U\+202E"),
        ((r"failure_rate: 0\.45", "failure_rate: .nan"), "finite"),
        ((r"subscribers_affected: 300", "subscribers_affected: -3"), "not negative"),
        ((r"(end: ')2026-03-10T23", r"\g<1>2026-03-10T20"), "is not after start"),
    ],
)
def test_impossible_or_hostile_values_are_refused(tmp_path, change, message) -> None:  # type: ignore[no-untyped-def]
    text = incident_yaml(_record())
    bad = re.sub(change[0], change[1], text, count=1, flags=re.M)
    assert bad != text
    with pytest.raises(InputError, match=message) as err:
        load_incident(_write(tmp_path, bad))
    assert str(err.value).startswith(f"{tmp_path / 'incident.yaml'}:")  # names the file and line


def test_a_discovery_in_the_future_and_endless_text_are_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = incident_yaml(_record())
    far = "discovered_at: '2999-12-31T23:59:59+00:00'"
    future = re.sub(r"^discovered_at: .*$", far, text, flags=re.M)
    with pytest.raises(InputError, match="in the future"):
        load_incident(_write(tmp_path, future))
    long_title = re.sub(r"^title: .*$", "title: " + "x" * 201, text, flags=re.M)
    with pytest.raises(InputError, match="title"):
        load_incident(_write(tmp_path, long_title))
    long_symptom = re.sub(r"^symptom: .*$", "symptom: " + "y" * 5001, text, flags=re.M)
    with pytest.raises(InputError, match="5,000"):
        load_incident(_write(tmp_path, long_symptom))


def test_a_window_time_written_without_a_zone_is_utc(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A window's start written without a zone (its end with one) is read as UTC, not refused
    with a comparison error, and the outage starts at that instant."""
    text = incident_yaml(_record())
    naive = re.sub(r"(start: ')2026-03-10T21:11:00\+00:00", r"\g<1>2026-03-10T20:00:00", text)
    assert naive != text
    record = load_incident(_write(tmp_path, naive))
    assert record.started_at == datetime(2026, 3, 10, 20, 0, tzinfo=UTC)
    assert record.windows[0].end == datetime(2026, 3, 10, 23, 11, tzinfo=UTC)
