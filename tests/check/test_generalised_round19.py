"""Nineteenth round (issue 19, the patterns tuned on the twenty-fifth and twenty-sixth blind sets):
an apology nobody makes is `non-apology` ("Sorry for any inconvenience!", "Disculpen las
molestias"), the reading of "agentless" the sets written from the twenty-first on share; what
failed as podcast, camera, ticketing, banking and backup services tell it; counts of offices,
listeners, cameras and fans, and places listed in brackets; compensation in plan months, extra
days and vouchers, given already or by a day. Each case is our own sentence, none from a corpus;
each group has near misses the rules must not take. The patterns are tested alone (`learned =
false`): the learned reading has its own tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


# ---------------------------------------------------------------- non-apology
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Broadband is down in Kendal. Sorry for any inconvenience!", "en"),
        ("Calls are failing in Selby. Apologies for the hassle.", "en"),
        ("Texts are delayed in Ripon. Sorry.", "en"),
        ("Apologies for the disruption to your calls on Monday morning.", "en"),
        ("TV is back in Hexham. Sorry for the trouble, folks.", "en"),
        ("El internet no funciona en Teruel. Disculpen las molestias.", "es"),
        ("Sin llamadas en Huesca. ¡Disculpad las molestias!", "es"),
        ("Lamentamos profundamente lo sucedido.", "es"),
    ],
)
def test_an_apology_nobody_makes(text: str, locale: str) -> None:
    assert _fires("non-apology", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We're sorry for the hassle in Kendal.", "en"),
        ("Sorry, we broke calls in Selby with a change.", "en"),
        ("I apologise for the outage in Ripon.", "en"),
        ("Our apologies: we cut the fibre in Hexham.", "en"),
        ("Sorry to everyone in Ely who lost a match.", "en"),
        ("Les pedimos disculpas por el corte en Teruel.", "es"),
        ("Lo sentimos: el fallo fue nuestro.", "es"),
    ],
)
def test_apology_near_misses(text: str, locale: str) -> None:
    assert not _fires("non-apology", text, locale)


# ---------------------------------------------------------------- what
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Downloads broke for listeners in Leeds on Tuesday.", "en"),
        ("Episodes stalled at 0% for listeners in Bath.", "en"),
        ("The ticket site fell over at 10am for fans in Hull.", "en"),
        ("Motion alerts from cameras in Derby were failing.", "en"),
        ('Callers to offices in Ayr get "not in service".', "en"),
        ("Online banking is running again for members in Esko.", "en"),
        ("Backups are running again in Perth.", "en"),
        ("Las cámaras de Vigo no envían avisos de movimiento desde las 16:00.", "es"),
        ("La telefonía fija de Pital está fuera de servicio.", "es"),
        ("Las recargas funcionan de nuevo en Nazca.", "es"),
    ],
)
def test_what_failed_is_told(text: str, locale: str) -> None:
    assert not _fires("what", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("A power supply at our hub in Eugene failed.", "en"),
        ("Mobile services in Sale have been restored.", "en"),
        ("Un episodio de viento afectó a la red de El Hierro.", "es"),
    ],
)
def test_what_near_misses(text: str, locale: str) -> None:
    assert _fires("what", text, locale)


# ---------------------------------------------------------------- who
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Calls to about 640 offices in Nampa fail.", "en"),
        ("About 96,000 listeners in the US could not download episodes.", "en"),
        ("Online banking is down for all 9,400 members (Cloquet, Carlton, Esko).", "en"),
        ("Unas 1.300 centralitas de Getafe no reciben llamadas.", "es"),
        ("Ninguno de nuestros 7.900 socios en Rivera pudo entrar.", "es"),
    ],
)
def test_who_counts_offices_listeners_and_members(text: str, locale: str) -> None:
    assert not _fires("who", text, locale)


def test_who_near_miss_a_count_with_no_place() -> None:
    assert _fires("who", "About 640 offices cannot take calls.")


# ---------------------------------------------------------------- repair
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Affected subscribers have received a one-month plan credit.", "en"),
        ("Every affected listener got 3 extra days of Premium on 17 January.", "en"),
        ("Everyone in the queue will get a £40 voucher by email by Friday.", "en"),
        ("As a thank-you, we've added one free month to your plan.", "en"),
        ("Members will see £12 taken off their next quarterly bill.", "en"),
        ("Recibirán un abono del 10 % de su cuota en la próxima factura.", "es"),
        ("Cada socio recibirá 6.500 colones en el recibo de junio.", "es"),
    ],
)
def test_compensation_given_or_dated(text: str, locale: str) -> None:
    assert not _fires("repair", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Every affected listener will get some extra days of Premium.", "en"),
        ("Recibirán un abono.", "es"),
    ],
)
def test_repair_near_misses(text: str, locale: str) -> None:
    assert _fires("repair", text, locale)
