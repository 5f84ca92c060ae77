"""The incident record's JSON Schema, for editors (YAML language servers) and validators."""

from __future__ import annotations

from typing import Any

from amends.incident.model import Incident

SCHEMA_ID = "https://amends.example/schemas/incident.schema.json"


def incident_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of an incident file, generated from the Pydantic model."""
    schema = Incident.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
