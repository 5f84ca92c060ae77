"""Twenty-eighth round (issue 19): rules read by form, tuned on the forty-first and forty-second
sets. Each case is our own sentence, none from a corpus; each group has near misses that must stay
as they were. The patterns are tested alone (`learned = false`): the learned reading has its own
tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (
            "Each member whose class was cancelled gets two free classes, added to their account "
            "automatically.",
            "en",
        ),
        ("We will pay any late fee your bank charged you, up to $120, within 10 days.", "en"),
        ("Each guest gets the night's rate back, up to $150, on the card used, by 3 May.", "en"),
        ("The booking fee on every cancelled trip is refunded to your card by 9 June.", "en"),
        ("Every open loan has 10 extra days, added already.", "en"),
        ("Te regalamos dos envíos gratis, que se añaden solos a tu cuenta.", "es"),
        ("Recibirá en su próxima factura un abono igual a una mensualidad de la cuota.", "es"),
    ],
)
def test_repair_units_charges_and_where_they_go(text: str, locale: str) -> None:
    assert not _fires("repair", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        # a plan, not a payment
        "By 30 June we will pay every supplier through two banks.",
        # what, with no word of how much or when
        "Everyone affected gets free deliveries.",
    ],
)
def test_repair_near_misses(text: str) -> None:
    assert _fires("repair", text, "en")


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("On Friday 900 drivers were paid too little.", "explain"),
        ("Since 6am the door panels restart every few minutes.", "acknowledge"),
        ("From 2pm to 6pm, 4,100 orders sat on 'Awaiting payment' in the app.", "explain"),
        ("Parcel lockers in Kendal open again.", "resolve"),
        ("Parking permits can be renewed online again.", "resolve"),
        ("Since 7am the hotel room keys in our app have not worked.", "acknowledge"),
    ],
)
def test_what_paid_restarting_a_status_and_open_again(text: str, stage: str) -> None:
    assert not _fires("what", text, "en", stage)


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # our own kit's keys are no thing of the customers'
        ("Since 7am our encryption keys have not worked.", "acknowledge"),
        # "we" open again names nothing that failed
        ("We are open again.", "resolve"),
    ],
)
def test_what_near_misses(text: str, stage: str) -> None:
    assert _fires("what", text, "en", stage)


@pytest.mark.parametrize(
    "text",
    [
        "Desde las 7:00 los abonos salen «caducado» en los tornos.",
        "Desde las 7:00 los tornos marcan «Abono no válido».",
        "Desde las 15:00, 2.300 pedidos quedaron en 'Pendiente' en la app.",
    ],
)
def test_what_in_spanish_a_status_in_its_words(text: str) -> None:
    assert not _fires("what", text, "es", "acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (
            "On Sunday evening we moved the booking site to a new host, and the reminder emails "
            "stopped.",
            "en",
        ),
        (
            "We moved the shop to a new server and left off the step that sends receipts.",
            "en",
        ),
        ("Anoche cambiamos el formato de las reservas y dejaron de llegar los avisos.", "es"),
        ("Cambiamos el formato de los códigos y no actualizamos los lectores.", "es"),
    ],
)
def test_cause_an_act_with_a_step_left_out_or_dated(text: str, locale: str) -> None:
    assert not _fires("cause", text, locale, "explain")


def test_cause_near_miss_an_act_told_alone() -> None:
    text = "We moved the shop to a new server."
    assert _fires("cause", text, "en", "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We are sorry. Many of you went to the station and found it shut.", "en"),
        ("We are sorry. Your staff waited most of a day for wages they had earned.", "en"),
        ("We know a closed pharmacy is the last thing anyone wants.", "en"),
        ("We know the deadline evening matters.", "en"),
        ("Guests waited at reception late at night with their bags.", "en"),
    ],
)
def test_empathy_what_they_went_through(text: str, locale: str) -> None:
    assert not _fires("empathy", text, locale, "explain")


@pytest.mark.parametrize(
    "text",
    [
        # the people back online are no cost to them
        "Many of you came back online by noon.",
    ],
)
def test_empathy_near_misses(text: str) -> None:
    assert _fires("empathy", text, "en", "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The fault was with the company that runs our ticket machines.", "en"),
        ("The fault is in a software update from the maker of the readers.", "en"),
        ("Wages arrived on Monday after our bank's delay.", "en"),
        ("At 10am a contractor cut a cable near the exchange.", "en"),
        ("El banco con el que trabajamos no pagó a tiempo.", "es"),
        ("La avería se debe a un programa que el fabricante instaló anoche.", "es"),
    ],
)
def test_blame_more_forms(text: str, locale: str) -> None:
    assert _fires("blame", text, locale, "explain")


def test_blame_near_miss_the_cut_owned_after() -> None:
    text = (
        "At 10am a contractor cut our only cable. We had no second route, and that was our choice."
    )
    assert not _fires("blame", text, "en", "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Every booking company gets one wrong now and then.", "en"),
        ("This kind of fault had never been seen before.", "en"),
        ("Results day is always the busiest day of the year for every school.", "en"),
        ("The mobile network there is always under strain.", "en"),
        ("Son cosas que pueden pasar con cualquier sistema.", "es"),
        ("A fin de mes todo va muy cargado, y estas cosas pasan.", "es"),
    ],
)
def test_excuse_more_forms(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("That is just one working day late.", "en"),
        ("It was a few hours on one morning.", "en"),
        ("Most of it fell at night, when few people ride.", "en"),
        ("This is a local fault only and not a wider outage.", "en"),
        ("Afecta a muy pocos pedidos.", "es"),
        ("Solo fueron unas horas.", "es"),
    ],
)
def test_minimise_more_forms(text: str, locale: str) -> None:
    assert _fires("minimise", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (
            "Logins failed from 6am. At 9am we put in the right password and resent every message.",
            "en",
        ),
        ("The sailings were full from noon. At 2pm we put on two extra sailings.", "en"),
        ("Returns failed from 2pm. At 9pm we went back to the old method.", "en"),
        ("Las nóminas no llegaron el viernes. El sábado rehicimos el fichero a mano.", "es"),
    ],
)
def test_fix_more_forms(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale)
