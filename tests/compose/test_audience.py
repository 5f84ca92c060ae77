"""Audiences: customers (the default, second person, unchanged) and public (third person about
the customers affected, still 'we' owning it); names, validation and the free-text rewrite."""

from __future__ import annotations

import pytest
from tests.compose.records import fixed_incident, now_for

from amends.compose import AUDIENCES, draft
from amends.compose.audience import registry, third_person
from amends.compose.draft import draft_name
from amends.errors import InputError


def test_default_audience_is_customers_and_unchanged() -> None:
    inc = fixed_incident("resolve")
    plain = draft(inc, "resolve", "web", "en", now=now_for("resolve"))
    explicit = draft(inc, "resolve", "web", "en", now=now_for("resolve"), audience="customers")
    assert plain.audience == "customers" and plain.text == explicit.text
    assert "You will see it on your next bill." in plain.text


@pytest.mark.parametrize("locale", ["en", "es"])
def test_public_speaks_about_customers_and_still_owns_it(locale: str) -> None:
    inc = fixed_incident("explain")
    d = draft(inc, "explain", "web", locale, now=now_for("explain"), audience="public")
    c = draft(inc, "explain", "web", locale, now=now_for("explain"))
    assert d.audience == "public" and d.text != c.text
    if locale == "en":
        assert d.subject == "We owe our customers an explanation: the outage in California"
        assert "We let our customers down, and we are sorry to everyone affected." in d.text
        assert "Affected customers will see it on their next bill." in d.text
        assert "This is our network and our responsibility." in d.text
        assert "3,321 customers in California" in d.text
        assert "owe you" not in d.text and "your trust" not in d.text
    else:
        assert "Les debemos una explicación a nuestros clientes." in d.text
        assert "Los clientes afectados lo verán en su próxima factura." in d.text
        assert "Le debemos" not in d.text
    assert not d.check.has_errors


def test_public_unknown_cause_promises_to_publish_it() -> None:
    inc = fixed_incident("acknowledge")
    assert not inc.cause.known
    d = draft(inc, "acknowledge", "email", "en", now=now_for("acknowledge"), audience="public")
    assert "We do not know the cause yet; we will publish it when we do." in d.text
    assert "We are sorry to everyone affected." in d.text
    assert "when you cannot reach" not in d.text
    assert not d.check.has_errors


def test_unknown_audience_is_refused() -> None:
    with pytest.raises(InputError, match="unknown audience 'press'"):
        draft(fixed_incident("resolve"), "resolve", "web", "en", audience="press")


def test_names_gain_the_audience_only_when_not_the_default() -> None:
    assert draft_name("resolve", "web", "en") == "resolve.web.en"
    assert draft_name("resolve", "web", "en", "customers") == "resolve.web.en"
    assert draft_name("resolve", "web", "en", "public") == "resolve.web.en.public"
    d = draft(fixed_incident("resolve"), "resolve", "sms", "es", audience="public")
    assert d.check.path == "resolve.sms.es.public"


def test_third_person_swaps_possessives_per_language() -> None:
    assert set(AUDIENCES) <= set(registry())
    assert third_person("on your next bill", "public", "en") == "on their next bill"
    assert third_person("Your credit is yours", "public", "en") == "Their credit is theirs"
    assert third_person("on your next bill", "customers", "en") == "on your next bill"
    assert third_person("yourself and younger", "public", "en") == "yourself and younger"
    assert third_person("en tu próxima factura", "public", "es") == "en su próxima factura"
    assert third_person("on your next bill", "public", "pt") == "on your next bill"


def test_public_rewrites_possessives_in_the_records_free_text() -> None:
    inc = fixed_incident("acknowledge").model_copy(
        update={"symptom": "your phone showed 'call failed'"}
    )
    now = now_for("acknowledge")
    public = draft(inc, "acknowledge", "web", "en", now=now, audience="public")
    customers = draft(inc, "acknowledge", "web", "en", now=now)
    assert "What callers noticed: their phone showed 'call failed'." in public.text
    assert "What callers noticed: your phone showed 'call failed'." in customers.text
