"""Eighth round (issue 19, after the seventh blind set was measured): the forbidden-language rules
and the required elements by class, not by phrase. Each case is our own sentence, none from a
corpus: the general pattern in several word classes, spellings and languages, and near misses the
rules must not flag."""

from __future__ import annotations

import pytest
from tests.check.helpers import fires as _fires
from tests.check.helpers import rules


# ---------------------------------------------------------------- blame
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the fault or the job put on them with "on"
        ("That one is squarely on them, and they know it.", "en"),
        ("Reconnecting the feed is on the distributor's engineers.", "en"),
        ("The damage was entirely on the developer.", "en"),
        # the fault or the responsibility placed with them
        ("The blame rests solely with the builders on Mill Lane.", "en"),
        ("Responsibility for Tuesday's cut lies with them.", "en"),
        ("The failure sat squarely with the wholesale carrier.", "en"),
        # our side said not to be where the fault was, or sound
        ("It was a fault on the grid, not a problem with our equipment.", "en"),
        ("Our cabling remains in perfect working order.", "en"),
        # out of our hands; nothing to do from our side
        ("Getting the supply back was out of our hands.", "en"),
        ("Our engineers could do nothing from our end until then.", "en"),
        # their neglect
        ("The marks were painted, and they went ahead regardless.", "en"),
        ("The gas company was trenching without calling anyone first.", "en"),
        # Spanish
        ("El apagón fue por causas ajenas a nuestra empresa.", "es"),
        ("A la distribuidora le correspondía restablecer la línea.", "es"),
        ("Nuestras antenas funcionaron correctamente en todo momento.", "es"),
        ("Nuestros equipos no presentaron ningún fallo.", "es"),
        ("La vuelta del servicio no dependía de nosotros.", "es"),
        ("Estuvimos esperando a que la compañía eléctrica repusiera el suministro.", "es"),
    ],
)
def test_blame_by_class(text: str, locale: str) -> None:
    assert _fires("blame", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The cabinet sits on the council's land behind the station.", "en"),
        ("It was on us to check the plans, and we did not.", "en"),
        ("Our network is in good shape again after the repair.", "en"),
        ("The fault lay with a contractor we hired, and we should have supervised them.", "en"),
        ("We were digging without checking the plans, and that was our mistake.", "en"),
        ("Our crew was drilling without checking the plans.", "en"),
        ("Nos correspondía revisar la batería y no lo hicimos.", "es"),
        ("Esperamos a que bajara el agua para entrar en la central.", "es"),
    ],
)
def test_blame_near_misses(text: str, locale: str) -> None:
    assert not _fires("blame", text, locale)


# ---------------------------------------------------------------- excuse
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the outage as part of the place or the trade
        ("Up in the ranges, lost signal after snow comes with the territory.", "en"),
        ("Salt spray is part of operating a network on the coast.", "en"),
        # kit that will always take a beating
        ("Masts on the headland will always take a hammering in a gale.", "en"),
        ("Cabinets by the river are always vulnerable to flooding.", "en"),
        # anyone would have failed
        ("A flood like that swamps the pits, whichever company owns them.", "en"),
        ("No carrier can guarantee a signal in a cyclone.", "en"),
        ("No exchange in the state is designed to run at 50 degrees.", "en"),
        ("There is no way to completely protect against lightning strikes.", "en"),
        # Spanish
        ("En la sierra, las nevadas forman parte de la vida.", "es"),
        ("Con una ola de calor así, nadie se salva de cortes.", "es"),
        ("Ninguna central puede estar del todo protegida frente a una riada.", "es"),
        ("Es algo que les pasa a todos los operadores en verano.", "es"),
    ],
)
def test_excuse_by_class(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We will always tell you when a repair is planned.", "en"),
        ("The route will always fail over to the Leeds link now.", "en"),
        ("We can't guarantee a repair time until the crew is on site.", "en"),
        ("There is no way to reach the hut until the road reopens.", "en"),
        ("Part of the cable has already been replaced.", "en"),
        ("Este cable es parte de la red troncal de la provincia.", "es"),
    ],
)
def test_excuse_near_misses(text: str, locale: str) -> None:
    assert not _fires("excuse", text, locale)


