"""Fifth round of structural matches (issue 19, after the fourth blind set was measured): each
case is our own sentence, none from a corpus, of a form the rules before this round got wrong,
with guard cases the rules must still get right."""

from __future__ import annotations

import pytest
from tests.check.helpers import rules


# ---------------------------------------------------------------- cause
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # something left undone or in a bad state, whoever left it
        ("Our fitter swapped the fan tray in Hobart and left the door sensor unplugged.", "en"),
        ("The night shift left out one step of the router checklist.", "en"),
        ("We moved the billing links to a new rack and forgot to label the spare port.", "en"),
        # a check not done, in the negative past
        ("We wrote that firmware schedule and didn't trial it on a spare box.", "en"),
        ("We had not serviced the standby generator at our Dubbo depot since spring.", "en"),
        # got wrong, set up for somewhere else, not set up for the job
        ("We renumbered the Geelong ports, and we got the numbering wrong.", "en"),
        ("We installed a modem profile built for a different region.", "en"),
        ("We fitted a line card that was not configured for voice.", "en"),
        # too fast, or by mistake
        ("I pushed the Ipswich move through in one weekend, and we moved too fast.", "en"),
        ("An engineer deleted the Wagga routing table by mistake.", "en"),
        # damage by work near a line; an electrical short; where the fault began
        ("A digger working on Elm Road bored right through our duct.", "en"),
        ("Water leaked into a cabinet in Ayr and shorted the power shelf.", "en"),
        ("The fault began inside the hosting firm's building in Slough.", "en"),
        # a thing that did not fit, that destroyed or refused, that died; weather took it down
        ("The new profile did not suit the older handsets.", "en"),
        ("Our new mail filter wiped the saved folders.", "en"),
        ("The replacement gateway was rejecting every login.", "en"),
        ("The battery bank in our Tamworth hut died.", "en"),
        ("Snow brought down two of our lines near Braemar.", "en"),
        # "we" right before a slip, however long the clause before it
        (
            "While we were moving the Perth racks over a long weekend with a new crew from the "
            "east coast we skipped the check that tests each port.",
            "en",
        ),
        ("We uploaded the tariff file, and it had a spelling mistake.", "en"),
        # Spanish
        ("Se ha roto el enlace de fibra que une Lugo con Ourense.", "es"),
        ("En la obra quedó suelta la fibra del nodo de Jaca.", "es"),
        ("Se nos olvidó cambiar las baterías del nodo de Teruel.", "es"),
        ("Un técnico borró por error la lista de clientes.", "es"),
        ("No los habíamos revisado desde el verano.", "es"),
        ("Montamos el equipo nuevo y no lo probamos.", "es"),
        ("Instalamos la tarjeta y la programamos para otra provincia.", "es"),
        ("Lo dejamos con los ajustes de pruebas.", "es"),
        ("El viento tumbó la torre de Soria.", "es"),
        ("Conectamos el router al puerto equivocado.", "es"),
    ],
)
def test_a_cause_in_round5_forms(text: str, locale: str) -> None:
    assert "cause" not in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a heading that asks what went wrong says nothing ("went" is not "we")
        ("What went wrong in Dubbo. We are sorry.", "en"),
        # customers who were cut off are the symptom
        ("Customers who were cut off get $4 back on their next bill.", "en"),
        # the symptom as the subject of the new verbs
        ("Calls were dropping every few minutes.", "en"),
        ("Service died at noon.", "en"),
        # "we stopped the work" is not a slip of ours
        ("We stopped the work at noon.", "en"),
        # symptoms told with the new Spanish forms are not causes
        ("El servicio se ha caído en Soria.", "es"),
    ],
)
def test_still_no_cause_round5(text: str, locale: str) -> None:
    assert "cause" in rules(text, "resolve", locale)


# ---------------------------------------------------------------- ownership
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the provider is the subject of the sentence that tells the cause
        ("Overnight we pushed a price list to the tills, and it wiped the day's orders.", "en"),
        (
            "Our technician rewired the Bega cabinet and plugged two pairs into the wrong ports.",
            "en",
        ),
        (
            "6.40am: we moved the Kiama lines to a new switch and forgot to copy the short codes.",
            "en",
        ),
        ("We loaded a tariff file onto the billing server, and it had a typing mistake.", "en"),
        ("Montamos la tarjeta nueva y la programamos para otra provincia.", "es"),
    ],
)
def test_ownership_by_the_subject_of_the_cause(text: str, locale: str) -> None:
    assert "ownership" not in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    "text",
    [
        # a remedy on a faulty thing is the fix, not an act that caused it
        "We replaced faulty equipment.",
        # a plan, a thing brought in, or an apology is not the act that failed
        "By 30 June we will put a spare battery at the tower.",
        "We brought in generators and restored service.",
        "We are sorry that calls failed because of the hosting partner's outage.",
        # a cause with no subject of ours
        "A power unit at the Orange exchange died.",
        # finding out is not acting
        "We found that a contractor's digger had cut the duct.",
    ],
)
def test_still_no_ownership(text: str) -> None:
    assert "ownership" in rules(text, "resolve")


