"""Thirty-third round (issue 19): rules read by form, tuned on the forty-ninth and fiftieth sets.
Each case is our own sentence, none from a corpus; each group has near misses that must stay as
they were. The patterns are tested alone (`learned = false`): the learned reading has its own
tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # care or the best kit said not to be enough
        ("Even thorough testing cannot catch every fault in a release.", "en"),
        ("Even the best networks are tested by a night like that.", "en"),
        # what can misbehave now and then
        ("Big exports like this can occasionally behave unexpectedly.", "en"),
        ("Old tills will sometimes play up in the cold.", "en"),
        # easy to miss; harder to notice
        ("A renewal that comes round every three years is an easy step to miss.", "en"),
        ("The shop was packed, which made the fault harder to notice.", "en"),
        # rarely smooth; a load past anything seen
        ("Changes like this seldom go perfectly.", "en"),
        ("Moves of this size are rarely entirely smooth.", "en"),
        ("Ticket sales were far above anything we had seen before.", "en"),
        # the hottest day and a heavy load
        ("It was the hottest Sunday of the year, and the grid was under heavy load.", "en"),
        # Spanish: things that can happen, to anyone, under pressure, to the whole trade
        ("Con tantos pedidos, estas cosas suelen pasar.", "es"),
        ("Se nos pasó la fecha, como le pasaría a cualquiera.", "es"),
        ("En enero cualquier plataforma está bajo presión.", "es"),
        ("En verano todos los sistemas del sector van al límite.", "es"),
    ],
)
def test_excuse_care_kit_and_rarity(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # easier, not harder; a rare use; care that is a promise
        ("We made the alarm louder so faults are easier to notice.", "en"),
        ("The spare line is rarely used.", "en"),
        ("We will test every change before it goes live.", "en"),
        # a platform named without the pressure
        ("Cualquier plataforma nueva se probará una semana.", "es"),
    ],
)
def test_excuse_near_misses_round33(text: str, locale: str) -> None:
    assert not _fires("excuse", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the other party named by the role we use it in, or by its kind with words before it
        ("The fault lay with the ferry booking company that runs our kiosks.", "en"),
        ("The problem came from the satellite network our buses use, which had an outage.", "en"),
        ("It seems to be a problem at the billing company we use.", "en"),
        # a fault in their system or platform
        ("The supplier has found the fault in their platform and expects a fix by noon.", "en"),
        # supplied to us by an outside party, released by the maker with a word between
        ("The timetable was provided to the school by its external exam data supplier.", "en"),
        ("The fault comes from firmware released overnight by the scanner maker.", "en"),
        # what came from it late; its setting as what cut us off
        ("The parts from our hardware supplier arrived two weeks late.", "en"),
        ("The contractor's setting ended every session at the checkout.", "en"),
        # Spanish: the mobile network, the update sent by the maker, our supplier's system
        ("El corte vino de la red móvil que usan nuestras motos.", "es"),
        ("Fue una actualización enviada por el fabricante de los lectores.", "es"),
        ("Un fallo en el sistema de reservas de nuestro proveedor frenó los envíos.", "es"),
    ],
)
def test_blame_the_other_party_by_role(text: str, locale: str) -> None:
    assert _fires("blame", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        # a party we chose, our own act after "we" (fired at 15b87bd)
        "We chose the company that runs our tills, and we did not set an alarm.",
        # the fault shared; a failure that can no longer stop us (fired at 15b87bd)
        "The carrier made the change, so this was our outage as much as theirs.",
        "From March, one supplier's failure cannot stop deliveries.",
        # owned right after (fired at 15b87bd)
        "The desks are run for us by a handling firm. But we chose to send the lists by one link. "
        "That choice was ours.",
    ],
)
def test_blame_owned_or_shared_round33(text: str) -> None:
    assert not _fires("blame", text, "en")


@pytest.mark.parametrize(
    "text",
    [
        # the supplier's change, owned right after
        "Our map supplier's overnight change stopped the feed. We chose to rely on that one feed, "
        "so this is our failure.",
        # our own setting
        "Our setting ended every session at the checkout.",
    ],
)
def test_blame_near_misses_round33(text: str) -> None:
    assert not _fires("blame", text, "en")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a short pause; one day or less; part of an evening; the rest of a site working
        ("Parcel tracking is back after a short pause this morning.", "en"),
        ("It was only one school day, and the canteen ran as normal.", "en"),
        ("That was, in the end, less than a morning.", "en"),
        ("The fault lasted only part of an evening.", "en"),
        ("Only the card page is down; the rest of the website works.", "en"),
        # Spanish: a one-off thing; the vast majority of you could travel
        ("Por suerte fue algo puntual de media mañana.", "es"),
        ("La gran mayoría de ustedes pudo viajar igual.", "es"),
    ],
)
def test_minimise_short_and_the_rest(text: str, locale: str) -> None:
    assert _fires("minimise", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        # a day named without "only"; the rest down too; a pause of ours to protect people
        "It was a school day, and many families could not pay.",
        "The rest of the website was down too.",
    ],
)
def test_minimise_near_misses_round33(text: str) -> None:
    assert not _fires("minimise", text, "en")


@pytest.mark.parametrize(
    "text",
    [
        # residents and travellers left uncounted; a number with two words of kind between
        "We know some residents in Hove are upset.",
        "Only a small number of travellers were hit.",
        "A small number of smart-meter plan customers lost their readings.",
    ],
)
def test_vague_uncounted_residents_and_travellers(text: str) -> None:
    assert _fires("vague", text, "en")


@pytest.mark.parametrize(
    "text",
    [
        # counted
        "Some 40 residents on Mill Lane could not pay their bill.",
        "412 travellers on the 6.10 from Hove were hit.",
    ],
)
def test_vague_near_misses_round33(text: str) -> None:
    assert not _fires("vague", text, "en")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the system named as ours while the cause is not known
        ("We do not know the cause yet. It is our ticketing system, and we will fix it.", "en"),
        ("Todavía no sabemos la causa. Es nuestra plataforma y nos toca repararla.", "es"),
        ("Aún no sabemos qué pasó. Arreglarla es cosa nuestra.", "es"),
        # the outage ours; the fault in our own; a job we run as the doer
        ("So this was our outage as much as the carrier's.", "en"),
        ("The fault was in our own relay, which stopped at 9am.", "en"),
        ("A backup job we run each night deleted the thumbnails.", "en"),
        # Spanish: what we did not check; the purchase we put off; the change of that day
        ("La caja nueva falló: no comprobamos que avisara al almacén.", "es"),
        ("Aplazamos la renovación de los equipos de la sala.", "es"),
        ("Ese día cambiamos el envío de las recetas.", "es"),
    ],
)
def test_ownership_our_system_and_acts(text: str, locale: str) -> None:
    assert not _fires("ownership", text, locale, "acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a fix that afternoon, not the change that broke it; a priority, not a system
        ("Esa tarde pusimos dos furgonetas más.", "es"),
        ("It is our priority to get this working.", "en"),
    ],
)
def test_ownership_near_misses_round33(text: str, locale: str) -> None:
    assert _fires("ownership", text, locale, "acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the message a failure came with
        ('Since 9am every till in Hove greets staff with the message "Code 12".', "en"),
        ('Gate scans in Hove failing with "Code 12".', "en"),
        # a thing shown as what it was not
        ('Since 7am our app has shown every table in Hove as "Reserved".', "en"),
        ("Since 7am our app has listed every locker in Hove as full.", "en"),
        # failing for all of a kind, in a short post
        ("Locker pickups down for all 40 lockers in Hove.", "en"),
        ("Reservas caídas en todas las sedes de Tigre desde las 9:00.", "es"),
    ],
)
def test_what_messages_and_states(text: str, locale: str) -> None:
    assert not _fires("what", text, locale, "acknowledge")


@pytest.mark.parametrize(
    "text",
    [
        # shown to someone, not as anything; a message we will send
        "Since 7am our app has shown every table to our staff in Hove.",
        'We will reply with the message "Booking confirmed" once it is fixed.',
    ],
)
def test_what_near_misses_round33(text: str) -> None:
    assert _fires("what", text, "en", "acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a thing with a term let run out, allowed to, or told as it ran out
        ("We let the portal's signing certificate expire on Sunday.", "en"),
        ("The domain was allowed to lapse over the holiday.", "en"),
        ("9.05am: the signing certificate on our ticket server runs out.", "en"),
        # a supplier's change to what it gives us; an update they put in
        ("Our map supplier changed its feed overnight, and drivers got no addresses.", "en"),
        ("The error is on their side, after an update they installed overnight.", "en"),
        # a new system gone live; what we failed to connect
        ("Our new dispatch system went live this morning and is not sending jobs.", "en"),
        ("We failed to connect the new planner to our website before launch.", "en"),
        # Spanish
        ("Dejamos vencer la licencia del portal.", "es"),
        ("La clave del portal no fue renovada a tiempo.", "es"),
        ("El servidor de fotos se quedó sin espacio.", "es"),
        ("Al cambiar de centralita, el número de guardia no se trasladó.", "es"),
        ("Activamos el nuevo sistema sin conectarlo a la caja.", "es"),
        ("Cambiamos la forma en que la web manda los pedidos.", "es"),
    ],
)
def test_cause_lapses_changes_and_new_systems(text: str, locale: str) -> None:
    assert not _fires("cause", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a failure to reach people is no cause; a new system named without going live
        ("We failed to reach everyone by phone.", "en"),
        ("Our new dispatch system is on its way.", "en"),
        # a change of ours with no account of what it changed
        ("Cambiamos de proveedor el año pasado.", "es"),
    ],
)
def test_cause_near_misses_round33(text: str, locale: str) -> None:
    assert _fires("cause", text, locale, "explain")
