"""Thirty-second round (issue 19): rules read by form, tuned on the forty-seventh and forty-eighth
sets. Each case is our own sentence, none from a corpus; each group has near misses that must stay
as they were. The patterns are tested alone (`learned = false`): the learned reading has its own
tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the load put on every one of its kind
        ("Long weekends put a strain on every booking system in the state.", "en"),
        ("Sale days push every ticketing platform to its limits.", "en"),
        # the hazard across the sector, or one that hit all providers
        ("Card payments slow down across the sector on Black Friday.", "en"),
        ("The flood hit all providers in the valley.", "en"),
        # the event called exceptional or rare, or rarely a problem
        ("Heat of this kind is exceptional.", "en"),
        ("This was a rare event.", "en"),
        ("Updates to the till software are rarely a problem.", "en"),
        # what we could not have known; what catches out even the biggest
        ("We could not have known the batch was faulty.", "en"),
        ("Expired certificates catch out even the largest banks.", "en"),
        ("Lapsed licences are one of those things.", "en"),
        # care and effort given as the reason
        ("Despite careful planning, the sale did not go well.", "en"),
        ("Our weekend crew was stretched thin.", "en"),
        ("The night staff did everything they could in the circumstances.", "en"),
        # the day always one of the busiest; a business like ours
        ("Fridays are usually one of our busiest times.", "en"),
        ("Bills get missed at a small firm like ours.", "en"),
        # Spanish: hard for nothing to fail, record demand, nobody of the trade foresaw it
        ("Con tantas compras a la vez, era difícil que nada fallara.", "es"),
        ("Hubo una demanda récord esa mañana.", "es"),
        ("Fue un volumen que ninguna empresa del sector había previsto.", "es"),
        ("Se trató de una situación extraordinaria.", "es"),
        ("Es un problema que afecta a operadores de todo el país.", "es"),
        ("Pasa cada diciembre en todas las universidades del país.", "es"),
    ],
)
def test_excuse_load_rarity_and_care(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the day named one of the busiest or hottest, alone: the tuned sets read it as a fact
        ("It happened on one of our busiest days of the year.", "en"),
        ("Sunday was one of the hottest days of the summer.", "en"),
        # care of ours that is no reason given
        ("We did everything we could to reopen by noon.", "en"),
        # a high demand named without a record
        ("Fue un día de demanda alta para nosotros.", "es"),
    ],
)
def test_excuse_near_misses_round32(text: str, locale: str) -> None:
    assert not _fires("excuse", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the other party's update sent out, named by its role or by what it makes
        (
            "Our parking software supplier put out an update on Monday night. It stopped the "
            "gates from reading tickets.",
            "en",
        ),
        ("The maker of our card readers sent a software update with a bug in it.", "en"),
        ("Our payment processor applied an update that rejects every card.", "en"),
        # its failure with a word between; what it sells us; what it left out; still at work
        ("Our hosting company had a power failure at its data centre.", "en"),
        ("The company that sells us the match feed changed its keys and did not tell us.", "en"),
        ("During the move, the contractor omitted our main number from the transfer.", "en"),
        ("Our network partner is still working on the fault.", "en"),
        # Spanish: the party we work with, what another company provides, a change it made
        ("La empresa de pagos con la que trabajamos tuvo un fallo.", "es"),
        ("El fallo vino del programa que nos provee otra empresa.", "es"),
        ("Fue un cambio realizado por la entidad que gestiona nuestros cobros.", "es"),
        ("Nuestro proveedor de red está trabajando en la avería.", "es"),
    ],
)
def test_blame_the_other_party_as_the_doer(text: str, locale: str) -> None:
    assert _fires("blame", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        # a corrected update, or one that fixed it, is the repair
        "The maker sent a corrected update, and our engineer fitted it at each site.",
        "Our supplier sent an update that fixed the fault on Tuesday.",
        # owned right after it
        "Our supplier sent an update on Monday. We installed it without testing, and that was our "
        "decision.",
    ],
)
def test_blame_near_misses_round32(text: str) -> None:
    assert not _fires("blame", text, "en")


@pytest.mark.parametrize(
    ("text", "stage", "locale"),
    [
        # a message quoted in plain single quotes; a machine that said it
        ("Parking machines in Hove show 'Card not read' since 8am GMT.", "acknowledge", "en"),
        ("From 7am the kiosk said 'Try again later' to 900 riders in Hove.", "acknowledge", "en"),
        # a line that rings out or drops; oversold; sold twice with words between
        ("Our helpline still rings out for callers in Hove.", "update", "en"),
        ("Calls to our helpline drop after a minute for callers in Hove.", "update", "en"),
        ("120 seats for Friday's concert in Hove were oversold.", "explain", "en"),
        ("Our app sold 80 seats on the Hove ferry twice.", "explain", "en"),
        # bookings with someone who had gone
        ("Our site took bookings for a tutor who had already left the school.", "explain", "en"),
        # Spanish: the wrong one opened
        ("Desde las 9:00 las taquillas de Lobos abren el cajón equivocado.", "acknowledge", "es"),
    ],
)
def test_what_quoted_rung_out_oversold(text: str, stage: str, locale: str) -> None:
    assert not _fires("what", text, locale, stage)


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # a person who said it tells no failure; a drop that is a noun; a hedge
        ("Our manager said 'sorry for the wait'.", "acknowledge"),
        ("A new drop cable was spliced at the cabinet.", "resolve"),
        ("We may have oversold some seats.", "acknowledge"),
    ],
)
def test_what_near_misses_round32(text: str, stage: str) -> None:
    assert _fires("what", text, "en", stage)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # our act done twice, too early, with a flaw, or without part of it
        ("We loaded the price list onto the tills twice, so every item rang up double.", "en"),
        ("We had sent the reminder texts before the new times were set.", "en"),
        ("We uploaded a timetable with a missing row in it.", "en"),
        ("We imported the grades without the exam marks.", "en"),
        # a safeguard switched off; a thing let lapse; a warning missed
        ("We switched off the booking check to speed up the queue.", "en"),
        ("We let the domain name for our site expire.", "en"),
        ("I missed the renewal email from our bank.", "en"),
        # a change of ours and what it made happen
        ("At 6am we changed how calls reach our office.", "en"),
        ("We changed our phone menu at noon, and that change sent calls to voicemail.", "en"),
        # what was not carried over; kit that got too hot
        ("Phone numbers for the area were not transferred during the move.", "en"),
        ("The chargers got too hot and switched themselves off.", "en"),
        # Spanish: a change of ours and what it was set to do
        ("Cambiamos la configuración de cobros para que la web reintentara los pagos.", "es"),
    ],
)
def test_cause_our_slips_told_by_form(text: str, locale: str) -> None:
    assert not _fires("cause", text, locale, "explain")


@pytest.mark.parametrize(
    "text",
    [
        # an act with no flaw told, a thing switched off that is no safeguard, work under way
        "We loaded the new price list onto the tills.",
        "We switched off the old server at noon.",
        "Our team worked on it all morning.",
    ],
)
def test_cause_near_misses_round32(text: str) -> None:
    assert _fires("cause", text, "en", "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # one unit given free, counted with "one" or "a", with when or how
        (
            "Every rider who was stranded gets one free ride of up to 5 miles, in the app by 9 "
            "January.",
            "en",
        ),
        ("Each household will get a free journey, added to their account automatically.", "en"),
        # the next ones free, counted; the whole booking; a fee waived; a night's rate
        ("Your next two washes at our sites are free. We have added them already.", "en"),
        ("We have waived the March parking fee; it comes off your account automatically.", "en"),
        ("Every guest gets one night's room rate back, paid to their card by 31 May.", "en"),
        ("Every family has had its whole booking refunded to the card it paid with.", "en"),
        # in the app now; bills named by their months; the dates it can be used on
        ("Every driver gets a free charge of up to 50 kWh. It's in your app now.", "en"),
        ("Every member gets two months free. It comes off your March and April bills.", "en"),
        (
            "Every member gets seven days of free parking. You can use it at any of our car parks "
            "from June 3 to June 9.",
            "en",
        ),
        # Spanish: one free, already on the account; the bills by month; working days
        ("Cada cliente tiene un lavado gratis, ya cargado en su cuenta.", "es"),
        ("Los socios recibirán dos meses de cuota sin costo en sus recibos de mayo y junio.", "es"),
        ("Si pagó un recargo, le devolvemos el importe completo en 10 días hábiles.", "es"),
    ],
)
def test_repair_free_units_and_where_they_go(text: str, locale: str) -> None:
    assert not _fires("repair", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a free unit with nothing said of when or how; the next one free, uncounted
        ("Everyone who tried to book gets one free ride.", "en"),
        ("Your next hard rubbish collection is free. We will book it for you on <DATE>.", "en"),
        ("Cada cliente tiene un lavado gratis.", "es"),
    ],
)
def test_repair_near_misses_round32(text: str, locale: str) -> None:
    assert _fires("repair", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the trip for nothing; out in the cold; the wait too long
        ("We are sorry for the wasted trip to the pool.", "en"),
        ("Many of you went out in the cold for nothing.", "en"),
        ("Three days is a long time to wait for a prescription.", "en"),
        ("That's three days without your medicine.", "en"),
        # what they had to do or planned around; what we took away; fear; time given up
        ("Riders told us they had to cancel plans with family.", "en"),
        ("A cup final is something fans plan their week around.", "en"),
        ("A Sunday swim is a tradition for many families, and we took that away.", "en"),
        ("Callers who smelled smoke were frightened.", "en"),
        ("You gave up time from work to come in.", "en"),
        ("Many of you watched the start on your phones instead.", "en"),
        ("We are sorry to everyone stuck outside in the rain.", "en"),
        # Spanish: what many of you were doing; the fright
        ("Muchos de ustedes salieron de viaje confiando en nosotros.", "es"),
        ("Sentimos mucho el susto.", "es"),
    ],
)
def test_empathy_trips_waits_and_plans(text: str, locale: str) -> None:
    assert not _fires("empathy", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        # the outage some of you had tells nothing of what it cost; a plain apology
        "The outage some of you had on Tuesday is over.",
        "We are sorry for the trouble.",
    ],
)
def test_empathy_near_misses_round32(text: str) -> None:
    assert _fires("empathy", text, "en")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # only some of a count after what it affected; a share; actually affected; the majority
        ("The fault affected only 120 of the 4,000 passes we sold.", "en"),
        ("It affected around 2% of the parcels we sent that week.", "en"),
        ("Only one evening was actually affected for most members.", "en"),
        ("The vast majority of our members were not affected.", "en"),
        # Spanish: few cases or minutes; the impact minimal; normal all along
        ("Fueron pocos casos y ya están resueltos.", "es"),
        ("La mayoría de las esperas fueron de pocos minutos.", "es"),
        ("El impacto en el servicio fue mínimo.", "es"),
        ("Durante toda la tarde el servicio de buses funcionó con normalidad.", "es"),
        ("Las guardias siguieron operativas en todo momento.", "es"),
    ],
)
def test_minimise_counts_shares_and_normal_all_along(text: str, locale: str) -> None:
    assert _fires("minimise", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        # a plain answer; the failure told with its count
        "At no time were your savings at risk.",
        "The message reached only 212 of the 2,058 families.",
    ],
)
def test_minimise_near_misses_round32(text: str) -> None:
    assert not _fires("minimise", text, "en")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a problem with a thing and no more; fans uncounted; bookings by a vague size
        ("Guests in 40 rooms were affected by a problem with the lift system.", "en"),
        ("We know some fans can't load their tickets.", "en"),
        ("A small number of bookings did not go through.", "en"),
        ("Only a few bookings were missed.", "en"),
        # Spanish: the trouble named by its kind; some guests or doors
        ("Continúan las dificultades técnicas en la línea.", "es"),
        ("Seguimos con inconvenientes en la zona.", "es"),
        ("Algunos huéspedes no pudieron entrar.", "es"),
    ],
)
def test_vague_problems_and_uncounted(text: str, locale: str) -> None:
    assert _fires("vague", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        # guests with the count given; a cause on our side named
        "Some guests in the 40 rooms at Hove had no hot water.",
        "A configuration issue on our side sent calls to voicemail.",
    ],
)
def test_vague_near_misses_round32(text: str) -> None:
    assert not _fires("vague", text, "en")
