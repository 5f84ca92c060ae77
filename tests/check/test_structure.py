"""Structural matches: each rule recognises what it asks for by the shape of the sentence (a verb
of repair with any subject, money taken off a bill, an outside party named as where a fault
began, a zone a few words after a time), not by one listed phrase. Our own sentences, none from
a corpus; the cases that say "still" guard the edges of the broader patterns."""

from __future__ import annotations

import pytest
from tests.check.helpers import rules

from amends.check.patterns import has_tz_time


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Your next bill will be £4 smaller; we'll apply it ourselves.", "en"),
        ("We are knocking $7 off the March bill of every affected line.", "en"),
        ("Each household gets one free week, added to their account automatically.", "en"),
        ("Descontaremos 2 euros de su próxima factura, sin que tenga que pedirlo.", "es"),
        ("Los clientes afectados recibirán 40 pesos en su cuenta, de forma automática.", "es"),
    ],
)
def test_compensation_by_its_effect_on_the_bill(text: str, locale: str) -> None:
    assert "repair" not in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    "text",
    [
        "By 30 June we will fit new batteries. Customers get a $10 credit.",
        "We'll take £5 off.",
        "Calls were cut off for an hour; we are sorry.",
    ],
)
def test_compensation_still_needs_an_amount_and_how_it_is_applied(text: str) -> None:
    assert "repair" in rules(text, "resolve")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The night crew swapped the failed fan tray.", "en"),
        ("A technician reinstated the earlier settings on the Hobart switch.", "en"),
        ("The faulty card was replaced within the hour.", "en"),
        ("Engineers began rerouting traffic around the damaged duct.", "en"),
        ("Los técnicos reinstalaron el programa anterior en la central.", "es"),
        ("Volvimos a la configuración anterior y la central arrancó.", "es"),
        ("Se corrigió el ajuste de la antena.", "es"),
    ],
)
def test_a_fix_with_any_subject(text: str, locale: str) -> None:
    assert "fix" not in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We fixed it.", "en"),
        ("We had not replaced the battery in years.", "en"),
        ("Service is back for everyone.", "en"),
        ("El servicio se restableció a las 10:00.", "es"),
    ],
)
def test_no_fix_in_an_outcome_a_bare_fixed_or_a_negated_repair(text: str, locale: str) -> None:
    assert "fix" in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("A cooling fan in our Leeds building stopped.", "en"),
        ("The overnight upgrade to our billing platform ran over.", "en"),
        ("A routing table we loaded was wrong.", "en"),
        ("I approved an untested change to the mobile core.", "en"),
        ("La avería se originó en la central de Vigo.", "es"),
        ("Se produjo un error en la configuración de las antenas.", "es"),
    ],
)
def test_a_cause_whatever_failed(text: str, locale: str) -> None:
    assert "cause" not in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    "text",
    [
        "Calls failed across Leeds.",
        "Mobile data stopped in Leeds.",
        "We are looking into what might be causing this.",
        "The cause was [CAUSE].",
    ],
)
def test_a_symptom_a_hedge_or_a_slot_is_no_cause(text: str) -> None:
    assert "cause" in rules(text, "resolve")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The failure began at the energy company's substation near our exchange.", "en"),
        ("The break was on the supplier's side, not ours.", "en"),
        ("This fault lies with the network of another carrier.", "en"),
        ("The damage was caused by their technicians.", "en"),
        ("El fallo comenzó en la red de otra empresa.", "es"),
    ],
)
def test_blame_by_where_the_fault_is_placed(text: str, locale: str) -> None:
    assert "blame" in rules(text, locale=locale)


@pytest.mark.parametrize(
    "text",
    ["The fault began at our own exchange.", "We chose the supplier, and the fault is ours."],
)
def test_a_fault_placed_at_home_is_not_blame(text: str) -> None:
    assert "blame" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "Calls failed from 06:10 on Friday to 09:55 on Saturday, UK time.",
        "From 11 p.m. on Monday until 4:30 a.m. Tuesday, Mountain time, texts failed.",
        "Desde las 8:00 (hora de la Ciudad de Panamá) no hay datos.",
        "Todas las horas son peninsulares. 7:40: fallan las llamadas.",
    ],
)
def test_a_zone_a_few_words_after_the_time(text: str) -> None:
    assert has_tz_time(text)


@pytest.mark.parametrize(
    "text",
    ["Calls failed from 9:40 near west London.", "Calls failed at 9:40. Call 1800 555 012."],
)
def test_a_zone_near_a_time_is_still_a_zone(text: str) -> None:
    assert not has_tz_time(text)


def test_a_start_time_left_as_a_slot_is_no_time() -> None:
    text = "Since [start time] AEST calls have failed. We expect them back by 3 PM AEST."
    assert "when" in rules(text)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("That was our own planning mistake.", "en"),
        ("I signed off the upgrade myself.", "en"),
        ("We had wired the spare up wrong.", "en"),
        ("La decisión fue mía.", "es"),
    ],
)
def test_ownership_in_a_chief_executives_words(text: str, locale: str) -> None:
    assert "ownership" not in rules(text, locale=locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We expect the lines to be stable again by 5 PM AEST.", "en"),
        ("Crews expect to finish by 8 PM ET.", "en"),
        ("Esperamos recuperar los datos antes de las 18:00.", "es"),
        ("Aún no podemos dar una hora porque seguimos buscando la avería.", "es"),
    ],
)
def test_an_estimate_in_any_words(text: str, locale: str) -> None:
    assert "eta" not in rules(text, locale=locale)


def test_empathy_after_we_know_but_not_about_the_cause() -> None:
    assert "empathy" not in rules("We know parents are waiting to hear from schools.")
    assert "empathy" in rules("We know where the fault is.")


def test_help_hours_and_numbers_as_written() -> None:
    assert "support" not in rules("Llame al 1004 a cualquier hora.", locale="es")
    assert "support" in rules("Last Tuesday calls failed. Visit example.com/help.")


def test_feedback_to_a_chief_executive() -> None:
    text = "Email me at boss@example.com and tell me what you think."
    assert "feedback" not in rules(text, "explain")


@pytest.mark.parametrize(
    ("text", "rule", "locale"),
    [
        ("No carrier is immune to weather like this.", "excuse", "en"),
        ("Every operator goes through outages.", "excuse", "en"),
        ("We invest heavily in our network.", "excuse", "en"),
        ("Es normal que a veces fallen las redes.", "excuse", "es"),
        ("We apologise for any trouble this might have caused.", "non-apology", "en"),
        ("Se produjo un fallo en la central.", "non-apology", "es"),
        ("Users who may have been affected should restart their modem.", "vague", "en"),
        ("Fewer than 3% of customers lost calls.", "minimise", "en"),
        ("El firmware del BNG falló.", "jargon", "es"),
    ],
)
def test_forbidden_wording_by_structure(text: str, rule: str, locale: str) -> None:
    assert rule in rules(text, locale=locale)


def test_a_plan_needs_a_change_not_a_review_of_everything() -> None:
    assert "prevention" in rules("By 31 May we will review our processes.", "resolve")
    assert "prevention" in rules("By 31 May we will [ACTION].", "resolve")
    assert "prevention" not in rules(
        "By 31 May we will add a second power feed to the exchange.", "resolve"
    )


def test_an_upper_bound_share_is_not_a_count() -> None:
    assert "who" in rules("Calls failed for less than 5% of our customers in Perth.")
