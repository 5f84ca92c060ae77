"""The gate: every draft of every stage, channel and locale passes `amends check` with no error,
over the simulator's scenarios run through `amends impact`; major outages also pass ACMA."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from tests.compose.conftest import SCENARIO_NAMES
from tests.compose.records import record_for

from amends.check import check_text
from amends.compose import CHANNELS, STAGES, draft
from amends.incident import Eta

LOCALES = ("en", "es")
AUDIENCES = ("customers", "public")


def _errors(d: object) -> list[str]:
    report = d.check  # type: ignore[attr-defined]
    return [f"{f.rule}: {f.message}" for f in report.findings if f.severity == "error"]


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("scenario", SCENARIO_NAMES)
@pytest.mark.parametrize("stage", STAGES)
def test_every_draft_passes_the_check(
    impact_dir: Callable[[str], Path], scenario: str, stage: str, audience: str
) -> None:
    record, now = record_for(impact_dir(scenario), stage)
    for channel in CHANNELS:
        for locale in LOCALES:
            d = draft(record, stage, channel, locale, now=now, audience=audience)  # type: ignore[arg-type]
            assert d.check.stage == stage and d.check.channel == channel
            assert d.audience == audience
            assert not _errors(d), (scenario, stage, channel, locale, _errors(d), d.text)
            assert d.text.strip()
            again = check_text(
                d.text,
                stage=stage,
                channel=channel,
                locale=locale,
                fmt="markdown" if channel == "web" else "text",
            )
            assert not again.has_errors, (audience, stage, channel, locale)


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("stage", ["acknowledge", "update"])
def test_major_outage_passes_acma_profile(
    impact_dir: Callable[[str], Path], stage: str, audience: str
) -> None:
    record, now = record_for(impact_dir("demo"), stage)
    record = record.model_copy(update={"major": True})
    for channel in CHANNELS:
        for locale in LOCALES:
            d = draft(record, stage, channel, locale, now=now, audience=audience)  # type: ignore[arg-type]
            assert not _errors(d), (stage, channel, locale, _errors(d))
            again = check_text(
                d.text,
                stage=stage,
                channel=channel,
                locale=locale,
                fmt="markdown" if channel == "web" else "text",
                profile="acma-major-outage",
            )
            assert not again.has_errors


def test_major_outage_caps_the_default_update_interval(impact_dir: Callable[[str], Path]) -> None:
    """With an 8-hour interval, a major outage still promises an update within 6 hours (ACMA's
    cadence, read from the profile); a non-major one keeps the 8 hours."""
    from amends.compose.facts import next_update_time

    record, now = record_for(impact_dir("demo"), "update")
    slow = record.model_copy(update={"update_interval_minutes": 8 * 60})
    assert next_update_time(slow, now) - now >= timedelta(hours=8)
    major = slow.model_copy(update={"major": True})
    gap = next_update_time(major, now) - now
    assert timedelta(hours=5, minutes=55) < gap <= timedelta(hours=6)
    later = now + timedelta(hours=30)  # after the first 24 hours: at least every 24 hours
    assert next_update_time(major, later) - later <= timedelta(hours=8)
    d = draft(major, "update", "web", "en", now=now)
    assert not d.check.has_errors


def test_eta_range_with_basis_passes(impact_dir: Callable[[str], Path]) -> None:
    record, now = record_for(impact_dir("east-ongoing"), "update")
    start = record.started_at
    assert start is not None
    record = record.model_copy(
        update={
            "eta": Eta(
                earliest=start + timedelta(hours=2),
                latest=start + timedelta(hours=5),
                confidence=0.8,
                basis="8 of the last 10 power failures were fixed within 5 hours",
                source="estimate",
            )
        }
    )
    for locale in LOCALES:
        for channel in CHANNELS:
            for audience in AUDIENCES:
                d = draft(record, "update", channel, locale, now=now, audience=audience)  # type: ignore[arg-type]
                assert not _errors(d), (channel, locale, audience, _errors(d))
    en = draft(record, "update", "web", "en", now=now)  # type: ignore[arg-type]
    assert "We expect service to be restored between" in en.text
    assert "80% sure" in en.text
