"""Twentieth round (issue 19, the patterns tuned on the twenty-seventh and twenty-eighth blind
sets): what food delivery, card terminals, telehealth, a campus and sign-in codes count and fail
at; fixes our crews made with a generator or by moving traffic; compensation given already, as a
coupon or an extension; a date given by an event; a template whose cause is still a slot; blame,
excuses and minimising in these services' words. Each case is our own sentence, none from a
corpus; each group has near misses the rules must not take. The patterns are tested alone
(`learned = false`): the learned reading has its own tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


# ---------------------------------------------------------------- who
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("About 5,200 orders in Wexford failed at checkout.", "en"),
        ("Card terminals at 840 merchants in Tralee declined every card.", "en"),
        ("Video visits failed for 2,700 patients in Sligo.", "en"),
        ("Calls dropped for about 30,000 of our customers at the Ballymore stadium.", "en"),
        ("Unos 3.400 pedidos de Soria no se pudieron pagar.", "es"),
        ("1.900 pacientes de Ávila no pudieron entrar en su videoconsulta.", "es"),
    ],
)
def test_who_counts_orders_patients_and_merchants(text: str, locale: str) -> None:
    assert not _fires("who", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("About 840 merchants could not take cards.", "en"),
        ("Probaremos cada versión en 30 modelos de teléfonos de Soria.", "es"),
    ],
)
def test_who_near_misses(text: str, locale: str) -> None:
    assert _fires("who", text, locale)


# ---------------------------------------------------------------- what
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("No one on the Tralee campus could sign in to email on Monday.", "en"),
        ("Customers in Wexford were unable to place orders from 6pm.", "en"),
        ("Card terminals in Sligo declined contactless payments all morning.", "en"),
        ("Sign-in codes to Irish mobiles are still late or missing.", "en"),
        ("Online play is down for players in Cork.", "en"),
        ("Video appointments in Ennis are working again.", "en"),
        ("Las terminales de Soria rechazaron los pagos con tarjeta.", "es"),
        ("La app no muestra restaurantes en Ávila desde las 13:00.", "es"),
        ("Las videoconsultas funcionan con normalidad desde las 12:50.", "es"),
        ("La app ya funciona con normalidad.", "es"),
    ],
)
def test_what_failed_is_told(text: str, locale: str) -> None:
    assert not _fires("what", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Broadband in Ennis saw an intermittent unavailability of services.", "en"),
        ("Some had trouble with accounts; most transactions went through without a problem.", "en"),
        ("Los pagos desde la app ya funcionan para casi todos; algunos verán rechazos.", "es"),
        ("Hubo errores de autenticación en los canales digitales.", "es"),
    ],
)
def test_what_near_misses(text: str, locale: str) -> None:
    assert _fires("what", text, locale)


# ---------------------------------------------------------------- fix
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Our crew reached the mast at 4pm and ran it on a generator.", "en"),
        ("At 2:15 p.m. we failed card traffic over to our second processor.", "en"),
        ("Our team restored every account from Sunday's copy.", "en"),
        ("Calls were moved to a second carrier at 3:10 p.m.", "en"),
        ("A new signing certificate was issued at 13:20.", "en"),
        ("Nuestros técnicos pasaron los pagos a un segundo enlace.", "es"),
        ("A las 12:30 nuestro equipo sumó servidores.", "es"),
    ],
)
def test_the_fix_is_told(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Service was back the same afternoon.", "en"),
        ("Nuestro equipo envió un aviso a los clientes y dio prioridad a los hospitales.", "es"),
    ],
)
def test_fix_near_misses(text: str, locale: str) -> None:
    assert _fires("fix", text, locale)


# ---------------------------------------------------------------- repair
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("A $40 fee credit has been applied to every affected merchant's May statement.", "en"),
        ("Every affected account has a £12 credit, already added.", "en"),
        ("If your visit was missed, we have refunded its $60 fee to your card.", "en"),
        ("Every student gets a 3-day extension; you do not need to ask.", "en"),
        ("Cada cliente afectado recibió un cupón de 15 euros en la app.", "es"),
        ("Tendrá una bonificación de 900 pesos en su comisión, sin hacer trámites.", "es"),
    ],
)
def test_compensation_given_already(text: str, locale: str) -> None:
    assert not _fires("repair", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Every affected customer will get a coupon.", "en"),
        ("Cada cliente podrá pedir un cupón.", "es"),
    ],
)
def test_repair_near_misses(text: str, locale: str) -> None:
    assert _fires("repair", text, locale)


# ---------------------------------------------------------------- prevention
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Before the next match on 9 May, every mast will have its own cable.", "en"),
        ("Before the next home game on October 3, we will test both units.", "en"),
        ("Prevention:\nfrom 1 June, every change needs a second engineer.", "en"),
        ("Antes del partido del 14 de mayo, probaremos la antena a plena carga.", "es"),
        ("A partir\ndel 1 de junio, probaremos cada versión en 30 teléfonos.", "es"),
    ],
)
def test_a_change_dated_by_an_event(text: str, locale: str) -> None:
    assert not _fires("prevention", text, locale, stage="explain")


def test_prevention_near_miss_an_event_without_a_date() -> None:
    assert _fires("prevention", "Before the next match, we will test the masts.", stage="explain")


# ---------------------------------------------------------------- cause
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Broadband is back in Ennis. The fault was caused by [ROOT CAUSE]. We are sorry.", "en"),
        ("Volvió el servicio. [CAUSA]. Fue un error nuestro.", "es"),
        ("Service is back. This was caused by a technical problem with one of our systems.", "en"),
        ("La avería se produjo por un fallo técnico en uno de los equipos.", "es"),
    ],
)
def test_a_cause_not_told(text: str, locale: str) -> None:
    assert _fires("cause", text, locale)


def test_cause_near_miss_a_cause_told_beside_other_slots() -> None:
    text = "Dear [NAME], a power cut at our Ennis exchange stopped calls. We are sorry."
    assert not _fires("cause", text)


# ---------------------------------------------------------------- vague and minimise
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Some orders in Wexford might not be going through.", "en"),
        ("A number of merchants may have been affected.", "en"),
        ("A small number of students could not log in.", "en"),
        ("Service went down for some homes in Ennis.", "en"),
        ("An update on Monday's service disruption\n\nSome customers may have had no TV.", "en"),
        ("Algunos pacientes no pudieron entrar.", "es"),
    ],
)
def test_vague_counts(text: str, locale: str) -> None:
    assert _fires("vague", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        "About 4,100 homes in Ennis lost broadband, and some shops could not take cards.",
        "We know some businesses in Tralee lost a morning of trade.",
        "We apologise for any disruption\ncustomers may have experienced on Monday.",
    ],
)
def test_vague_near_misses(text: str) -> None:
    assert not _fires("vague", text)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("It only lasted about two hours.", "en"),
        ("Six hours may sound short, but we are sorry.", "en"),
        ("It was only one day, and storms are part of life here.", "en"),
        ("Only fans inside the ground are affected.", "en"),
        ("It should only be a quick repair.", "en"),
        ("El impacto fue acotado: solo el 4 % de los pagos.", "es"),
    ],
)
def test_minimise(text: str, locale: str) -> None:
    assert _fires("minimise", text, locale)


def test_minimise_near_miss() -> None:
    assert not _fires("minimise", "It lasted six hours, and we are sorry.")


# ---------------------------------------------------------------- blame and excuse
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The outage started in the network of the carrier we buy routes from.", "en"),
        ("The fault was in a cabinet installed by the estate's developer.", "en"),
        ("The update used a script written by an outside contractor.", "en"),
        ("We rely on a hosting company, and that company's servers lost power.", "en"),
        ("La causa fue una avería en el servidor de la empresa que nos presta el vídeo.", "es"),
        ("Una constructora rompió el cable sin pedir los planos, como es su obligación.", "es"),
    ],
)
def test_blame_without_the_word(text: str, locale: str) -> None:
    assert _fires("blame", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        "Our hosting company's servers lost power, and we had switched our standby off.",
        "We used a sign-in part supplied by an external developer; that is on us.",
    ],
)
def test_blame_near_misses(text: str) -> None:
    assert not _fires("blame", text)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Changes like this are complex, and sometimes things don't go to plan.", "en"),
        ("Carriers do this now and then, and there is little any sender can do.", "en"),
        ("Power cuts at data centres are extremely rare.", "en"),
        ("It is not something providers normally plan for.", "en"),
        ("Crowds this big push any network to its limit.", "en"),
        ("The fault was hard to catch in testing.", "en"),
        ("Fue un volumen atípico de pagos.", "es"),
        ("Es algo que ningún sistema puede prever del todo.", "es"),
    ],
)
def test_excuses(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale)


def test_excuse_near_miss_a_fact_about_waiting() -> None:
    text = "The power company cut our supply, so there is little we can do until they restore it."
    assert not _fires("excuse", text)


# ---------------------------------------------------------------- apology and empathy
@pytest.mark.parametrize(
    ("rule", "text", "locale"),
    [
        ("generic-apology", "TV is back in Cork. Sorry for the hassle!", "en"),
        ("non-apology", "Calls are back in Cork.\n\nSorry for the trouble.", "en"),
        ("non-apology", "El fijo ya funciona en Soria.\n\nDisculpen las molestias.", "es"),
    ],
)
def test_apologies_after_a_blank_line_or_for_the_hassle(rule: str, text: str, locale: str) -> None:
    assert _fires(rule, text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We know your help desks were swamped.", "en"),
        ("We know quizzes and essays were due today.", "en"),
        ("Some waited a long time while they were unwell.", "en"),
        ("Sus equipos de atención recibieron muchas llamadas.", "es"),
    ],
)
def test_empathy_for_what_it_cost(text: str, locale: str) -> None:
    assert not _fires("empathy", text, locale)


# ---------------------------------------------------------------- jargon
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Root cause: an expired SAML certificate on the IdP broke SSO.", "en"),
        ("The SMS aggregator started throttling our binds.", "en"),
        ("A null-handling regression in the routing microservice.", "en"),
        ("Hubo timeouts entre el switch transaccional y el adquirente.", "es"),
    ],
)
def test_engineering_words(text: str, locale: str) -> None:
    assert _fires("jargon", text, locale)
