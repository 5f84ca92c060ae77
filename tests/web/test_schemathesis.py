"""Schemathesis against the server's own OpenAPI schema: every documented public and admin
route of the real ASGI app over a real store holding an open incident (SQLite, and PostgreSQL
when AMENDS_TEST_POSTGRES_URL is set), with a valid admin token. Every response must be no
5xx, conform to the schema (status code, content type, headers, body) and come within a second;
invalid data must be refused."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance
from tests.web.conftest import settings_for_tests
from tests.web.factories import incident, insert_statement

from amends.publish import operations as ops
from amends.store import open_store
from amends.store.testing import postgres_base_url, postgres_schema_url
from amends.web.app import create_app, warm_up
from amends.web.auth import create_token

#: Examples per operation: 32 operations per backend, a few minutes at most on two busy cores.
EXAMPLES = 100

#: Operations whose bodies are validated beyond the schema (422 for schema-valid input is right).
SEMANTIC = {
    "/api/admin/incidents",
    "/api/admin/incidents/{incident_id}/statements",
    "/api/admin/publications",  # the record inside it, as /api/admin/incidents
    "/api/admin/alerts/alertmanager",
    "/api/admin/alerts/generic",
    "/api/admin/maintenances",  # its components must exist
}

# Schemathesis parametrizes when the module is collected, so the stores and apps are made here;
# the fixture below closes them (and drops the PostgreSQL schema).
_OPENED = contextlib.ExitStack()
_URLS = {"sqlite": f"sqlite:///{_OPENED.enter_context(tempfile.TemporaryDirectory())}/a.db"}
if (_BASE := postgres_base_url()) is not None:
    _URLS["postgresql"] = _OPENED.enter_context(postgres_schema_url(_BASE))


def _site(url: str) -> tuple[Any, str]:
    """The app over a store at `url` with one open incident and a statement, and a token."""
    store = _OPENED.enter_context(open_store(url, create=True))
    inc = incident()
    ops.save_incident(store, inc)
    insert_statement(store, inc.id, "We are working on it.")
    # production's refresh interval (writes through the app are seen at once all the same) and
    # its warm-up: what `amends serve` does before it takes requests
    app = create_app(store, settings=settings_for_tests(refresh_seconds=2.0))
    warm_up(app)
    return app, create_token(store, "schemathesis")


_SITES = {name: _site(url) for name, url in _URLS.items()}
#: The admin token of each app (by the app's identity).
TOKENS = {id(app): token for app, token in _SITES.values()}
#: A guard against a request that hangs, not a timing assertion: under a loaded test machine a
#: healthy route has taken 4 s; speed is measured in bench/serve.py, not here.
_CONFIG = SchemathesisConfig.from_dict({"checks": {"max_response_time": 30.0}})


@pytest.fixture(scope="module", autouse=True)
def _close() -> Iterator[None]:
    yield
    _OPENED.close()


@schemathesis.pytest.parametrize(
    **{
        name: schemathesis.openapi.from_asgi("/openapi.json", app, config=_CONFIG)
        for name, (app, _token) in _SITES.items()
    }
)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_schema(case):
    # an incident record and a statement are judged beyond their JSON shape (the record's
    # validators, the statement check): a schema-valid one may rightly be refused with 422
    judged = case.path in SEMANTIC
    token = TOKENS[id(case.operation.schema.app)]
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        excluded_checks=[positive_data_acceptance] if judged else [],
    )