# ---------------------------------------------------------------- empathy
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # people as the subject of what they went through, with no "we know"
        ("Some of you had no way to check on a parent in hospital.", "en"),
        ("Plenty of households missed the school notices that morning.", "en"),
        ("Many shops could not take a single card payment.", "en"),
        # the acknowledgement after the harm; what it cost; a day lost or hard
        ("The evening was gone for people studying at home; we get that.", "en"),
        ("Nobody could call an ambulance for two hours, and that frightens us.", "en"),
        ("The outage cost many of you a day's takings.", "en"),
        ("For a lot of people it was a morning of study lost.", "en"),
        ("It was a rough afternoon for anyone running a stall at the market.", "en"),
        ("For many it meant a night without any way to call home.", "en"),
        # Spanish
        ("Para muchos fue una tarde de estudio perdida.", "es"),
        ("Mucha gente no pudo cobrar en su tienda.", "es"),
        ("Muchos comercios se quedaron toda la tarde sin vender.", "es"),
        ("Fue una mañana difícil para los autónomos, y lo sabemos.", "es"),
        ("Los mayores se quedaron sin teléfono, y eso nos pesa.", "es"),
    ],
)
def test_empathy_in_round5_forms(text: str, locale: str) -> None:
    assert "empathy" not in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    "text",
    [
        # customers, or people counted, as the subject of the symptom
        "About 2 million people could not open the app.",
        "Customers could not make calls.",
        # thanks are not empathy
        "Thank you for your patience.",
    ],
)
def test_still_no_empathy(text: str) -> None:
    assert "empathy" in rules(text, "resolve")


# ---------------------------------------------------------------- repair
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # an amount taken from the bill or from what is owed, whatever the verb
        ("Each affected home will have $9 trimmed from the next bill, unasked.", "en"),
        ("We'll knock $7 from what each customer owes next month, automatically.", "en"),
        # how it is applied in other words
        ("Those affected pay £4 less next time, and we make the adjustment.", "en"),
        ("Every line gets $3 off the upcoming bill, with no action needed.", "en"),
        ("Each account gets five days' service free on its August bill.", "en"),
        ("Every customer will be billed £2 less, without being asked. It's automatic.", "en"),
        # Spanish: days not charged
        ("Ningún cliente afectado pagará tres días en el próximo recibo; se aplica solo.", "es"),
        (
            "Los clientes afectados no pagarán cuatro días en su próxima factura, sin trámites.",
            "es",
        ),
    ],
)
def test_repair_in_round5_forms(text: str, locale: str) -> None:
    assert "repair" not in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    "text",
    [
        # no amount, or no how and when
        "A credit will be applied to affected accounts.",
        "Customers will receive a $12 credit.",
        # a sum of money that is not taken off anything
        "We spent $5 million on the network last year.",
    ],
)
def test_still_no_repair(text: str) -> None:
    assert "repair" in rules(text, "resolve")


# ---------------------------------------------------------------- who
@pytest.mark.parametrize(
    "text",
    [
        # the customers addressed, counted, and the place addressed by the apology
        "I'm sorry, Ballarat. Since 7am AEST about 6,100 of you have had no internet.",
        "Sorry Tamworth: mobile data is down for 3,200 customers since 9am AEST.",
        "About 2,900 of you in Orange have had no calls since 8am AEST.",
    ],
)
def test_who_in_round5_forms(text: str) -> None:
    assert "who" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        # an apology to "we" or a weekday is no place; "of you" with no number is no count
        "Sorry, we know this hurts. About 6,100 of you have had no internet.",
        "Some of you in Orange have had no calls since 8am AEST.",
    ],
)
def test_still_no_who(text: str) -> None:
    assert "who" in rules(text)


# ---------------------------------------------------------------- what
@pytest.mark.parametrize(
    ("text", "locale", "channel"),
    [
        # "no" with up to two words before the service; calls that drop; web pages
        ("Outage: no home phone service in Dubbo since 6am AEST.", "en", "sms"),
        ("Since 9am calls in Dubbo drop after a few seconds.", "en", None),
        ("Web pages would not load in Dubbo this morning.", "en", None),
        # Spanish: "se quedaron sin fijo", a line as the service
        ("Unos 2.000 clientes de Lugo se quedaron sin fijo ni internet.", "es", None),
        ("Ya funciona la red en Lugo. 1.200 clientes sin línea de 9:00 a 11:00.", "es", "sms"),
    ],
)
def test_what_in_round5_forms(text: str, locale: str, channel: str | None) -> None:
    assert "what" not in rules(text, "resolve", locale, channel)


