"""Thirty-fifth round (issue 19): rules read by form, tuned on the fifty-third and fifty-fourth
sets. Each case is our own sentence, none from a corpus; each group has near misses that must
stay as they were. The patterns are tested alone (`learned = false`): the learned reading has its
own tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # what "you" went through, in the second person after the apology
        ("We're sorry. You were left standing at the counter with a full basket.", "en"),
        ("We're sorry. You had been looking forward to that concert for months.", "en"),
        ("We're sorry. If your boiler broke down, you had no one to ring.", "en"),
        ("We're sorry. You paid to see that film on its opening night.", "en"),
        ("We're sorry. You needed to send that form today, and you could not.", "en"),
        # people late for what they had on
        ("We are sorry. We made you late for your appointments.", "en"),
        ("We are sorry. Parents were late for work on Monday.", "en"),
        # the feeling named; the time granted as long
        ("We are sorry. Being refused at the checkout is embarrassing.", "en"),
        ("We are sorry. Ten hours without heating is a long time, especially in winter.", "en"),
        # what it can leave a family, made worse, hurts, or can mean
        ("We are sorry. A second charge before payday can leave a household short.", "en"),
        ("We are sorry. The wait at the counter made a busy morning harder.", "en"),
        ("We are sorry. A double charge in December hurts the family budget.", "en"),
        ("We are sorry. Out here, a cancelled bus can mean an hour's wait.", "en"),
        # the things people missed, apologised for
        ("We are sorry for the missed appointments on Tuesday.", "en"),
    ],
)
def test_empathy_second_person_and_feelings(text: str, locale: str) -> None:
    assert not _fires("empathy", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a condition; a late train; a long time before something; what we know of the fault
        ("We are sorry. If you were left without a receipt, ask at the desk.", "en"),
        ("We are sorry. The 8am train was late by ten minutes.", "en"),
        ("We are sorry. It was a long time before we found the fault.", "en"),
    ],
)
def test_empathy_near_misses_round35(text: str, locale: str) -> None:
    assert _fires("empathy", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # what we know of the fault is no empathy
        ("Lo sentimos. Ya sabemos la causa: un cable cortado en la calle Mayor.", "es"),
        ("Lo sentimos. Sabemos el origen del corte y lo contaremos hoy.", "es"),
    ],
)
def test_empathy_not_what_we_know_of_the_fault(text: str, locale: str) -> None:
    assert _fires("empathy", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # what we know of the people stays empathy
        ("Lo sentimos. Sabemos lo difícil que fue quedarse sin línea.", "es"),
    ],
)
def test_empathy_near_misses_known_round35(text: str, locale: str) -> None:
    assert not _fires("empathy", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # what was held up reaching where it belongs, by a time
        ("Esperamos que los pagos lleguen a su cuenta antes de las 15:00.", "es"),
        ("We expect the transfers to reach your account by 4pm today.", "en"),
        # the return in the conditional, as whoever does the work estimates it
        ("Según la distribuidora, la luz volvería a las 18:00.", "es"),
        # a short post's fix with its time alone
        ("Card payments down in Leeds since 9am. Fix 4pm BST.", "en"),
    ],
)
def test_eta_arrival_conditional_and_short(text: str, locale: str) -> None:
    assert not _fires("eta", text, locale, "update")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a person arriving; a site reached
        ("Esperamos que el técnico llegue antes de las 15:00.", "es"),
        ("The engineer will reach the site by 4pm.", "en"),
    ],
)
def test_eta_near_misses_round35(text: str, locale: str) -> None:
    assert _fires("eta", text, locale, "update")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the next word from us in the Spanish present, with "de nuevo"
        ("Te escribimos de nuevo a las 22:00.", "es"),
        ("Te contamos de nuevo a las 9:30.", "es"),
        # a short post's next text with its time alone
        ("Lifts at Ashby closed since 8am. Repair 5pm, SMS 2pm.", "en"),
    ],
)
def test_next_update_present_and_short(text: str, locale: str) -> None:
    assert not _fires("next_update", text, locale, "update")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a text code, not a time; the present with no "de nuevo"
        ("Send SMS 2 to 8080 for help.", "en"),
        ("Te escribimos porque tu pago no llegó.", "es"),
    ],
)
def test_next_update_near_misses_round35(text: str, locale: str) -> None:
    assert _fires("next_update", text, locale, "update")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a thing not ready for a change; a limit too low
        ("The ticket gates were not ready for the new barcode format.", "en"),
        ("A cap on our booking servers was too low for the first day of sales.", "en"),
        # how another party sends us things, changed; the spare never set up
        ("Our map supplier changed how it sends us the street data.", "en"),
        ("We had set up no spare line to the exchange.", "en"),
        # a link to what did not exist; a thing still working to the old place
        ("The reminder link pointed to a page that did not exist yet.", "en"),
        ("The payroll system was still sending files to last year's folder.", "en"),
        # Spanish: the power cut to our kit; a new version leaving things waiting; the outage
        # placed; a thing loaded with errors
        ("La eléctrica cortó el suministro a nuestra antena del cerro.", "es"),
        ("La versión nueva dejaba los pagos en espera.", "es"),
        ("El corte se origina en la red de nuestro proveedor de fibra.", "es"),
        ("El proveedor cargó una tabla de tarifas con errores.", "es"),
    ],
)
def test_cause_not_ready_too_low_and_old_place(text: str, locale: str) -> None:
    assert not _fires("cause", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the cause said to be still under investigation
        ("The cause is still being investigated. Service is back.", "en"),
        # the outage named by what failed, in a subject line
        ("Asunto: la falla de la app del lunes. Lo sentimos.", "es"),
        # a hazard feared in general, the word read as a cause in its subject
        ("We know that a burst main at night is frightening.", "en"),
        ("In a storm, a fallen line with no one to call is a real worry.", "en"),
        # the act owned right after is the fix, followed by the service's return
        (
            "We put the right file in place at noon and both apps came back. "
            "That was our responsibility.",
            "en",
        ),
    ],
)
def test_cause_said_where_none_is_told(text: str, locale: str) -> None:
    assert _fires("cause", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a cause that is worrying; the hazard after the predicate; a cause told
        ("A storm cut our lines, which is worrying.", "en"),
        ("We know a night without power is frightening in a storm.", "en"),
        ("The cause was a cable cut by a digger.", "en"),
    ],
)
def test_cause_near_misses_told_round35(text: str, locale: str) -> None:
    assert not _fires("cause", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # an error code, not a thing made with errors
        ("La web respondía con errores 503 durante la mañana.", "es"),
    ],
)
def test_cause_near_misses_missing_round35(text: str, locale: str) -> None:
    assert _fires("cause", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a setting changed or things moved across by hand
        ("We changed the time zone setting by hand at 3pm.", "en"),
        ("Our clerks edited the missing entries manually.", "en"),
        # the new thing loaded into every unit; a new build deployed
        ("We loaded the new codes into every reader at 6am.", "en"),
        ("At 9am we deployed a new build to the kiosks.", "en"),
        # the act whose completion brought the service back
        ("Once they loaded the new schedule, the screens worked again.", "en"),
        # a page pointed at the right place, in the passive
        ("The booking form was pointed at the correct address at noon.", "en"),
        # Spanish: one of our people, in the singular, and what was put in or started
        ("El electricista montó otra planta junto a la antena.", "es"),
        ("Nuestro operario arrancó otra bomba a las 6:00.", "es"),
    ],
)
def test_fix_by_hand_loaded_and_once(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a setting that was wrong; the new codes loaded at the wrong time; a tower looked at
        ("The time zone setting was wrong.", "en"),
        ("We loaded the new codes at the wrong time.", "en"),
        ("Un técnico revisó la torre.", "es"),
    ],
)
def test_fix_near_misses_round35(text: str, locale: str) -> None:
    assert _fires("fix", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # closed for people or since a time
        ("Self check-in at our hotels was closed for 300 guests from 6am.", "en"),
        ("The parking app is still closed to all drivers.", "en"),
        # blank since a time, told bare; people double-charged, told bare
        ("Meter portal blank since 7am for 3,000 homes.", "en"),
        ("Nine hundred families double-charged for swimming lessons on Monday.", "en"),
    ],
)
def test_what_closed_blank_and_double_charged(text: str, locale: str) -> None:
    assert not _fires("what", text, locale, "acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a ticket of ours closed; opening hours
        ("We closed the old ticket at 6am.", "en"),
        ("The office is closed on Sundays.", "en"),
    ],
)
def test_what_near_misses_round35(text: str, locale: str) -> None:
    assert _fires("what", text, locale, "acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # more people counted after "only"; "percent" in one word
        ("The outage affected only 212 passengers.", "en"),
        ("Only about 3 percent of our members were affected.", "en"),
        # Spanish: the outage called short after its day and place; only a share
        ("La caída del lunes en Soria fue corta.", "es"),
        ("Se trata solo del 2 % de los clientes.", "es"),
    ],
)
def test_minimise_only_counted_and_short(text: str, locale: str) -> None:
    assert _fires("minimise", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # "apenas" as "as soon as"; the group a change is tried on first
        ("Te avisaremos apenas sepamos algo más.", "es"),
        ("Cada cambio se probará primero con un grupo pequeño de clientes.", "es"),
        ("Probaremos la nueva versión con un grupo reducido de usuarios.", "es"),
    ],
)
def test_minimise_not_as_soon_as_or_test_group(text: str, locale: str) -> None:
    assert not _fires("minimise", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a short time made small; a small group that was hit
        ("Apenas unos minutos después volvió la señal.", "es"),
        ("Fue un grupo pequeño de clientes el afectado.", "es"),
    ],
)
def test_minimise_near_misses_round35(text: str, locale: str) -> None:
    assert _fires("minimise", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # "a number of" passengers or families
        ("A number of passengers missed their connections.", "en"),
        ("A number of families were charged three times.", "en"),
        # Spanish: a technical failure with no more said; thousands with no number
        ("La interrupción se debió a una falla técnica.", "es"),
        ("Miles de clientes no pudieron pagar.", "es"),
    ],
)
def test_vague_number_of_and_technical_failure(text: str, locale: str) -> None:
    assert _fires("vague", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the group a change is tried on first
        ("Probaremos la nueva versión con un grupo reducido de usuarios.", "es"),
    ],
)
def test_vague_not_test_group(text: str, locale: str) -> None:
    assert not _fires("vague", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a small group that was hit, with no number
        ("Un grupo reducido de usuarios no pudo entrar.", "es"),
    ],
)
def test_vague_near_misses_round35(text: str, locale: str) -> None:
    assert _fires("vague", text, locale)
