"""The Statuspage-compatible API and the public pages on a real uvicorn server: every /api/v2
document validates against Statuspage's shapes, and writes show up at once."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
import jsonschema
from tests.web.factories import START, incident, insert_statement
from tests.web.statuspage_schemas import SCHEMAS

from amends.incident import Fixes
from amends.publish import operations as ops
from amends.publish.statuspage import DOCUMENTS


def _seed(store) -> str:
    inc = incident()
    ops.save_incident(store, inc)
    insert_statement(store, inc.id, "We are sorry: calls fail in **California**.")
    insert_statement(
        store,
        inc.id,
        "We found the cut cable.",
        stage="update",
        status="identified",
        at=START + timedelta(hours=1),
    )
    insert_statement(store, inc.id, "Lo sentimos: las llamadas fallan.", locale="es")
    past = incident(
        "2026-01-05-tx-power", ongoing=False, title="Calls failed in Texas", fixes=Fixes()
    )
    ops.save_incident(store, past)
    insert_statement(store, past.id, "Service is back.", stage="resolve", status="resolved")
    return inc.id


def test_every_api_document_matches_statuspage_schema(live):
    _seed(live.store)
    with httpx.Client(base_url=live.url) as c:
        for name in DOCUMENTS:
            r = c.get(f"/api/v2/{name}")
            assert r.status_code == 200, name
            assert r.headers["content-type"].startswith("application/json")
            assert r.headers["access-control-allow-origin"] == "*"
            jsonschema.Draft202012Validator(
                SCHEMAS[name], format_checker=jsonschema.FormatChecker()
            ).validate(r.json())
            _times_parse(r.json())
    assert set(SCHEMAS) == set(DOCUMENTS)


def _times_parse(node: object) -> None:
    """Every *_at field is null or an ISO 8601 time with an offset (as Statuspage sends)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("_at") and value is not None:
                assert datetime.fromisoformat(value).tzinfo is not None, (key, value)
            _times_parse(value)
    elif isinstance(node, list):
        for item in node:
            _times_parse(item)


def test_summary_reports_the_outage_and_updates_newest_first(live):
    inc_id = _seed(live.store)
    doc = httpx.get(f"{live.url}/api/v2/summary.json").json()
    assert doc["status"] == {"indicator": "critical", "description": "Major System Outage"}
    comps = {c["id"]: c["status"] for c in doc["components"]}
    # 70 % of calls failed (major outage), 11 % of texts (partial outage)
    assert comps == {"voice:california": "major_outage", "sms:california": "partial_outage"}
    assert [i["id"] for i in doc["incidents"]] == [inc_id]
    updates = doc["incidents"][0]["incident_updates"]
    assert [u["status"] for u in updates] == ["identified", "investigating"]
    assert updates[1]["body"] == "We are sorry: calls fail in **California**."
    voice = [
        c for u in updates for c in u["affected_components"] if c["code"] == "voice:california"
    ]
    assert [(c["old_status"], c["new_status"]) for c in voice] == [
        ("major_outage", "major_outage"),
        ("operational", "major_outage"),
    ]
    everything = httpx.get(f"{live.url}/api/v2/incidents.json").json()
    assert {i["id"] for i in everything["incidents"]} == {inc_id, "2026-01-05-tx-power"}


def test_resolving_through_the_admin_api_shows_at_once(live, token):
    inc_id = _seed(live.store)
    assert httpx.get(f"{live.url}/api/v2/incidents/unresolved.json").json()["incidents"]
    r = httpx.post(
        f"{live.url}/api/admin/incidents/{inc_id}/resolve",
        headers={"Authorization": f"Bearer {token}"},
        json={"restored_at": (START + timedelta(hours=3)).isoformat()},
    )
    assert r.status_code == 200, r.text
    assert httpx.get(f"{live.url}/api/v2/incidents/unresolved.json").json()["incidents"] == []
    status = httpx.get(f"{live.url}/api/v2/status.json").json()["status"]
    assert status == {"indicator": "none", "description": "All Systems Operational"}
    comps = httpx.get(f"{live.url}/api/v2/components.json").json()["components"]
    assert {c["status"] for c in comps} == {"operational"}


