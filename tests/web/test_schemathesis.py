"""Schemathesis against the server's own OpenAPI schema: every documented public and admin
route of the real ASGI app over a real SQLite store holding an open incident, with a valid
admin token. Every response must be no 500, conform to the schema (status code, content type,
headers, body) and come within a second; invalid data must be refused."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance
from tests.web.conftest import settings_for_tests
from tests.web.factories import incident, insert_statement

from amends.publish import operations as ops
from amends.store import open_store
from amends.web.app import create_app
from amends.web.auth import create_token

#: Examples per operation: with ~20 operations, a few minutes at most on two busy cores.
EXAMPLES = 30

# The schema is read from the app when the module is collected (Schemathesis parametrizes
# then), so the store and the app are made here too; the fixture below cleans them up.
_FOLDER = tempfile.TemporaryDirectory(prefix="amends-schemathesis-")
_STORE = open_store(f"sqlite:///{_FOLDER.name}/amends.db")
_INCIDENT = incident()
ops.save_incident(_STORE, _INCIDENT)
insert_statement(_STORE, _INCIDENT.id, "We are working on it.")
TOKEN = create_token(_STORE, "schemathesis")
APP = create_app(_STORE, settings=settings_for_tests())

schema = schemathesis.openapi.from_asgi(
    "/openapi.json",
    APP,
    config=SchemathesisConfig.from_dict({"checks": {"max_response_time": 1.0}}),
)


#: Operations whose bodies are validated beyond the schema (422 for schema-valid input is right).
SEMANTIC = {"/api/admin/incidents", "/api/admin/incidents/{incident_id}/statements"}


@pytest.fixture(scope="module", autouse=True)
def _cleanup() -> Iterator[None]:
    yield
    _STORE.close()
    _FOLDER.cleanup()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_schema(case):
    # an incident record and a statement are judged beyond their JSON shape (the record's
    # validators, the statement check): a schema-valid one may rightly be refused with 422
    judged = case.path in SEMANTIC
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"},
        excluded_checks=[positive_data_acceptance] if judged else [],
    )
