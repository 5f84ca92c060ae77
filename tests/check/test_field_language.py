"""The language of real statements (docs/field-study.md); the cases that name a pattern failed
before issue 19, the cases that say "not" or "stays" guard against the broader patterns."""

from __future__ import annotations

import pytest
from tests.check.helpers import rules

from amends.check.patterns import has_tz_time
from amends.check.readability import words


@pytest.mark.parametrize(
    "text",
    [
        "Calls failed from 4:30 a.m. Eastern time.",
        "Calls failed from 9am Sydney time.",
        "Calls failed from 1:15pm Australian Eastern Standard Time.",
        "Calls failed from 10:50 AM AT.",
        "All times are in UTC. 09:47: calls failed.",
        "Summary (times are GMT). 15:02: broadband stopped.",
        "Update (all times Pacific). Since 9:05 a.m. calls fail.",
        "Las llamadas fallan desde las 9:48 (hora peninsular).",
        "Las llamadas fallan desde las 11:05 (hora del centro de México).",
    ],
)
def test_zones_as_people_write_them(text: str) -> None:
    assert has_tz_time(text)


@pytest.mark.parametrize(
    "text", ["Calls failed from 9:40 this morning.", "We will be back at 4 PM next time."]
)
def test_no_zone_stays_no_zone(text: str) -> None:
    assert not has_tz_time(text)


def test_at_is_a_zone_only_in_capitals() -> None:
    assert not has_tz_time("Calls returned at 4 PM at our site.")


@pytest.mark.parametrize(
    "text",
    [
        "The outage was caused by an issue with one of our vendor partners.",
        "The fault is in the wholesale network we buy access from.",
        "It was caused by a fault in another operator's network.",
        "The outage was triggered by routing changes received from a peering network.",
        "La caída se debió a un fallo de nuestro proveedor de servicios en la nube.",
    ],
)
def test_blame_without_the_word(text: str) -> None:
    locale = "es" if "caída" in text else "en"
    assert "blame" in rules(text, locale=locale)


def test_naming_a_cause_we_own_is_not_blame() -> None:
    assert "blame" not in rules(
        "A construction crew cut a fibre cable, and we had no second route."
    )


@pytest.mark.parametrize(
    "text",
    [
        "It was a short outage.",
        "Some customers may see a temporary loss of service.",
        "A relatively small pocket of customers lost TV.",
        "It was not a nationwide outage.",
        "Most outages are resolved quickly, within a few hours.",
    ],
)
def test_harm_made_small(text: str) -> None:
    assert "minimise" in rules(text)


def test_temporary_fix_is_not_minimising() -> None:
    assert "minimise" not in rules("Crews laid a temporary cable and calls returned.")


@pytest.mark.parametrize(
    "text",
    [
        "I am sorry.",
        "I apologise.",
        "We would like to apologise for the disruption our customers had today.",
        "We want to apologize to everyone who relies on us.",
    ],
)
def test_apologies_in_the_first_person(text: str) -> None:
    found = rules(text)
    assert "apology" not in found and "generic-apology" not in found


@pytest.mark.parametrize("text", ["Les pido disculpas.", "Ofrecemos disculpas.", "Lo siento."])
def test_spanish_apologies(text: str) -> None:
    assert "apology" not in rules(text, locale="es")


def test_generic_apology_across_a_line_break() -> None:
    found = rules("We apologise for\nany inconvenience caused.")
    assert {"generic-apology", "apology"} <= found


def test_disculpad_las_molestias_is_generic() -> None:
    assert "generic-apology" in rules("Disculpad las molestias.", locale="es")


def test_spanish_incidencia_is_vague_only_without_the_facts() -> None:
    assert "vague" in rules("Trabajamos en una incidencia con el fijo.", locale="es")
    assert "vague" not in rules(
        "Fue una incidencia breve: unos 30.000 clientes no pudieron navegar.", locale="es"
    )


@pytest.mark.parametrize(
    "text",
    [
        "ETA: 6 PM CT.",
        "We expect full service by 6pm BST.",
        "We expect calls to work by 12:30 p.m.",
    ],
)
def test_estimates(text: str) -> None:
    assert "eta" not in rules(text)


def test_spanish_estimate_beside_the_next_update() -> None:
    text = (
        "Esperamos restablecer el servicio a las 11:30 a.m. Próxima actualización a las 10:30 a.m."
    )
    assert "eta" not in rules(text, locale="es")


def test_a_cause_in_engineering_terms_alone_is_not_plain() -> None:
    text = "A BGP misconfiguration on our core router caused a failover."
    assert "cause" in rules(text, stage="resolve")
    assert "cause" not in rules("A router we updated failed under load.", stage="resolve")


def test_a_credit_with_an_amount_but_no_date_is_incomplete() -> None:
    assert "repair" in rules("Affected customers can redeem a $20 credit in our app.", "resolve")
    assert "repair" not in rules(
        "Every customer gets a credit of 10% of June's bill, applied to the July invoice "
        "automatically.",
        "resolve",
    )


def test_the_outage_times_are_not_opening_hours() -> None:
    text = "Calls failed from 15:40 to 21:45 UTC. Tell us what you think at example.com/feedback."
    assert "support" in rules(text)


def test_words_are_counted_as_written() -> None:
    assert len(words("From 4:05am, about 200GB and 10% of a.m. traffic")) == 9
