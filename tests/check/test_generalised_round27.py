"""Twenty-seventh round (issue 19): rules read by form, tuned on the thirty-ninth and fortieth
sets. Each case is our own sentence, none from a corpus; each group has near misses that must stay
as they were. The patterns are tested alone (`learned = false`): the learned reading has its own
tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # a named thing of the customers' back, in the singular
        ("Online table booking is working again at all four restaurants.", "resolve"),
        ("Contactless entry works again at the Fenwick pool.", "resolve"),
        # a message shown, played or said in its own words
        ("From 7am to 9am the ticket machines showed 'Out of order' at 12 stations.", "explain"),
        ("Since 8am our help line has played 'all lines are closed' to every caller.", "update"),
        ('The payment page displayed "Card not accepted" to 700 shoppers.', "explain"),
        # a thing still not doing its work, or refusing it
        ("Since 6am the parcel lockers are still not opening for 300 customers.", "update"),
        ("Since 7am the barrier readers reject season passes at both car parks.", "acknowledge"),
    ],
)
def test_what_back_shown_and_refused(text: str, stage: str) -> None:
    assert not _fires("what", text, "en", stage)


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # our own thing back, or a bare product word, says nothing of what failed
        ("Our app is back to normal after this morning's issue.", "resolve"),
        ("The app is back up after a short blip.", "resolve"),
        # a person who said something is no message of a failed thing
        ("We said we would update you at noon.", "update"),
    ],
)
def test_what_near_misses(text: str, stage: str) -> None:
    assert _fires("what", text, "en", stage)


@pytest.mark.parametrize(
    "text",
    [
        "Desde las 8:00 las tarjetas del bus dan «Saldo insuficiente» en Lorca.",
        "Desde las 8:00 los pedidos salen como «cancelado» en la app.",
        "Esta mañana las farmacias marcaron 400 recetas como «caducada».",
    ],
)
def test_what_in_spanish_a_message_in_its_words(text: str) -> None:
    assert not _fires("what", text, "es", "acknowledge")


def test_what_in_spanish_near_miss_a_person_who_says() -> None:
    text = "Nuestro director dice «vamos a mejorar» y pide disculpas."
    assert _fires("what", text, "es", "acknowledge")


@pytest.mark.parametrize(
    "text",
    [
        "The outage came from a fault at the company that handles our online orders.",
        "The firm that hosts our booking site pushed a change that deleted every slot.",
        "The till system, run for us by an outside firm, stopped at 9am.",
        "The outage began in a database maintained on our behalf by a specialist contractor.",
        "The release supplied by our ticketing vendor contained a defect in the fare tables.",
        "This was due to a problem on the bank's side.",
        "The leaking tank belongs to the landlord.",
        "The cause was a change the banks made to the payment file overnight.",
        "The double charges came from an error in an update by our payments provider.",
    ],
)
def test_blame_the_other_party_by_what_it_does_for_us(text: str) -> None:
    assert _fires("blame", text, "en", "explain")


@pytest.mark.parametrize(
    "text",
    [
        # the fault owned in the next breath
        "The outage came from a fault at the company that handles our online orders. We chose "
        "to rely on them alone, and that was our decision.",
        # our own side, and a supplier we hired
        "This was due to a problem on our side.",
        "The bad prices came from an update by a contractor we hired and did not check.",
        "The outage was caused by a company that we hired and never checked.",
    ],
)
def test_blame_near_misses(text: str) -> None:
    assert not _fires("blame", text, "en", "explain")


@pytest.mark.parametrize(
    "text",
    [
        "La empresa de mensajería que reparte nuestros pedidos cambió sus rutas sin avisar.",
        "El fallo vino de una actualización que instaló el fabricante de los lectores.",
        "El corte tuvo origen en una avería de la compañía eléctrica.",
        "Se cayó un servidor de nuestro proveedor.",
    ],
)
def test_blame_in_spanish(text: str) -> None:
    assert _fires("blame", text, "es", "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (
            "The watch app stopped syncing at 6am. At 2pm we sent out version 4.2.2, which "
            "fixed it.",
            "en",
        ),
        (
            "Las cajas no cobraban desde las 9:00. A las 11:00 aplicamos un parche en el servidor.",
            "es",
        ),
        (
            "Los lectores no validaban abonos desde las 7:00. A las 10:00 forzamos la "
            "resincronización de todos los lectores.",
            "es",
        ),
    ],
)
def test_fix_a_version_sent_out_and_a_patch_applied(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale)


def test_fix_near_miss_a_version_that_did_not_help() -> None:
    text = "The watch app stopped syncing at 6am. At 2pm we sent out version 4.2.2 to every watch."
    assert _fires("fix", text, "en")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (
            "If you paid for a lesson you missed, we will refund the full fee to your card "
            "by 9 May.",
            "en",
        ),
        ("Every member gets a free extension to Friday, already set on your account.", "en"),
        (
            "Each rider gets a refund of one day's fare within seven days, to the original card.",
            "en",
        ),
        (
            "Le devolveremos el importe íntegro de la clase en su tarjeta antes del 20 de mayo.",
            "es",
        ),
        ("Te cargamos $12.500 de crédito el lunes, sin que tengas que pedirlo.", "es"),
    ],
)
def test_repair_the_whole_charge_and_the_card(text: str, locale: str) -> None:
    assert not _fires("repair", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        # how much, with no word of when or how
        "If you paid for a lesson you missed, we will refund the full fee.",
        # when, with no amount
        "We will refund you to your card by 9 May.",
    ],
)
def test_repair_near_misses(text: str) -> None:
    assert _fires("repair", text, "en")
