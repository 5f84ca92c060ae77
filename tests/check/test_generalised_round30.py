"""Thirtieth round (issue 19): rules read by form, tuned on the forty-fifth and forty-sixth sets.
Each case is our own sentence, none from a corpus; each group has near misses that must stay as
they were. The patterns are tested alone (`learned = false`): the learned reading has its own
tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # units given free and counted, whatever they are
        ("We have put three free hot meals on every pupil's card. You need not do anything.", "en"),
        # the fines of those hours cancelled, the refund dated after
        (
            "All 64 fines issued at the station that morning were cancelled. Drivers who paid "
            "will get the money back by 20 February.",
            "en",
        ),
        ("We have voided every parking ticket given that day, automatically.", "en"),
        # nothing paid or charged for the missed thing
        (
            "Nobody will pay for the lessons that were lost. Anyone who paid will be refunded "
            "to their card by 3 March.",
            "en",
        ),
        (
            "You won't be charged the booking fee, and any booking fee you paid goes back to "
            "your card within 5 days.",
            "en",
        ),
        ("Parents will pay nothing for the trip. We have refunded everyone who paid.", "en"),
        ("The fee for that session will come off your next invoice.", "en"),
        ("Your next check-up fee is on us. We will take it off your bill.", "en"),
        ("Anyone charged by their bank can claim it back from us, up to $80, by 9 May.", "en"),
        # the next one free, taken when booked
        (
            "Every dog that missed its visit gets its next groom free. Mention it when you book.",
            "en",
        ),
        # the service given longer, a place kept
        ("Every rental now lasts an extra 7 days, automatically.", "en"),
        (
            "All missed reservations are back at the top of the waiting list. This was done "
            "automatically.",
            "en",
        ),
        # Spanish: the fines cancelled, a week of the fee, the next one free, the charge repaid
        (
            "Anulamos las 40 multas de esa mañana. Si ya pagó, se las devolveremos antes del 2 "
            "de marzo.",
            "es",
        ),
        ("Tendrán gratis la cuota de dos semanas, descontada en la factura de abril.", "es"),
        ("Un mes de televisión sin costo, descontado en la factura de mayo.", "es"),
        (
            "Los clientes afectados tienen gratis su próxima revisión hasta el 30 de junio.",
            "es",
        ),
        (
            "Devolveremos toda comisión bancaria de esos días. Se descontará sola de la cuota "
            "de marzo.",
            "es",
        ),
        ("Los préstamos se han alargado 10 días. No tenéis que hacer nada.", "es"),
    ],
)
def test_repair_waived_kept_and_given(text: str, locale: str) -> None:
    assert not _fires("repair", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the fines cancelled, with nothing said of when or how
        ("Some fines may be cancelled.", "en"),
        # a free thing to ask for, no date nor how it is applied
        ("Members can ask at the front desk for a free guest pass.", "en"),
        # the date of the refund left as a slot
        (
            "Nadie pagará la sesión perdida. Quien pagó recibirá el reintegro antes del [FECHA].",
            "es",
        ),
        # the next one free, with nothing said of when or how
        ("Los clientes afectados tienen gratis su próxima revisión.", "es"),
    ],
)
def test_repair_near_misses(text: str, locale: str) -> None:
    assert _fires("repair", text, locale)


@pytest.mark.parametrize(
    ("text", "stage", "locale"),
    [
        # charged, sold or sent twice or again and again
        ("Our new checkout charged 230 concert orders twice from 9am AEST.", "acknowledge", "en"),
        ("Since 8am our ticket site has taken two payments for 90 orders.", "acknowledge", "en"),
        ("212 cabin berths on the 24 December sailing were sold twice.", "explain", "en"),
        ("From 1am, 800 members got the same renewal email again and again.", "update", "en"),
        ("Patients in Hove got repeat booking texts from 3am GMT.", "acknowledge", "en"),
        # never got where it goes; had the wrong thing, told by a clause after the noun
        ("On Friday your parcel never reached the depot.", "explain", "en"),
        ("The invoice you got on 3 June had the wrong total.", "acknowledge", "en"),
        # water to be boiled, or back
        ("Keep boiling tap water in Ashby until we say it is safe.", "update", "en"),
        ("The boil water notice for Ashby ended at 6pm.", "resolve", "en"),
        ("Taps in Ashby had water again by noon.", "resolve", "en"),
        ("Water supplies have now been restored to 900 homes in Ashby.", "resolve", "en"),
        ("Email is back for all 4,000 members in Hove.", "resolve", "en"),
        # Spanish
        ("300 entradas del concierto se vendieron dos veces.", "explain", "es"),
        ("Las facturas de marzo salieron con fecha equivocada.", "acknowledge", "es"),
        ("Desde las 3:00, 500 socios recibieron avisos duplicados.", "acknowledge", "es"),
        ("Muchos clientes recibieron correos con un error de importe.", "resolve", "es"),
        ("Volvieron internet y televisión a las casas de Lobos.", "resolve", "es"),
        ("Hiervan el agua antes de beberla en Lobos.", "acknowledge", "es"),
        ("800 pedidos fueron cobrados sin ser entregados.", "explain", "es"),
    ],
)
def test_what_twice_wrong_and_boiled(text: str, stage: str, locale: str) -> None:
    assert not _fires("what", text, locale, stage)


@pytest.mark.parametrize(
    ("text", "stage", "locale"),
    [
        # our own people got the repeated alerts; a hedge; a return told in general words
        ("Our team got repeat alerts from the monitoring system.", "acknowledge", "en"),
        ("Some members may get repeat texts.", "acknowledge", "en"),
        ("Email traffic returned to normal.", "resolve", "en"),
        ("Nuestro equipo recibió mensajes duplicados del sistema.", "acknowledge", "es"),
    ],
)
def test_what_near_misses_round30(text: str, stage: str, locale: str) -> None:
    assert _fires("what", text, locale, stage)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a release that changed how a thing works; what the harm came from
        ("A browser update released overnight changed how sites use webcams.", "en"),
        ("The duplicate charges came from a new checkout page we launched on Monday.", "en"),
        # load a thing could not keep up with, or ran under
        ("Our booking servers could not keep up with the Boxing Day demand.", "en"),
        ("A change to the timetable engine didn't perform as expected under peak load.", "en"),
        # one thing relied on; a fault told by what it did; an account broken into; a surge
        ("Our chat service relied on a single server in Leeds.", "en"),
        ("The texting service we use had a fault that kept resending texts.", "en"),
        ("A hacked customer account sent thousands of junk emails through our servers.", "en"),
        ("A voltage spike reached the exchange at 3am.", "en"),
        # the supplier switched our account off; a slip while moving records
        ("The licence company switched off our account.", "en"),
        (
            "When we moved members to the new system, we copied the credit limit into the box "
            "that counts purchases.",
            "en",
        ),
        # a change of ours with a check left out, dated the day before, or what it did after
        ("We switched to a new login page on Monday and never told the help desk.", "en"),
        ("We switched to a new booking page yesterday.", "en"),
        ("At 9pm we sent an update to the tills. The update logged every till out.", "en"),
        # Spanish
        ("Una subida de tensión llegó a la central a las 3:00.", "es"),
        ("La rotura se produjo en nuestra tubería de la calle Mayor.", "es"),
        ("El correo dependía de un solo servidor.", "es"),
        ("Cambiamos la clave del servidor y no la actualizamos en la web.", "es"),
        ("El proveedor cerró nuestra cuenta.", "es"),
    ],
)
def test_cause_changed_how_load_and_single_points(text: str, locale: str) -> None:
    assert not _fires("cause", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a change of ours with nothing of what it did nor when
        ("We switched to a new booking page.", "en"),
        # people who relied on us; a dependence with no single thing
        ("Many families relied on us that day.", "en"),
        ("Las llamadas dependían de la red.", "es"),
    ],
)
def test_cause_near_misses_round30(text: str, locale: str) -> None:
    assert _fires("cause", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Our supplier paused the service over an administrative matter.", "en"),
        ("El proveedor suspendió el servicio por un asunto administrativo.", "es"),
    ],
)
def test_vague_a_cause_named_by_its_kind(text: str, locale: str) -> None:
    assert _fires("vague", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a timeline in the present tense
        ("Payments failed from 9am. 10.40am: we switch back to the old checkout.", "en"),
        ("Orders were cancelled from 6am. 9am: we find the fault and stop all of them.", "en"),
        # room made larger; the broken part cut out and new put in
        ("Uploads failed from 8am. At noon our staff doubled the disk space.", "en"),
        (
            "Taps ran dry from 4am. Crews cut out the cracked section and put in 30 metres of "
            "new pipe.",
            "en",
        ),
        # the bad account closed; the overdue bill paid, then the return
        (
            "Mail was blocked from 9am. We closed the compromised account and asked the big "
            "providers to unblock our server.",
            "en",
        ),
        (
            "The streaming service stopped on Monday. We paid the overdue invoice on Tuesday, and "
            "the service came back within the hour.",
            "en",
        ),
        # our page changed, then calls connected again; the old version back, more words between
        (
            "Video calls failed from 8am. At 11am our developers changed the page, and calls "
            "connected again.",
            "en",
        ),
        ("Video calls failed from 8am. At 11am we updated our video page to work with it.", "en"),
        ("The app showed no zones from 8am. The previous version of the app was restored.", "en"),
        # Spanish
        ("El correo falló. A las 12:00 pasamos el correo a nuestro servidor de respaldo.", "es"),
        ("La app falló desde las 9:00. A las 12:00 nuestro equipo regresó al mapa anterior.", "es"),
        ("El préstamo digital falló el lunes. El martes pagamos y la cuenta se reactivó.", "es"),
        ("El técnico renovó la configuración del servidor a las 18:00.", "es"),
        ("Vendimos 300 asientos dos veces. Sumamos tres buses el sábado.", "es"),
    ],
)
def test_fix_present_timeline_room_and_bills(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a promise, not what was done; another's engineers; a bill paid as a habit
        ("Payments failed from 9am. We will switch back to the old checkout if it fails.", "en"),
        ("Uploads failed from 8am. Our supplier's engineers doubled the disk space.", "en"),
        ("El préstamo digital falló el lunes. Cada año renovamos la licencia.", "es"),
    ],
)
def test_fix_near_misses_round30(text: str, locale: str) -> None:
    assert _fires("fix", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # what people did or went through, with verbs that tell no symptom
        ("We are sorry. Patients waited at home all morning for a call.", "en"),
        ("We are sorry. Many people queued at the pay machines for an hour.", "en"),
        ("We are sorry. Some families spent the evening not knowing if they could travel.", "en"),
        ("We are sorry. Our drivers are losing a Saturday's pay.", "en"),
        ("We are sorry. Many of you reset passwords that were never wrong.", "en"),
        ("We are sorry. One parent had to leave a job interview.", "en"),
        # the harm that hurt or wore on them; what the service is to them
        ("We are sorry. A double charge in the week before payday hurts.", "en"),
        ("We are sorry. Three days of boiling water was tiring.", "en"),
        ("We are sorry. For many older members, the app is the only way to book.", "en"),
        ("We are sorry. Texting is how many of you reach your carers.", "en"),
        # Spanish
        ("Lo sentimos. Muchos de ustedes esperaron con su perro enfermo.", "es"),
        ("Lo sentimos. Para muchos fue una tarde sin poder cobrar.", "es"),
        ("Lo sentimos. Muchos se quedaron en la farmacia o en el súper sin poder pagar.", "es"),
    ],
)
def test_empathy_people_and_what_it_cost(text: str, locale: str) -> None:
    assert not _fires("empathy", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the symptom with the people as its subject; calls that went unanswered; no one hurt; a
        # backlog draining
        ("We are sorry. Riders couldn't see nearby bikes.", "en"),
        ("We are sorry. Calls from residents went unanswered.", "en"),
        ("We are sorry. Nobody was hurt.", "en"),
        ("We are sorry. The backlog is draining.", "en"),
    ],
)
def test_empathy_near_misses_round30(text: str, locale: str) -> None:
    assert _fires("empathy", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The booking page is our service, and we own the outage.", "en"),
        ("Cards were declined from 9am. The cause was our own.", "en"),
        ("We only had one link into the valley.", "en"),
        ("We put the new timetable live on a Friday night.", "en"),
        ("We waited too long to replace the pump.", "en"),
        ("On Sunday we moved every member account to a new booking system.", "en"),
        ("Our monitoring did not catch the failed sends.", "en"),
        ("Debíamos haber revisado la bomba antes.", "es"),
        ("Decidimos no poner un segundo enlace.", "es"),
        ("Tardamos demasiado en cambiar la tubería.", "es"),
    ],
)
def test_ownership_owned_in_more_words(text: str, locale: str) -> None:
    assert not _fires("ownership", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the supplier's one cable; a warning that we owned nothing; a decision to compensate
        ("The supplier only had one cable into the valley.", "en"),
        ("Our monitoring team called the supplier.", "en"),
        ("Decidimos compensar a todos los clientes.", "es"),
    ],
)
def test_ownership_near_misses_round30(text: str, locale: str) -> None:
    assert _fires("ownership", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Since 9am, 2,300 of our debit cards in Hexford are declined.", "en"),
        ("Our app charged 300 ferry bookings in Port Ellen twice.", "en"),
        ("The portal is back for all 640 families in Wentford.", "en"),
        ("Se vendieron dos veces 534 pasajes en Viedma.", "es"),
    ],
)
def test_who_counted_as_schools_ferries_and_banks_count(text: str, locale: str) -> None:
    assert not _fires("who", text, locale, "acknowledge")


def test_who_near_miss_cards_not_counted() -> None:
    assert _fires("who", "Some cards were declined in Hexford.", "en", "acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We are writing about the matter that arose on Tuesday.", "en"),
        ("Sorry, there's a problem with our booking texts.", "en"),
        ("Some riders may have intermittent problems with the app.", "en"),
        ("A small number of patients got two reminders.", "en"),
        ("Estamos teniendo inconvenientes con la web de reservas.", "es"),
        ("Ayer 300 socios tuvieron dificultades para entrar.", "es"),
        ("El inconveniente técnico ya está resuelto.", "es"),
        ("Algunos pasajeros no pudieron comprar su billete.", "es"),
    ],
)
def test_vague_events_and_people_named_by_kind(text: str, locale: str) -> None:
    assert _fires("vague", text, locale, "acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # an error message quoted; the symptom told
        ('Since 9am the site shows "Sorry, there is a problem with the service".', "en"),
        ("Desde las 9:00 la web de reservas presenta intermitencias en Soria.", "es"),
    ],
)
def test_vague_near_misses_round30(text: str, locale: str) -> None:
    assert not _fires("vague", text, locale, "acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Rural exchanges are among the hardest in the county to keep cool.", "en"),
        ("The heat put every one of our pumps under strain.", "en"),
        ("Like every library, we have fewer staff in January.", "en"),
        ("Wind on that scale would test any network.", "en"),
        ("Changes like this almost always go smoothly.", "en"),
        ("Given the volume of Christmas orders, the fault was hard to see.", "en"),
        ("Schools run on tight budgets.", "en"),
        ("It is very rare for a certificate to be missed.", "en"),
        ("In fairness to our staff, December is by far the busiest month.", "en"),
        ("Every bank in the country makes changes like this.", "en"),
        ("Enero es nuestra temporada más ocupada y el personal estaba al límite.", "es"),
        ("En un pueblo con tantas nevadas es imposible evitarlo todo.", "es"),
        ("Son cosas que pasan con cualquier banco.", "es"),
    ],
)
def test_excuse_more_forms_round30(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a promise to test; a line at its limit
        ("From March we will test any change with ten members first.", "en"),
        ("Las líneas estaban al límite de su capacidad.", "es"),
    ],
)
def test_excuse_near_misses_round30(text: str, locale: str) -> None:
    assert not _fires("excuse", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("A crew working for the county council cut our duct on Mill Lane.", "en"),
        ("The firm that hosts our booking page forgot to renew its certificate.", "en"),
        ("Our ticket shop is built and hosted by an outside company.", "en"),
        ("A phone update released by its maker on Monday stopped the app.", "en"),
        ("This was a third-party outage.", "en"),
        ("The fault arose with our card supplier.", "en"),
        ("The power comes from the local electric company.", "en"),
        ("El corte se debe al proveedor de la web.", "es"),
        ("La web de reservas es de una empresa externa.", "es"),
        ("La empresa que gestiona la web subió una versión con errores.", "es"),
    ],
)
def test_blame_the_other_party_named_by_what_it_runs(text: str, locale: str) -> None:
    assert _fires("blame", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # our own firm; our own release; their phones (the customers')
        ("The company that runs this service is ours, and the fault was ours.", "en"),
        ("A phone update released by us on Monday stopped the app.", "en"),
        ("Their phones could not connect.", "en"),
    ],
)
def test_blame_near_misses_round30(text: str, locale: str) -> None:
    assert not _fires("blame", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("This was a relatively contained fault.", "en"),
        ("Only 40 of our 900 members missed a class.", "en"),
        ("It was only a partial outage.", "en"),
        ("Texts are working for most customers.", "en"),
        ("Most riders were able to book by phone.", "en"),
        ("The impact on deliveries was minimal.", "en"),
        ("Thankfully, most shops have a second card reader.", "en"),
        ("Fue apenas una mañana.", "es"),
        ("La mayoría de los socios pudieron reservar por teléfono.", "es"),
    ],
)
def test_minimise_more_forms_round30(text: str, locale: str) -> None:
    assert _fires("minimise", text, locale, "explain")


def test_minimise_near_miss_a_failure_told_by_a_count() -> None:
    text = "The alert reached only 212 of the 2,058 families."
    assert not _fires("minimise", text, "en", "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We'd like to say sorry to every rider who waited.", "en"),
        ("Desde las 7:00 los recibos salieron con fecha errónea. Perdón.", "es"),
        ("Sentimos mucho haberles fallado.", "es"),
    ],
)
def test_apology_said_in_more_words(text: str, locale: str) -> None:
    assert not _fires("apology", text, locale, "acknowledge")


def test_apology_near_miss_a_pardon_asked_for_nothing() -> None:
    text = "Perdón por las molestias que esto pueda ocasionar."
    assert _fires("apology", text, "es", "acknowledge")


@pytest.mark.parametrize(
    "text",
    [
        "Próxima novedad en esta página a las 15:00.",
        "Os enviaremos otro correo hoy a las 18:00.",
    ],
)
def test_next_update_the_next_news_in_spanish(text: str) -> None:
    assert not _fires("next_update", text, "es", "acknowledge")


def test_next_update_near_miss_no_time() -> None:
    assert _fires("next_update", "Os enviaremos otro correo pronto.", "es", "acknowledge")


def test_blame_not_when_our_single_link_is_owned_after() -> None:
    text = (
        "The cause was damage to our cable near Mill Road, where a contractor was digging. "
        "We only had one cable into the village."
    )
    assert not _fires("blame", text, "en", "explain")
    assert _fires("blame", text.split(" We only")[0], "en", "explain")


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # the hour as Argentina writes it
        ("Desde las 14 hs (hora argentina) la web de turnos no carga.", "acknowledge"),
        # the zone declared once for every time
        ("Todos los horarios son de Argentina. De 9:00 a 17:30 la web no cargó.", "resolve"),
        ("Todas las horas son del centro. De 9:00 a 17:30 la web no cargó.", "resolve"),
    ],
)
def test_when_hours_and_zones_in_spanish(text: str, stage: str) -> None:
    assert not _fires("when", text, "es", stage)


def test_when_near_miss_no_zone() -> None:
    assert _fires("when", "Desde las 14 hs la web de turnos no carga.", "es", "acknowledge")


def test_vague_near_miss_two_charges_you_may_see() -> None:
    text = "Since 8am our booking page has charged 300 Hexford bookings twice. You may see two "
    text += "charges on your card."
    assert not _fires("vague", text, "en", "update")
    assert _fires("vague", "Customers may see problems when paying.", "en", "update")


def test_who_a_place_of_two_words_and_a_kind_inside_the_count() -> None:
    text = "Since 8am our app has charged 230 Port Ellen ferry bookings twice."
    assert not _fires("who", text, "en", "acknowledge")
    assert _fires("who", "Since 8am our app has charged 230 bookings twice.", "en", "acknowledge")