# ---------------------------------------------------------------- minimise
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the rest said to be fine; most kept their service; a few minutes
        ("The rest of the state network is running normally.", "en"),
        ("The majority of our Hobart customers kept their connection.", "en"),
        ("Texts were held up for a couple of minutes.", "en"),
        # Spanish: local or one-off with any noun; most kept it; under one per cent
        ("Fue una caída muy localizada.", "es"),
        ("Se trató de un problema aislado.", "es"),
        ("La mayor parte de los abonados conservó la línea.", "es"),
        ("El resto de la provincia funciona con normalidad.", "es"),
        ("Afectó a menos de un 2 % de los usuarios.", "es"),
        ("Solo una mínima parte de la red se vio afectada.", "es"),
        ("El corte se notó durante escasos minutos.", "es"),
        ("La mayoría de los vecinos del barrio ni lo notaron.", "es"),
    ],
)
def test_minimise_by_class(text: str, locale: str) -> None:
    assert _fires("minimise", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Everything is working normally again.", "en"),
        ("We will post again in a few minutes.", "en"),
        ("Una avería localizada en la central dejó sin línea a 3.200 clientes.", "es"),
        ("La mayoría de los clientes estuvo sin internet seis horas.", "es"),
        ("El resto de la tarde trabajamos en la central.", "es"),
    ],
)
def test_minimise_near_misses(text: str, locale: str) -> None:
    assert not _fires("minimise", text, locale)


# ---------------------------------------------------------------- vague
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the share with a place or a service before its noun; places chosen but not named
        ("A fraction of Launceston customers lost their landline.", "en"),
        ("A proportion of mobile subscribers could not send texts.", "en"),
        ("Customers across selected regions could not stream.", "en"),
        ("Calls failed in certain markets on Friday.", "en"),
        # Spanish: a small share with no number
        ("Un porcentaje pequeño de clientes perdió la señal.", "es"),
        ("Una mínima parte de los usuarios no pudo navegar.", "es"),
    ],
)
def test_vague_by_class(text: str, locale: str) -> None:
    assert _fires("vague", text, locale, stage="acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a count given; a trial group; a majority that never noticed is `minimise`, not vague
        ("About 2,400 Launceston customers, a fraction of our customers there, lost calls.", "en"),
        ("We will try the new settings in select markets first.", "en"),
        ("Unos 700 clientes sin red; la mayoría de los hogares del barrio ni lo notaron.", "es"),
    ],
)
def test_vague_near_misses(text: str, locale: str) -> None:
    assert not _fires("vague", text, locale, stage="acknowledge")


# ---------------------------------------------------------------- apologies
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the harm hedged, with any noun as its subject
        ("We apologise for any trouble the fault may have caused.", "en"),
        # to whoever was hurt, with the place between
        ("We apologise to any household in Dubbo and Orange who lost calls.", "en"),
        # the condition first
        ("If your calls were affected, we apologise.", "en"),
        ("If the outage disrupted your work, I am sorry.", "en"),
        # Spanish: "pueda"; a regret told of some customers; the condition first
        ("Lamentamos los inconvenientes que el corte pueda causarles.", "es"),
        ("Lamentamos que varios usuarios tuvieran problemas para llamar.", "es"),
        ("Si el corte le ocasionó molestias, le ofrecemos disculpas.", "es"),
        ("Si usted resultó afectado, lo sentimos.", "es"),
    ],
)
def test_non_apology_by_class(text: str, locale: str) -> None:
    assert _fires("non-apology", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We apologise to everyone in Dubbo who lost calls.", "en"),
        ("We are sorry. If you need help, call us.", "en"),
        ("Lamentamos que no pudieran llamar; fue un error nuestro.", "es"),
        ("Le pedimos disculpas. Si necesita ayuda, llámenos.", "es"),
    ],
)
def test_non_apology_near_misses(text: str, locale: str) -> None:
    assert not _fires("non-apology", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("If you were affected, we apologise.", "en"),
        ("We apologise to any customer in Dubbo and Orange who lost calls.", "en"),
        ("Si usted resultó afectado, le pedimos disculpas.", "es"),
    ],
)
def test_a_conditional_apology_is_none(text: str, locale: str) -> None:
    """An apology on condition, or only to whoever was hurt, leaves `apology` asking for one."""
    assert "apology" in rules(text, "resolve", locale)


