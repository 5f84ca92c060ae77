"""Sixth round (issue 19, after the fifth blind set was measured): the forbidden-language rules by
class, not by phrase. Each case is our own sentence, none from a corpus: the general pattern in
several word classes, spellings and languages, and near misses the rules must not flag."""

from __future__ import annotations

import pytest
from tests.check.helpers import fires as _fires
from tests.check.helpers import rules


# ---------------------------------------------------------------- blame
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # our own side declared blameless, any subject, any verdict
        ("Our cabling itself did nothing wrong.", "en"),
        ("We had done everything right on our side of the street.", "en"),
        ("Our switching gear was in perfect working order all day.", "en"),
        ("Our radio equipment remained in perfect condition.", "en"),
        ("Our own exchange worked as designed the whole time.", "en"),
        ("Our part of the service was working throughout.", "en"),
        ("There was no fault anywhere in our own equipment.", "en"),
        ("That was not something our engineers did.", "en"),
        # the fault, the damage or the repair declared theirs
        ("That was entirely their mistake.", "en"),
        ("The excavation was theirs, and so was the damage.", "en"),
        ("It is their mast to repair.", "en"),
        ("Restoring power is now up to the electricity distributor.", "en"),
        ("Getting the link back rests in the landlord's hands.", "en"),
        # Spanish
        ("La compañía de agua es la que tiene que arreglarlo.", "es"),
        ("La reparación queda en sus manos.", "es"),
        ("El fallo fue de ellos, no de nosotros.", "es"),
        ("Nuestras antenas funcionaron correctamente en todo momento.", "es"),
        ("Nuestros equipos siguen en perfecto estado.", "es"),
    ],
)
def test_blame_by_class(text: str, locale: str) -> None:
    assert _fires("blame", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a third party named as the doer, as plain fact, is not blame (the development corpus)
        ("A road crew cut a fibre cable near Ashford, and we had no second route.", "en"),
        # a status after the repair, not a verdict on the outage
        ("The fault is fixed and our network is running normally.", "en"),
        ("Our equipment is in the new cabinet now.", "en"),
        # our own work owned
        ("That mistake was ours, and the repair was ours too.", "en"),
        ("We did the work and we got it wrong.", "en"),
        ("Nuestros técnicos cambiaron la tarjeta y el servicio volvió.", "es"),
    ],
)
def test_blame_near_misses(text: str, locale: str) -> None:
    assert not _fires("blame", text, locale)


# ---------------------------------------------------------------- excuse
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # any network, building or kit would have failed, whatever stands between
        ("Rain like that is more than any cable in the valley can cope with.", "en"),
        ("Frost that hard is more than any mast up here could withstand.", "en"),
        ("There is only so much a generator can do in a flood.", "en"),
        ("Even the toughest outdoor cabinets are going to struggle in that heat.", "en"),
        # the price of a place; part and parcel
        ("Outages are sadly the price of living on an island.", "en"),
        ("Storm damage is part and parcel of running lines along the coast.", "en"),
        # a disaster sized by the years since the last
        ("It was a flood not seen in decades.", "en"),
        ("It was the wettest week in a generation.", "en"),
        ("There was little anyone could have done.", "en"),
        # Spanish
        ("Ninguna antena de la sierra estaba preparada para esa nevada.", "es"),
        ("Poco se podía hacer con ese viento.", "es"),
        ("No se podía hacer nada más.", "es"),
        ("Fue una riada de las que no se ven en décadas.", "es"),
        ("Fue la peor tormenta de los últimos cuarenta años.", "es"),
    ],
)
def test_excuse_by_class(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the facts of the weather, and what we will change, are not excuses
        ("The gale brought a tree down on our line, which we never buried.", "en"),
        ("By 30 June any cabinet on the coast will have a second pump.", "en"),
        ("We will test every change on one exchange first.", "en"),
        ("La tormenta tumbó dos postes nuestros, y no los habíamos revisado.", "es"),
    ],
)
def test_excuse_near_misses(text: str, locale: str) -> None:
    assert not _fires("excuse", text, locale)


