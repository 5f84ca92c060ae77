"""Thirty-fourth round (issue 19): rules read by form, tuned on the fifty-first and fifty-second
sets. Each case is our own sentence, none from a corpus; each group has near misses that must
stay as they were. The patterns are tested alone (`learned = false`): the learned reading has its
own tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the other party's silence before the fault
        ("Our hosting provider did not warn us that the disk was filling up.", "en"),
        ("The power company gave no warning before it switched the feeder off.", "en"),
        ("Our payments supplier never told us the card scheme had changed.", "en"),
        ("The carrier failed to notify us of the works on the main road.", "en"),
        # what our partner supplies or runs, as the thing that failed
        ("The phone system run by one of our vendor partners crashed overnight.", "en"),
        (
            "A setting in the app supplied by our software partner began sending duplicate texts.",
            "en",
        ),
        ("The database hosted by our cloud provider filled up at midnight.", "en"),
        # the fault made a party's responsibility, or said to lie with our company of a kind
        ("The cut was on a line that is the responsibility of the electricity distributor.", "en"),
        ("Repairs to the main are the responsibility of the water company.", "en"),
        ("The fault lies with our mobile carrier.", "en"),
        ("The problem sits with our phone company.", "en"),
        # what came from the company named by what it does for us
        ("The bad timetable came from the company that builds our app.", "en"),
        # Spanish: the party named by what it gives us, the network that handles payments, the
        # party in a cleft, the fault of their system
        ("La causa es una avería de la compañía que nos da la luz.", "es"),
        ("El retraso se originó en la red de pagos que gestiona los cobros.", "es"),
        ("Es la distribuidora quien debe repararlo.", "es"),
        ("El fallo es de su servidor de correo.", "es"),
    ],
)
def test_blame_silence_supplied_and_responsibility(text: str, locale: str) -> None:
    assert _fires("blame", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # their word owned right after; our own silence; what they supply, working
        (
            "Our supplier told us the update was safe. That was our decision, and a wrong one.",
            "en",
        ),
        ("We did not warn our customers in time.", "en"),
        ("The app supplied by our partner works again.", "en"),
        ("The fault lies with our own team.", "en"),
        # a cleft with our own people
        ("Es nuestro equipo quien debe repararlo, y lo hará hoy.", "es"),
    ],
)
def test_blame_near_misses_round34(text: str, locale: str) -> None:
    assert not _fires("blame", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # what the outage cost, paid back or paid, up to an amount
        ("We will pay back your taxi fares, up to $80, within 14 days.", "en"),
        ("We'll pay your parking costs, up to £40. Send the receipt by 31 March.", "en"),
        # units given, counted; a loan renewed for a length
        ("Each member gets three extra loans this month, added automatically.", "en"),
        ("Every loan due that day was renewed for 14 days, automatically.", "en"),
        # what is given at no charge, already or on its day
        ("Every household got an extra collection on Saturday, at no charge.", "en"),
        (
            "Every home that missed a bin gets one extra collection this Saturday, at no charge.",
            "en",
        ),
        ("All 200 homes had an extra collection on Saturday, free of charge.", "en"),
        # sent already; a free day loaded by a day; next month's fee back
        ("Every ticket holder gets a free day pass. We emailed it to you this morning.", "en"),
        ("Every pass holder gets one free ski day, loaded onto your card by Friday.", "en"),
        ("Next month's storage fee comes back to your card by 31 January.", "en"),
        # Spanish: the surcharge not paid; what we pay, up to a cap
        ("Nadie pagará recargo este mes; se descuenta en su próxima factura.", "es"),
        ("Si tuvo daños, pagamos los arreglos hasta 300 euros antes del 31 de enero.", "es"),
    ],
)
def test_repair_costs_units_and_renewals(text: str, locale: str) -> None:
    assert not _fires("repair", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a bill of ours paid; a day with nothing; a gesture with no amount
        ("We paid the bill by phone at 3pm.", "en"),
        ("Households had no collection on Tuesday.", "en"),
        ("Customers will get a goodwill gesture later.", "en"),
        ("Pagamos la factura del servidor a las 15:00.", "es"),
    ],
)
def test_repair_near_misses_round34(text: str, locale: str) -> None:
    assert _fires("repair", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # traffic failed back; a thing started by hand
        ("We restored the service by failing traffic back to the old cluster.", "en"),
        ("The backup generator was started by hand at 9.10pm.", "en"),
        ("The engineer switched the pump on by hand at noon.", "en"),
        # data copied across or put back, in the passive
        ("The missing codes were copied across at 4pm.", "en"),
        ("The timetable was restored at 2pm, and the app showed the right times.", "en"),
        ("10.15am: the records are restored from last night's backup.", "en"),
        # the missing thing loaded at a time; a stand-in link
        ("We forgot to load the new password into the gates. Our team loaded it at 9.05am.", "en"),
        ("Our engineers deployed a temporary link at noon.", "en"),
        # Spanish: a stand-in link put up
        ("Habilitamos una conexión provisional por radio.", "es"),
        ("Activamos una ruta de reserva hacia la central.", "es"),
    ],
)
def test_fix_failback_by_hand_and_copied(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # access back, not a thing put back; the wrong list loaded, the cause
        ("Access to photos has been restored for all customers.", "en"),
        ("We loaded the wrong list at 6am.", "en"),
        ("Levantamos la persiana de la tienda a las 9:00.", "es"),
    ],
)
def test_fix_near_misses_round34(text: str, locale: str) -> None:
    assert _fires("fix", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a site named for its use, as what failed
        ("Our booking site has shown every sailing as full since 7am.", "en"),
        ("Since Monday, our ordering site has listed 300 orders one day late.", "en"),
        ("Our parking site has saved every booking one hour early.", "en"),
        # things listed at the wrong time, in the passive
        ("Since Saturday, 412 bookings were listed an hour early.", "en"),
        # Spanish: left pending; delays in a thing
        ("Desde las 8:00, 5.000 pagos quedaron pendientes.", "es"),
        ("Demoras en las recargas de saldo desde las 6:00.", "es"),
    ],
)
def test_what_sites_early_and_pending(text: str, locale: str) -> None:
    assert not _fires("what", text, locale, "acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a site of our own kit; a place after "en"; hedged
        ("Our radio site failed at 7am.", "en"),
        ("Novedades sobre las demoras en Elche.", "es"),
        ("Some customers may see bookings listed an hour early.", "en"),
    ],
)
def test_what_near_misses_round34(text: str, locale: str) -> None:
    assert _fires("what", text, locale, "acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # an empty list loaded
        ("Cargamos un archivo vacío de precios en las cajas.", "es"),
        ("El proveedor subió una lista vacía a los lectores.", "es"),
        # a job that stalled; kit running out of room
        ("The nightly billing job stalled at 2am.", "en"),
        ("Our mail server was running out of disk space.", "en"),
    ],
)
def test_cause_empty_stalled_and_full(text: str, locale: str) -> None:
    assert not _fires("cause", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # people short of time; an empty shelf is no cause
        ("Customers were running out of time to pay.", "en"),
        ("La tienda abrió con las estanterías llenas.", "es"),
    ],
)
def test_cause_near_misses_round34(text: str, locale: str) -> None:
    assert _fires("cause", text, locale, "explain")