def test_wifi_that_drops_in_empathy_is_still_no_symptom() -> None:
    # "drops" counts only with calls, connections or lines as its subject
    text = "We are looking into home Wi-Fi. We know how annoying it is when Wi-Fi drops."
    assert "what" in rules(text)


# ---------------------------------------------------------------- fix
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a thing done again, by its "re-" form
        ("Our crews restrung the drop cables along Main Street.", "en"),
        ("A technician re-seated the line card in the Orange exchange.", "en"),
        # copied or moved over; the missing part supplied; a repair done by anyone
        ("We copied the saved profiles over, and logins worked again.", "en"),
        ("Engineers added the missing routes to the Orange switch.", "en"),
        ("Once the power company's repair was done, our towers came back.", "en"),
        # Spanish: a thing done again
        ("Los técnicos volvieron a instalar el programa anterior.", "es"),
        ("Nuestros técnicos arrancaron de nuevo los servidores.", "es"),
        ("Cuando volvió la luz, encendimos los equipos.", "es"),
    ],
)
def test_fix_in_round5_forms(text: str, locale: str) -> None:
    assert "fix" not in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a symptom that came back is no fix; calls "volvieron a funcionar" has no object
        ("Calls worked again at noon.", "en"),
        ("Las llamadas volvieron a funcionar a las 12:00.", "es"),
        # a repair not yet done
        ("The repair is not done yet.", "en"),
    ],
)
def test_still_no_fix(text: str, locale: str) -> None:
    assert "fix" in rules(text, "resolve", locale)


# ---------------------------------------------------------------- prevention
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a sentence led by its date states a rule from then on, in any tense
        ("From 1 August, no router change goes live without a second engineer's sign-off.", "en"),
        ("Desde el 1 de julio, un segundo técnico revisará cada cambio.", "es"),
    ],
)
def test_prevention_led_by_its_date(text: str, locale: str) -> None:
    assert "prevention" not in rules(text, "explain", locale)


def test_the_outage_dates_are_no_plan() -> None:
    text = "From April 5 to April 18, customers could not open the app."
    assert "prevention" in rules(text, "explain")


# ---------------------------------------------------------------- blame
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # our own side declared sound
        ("A cable in a tunnel flooded. None of our own equipment was at fault.", "en"),
        ("The supplier's router crashed; there is nothing wrong with any of our own gear.", "en"),
        ("The wholesale link failed. Our own network is running normally.", "en"),
        ("The pole was knocked over by a lorry, not by anything we did.", "en"),
        # the repair declared theirs
        ("A node in Ipswich lost power, and fixing it is their job.", "en"),
        ("It is for their engineers to sort out.", "en"),
        ("Their field technicians are handling the repair.", "en"),
        # a thing run by another party, a crew working for one
        ("A data centre run by an outside hosting firm lost cooling.", "en"),
        ("A crew working for the water company cut our duct.", "en"),
        # Spanish
        ("La falla fue de la empresa que nos alquila la fibra.", "es"),
        ("Ese corte no fue nuestro.", "es"),
        ("Su reparación estaba en manos de ellos.", "es"),
        ("Se cayó el enlace que gestiona otra empresa.", "es"),
        ("Nuestra red funciona con normalidad.", "es"),
    ],
)
def test_blame_in_round5_forms(text: str, locale: str) -> None:
    assert "blame" in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # owning the fault, or our own crew, is no blame
        ("Nothing about this was anyone's fault but ours.", "en"),
        ("A crew working for us cut the cable; that is on us.", "en"),
        ("Our engineers are handling the repair.", "en"),
        ("Ese error fue nuestro.", "es"),
    ],
)
def test_still_no_blame(text: str, locale: str) -> None:
    assert "blame" not in rules(text, "resolve", locale)


# ---------------------------------------------------------------- excuse
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # no equipment made for it
        ("No network is designed for a flood of that size.", "en"),
        # any network would have failed
        ("Winds like those would flatten towers on any operator's network.", "en"),
        ("A blackout that long tests any telco, however well run.", "en"),
        # a disaster sized by memory
        ("The hail was the worst in living memory.", "en"),
        # Spanish
        ("Con esa nevada ninguna red habría resistido.", "es"),
        ("Con lluvias así era imposible mantener las torres.", "es"),
    ],
)
def test_excuse_in_round5_forms(text: str, locale: str) -> None:
    assert "excuse" in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a plan to test every change, help at any hour, an estimate not yet possible
        ("By March 31 we will test every network change on a copy of the network.", "en"),
        ("Call us at any hour.", "en"),
        ("Todavía es imposible dar una hora.", "es"),
    ],
)
def test_still_no_excuse(text: str, locale: str) -> None:
    assert "excuse" not in rules(text, "resolve", locale)