# ---------------------------------------------------------------- minimise
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # almost nobody, almost nothing
        ("Hardly anybody was affected by the slowdown.", "en"),
        ("Most of you will barely have noticed it.", "en"),
        ("The drop in speed was scarcely noticeable.", "en"),
        # a duration made small by a word
        ("The fault lasted a mere 20 minutes.", "en"),
        ("Calls were down for only a couple of hours.", "en"),
        ("It was all over in less than an hour.", "en"),
        # a size word on a group with no number
        ("A smattering of homes lost their dial tone.", "en"),
        ("A small cluster of streets lost broadband.", "en"),
        # Spanish
        ("Casi ningún cliente lo notó.", "es"),
        ("Fue cosa de unos minutos.", "es"),
        ("El corte duró solo 30 minutos.", "es"),
        ("Fue un fallo sin mayor importancia.", "es"),
    ],
)
def test_minimise_by_class(text: str, locale: str) -> None:
    assert _fires("minimise", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a duration or a count stated plainly
        ("Calls failed for 45 minutes, from 8:05 to 8:50 p.m. Eastern.", "en"),
        ("About 6,700 customers could not get online.", "en"),
        # a small group a change is tried on first is a test, not the harm made small
        ("We will try each update on a handful of homes first.", "en"),
        ("El corte duró 30 minutos, de 9:00 a 9:30.", "es"),
    ],
)
def test_minimise_near_misses(text: str, locale: str) -> None:
    assert not _fires("minimise", text, locale)


# ---------------------------------------------------------------- vague
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # other names for customers and places, with no number
        ("Some clients cannot send texts.", "en"),
        ("Homes across parts of the county have no signal.", "en"),
        ("Several suburbs have lost broadband.", "en"),
        # the symptom hedged as what someone may notice or find
        ("Subscribers in the north might find that pages load slowly.", "en"),
        ("Households near the river may have noticed dropped calls.", "en"),
        # the service named and "issue" with no article, and no cause told
        ("Phone issue in Ayr still ongoing. Our team is on it.", "en"),
        # Spanish
        ("Los clientes de algunas zonas de Soria no tienen señal.", "es"),
        ("Varios barrios de Jaén siguen sin fibra.", "es"),
    ],
)
def test_vague_by_class(text: str, locale: str) -> None:
    assert _fires("vague", text, locale, stage="acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a count and an area
        ("About 4,100 customers in Ayr cannot make calls.", "en"),
        # people in a sentence of empathy are part of those counted
        ("We know some businesses in Ayr lost a morning of trade.", "en"),
        # the harm an apology hedges is a non-apology, not a vague count
        ("We regret any disruption customers may have experienced.", "en"),
        ("Unos 3.200 clientes de Soria no tienen señal.", "es"),
    ],
)
def test_vague_near_misses(text: str, locale: str) -> None:
    assert not _fires("vague", text, locale, stage="acknowledge")


# ---------------------------------------------------------------- the two apology rules
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("It is regrettable that calls failed on Monday.", "en"),
        ("It's unfortunate that so many homes lost power.", "en"),
        ("This was an unfortunate incident.", "en"),
        ("We apologise for the delays you might have faced.", "en"),
        ("Es lamentable que tantos clientes se quedaran sin línea.", "es"),
        ("Sentimos las molestias que esto pueda haber causado.", "es"),
        ("Pedimos perdón por los problemas que el corte haya podido ocasionarles.", "es"),
    ],
)
def test_non_apology_by_class(text: str, locale: str) -> None:
    assert _fires("non-apology", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We are sorry that calls failed on Monday.", "en"),
        ("Unfortunately, the spare card was in Leeds.", "en"),
        ("Lamentamos que no pudieran llamar el lunes; fue un error nuestro.", "es"),
    ],
)
def test_non_apology_near_misses(text: str, locale: str) -> None:
    assert not _fires("non-apology", text, locale)


def test_spanish_inconvenientes_is_generic_and_no_apology() -> None:
    found = rules("Sentimos los inconvenientes.", "acknowledge", "es")
    assert "generic-apology" in found and "apology" in found
    assert "generic-apology" in rules("Disculpe cualquier inconveniente.", "acknowledge", "es")


