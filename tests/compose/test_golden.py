"""Golden files: every stage x channel x locale on one fixed record, as reviewable text.

Regenerate after an intended change with
`AMENDS_UPDATE_GOLDEN=1 pytest tests/compose/test_golden.py` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.compose.records import fixed_incident, now_for

from amends.compose import CHANNELS, STAGES, Draft, draft
from amends.compose.draft import draft_name

GOLDEN = Path(__file__).parent / "golden"


def render(d: Draft) -> str:
    """A draft as the reviewable text the golden file holds."""
    head = [f"stage: {d.stage}", f"channel: {d.channel}", f"locale: {d.locale}"]
    if d.subject is not None:
        head.append(f"subject: {d.subject}")
    if d.segments is not None:
        head.append(f"segments: {d.segments} ({d.encoding})")
    head.append(f"check: score {d.check.score}, {len(d.check.findings)} finding(s)")
    return "\n".join(head) + "\n---\n" + d.text


@pytest.mark.parametrize("locale", ["en", "es"])
@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("stage", STAGES)
def test_golden(stage: str, channel: str, locale: str) -> None:
    d = draft(fixed_incident(stage), stage, channel, locale, now=now_for(stage))
    got = render(d)
    path = GOLDEN / f"{stage}.{channel}.{locale}.txt"
    if os.environ.get("AMENDS_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert path.is_file(), f"no golden file {path.name}: run with AMENDS_UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8")
    assert not d.check.has_errors


@pytest.mark.parametrize("locale", ["en", "es"])
@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("stage", STAGES)
def test_golden_public(stage: str, channel: str, locale: str) -> None:
    """The public audience (status page, social, press): `STAGE.CHANNEL.LOCALE.public.txt`."""
    d = draft(fixed_incident(stage), stage, channel, locale, now=now_for(stage), audience="public")
    assert d.audience == "public"
    got = render(d)
    path = GOLDEN / f"{draft_name(stage, channel, locale, 'public')}.txt"
    if os.environ.get("AMENDS_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert path.is_file(), f"no golden file {path.name}: run with AMENDS_UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8")
    assert not d.check.has_errors


@pytest.mark.parametrize("locale", ["en", "es"])
def test_golden_notice(locale: str) -> None:
    """One personal notice per locale (two failed calls, a credit), as the customer reads it."""
    from datetime import UTC, datetime

    import pyarrow as pa

    from amends.compose.notices import notices

    ts = pa.timestamp("us", tz="UTC")
    affected = pa.table(
        {
            "window": ["w1"],
            "subscriber": ["S00000042"],
            "region": ["CA"],
            "failed_attempts": [2],
            "first_failure": pa.array([datetime(2026, 3, 10, 21, 25, tzinfo=UTC)], ts),
            "last_failure": pa.array([datetime(2026, 3, 10, 22, 47, tzinfo=UTC)], ts),
        }
    )
    plans = pa.table(
        {"subscriber": ["S00000042"], "locale": [locale], "email": ["s00000042@example.com"]}
    )
    credits = pa.table({"subscriber": ["S00000042"], "amount": [3.5], "currency": ["USD"]})
    stage = "resolve"
    row = notices(
        fixed_incident(stage), affected, plans=plans, credits=credits, now=now_for(stage)
    ).to_pylist()[0]
    got = (
        f"channel: {row['channel']}\nrecipient: {row['recipient']}\ncredit: {row['credit']}\n"
        f"subject: {row['subject']}\n---\n{row['text']}"
    )
    path = GOLDEN / f"notice.{locale}.txt"
    if os.environ.get("AMENDS_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")
