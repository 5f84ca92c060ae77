"""The record's regulatory fields: region remoteness, the regulatory contact and filings already
made; optional, validated, round-tripped, in the JSON Schema, and never in customer drafts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
import yaml

from amends.errors import InputError
from amends.incident import dump_incident, load_incident, parse_incident
from amends.incident.io import incident_yaml
from amends.incident.schema import incident_schema

BASE = """\
id: 2026-03-10-ca
title: Calls failing in California
time_zone: America/Los_Angeles
discovered_at: 2026-03-10T14:20:00-07:00
"""

FULL = (
    BASE
    + """\
regions:
  NT: {name: Katherine, time_zone: Australia/Darwin, remoteness: remote}
regulatory_contact: {name: Dana Ruiz, phone: "+1 415 555 0100"}
filings:
  - {regime: fcc-part4, obligation: notification, at: "2026-03-10T16:05:00-07:00"}
  - {regime: fcc-part4, obligation: initial-report, window: w2, at: "2026-03-12T09:00:00-07:00"}
"""
)


def test_new_fields_default_to_none_and_empty() -> None:
    inc = parse_incident(BASE)
    assert inc.regulatory_contact is None and inc.filings == []
    inc = parse_incident(BASE + "regions:\n  CA: {name: CA, time_zone: America/Los_Angeles}\n")
    assert inc.regions["CA"].remoteness is None


def test_regulatory_fields_parse_and_round_trip(tmp_path: Path) -> None:
    inc = parse_incident(FULL)
    assert inc.regions["NT"].remoteness == "remote"
    assert inc.regulatory_contact is not None and inc.regulatory_contact.phone == "+1 415 555 0100"
    assert [(f.obligation, f.window) for f in inc.filings] == [
        ("notification", None),
        ("initial-report", "w2"),
    ]
    assert inc.filings[0].at == datetime(2026, 3, 10, 23, 5, tzinfo=UTC)
    assert load_incident(dump_incident(inc, tmp_path / "incident.yaml")) == inc
    jsonschema.validate(yaml.safe_load(incident_yaml(inc)), incident_schema())


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ("regions:\n  NT: {name: K, time_zone: UTC, remoteness: bush}\n", "remoteness"),
        ("regulatory_contact: {name: Dana Ruiz}\n", "phone"),
        ("filings:\n  - {regime: fcc, obligation: notification, at: '2026-03-10T16:05'}\n", "at"),
        ("filings:\n  - {regime: fcc-part4, at: '2026-03-10T16:05:00-07:00'}\n", "obligation"),
    ],
)
def test_bad_regulatory_fields_are_one_line_errors_naming_the_field(extra: str, field: str) -> None:
    with pytest.raises(InputError) as err:
        parse_incident(BASE + extra, source="incident.yaml")
    message = str(err.value)
    assert "\n" not in message and field in message


def test_compose_drafts_are_unchanged_by_the_regulatory_fields() -> None:
    from tests.compose.records import fixed_incident, now_for

    from amends.compose import draft

    drafted = 0
    for stage in ("acknowledge", "resolve", "explain"):
        inc = fixed_incident(stage)
        regions = {
            k: v.model_copy(update={"remoteness": "regional"}) for k, v in inc.regions.items()
        }
        extra = parse_incident(FULL)
        marked = inc.model_copy(
            update={
                "regions": regions,
                "regulatory_contact": extra.regulatory_contact,
                "filings": extra.filings,
            }
        )
        for channel in ("web", "email", "sms"):
            plain = draft(inc, stage, channel, now=now_for(stage))
            d = draft(marked, stage, channel, now=now_for(stage))
            assert (d.subject, d.text, d.html) == (plain.subject, plain.text, plain.html)
            assert "555 0100" not in d.text and "Dana Ruiz" not in d.text
            drafted += 1
    assert drafted == 9