# ---------------------------------------------------------------- support and feedback
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Ring 0808 555 0199, open round the clock.", "en"),
        ("Call 1800 555 019, open through the night and day.", "en"),
        ("Teléfono de ayuda: 900 555 019, de 9:00 a 21:00.", "es"),
        ("Call 1800 555 019 from Monday to Saturday.", "en"),
    ],
)
def test_support_hours_in_round5_forms(text: str, locale: str) -> None:
    assert "support" not in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a weekday in a sentence that offers no help is not opening hours
        (
            "We know Saturday evening is when many of you stream the match. Ring 0808 555 0199.",
            "en",
        ),
        # a count of customers written with dots is no phone number
        ("De 9:00 a 12:00, unos 120.000 clientes no tuvieron internet. Escríbanos.", "es"),
    ],
)
def test_still_no_support_hours(text: str, locale: str) -> None:
    assert "support" in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Was this report clear? Answer this email and tell us.", "en"),
        ("If you have questions or comments, reply and send them.", "en"),
        ("Si quiere opinar sobre este informe, conteste a este correo.", "es"),
    ],
)
def test_feedback_in_round5_forms(text: str, locale: str) -> None:
    assert "feedback" not in rules(text, "explain", locale)


def test_valuing_feedback_is_still_no_channel() -> None:
    assert "feedback" in rules("We value your feedback.", "explain")


# ---------------------------------------------------------------- eta and next_update
@pytest.mark.parametrize(
    ("text", "locale", "channel"),
    [
        ("We expect full speeds by 4pm AEST.", "en", None),
        ("Repair due 3pm AEST.", "en", "sms"),
        ("Esperamos normalizar la señal a las 17:00.", "es", None),
    ],
)
def test_eta_in_round5_forms(text: str, locale: str, channel: str | None) -> None:
    assert "eta" not in rules(text, "update", locale, channel)


def test_the_next_update_expected_is_no_eta() -> None:
    assert "eta" in rules("We expect to post an update by 3pm AEST.", "update")


@pytest.mark.parametrize(
    ("text", "locale", "channel"),
    [
        ("Next text 2pm AEST.", "en", "sms"),
        ("Escribiré de nuevo a las 18:00.", "es", None),
        ("Informaremos otra vez a las 18:00.", "es", None),
    ],
)
def test_next_update_in_round5_forms(text: str, locale: str, channel: str | None) -> None:
    assert "next_update" not in rules(text, "update", locale, channel)


# ---------------------------------------------------------------- vague and minimise
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("A small number of our Dubbo customers lost calls.", "en"),
        ("Un pequeño grupo de usuarios de Lugo no tuvo internet.", "es"),
        ("Un número reducido de clientes no pudo llamar.", "es"),
    ],
)
def test_vague_in_round5_forms(text: str, locale: str) -> None:
    assert "vague" in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    "text",
    [
        "It was a short-lived fault.",
        "Few of you will have noticed it.",
        "Only about 2% of our customers lost calls.",
    ],
)
def test_minimise_in_round5_forms(text: str) -> None:
    assert "minimise" in rules(text, "resolve")


@pytest.mark.parametrize(
    "text",
    [
        # a small group something is tried on first is a test, not the harm made small
        "By 30 June every update will go to a small group of homes first.",
        "We did not try the change on a small group first.",
    ],
)
def test_a_test_group_is_not_minimising(text: str) -> None:
    assert "minimise" not in rules(text, "resolve")


def test_a_small_group_affected_is_still_minimising() -> None:
    assert "minimise" in rules("The fault hit a small group of customers.", "resolve")


# ---------------------------------------------------------------- apology and non-apology
@pytest.mark.parametrize(
    "text", ["Sorry, Ballarat. Calls failed this morning.", "Sorry Wagga Wagga: calls failed."]
)
def test_sorry_said_to_a_place_is_an_apology(text: str) -> None:
    assert "apology" not in rules(text)


def test_sorry_for_the_inconvenience_is_still_no_apology() -> None:
    assert "apology" in rules("Sorry for the inconvenience. Calls failed.")


@pytest.mark.parametrize(
    "text", ["We regret the disruption.", "I deeply regret what happened on Monday."]
)
def test_regret_for_what_happened_is_a_non_apology(text: str) -> None:
    assert "non-apology" in rules(text)


def test_regret_is_not_read_into_other_words() -> None:
    assert "non-apology" not in rules("We are sorry. We made a change we now regret making.")


def test_a_plan_about_any_network_change_is_no_excuse() -> None:
    text = "By 30 June we will check any network change with a second engineer."
    assert "excuse" not in rules(text, "resolve")


def test_seeing_a_fault_is_no_empathy() -> None:
    assert "empathy" in rules("We see that the fault is in the Orange exchange.", "resolve")