def test_hedged_any_disruption_is_a_non_apology_not_a_generic_one() -> None:
    found = rules("We apologise for any disruption you may have had.", "resolve")
    assert "non-apology" in found and "generic-apology" not in found
    # unhedged, it stays generic, and "inconvenience" is generic however hedged
    assert "generic-apology" in rules("We apologise for any disruption.", "resolve")
    assert "generic-apology" in rules(
        "We apologise for any inconvenience this may have caused.", "resolve"
    )


# ---------------------------------------------------------------- admissions: ownership and cause
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We moved the Kendal routers at lunchtime. We shouldn't have.", "en"),
        ("Our fitter swapped the wrong card in Kendal. That's our doing.", "en"),
        ("A technician of ours unplugged the Kendal shelf. That oversight was ours.", "en"),
        ("Our team reloaded last year's settings in Kendal. Our team did that.", "en"),
        ("Un operario nuestro apagó el armario de Soria. Eso lo asumimos.", "es"),
        ("Cambiamos la tarjeta de Soria sin copiar su ajuste. La culpa es nuestra.", "es"),
    ],
)
def test_an_admission_is_ownership_and_points_to_the_cause(text: str, locale: str) -> None:
    found = rules(text, "resolve", locale)
    assert "ownership" not in found and "cause" not in found


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the sentence before the admission tells only the symptom: no act of ours to point to
        ("About 8,000 customers in Kendal had no internet. That was our mistake.", "en"),
        # an expectation is not a regret
        ("We should have service back by 3pm.", "en"),
        ("Unos 3.000 clientes de Soria no tuvieron señal. Fue un error nuestro.", "es"),
    ],
)
def test_admission_near_misses(text: str, locale: str) -> None:
    assert "cause" in rules(text, "resolve", locale)


def test_should_have_as_expectation_is_not_ownership() -> None:
    assert "ownership" in rules("We should have service back by 3pm.", "resolve")


# ---------------------------------------------------------------- fix: an act, then the return
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Our crew strapped the mast back down, and calls returned at 4pm.", "en"),
        ("Our engineers trucked in a spare chiller and had everything running again by 6pm.", "en"),
        ("We reloaded the old profile, and service was back by 11am.", "en"),
        ("Los técnicos cambiaron la placa y a las 17:10 volvió la señal.", "es"),
        ("Un técnico lo volvió a enchufar a las 9:40.", "es"),
    ],
)
def test_fix_as_an_act_then_the_return(text: str, locale: str) -> None:
    assert "fix" not in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the return with no act of ours before it
        ("Service came back at 4pm.", "en"),
        ("Calls returned by themselves at 4pm.", "en"),
        ("La señal volvió a las 17:10.", "es"),
    ],
)
def test_fix_near_misses(text: str, locale: str) -> None:
    assert "fix" in rules(text, "resolve", locale)


def test_spanish_corporate_jargon() -> None:
    found = rules("Apalancaremos los aprendizajes para robustecer la red.", "explain", "es")
    assert "jargon" in found


# ---------------------------------------------------------------- estimates in other words
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The council's crew is aiming for 3pm AEST to finish.", "en"),
        ("Calculamos tener cobertura a las 19:00.", "es"),
    ],
)
def test_an_estimate_in_other_words(text: str, locale: str) -> None:
    assert "eta" not in rules(text, "acknowledge", locale)


# ---------------------------------------------------------------- empathy and feedback
@pytest.mark.parametrize(
    "text",
    [
        "Shoppers can't pay by card in town today.",
        "The outage has stopped families calling each other.",
        "We see how stressful a day offline can be.",
        "We know farmers rely on the weather radar app.",
    ],
)
def test_empathy_in_other_words(text: str) -> None:
    assert "empathy" not in rules(text, "resolve")


def test_feedback_by_return_email() -> None:
    text = "Tell us what you think of this report by return email."
    assert "feedback" not in rules(text, "explain")
    assert "feedback" in rules("We value what you think.", "explain")


def test_an_apology_for_harm_hedged_is_no_apology() -> None:
    found = rules("We sincerely apologise for the delays this might have caused.", "resolve")
    assert "apology" in found and "non-apology" in found
    assert "apology" not in rules("We apologise for the delays this caused.", "resolve")


def test_what_customers_may_receive_is_not_a_hedge() -> None:
    text = "About 3,100 customers in Ayr may see a one-off credit on their next bill."
    assert "vague" not in rules(text, "resolve")