def test_a_plain_apology_before_an_if_is_one() -> None:
    assert "apology" not in rules("We are sorry. If you need help, call us.", "resolve")
    spanish = "Le pedimos disculpas. Si necesita ayuda, llame."
    assert "apology" not in rules(spanish, "resolve", "es")


@pytest.mark.parametrize(
    "text", ["Perdonen las molestias.", "Perdone los inconvenientes de esta mañana."]
)
def test_generic_apology_perdonen(text: str) -> None:
    assert _fires("generic-apology", text, "es")


# ---------------------------------------------------------------- cause
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a thing that burst, snapped or has a break; power or cooling knocked out
        ("A main burst in the basement under our switch room.", "en"),
        ("A gale snapped three poles on the coast road.", "en"),
        ("Our cable under the strait has a fault near the far shore.", "en"),
        ("The heatwave knocked out cooling at our Broome exchange.", "en"),
        ("Thunderstorms brought down lines west of the town.", "en"),
        # damage done through a line; a thing left in a bad state
        ("A council crew put an auger through our duct on Hill Street.", "en"),
        ("A link at our Leeds hub was left unplugged after the move.", "en"),
        # our work under way, then the slip
        ("We were moving traffic to a new router and missed a step in the plan.", "en"),
        # Spanish: a line cut as the object, whatever cut it; a network saturated
        ("Una excavadora rompió nuestra fibra junto al puerto.", "es"),
        ("Con el partido, la antena se saturó.", "es"),
    ],
)
def test_cause_by_class(text: str, locale: str) -> None:
    assert "cause" not in rules(text, "explain", locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a fault placed only by a site, or said to be in "equipment"
        ("A small fault at our Dundee mast stopped calls.", "en"),
        ("This was due to a technical fault with equipment at one of our sites.", "en"),
        ("Calls failed because of a problem in equipment at the exchange.", "en"),
    ],
)
def test_cause_named_only_by_a_place_is_vague(text: str, locale: str) -> None:
    assert "cause" in rules(text, "explain", locale)


def test_a_fault_in_a_named_part_is_a_cause() -> None:
    text = "A fault in one of our own routers in Hobart stopped calls."
    assert "cause" not in rules(text, "explain")


def test_a_verb_of_telling_is_not_our_act() -> None:
    """'Informamos que ...' opens a sentence whose cause nobody owns."""
    text = "Informamos que la caída fue ocasionada por la saturación de un enlace."
    assert "ownership" in rules(text, "explain", "es")


# ---------------------------------------------------------------- what and who
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a loss told in a general word right after the service was named
        ("Broadband in Ayr is back. About 900 customers in Ayr had no connection.", "en"),
        ("Ya va la fibra en Teruel. Unos 900 clientes de Teruel estuvieron sin conexión.", "es"),
        # Spanish: a service lost, down or cut; "telefonía"
        ("Unos 900 clientes de Teruel perdieron la televisión.", "es"),
        ("Teruel: la fibra volvió para 900 clientes. Estuvo caída de 8:10 a 9:40.", "es"),
        ("Unos 900 clientes de Teruel tuvieron cortes en la fibra.", "es"),
        ("Unos 900 clientes de Teruel no tienen telefonía fija.", "es"),
    ],
)
def test_what_by_class(text: str, locale: str) -> None:
    assert "what" not in rules(text, "resolve", locale)


def test_out_with_a_time_after_it_refers_back() -> None:
    """ "Out" with the times right after it, over a line break in an SMS, is the outage."""
    text = "Ayr: landlines are back for all 900 affected customers. Out\n8.10am-9.40am GMT. Sorry."
    assert "what" not in rules(text, "resolve", channel="sms")


def test_a_hedged_cut_is_no_symptom() -> None:
    text = "Teruel: algunos clientes pueden tener cortes de internet."
    assert "what" in rules(text, "acknowledge", "es", channel="sms")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Update, 9am GMT. Lerwick customers have had no broadband since 6am; 900 lines.", "en"),
        ("Teruel: sin fibra para unos 900 clientes desde las 8:10.", "es"),
    ],
)
def test_who_a_place_before_its_customers_or_labelling_the_text(text: str, locale: str) -> None:
    assert "who" not in rules(text, "update", locale)


def test_who_a_service_before_customers_is_no_place() -> None:
    text = "Broadband customers have had no service since 6am GMT; 900 lines are down."
    assert "who" in rules(text, "update")