def test_pages_in_each_locale_and_etag(live):
    inc_id = _seed(live.store)
    with httpx.Client(base_url=live.url) as c:
        home = c.get("/")
        assert home.status_code == 200
        assert '<html lang="en">' in home.text
        assert "Calls and texts failing in California" in home.text
        es = c.get(f"/es/incidents/{inc_id}/")
        assert '<html lang="es">' in es.text
        assert "Lo sentimos: las llamadas fallan." in es.text
        assert "Cronología" in es.text  # chrome translated
        assert "script-src" not in home.headers["content-security-policy"]
        assert "default-src 'none'" in home.headers["content-security-policy"]
        again = c.get("/", headers={"If-None-Match": home.headers["etag"]})
        assert again.status_code == 304
        assert c.get(f"/incidents/{inc_id}").status_code == 308
        assert c.get("/incidents/nope/").status_code == 404
        assert c.get("/fixes/").text.count("Add a second fiber route") == 1


def test_no_subscriber_data_on_any_public_path(live):
    """Subscriber ids, phone numbers and per-customer figures never reach public paths."""
    from decimal import Decimal

    from sqlalchemy import insert
    from tests.web.factories import SECRET_SUBSCRIBER

    from amends.store import schema as s
    from amends.web.render import PublicSite

    inc_id = _seed(live.store)
    with live.store.begin() as conn:
        conn.execute(
            insert(s.subscribers).values(
                subscriber=SECRET_SUBSCRIBER, phone="+15555550123", email="x@example.com"
            )
        )
        conn.execute(
            insert(s.ledger).values(
                run_id="r1",
                incident_id=inc_id,
                subscriber=SECRET_SUBSCRIBER,
                window_id="w1",
                policy_id="p",
                policy_version="1",
                amount=Decimal("987.65"),
                currency="USD",
                unit="cash",
                inputs='{"failed_attempts": 4321}',
            )
        )
    snap = live.app.state.cache.current()  # type: ignore[attr-defined]
    assert isinstance(snap.site, PublicSite)
    with httpx.Client(base_url=live.url) as c:
        for path in snap.site.paths():
            body = c.get("/" + path).text
            for secret in (SECRET_SUBSCRIBER, "5555550123", "987.65", "4321", "x@example.com"):
                assert secret not in body, (path, secret)


def test_personal_figures_are_one_customers_own(store):
    from decimal import Decimal

    from sqlalchemy import insert

    from amends.store import schema as s
    from amends.web.personal import personal_figures

    inc_id = _seed(store)
    with store.begin() as conn:
        for sub, amount, failed in (("sub-1", "12.50", 7), ("sub-2", "99.00", 40)):
            conn.execute(insert(s.subscribers).values(subscriber=sub, locale="es"))
            conn.execute(
                insert(s.ledger).values(
                    run_id="r1",
                    incident_id=inc_id,
                    subscriber=sub,
                    window_id="w1",
                    policy_id="p",
                    policy_version="1",
                    amount=Decimal(amount),
                    currency="EUR",
                    unit="cash",
                    inputs=f'{{"failed_attempts": {failed}}}',
                )
            )
    mine = personal_figures(store, inc_id, "sub-1")
    assert mine is not None
    assert (mine.subscriber, mine.failed_calls, mine.locale) == ("sub-1", 7, "es")
    assert mine.credits == ["12,50\xa0€"]
    assert personal_figures(store, inc_id, "nobody") is None


def test_record_text_is_shown_in_each_locale(live):
    """Free text of the record (title, service and area names, fixes, factors) appears in the
    page's locale when the record has a translation, else in its own language."""
    es = {
        "title": "Fallan las llamadas y los mensajes en California",
        "services.voice": "Llamadas",
        "fixes.long_term[0].what": "Añadir una segunda ruta de fibra",
        "cause.contributing_factors[0]": "no teníamos un segundo cable en esa ruta",
    }
    inc = incident(translations={"es": es})
    ops.save_incident(live.store, inc)
    insert_statement(live.store, inc.id, "Lo sentimos.", locale="es")
    with httpx.Client(base_url=live.url) as c:
        page = c.get(f"/es/incidents/{inc.id}/").text
        home = c.get("/es/").text
        fixes = c.get("/es/fixes/").text
        explain = c.get(f"/es/incidents/{inc.id}/explanation/").text
        english = c.get(f"/incidents/{inc.id}/").text
    assert es["title"] in page and "Llamadas — California" in page
    assert es["fixes.long_term[0].what"] in page and es["fixes.long_term[0].what"] in fixes
    assert "Llamadas — California" in home and es["title"] in home
    assert es["cause.contributing_factors[0]"] in explain
    assert "Text messages — California" in page  # untranslated: the original
    assert es["title"] not in english and "Phone calls — California" in english
