"""The incident record: validation errors that name the line and field, round trips, Eta, schema."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
import yaml

from amends.errors import InputError
from amends.impact.model import BaselineInfo, EventsSummary, ImpactReport, ScopeEntry, Window
from amends.incident import Eta, Incident, dump_incident, load_incident, parse_incident
from amends.incident.io import incident_yaml
from amends.incident.prefill import TODO, TODO_NOTES, prefill
from amends.incident.schema import incident_schema

DOCS_SCHEMA = Path(__file__).parents[2] / "docs" / "incident.schema.json"

MINIMAL = """\
id: 2026-03-10-ca
title: Calls failing in California
time_zone: America/Los_Angeles
discovered_at: 2026-03-10T14:20:00-07:00
"""


def _window(**over: object) -> Window:
    data: dict[str, object] = {
        "id": "w1",
        "kind": "failures",
        "start": datetime(2026, 3, 10, 21, 12, tzinfo=UTC),
        "end": datetime(2026, 3, 10, 23, 5, tzinfo=UTC),
        "duration_minutes": 113,
        "regions": ["CA", "ZZ"],
        "services": ["long_distance", "carrier_pigeon"],
        "scope": [
            ScopeEntry(
                region="CA",
                service="long_distance",
                attempts=100,
                failures=40,
                failure_rate=0.4,
                baseline_failure_rate=0.01,
                excess_failures=39.0,
                expected_attempts=101.0,
                ner=0.6,
            )
        ],
        "subscribers_affected": 37,
        "failed_attempts": 40,
        "missing_attempts": 0.0,
    }
    data.update(over)
    return Window.model_validate(data)


def _report() -> ImpactReport:
    return ImpactReport(
        windows=[_window()],
        events=EventsSummary(
            attempts=100,
            network_failures=40,
            start=None,
            end=None,
            minutes=0,
            regions=["CA"],
            services=["long_distance"],
            subscribers_with_failures=37,
        ),
        baseline=BaselineInfo(
            mode="auto",
            sources={},
            comparable_half_width_minutes=0,
            volume_reference_minutes=0,
            rate_reference_minutes=0,
            overall_failure_rate=0.0,
            method="test",
        ),
    )


def test_minimal_record_parses_with_defaults() -> None:
    inc = parse_incident(MINIMAL)
    assert inc.status == "investigating"
    assert inc.eta is None and inc.major is None
    assert inc.cause.category == "unknown" and not inc.cause.known


@pytest.mark.parametrize(
    ("extra", "line", "field"),
    [
        ("time_zone: Mars/Olympus\n", 3, "time_zone"),
        ("eta:\n  at: 2026-03-10T18:00:00\n", 6, "eta.at"),
        ("major: perhaps\n", 5, "major"),
        ("cause:\n  category: gremlins\n", 6, "cause.category"),
        ("support:\n- kind: phone\n  contact: '611'\n", 6, "support[0].hours"),
        ("colour: blue\n", 5, "colour"),
    ],
)
def test_errors_name_file_line_and_field(extra: str, line: int, field: str) -> None:
    text = MINIMAL + extra
    if extra.startswith("time_zone"):
        text = MINIMAL.replace("time_zone: America/Los_Angeles\n", extra)
    with pytest.raises(InputError) as info:
        parse_incident(text, source="inc.yaml")
    msg = str(info.value)
    assert msg.startswith(f"inc.yaml:{line}: ")
    assert f"field {field}" in msg


def test_yaml_syntax_error_names_line() -> None:
    with pytest.raises(InputError, match=r"^inc.yaml:3: not valid YAML"):
        parse_incident("id: x\ntitle: y\n  bad: [\n", source="inc.yaml")


def test_missing_file_says_how_to_create(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="amends incident init"):
        load_incident(tmp_path / "nope.yaml")


def test_eta_and_major_round_trip(tmp_path: Path) -> None:
    inc = parse_incident(MINIMAL).model_copy(
        update={
            "major": True,
            "eta": Eta(
                earliest=datetime(2026, 3, 10, 23, 0, tzinfo=UTC),
                latest=datetime(2026, 3, 11, 1, 0, tzinfo=UTC),
                confidence=0.8,
                basis="8 of the last 10 fiber cuts were repaired within 4 hours",
                source="estimate",
            ),
        }
    )
    path = dump_incident(inc, tmp_path / "inc.yaml")
    back = load_incident(path)
    assert back == inc
    assert back.eta is not None and back.eta.confidence == 0.8


def test_eta_rejects_naive_time_and_bad_confidence() -> None:
    with pytest.raises(ValueError, match="time zone offset"):
        Eta(at=datetime(2026, 3, 10, 18, 0))
    with pytest.raises(ValueError):
        Eta(confidence=1.5)


def test_text_uses_translations_for_other_locales() -> None:
    inc = parse_incident(
        MINIMAL + "symptom: silence\nlocales: [en, es]\n"
        "translations:\n  es:\n    symptom: silencio\n"
    )
    assert inc.text("symptom", inc.symptom, "en") == "silence"
    assert inc.text("symptom", inc.symptom, "es-MX") == "silencio"
    assert inc.text("cause.description", "x", "es") is None


def test_prefill_fills_measured_facts_and_marks_the_rest() -> None:
    import pyarrow as pa

    plans = pa.table(
        {
            "subscriber": ["a", "b", "c"],
            "home_region": ["CA", "CA", "ZZ"],
            "time_zone": ["America/Los_Angeles"] * 2 + ["Pacific/Auckland"],
        }
    )
    inc = prefill(_report(), plans=plans, locales=["en", "es"])
    assert inc.customers_affected == 37
    assert inc.regions["CA"].name == "California"
    assert inc.regions["CA"].services_total == 2
    assert inc.regions["ZZ"].time_zone == "Pacific/Auckland"
    assert TODO in inc.regions["ZZ"].name  # unknown code: a person must name it
    assert inc.services["long_distance"] == "long-distance calls"
    assert TODO in inc.services["carrier_pigeon"]
    assert inc.translations["es"]["services.long_distance"] == "las llamadas de larga distancia"
    text = incident_yaml(inc, notes=TODO_NOTES)
    assert "# TODO(person): what customers saw" in text
    assert "# CHECK(person):" in text
    assert parse_incident(text) == inc  # comments are only comments


def test_schema_in_docs_is_current_and_validates_records() -> None:
    schema = incident_schema()
    assert json.loads(DOCS_SCHEMA.read_text(encoding="utf-8")) == schema, (
        "docs/incident.schema.json is stale: "
        "run `amends incident schema -o docs/incident.schema.json`"
    )
    record = yaml.safe_load(incident_yaml(prefill(_report())))
    jsonschema.validate(record, schema)
    record["cause"] = {"category": "gremlins"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)


def test_incident_model_forbids_unknown_fields() -> None:
    with pytest.raises(ValueError):
        Incident.model_validate({**yaml.safe_load(MINIMAL), "colour": "blue"})
