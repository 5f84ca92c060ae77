"""The workspace's pure parts: the facts form follows the record's schema, values go back into a
valid record or name the field they break, and findings are located in the text."""

from __future__ import annotations

from typing import get_args

import pytest
from tests.web.factories import incident

from amends.check import check_text
from amends.incident.model import Cause, CauseCategory, SupportChannel
from amends.publish import workspace as ws


def test_the_form_has_a_field_for_each_schema_field_a_person_supplies():
    record = incident(support=[])
    fields = {f.path: f for f in ws.fact_fields(record, ["support"])}
    for name in Cause.model_fields:
        assert f"cause.{name}" in fields
    for name in SupportChannel.model_fields:  # no entry yet: one empty row, needed and required
        assert fields[f"support.0.{name}"].needed and fields[f"support.0.{name}"].required
    category = fields["cause.category"]
    assert category.kind == "select" and category.choices == get_args(CauseCategory)
    assert category.value == "fiber_cut"
    assert fields["cause.contributing_factors"].kind == "lines"
    assert fields["major"].kind == "bool" and fields["next_update_at"].kind == "datetime"
    assert fields["regions.california.name"].value == "California"
    assert "windows" not in {p.split(".")[0] for p in fields}  # measured, not typed


def test_form_values_make_a_valid_record_or_name_the_broken_field():
    record = incident()
    updated = ws.apply_facts(
        record,
        {
            "cause.category": "power",
            "cause.contributing_factors": "we had one feed\n\nwe ...",
            "major": "yes",
            "support.1.kind": "",
            "support.1.contact": "",
            "support.1.hours": "",
        },
    )
    assert updated.cause.category == "power" and updated.major is True
    assert updated.cause.contributing_factors == ["we had one feed", "we ..."]
    assert len(updated.support) == 1  # the empty row adds nothing
    with pytest.raises(ws.FactErrors) as caught:
        ws.apply_facts(
            record, {"cause.category": "gremlins", "regions.california.time_zone": "Mars/Base"}
        )
    assert set(caught.value.errors) == {"cause.category", "regions.california.time_zone"}
    assert all("\n" not in m for m in caught.value.errors.values())


def test_findings_are_marked_where_they_are():
    text = "We are sorry for any inconvenience. Some customers lost calls."
    report = check_text(text, stage="acknowledge", fmt="text", channel="web", path="x")
    found, spans = ws.spans(text, report)
    assert "".join(s.text for s in spans) == text  # nothing lost or added
    marked = {found[s.finding]["rule"]: s.text for s in spans if s.finding is not None}
    assert "inconvenience" in marked.get("generic-apology", "")
    assert marked.get("vague", "").lower().startswith("some customers")


def test_the_stages_needing_approval_come_from_the_environment(monkeypatch):
    from amends.errors import InputError
    from amends.publish.operations import STAGES
    from amends.web.console.settings import ConsoleSettings

    monkeypatch.delenv("AMENDS_CONSOLE_APPROVAL_STAGES", raising=False)
    assert ConsoleSettings.from_env().approval_stages == frozenset(STAGES)  # default: all
    monkeypatch.setenv("AMENDS_CONSOLE_APPROVAL_STAGES", "none")
    assert ConsoleSettings.from_env().approval_stages == frozenset()
    monkeypatch.setenv("AMENDS_CONSOLE_APPROVAL_STAGES", "acknowledge, update")
    assert ConsoleSettings.from_env().approval_stages == {"acknowledge", "update"}
    monkeypatch.setenv("AMENDS_CONSOLE_APPROVAL_STAGES", "acknowledge,publish")
    with pytest.raises(InputError, match="AMENDS_CONSOLE_APPROVAL_STAGES: unknown stage 'publish'"):
        ConsoleSettings.from_env()
