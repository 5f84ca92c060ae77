"""API tokens managed from the console: created once (shown once), working on the admin API as
before, revoked at once, every change in the audit trail without the secret."""

from __future__ import annotations

import re

import httpx
from tests.console.conftest import TIMEOUT

from amends.store.audit import entries


def test_a_token_made_in_the_console_works_until_revoked(console):
    browser = console.browser()
    browser.login("admin")
    r = browser.post(
        "/console/tokens", data={"name": "status-bot", "scope": "read"} | {"csrf": browser.csrf()}
    )
    assert r.status_code == 201
    token = re.search(r'<code id="new-token">(amd_[^<]+)</code>', r.text).group(1)
    listing = browser.get("/console/tokens").text
    assert token not in listing and token[:8] in listing  # shown once, then only its start
    bearer = {"Authorization": f"Bearer {token}"}
    assert (
        httpx.get(f"{console.url}/api/admin/due", headers=bearer, timeout=TIMEOUT).status_code
        == 200
    )
    publish = httpx.post(
        f"{console.url}/api/admin/incidents", content="x", headers=bearer, timeout=TIMEOUT
    )
    assert publish.status_code == 401  # a read token cannot publish
    token_id = re.search(r'name="id" value="(\d+)"', listing).group(1)
    r = browser.post("/console/tokens/revoke", data={"id": token_id, "csrf": browser.csrf()})
    assert r.status_code == 303
    assert (
        httpx.get(f"{console.url}/api/admin/due", headers=bearer, timeout=TIMEOUT).status_code
        == 401
    )
    with console.store.connect() as conn:
        trail = [e for e in entries(conn) if e.object == f"token:{token_id}"]
    assert [(e.actor, e.action) for e in trail] == [
        ("admin", "token.revoke"),
        ("admin", "token.create"),
    ]
    assert trail[1].after == {
        "name": "status-bot",
        "prefix": token[:8],
        "scopes": ["read"],
        "revoked": False,
    }
    assert trail[0].after["revoked"] is True and token not in repr(trail)


def test_token_form_errors_are_shown_at_the_field(console):
    browser = console.browser()
    browser.login("admin")
    csrf = browser.csrf()
    r = browser.post("/console/tokens", data={"name": "", "scope": "root", "csrf": csrf})
    assert r.status_code == 422
    assert 'id="token-name-error"' in r.text and 'id="token-scope-error"' in r.text
    r = browser.post("/console/tokens/revoke", data={"id": "999", "csrf": csrf})
    assert r.status_code == 422 and "no token with id 999" in r.text
