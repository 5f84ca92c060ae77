"""Twenty-fifth round (issue 19): rules read by form, tuned on the thirty-fifth and thirty-sixth
sets. Each case is our own sentence, none from a corpus; each group has near misses that must stay
as they were. The patterns are tested alone (`learned = false`): the learned reading has its own
tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires
from tests.check.helpers import rules

from amends.check.config import CheckConfig

NO_LEARNED = CheckConfig(learned=False)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # compensation given as more time, already done
        (
            "Every hire that was open on Monday was extended by 3 days. We did this on Tuesday.",
            "en",
        ),
        ("Each season ticket has had two weeks added, so there is nothing to do.", "en"),
        ("We have added 5 free days to every Slough and Reading membership.", "en"),
        # money each customer receives, and how and when it is paid
        (
            "Every tenant who rang will receive $120, paid into the bank account by March 3.",
            "en",
        ),
        ("Each member gets £35. We will pay it into the bank account on file by 9 April.", "en"),
        # a whole refund, days taken off a fee
        ("We have refunded every lesson booked that afternoon in full.", "en"),
        ("We've taken 4 days off your August membership fee.", "en"),
        # Spanish: the service made longer, a credit already loaded
        (
            "Todas las reservas activas se han ampliado cinco días, sin que tengan que hacer nada.",
            "es",
        ),
        ("Te dejamos un crédito de S/ 25 en tu cuenta, ya cargado.", "es"),
        ("Hemos añadido una semana gratis a la cuota de cada socio.", "es"),
    ],
)
def test_repair_time_given_money_received_and_given_already(text: str, locale: str) -> None:
    assert not _fires("repair", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a month-first date that dates the prevention, not the payment
        (
            "Customers can ask the front desk for a $40 credit. By June 2 we will add a backup.",
            "en",
        ),
        # more time promised with no amount or date
        ("We will look at extending some bookings.", "en"),
        # Spanish: the network made larger is no compensation
        ("Ampliaremos la red el año que viene.", "es"),
    ],
)
def test_repair_near_misses(text: str, locale: str) -> None:
    assert _fires("repair", text, locale)


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("From 7am to 9am, callers to our Exeter line got 'number not recognised'.", "explain"),
        ('Since 6am, gift cards bought online come back as "card not active".', "update"),
        (
            "The turnstiles at both pools are rejecting membership cards this morning.",
            "acknowledge",
        ),
        ("Between 8pm and 11pm, calls to the night desk were sent to voicemail.", "explain"),
        ("From 9am to 1pm, 640 patients did not receive their reminder texts.", "explain"),
    ],
)
def test_what_an_error_given_calls_misrouted_and_nothing_received(text: str, stage: str) -> None:
    assert not _fires("what", text, "en", stage)


@pytest.mark.parametrize(
    "text",
    [
        # a quotation that is not an error people were given
        ("Our director said 'we will do better' on Monday."),
        # our own people not receiving a thing tell nothing that failed
        ("Our engineers did not receive the alarm until 9am."),
    ],
)
def test_what_near_misses(text: str) -> None:
    assert _fires("what", text, "en", "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The trouble came after a late-night move of our booking records to a new server.", "en"),
        ("The outage followed a software update we installed on Sunday evening.", "en"),
        ("A price file on the tills was loaded wrongly during routine work.", "en"),
        ("We set the winter timetable to run for a week instead of a day.", "en"),
        ("No renovamos a tiempo el certificado del servidor de pagos.", "es"),
    ],
)
def test_cause_what_it_came_after_and_what_was_done_wrongly(text: str, locale: str) -> None:
    assert not _fires("cause", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a time after which things went wrong, with no event named
        ("The trouble started after midnight.", "en"),
        # a setting left as it was, with nothing said to be wrong with it
        ("We set the timetable for the holidays.", "en"),
    ],
)
def test_cause_near_misses(text: str, locale: str) -> None:
    assert _fires("cause", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We are sorry. Many of you were late for work because of us.", "en"),
        ("We are sorry. You had no heating and we were not there when you needed us.", "en"),
        ("If your alarm had gone off, nobody would have answered you.", "en"),
        ("We know Saturday swimming is a treat, and you had already booked your lanes.", "en"),
        ("Lo sentimos. Muchos perdisteis la clase de la mañana.", "es"),
    ],
)
def test_empathy_what_many_of_you_went_through(text: str, locale: str) -> None:
    assert not _fires("empathy", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Many of you asked us about refunds.", "en"),
        ("You had already paid for the tickets, so they are still valid.", "en"),
    ],
)
def test_empathy_near_misses(text: str, locale: str) -> None:
    # what people asked, or a plain fact about a payment, is not what they went through
    # (the second names no hardship: "you had already paid" is not in the forms)
    assert _fires("empathy", text, locale, "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The old price list was restored at 4.15pm.", "en"),
        ("The correct certificate was installed on every till by noon.", "en"),
        ("Our team put the old settings back at 11.40am.", "en"),
        ("A las 14:00 arreglamos el envío de códigos.", "es"),
    ],
)
def test_fix_the_right_thing_in_place(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale, "explain")


@pytest.mark.parametrize(
    "text",
    [
        # the service back at a time, with nothing done to it, is no fix
        "Online booking was fully reinstated at 10.55am.",
        "The wrong file was installed on every till by noon.",
    ],
)
def test_fix_near_misses(text: str) -> None:
    assert _fires("fix", text, "en", "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Tills are working again. Apologies to all.", "en"),
        ("The Parks Department apologises for any inconvenience caused.", "en"),
        ("Ya funciona la app. Disculpa las molestias.", "es"),
        ("Una disculpa por las molestias.", "es"),
        ("Lamento sinceramente lo ocurrido.", "es"),
    ],
)
def test_non_apology_nobody_makes(text: str, locale: str) -> None:
    assert _fires("non-apology", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We apologise to all of you for the outage.", "en"),
        # a regret for the trouble: a plain, if generic, apology to the older sets
        ("Lamentamos las molestias.", "es"),
    ],
)
def test_non_apology_near_misses(text: str, locale: str) -> None:
    assert not _fires("non-apology", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Our payments provider's system has been down since 9am, so card sales fail.", "en"),
        ("Our broadband supplier has a fault at its exchange.", "en"),
        ("Our security partner let us down.", "en"),
        ("The change was deployed by our ticketing partner overnight.", "en"),
        ("The fault was entirely in their system.", "en"),
        ("El origen del fallo fue un cambio de la empresa de mantenimiento.", "es"),
        ("La caída fue en un servidor que gestiona nuestro proveedor de correo.", "es"),
    ],
)
def test_blame_on_another_party(text: str, locale: str) -> None:
    assert _fires("blame", text, locale, "explain")


@pytest.mark.parametrize(
    "text",
    [
        # the fault taken back in the same breath
        "Our card provider had an outage, but we chose to rely on them alone, so this is on us.",
        "Our own system has been down since 9am.",
    ],
)
def test_blame_near_misses(text: str) -> None:
    assert not _fires("blame", text, "en", "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Bookings are back, though a few issues remain for members.", "en"),
        ("Customers saw degraded functionality in the app.", "en"),
        ("Tenemos un problema técnico con las reservas.", "es"),
        ("Cientos de clientes no pudieron pagar.", "es"),
    ],
)
def test_vague_unnamed_issues_and_hundreds(text: str, locale: str) -> None:
    assert _fires("vague", text, locale, "update")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The real impact was very limited.", "en"),
        ("It is only a short wait at the door.", "en"),
        ("The extra charges came to a few dollars per member.", "en"),
        ("El impacto real fue muy limitado.", "es"),
    ],
)
def test_minimise_by_form(text: str, locale: str) -> None:
    assert _fires("minimise", text, locale, "explain")


@pytest.mark.parametrize(
    "text",
    [
        "The storm was far beyond anything our systems are built for.",
        "Bank holidays are always hard on booking systems; such settings are easy to get wrong.",
        "Teething problems are normal with any new system.",
        "No plan can fully prepare for a day like that.",
    ],
)
def test_excuse_by_form(text: str) -> None:
    assert _fires("excuse", text, "en", "explain")


@pytest.mark.parametrize(
    ("text", "channel", "apology"),
    [
        # a bare "Sorry!" on a short channel is made by nobody
        ("Tills down in Frome since 9am. Sorry! ex.com/t", "sms", False),
        ("Tills down in Frome since 9am. Sorry for the hassle! ex.com/t", "sms", False),
        # an opening that goes on to the account is the first person's
        ("Sorry: tills in Frome are down since 9am. Next text 11am. ex.com/t", "sms", True),
    ],
)
def test_apology_on_a_short_channel(text: str, channel: str, apology: bool) -> None:
    found = rules(text, "acknowledge", "en", channel, config=NO_LEARNED)
    assert ("apology" not in found) is apology


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Voicemail, Ashby/Coalville: 2,300 customers since 7am.", "update"),
        # a place whose name begins with a word that is no place ("We", "The", "It")
        ("Voicemail, Weston/Clevedon: 2,300 customers since 7am.", "update"),
        ("Why e-books would not open (1,900 Hexham members, 9am-noon).", "explain"),
    ],
)
def test_who_places_paired_by_a_slash_or_named_in_the_count(text: str, stage: str) -> None:
    found = rules(text, stage, "en", "sms" if stage == "update" else "social", config=NO_LEARNED)
    assert "who" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Calls/Texts: 7,300 customers affected since 8am.",
        "TV/Internet: 2,000 customers down since 8am.",
    ],
)
def test_who_near_misses_services_paired_by_a_slash(text: str) -> None:
    assert "who" in rules(text, "update", "en", "sms", config=NO_LEARNED)


@pytest.mark.parametrize(
    ("text", "empathy"),
    [
        ("We are sorry: today we have made that harder for you.", False),
        # what the weather made worse is no acknowledgement of ours
        ("The storm made things worse on Sunday.", True),
    ],
)
def test_empathy_what_we_made_harder(text: str, empathy: bool) -> None:
    assert _fires("empathy", text, "en", "explain") is empathy


@pytest.mark.parametrize(
    "text",
    [
        # the weather's toll on our kit, said of our own systems, is no excuse by itself
        "This is hard on our systems.",
        "The storm was hard on our network.",
    ],
)
def test_excuse_near_misses(text: str) -> None:
    assert not _fires("excuse", text, "en", "explain")
