"""The OpenAPI schema describes the real answers (what Schemathesis checks against), and the
answers Schemathesis found wrong are right: every error documented, a 405 that names every
method of its path, a body that is not JSON in UTF-8 is 422 like any other bad body."""

from __future__ import annotations

import httpx
from tests.web.conftest import settings_for_tests

from amends.web.app import create_app


def test_every_operation_documents_its_errors(sqlite_store):
    spec = create_app(sqlite_store, settings=settings_for_tests()).openapi()
    problem = {"$ref": "#/components/schemas/Problem"}
    admin = 0
    for path, item in spec["paths"].items():
        for method, op in item.items():
            codes = set(op["responses"])
            if path.startswith("/api/admin/"):
                admin += 1
                assert {"200", "401", "422"} <= codes, (method, path)
                assert op["responses"]["401"]["content"]["application/json"]["schema"] == problem
            if method == "post":
                assert "413" in codes, (method, path)
    assert admin == 16  # 10, the alert routes and the maintenance routes (two POSTs, one GET each)
    assert "401" in spec["paths"]["/admin/"]["get"]["responses"]
    body = spec["paths"]["/api/admin/incidents"]["post"]["requestBody"]
    assert body["required"] is True


def test_405_names_every_method_of_the_path(live_sqlite):
    r = httpx.request("PUT", f"{live_sqlite.url}/notify/unsubscribe/some-token")
    assert r.status_code == 405
    assert r.headers["allow"] == "GET, POST"


def test_a_body_that_is_not_json_in_utf8_is_422(live_sqlite):
    from amends.web.auth import create_token

    token = create_token(live_sqlite.store, "tests")
    r = httpx.post(
        f"{live_sqlite.url}/api/admin/affected-link",
        content=b"\xff)\x14",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert r.status_code == 422
    assert r.json()["detail"] == "request body: not JSON in UTF-8; send a JSON object"


def test_warm_up_reads_the_store_and_renders_the_home_page_before_any_request(sqlite_store):
    from amends.web.app import warm_up

    app = create_app(sqlite_store, settings=settings_for_tests(refresh_seconds=60.0))
    assert app.state.cache.fresh() is None
    warm_up(app)
    snap = app.state.cache.fresh()
    assert snap is not None and snap.rendered("")
