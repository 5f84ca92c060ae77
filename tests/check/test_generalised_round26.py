"""Twenty-sixth round (issue 19): rules read by form, tuned on the thirty-seventh and
thirty-eighth sets. Each case is our own sentence, none from a corpus; each group has near misses
that must stay as they were. The patterns are tested alone (`learned = false`): the learned
reading has its own tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # a thing that gave the wrong thing, or was wrong
        ("Since 6am our parking app has shown drivers the wrong bay numbers.", "acknowledge"),
        ("From 8am to 10am the kiosks printed the wrong prices on every receipt.", "explain"),
        ("The 6.15am reminder text to 900 patients was wrong.", "update"),
        # an error told in its words by the thing that showed it
        ('Since noon the ticket app tells riders "Route unavailable".', "acknowledge"),
        # a thing doing its work again, or no longer failing
        ("The barriers at both car parks are reading season cards again.", "resolve"),
        ("Repair vans are being sent again to homes in Leek and Cheadle.", "resolve"),
        ("Orders from the bakery app are no longer vanishing at checkout.", "resolve"),
    ],
)
def test_what_the_wrong_thing_an_error_and_work_again(text: str, stage: str) -> None:
    assert not _fires("what", text, "en", stage)


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # "what went wrong" names no failure
        ("We will write to you about what went wrong.", "explain"),
        # our own people at work again tell nothing that failed
        ("Our engineers are testing the switch again tonight.", "update"),
    ],
)
def test_what_near_misses(text: str, stage: str) -> None:
    assert _fires("what", text, "en", stage)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Sin pago con tarjeta ni reservas web desde las 10:00 en las tres tiendas.", "es"),
        ("De 9:00 a 11:00 los tornos no leyeron los abonos.", "es"),
    ],
)
def test_what_in_spanish(text: str, locale: str) -> None:
    assert not _fires("what", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We are sorry. Many of you drove a long way for the match.", "en"),
        ("We are sorry. Many of you had friends waiting at the restaurant.", "en"),
        ("You booked the evening weeks ago, and it ended in a car park queue.", "en"),
        ("A night out spent on hold is not what you paid for.", "en"),
        ("A cold flat in January is no joke.", "en"),
        ("We know an unexpected fee is a real stretch for many households.", "en"),
        ("Families wait months for these appointments.", "en"),
        ("A long queue with toddlers in the rain should not happen.", "en"),
        ("Lo sentimos. Pasaron la tarde esperando en la puerta.", "es"),
        ("Entiendo lo frustrante que es quedarse sin agua caliente.", "es"),
    ],
)
def test_empathy_what_it_cost_them(text: str, locale: str) -> None:
    assert not _fires("empathy", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        # the outage some had: who, not what it cost them
        "The short outage some of you had on Monday is fixed.",
        # people who had a thing: a count, not what the outage cost
        "Many of you had already restarted your routers.",
        # a queue with no weather named
        "The queue at the desk moved slowly.",
        # a condition, not what the outage cost them
        "If you booked online and got charged twice, we will refund you.",
    ],
)
def test_empathy_near_misses(text: str) -> None:
    assert _fires("empathy", text, "en")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (
            "Every family that was turned away gets one free lesson. It is noted on your record.",
            "en",
        ),
        ("Your next wash is free. It comes off automatically at checkout.", "en"),
        ("Every member who missed a class can visit free before 30 June; use code GYM30.", "en"),
        ("Each learner keeps their test fee. You do not need to pay again.", "en"),
        ("We have sent you a free day pass for any day in March.", "en"),
        ("Cada socio tiene un mes de cuota gratis, ya activado en su cuenta.", "es"),
        ("Tienes una clase gratuita; ya está cargada en tu ficha.", "es"),
        ("Tenés $2.000 de saldo en la app; no tenés que hacer nada.", "es"),
    ],
)
def test_repair_a_unit_free_and_where_it_is_kept(text: str, locale: str) -> None:
    assert not _fires("repair", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        # a free thing with no when or how
        "Every family that was turned away gets one free lesson.",
        # an amount off the next booking, with nothing of how it is applied
        "Every guest gets $20 off their next booking.",
    ],
)
def test_repair_near_misses(text: str) -> None:
    assert _fires("repair", text, "en")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("At 11am we moved the booking site to a standby server.", "en"),
        ("The old version of the app went back on at 2pm.", "en"),
        ("Our staff entered every missing order again by hand.", "en"),
        ("At 3pm we did a rollback of the change and re-indexed the search.", "en"),
        ("Our crews emptied every missed bin by Friday.", "en"),
        ("Recuperamos los datos de la copia de seguridad a las 12:00.", "es"),
    ],
)
def test_fix_what_was_done(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale)


def test_fix_near_miss_a_fix_by_the_other_party_alone() -> None:
    assert _fires("fix", "Service came back once the acquirer remediated the issue.", "en")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Since 9am the lift app sends people to the wrong floor in Bury. 48 waiting.", "en"),
        ("Since 7am no card payments at our 3 Ely/Soham/Littleport shops.", "en"),
        ("From 8am to 11am, 2,300 e-tickets failed at the gates in Perth.", "en"),
        ("Sin cobro en 4 farmacias (Ronda, Antequera, Coín, Álora) desde las 9:00.", "es"),
    ],
)
def test_who_bare_counts_slashes_and_brackets(text: str, locale: str) -> None:
    assert not _fires("who", text, locale, "acknowledge")


def test_who_a_count_wrapped_over_two_lines() -> None:
    """The count's table reads a line break as a space (it runs on lower-cased, flattened text while
    it holds no upper-case class: a first draft of the slash form lost counts like this one)."""
    text = "Since 9am, about 4,100 home phone and\nbroadband customers across Ely have no service."
    assert not _fires("who", text, "en", "acknowledge")


def test_who_near_miss_a_count_with_no_place() -> None:
    assert _fires("who", "Since 9am the lift app has been down. 48 waiting.", "en", "acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The first sunny Saturday was busier than we've ever seen.", "en"),
        ("Monday mornings are always our busiest time.", "en"),
        ("It was an unusually busy weekend for bookings.", "en"),
        ("Upgrades like this almost never cause trouble.", "en"),
        ("No system would have coped with crowds like that.", "en"),
        ("Con la cantidad de gente que había, cualquier sistema habría tenido problemas.", "es"),
    ],
)
def test_excuse_a_record_day_and_an_unusual_load(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale, "explain")


@pytest.mark.parametrize(
    "text",
    [
        # unusually high winds given as what happened, not as an excuse
        "Unusually high winds moved two dishes on the tower.",
        # a busy day as a fact of the service, not a reason
        "Saturday is a market day in Ludlow.",
    ],
)
def test_excuse_near_misses(text: str) -> None:
    assert not _fires("excuse", text, "en", "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The company that runs our card terminals went down at noon.", "en"),
        ("The wrong timetable came from our bus operator partner.", "en"),
        ("The text was sent by the contractor that runs our bookings.", "en"),
        ("No se pudo pagar por un fallo de nuestro proveedor.", "es"),
        ("El problema lo causó la empresa que gestiona nuestra web.", "es"),
    ],
)
def test_blame_the_supplier_as_the_one_that_failed(text: str, locale: str) -> None:
    assert _fires("blame", text, locale, "explain")


def test_blame_near_miss_the_supplier_owned() -> None:
    text = (
        "The company that runs our card terminals went down at noon. We chose them and had no "
        "second way to take payments, so the fault is ours to own."
    )
    assert not _fires("blame", text, "en", "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("When we loaded the new timetable, we typed last year's dates.", "en"),
        ("We did not turn on the queue page before the sale opened.", "en"),
        ("Our bank made an error when moving our account to a new system.", "en"),
        ("Cambiamos el servidor y no revisamos que recibiera los pedidos.", "es"),
        ("Al renovar los certificados dejamos uno vencido.", "es"),
    ],
)
def test_cause_wrong_entries_and_steps_not_taken(text: str, locale: str) -> None:
    assert not _fires("cause", text, locale, "explain")


@pytest.mark.parametrize(
    "text",
    [
        "What changes: from 1 May, every new timetable is tried on one route for a week.",
        "From now on, every price change is checked by a second person.",
        "From next Monday, a member of staff will test each gate before we open.",
    ],
)
def test_prevention_a_label_a_change_in_force_and_next_monday(text: str) -> None:
    assert not _fires("prevention", text, "en", "explain")


@pytest.mark.parametrize(
    "text",
    [
        "What changes: we will test new timetables more.",
        # what people cannot do now is the outage, not a rule in force
        "No customer can now make calls from Ely.",
    ],
)
def test_prevention_near_misses(text: str) -> None:
    assert _fires("prevention", text, "en", "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We moved our bookings to new servers overnight, and the link broke.", "en"),
        ("The fault was in a setting that we changed on Sunday.", "en"),
        ("The cause was a mistake of ours.", "en"),
        ("Esa actualización la lanzamos nosotros.", "es"),
        ("Anoche cambiamos la contraseña del sistema.", "es"),
    ],
)
def test_ownership_our_change_told_in_the_first_person(text: str, locale: str) -> None:
    assert not _fires("ownership", text, locale, "explain")


@pytest.mark.parametrize(
    "text",
    [
        # the fix, not the cause
        "A cable was cut. We moved the calls to our standby line at noon.",
        "A cable was cut. We replaced the router at 8am.",
        "A cable was cut. The credit that we sent reached every account.",
    ],
)
def test_ownership_near_misses(text: str) -> None:
    assert _fires("ownership", text, "en", "explain")


@pytest.mark.parametrize(
    "text",
    [
        "Desde las 8:00 (horario del centro) no se puede pagar en la app.",
        "De 9:00 a 12:30 h. peninsular no se pudo pedir cita.",
    ],
)
def test_when_spanish_zone_words(text: str) -> None:
    assert not _fires("when", text, "es", "acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("A few guests are having trouble checking in.", "en"),
        ("Hubo problemas con la app el lunes.", "es"),
    ],
)
def test_vague_a_few_guests_and_problems_had(text: str, locale: str) -> None:
    assert _fires("vague", text, locale, "acknowledge")


def test_eta_spanish_ready_again() -> None:
    text = (
        "Desde las 8:00 (hora del centro) no se puede pagar. Estimamos tenerlo listo a las 14:00."
    )
    assert not _fires("eta", text, "es", "acknowledge")


def test_next_update_after_and() -> None:
    text = "We are working on it and will email you again by 4pm GMT."
    assert not _fires("next_update", text, "en", "acknowledge")
