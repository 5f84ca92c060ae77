"""Seventh round (issue 19, after the sixth blind set was measured): the forbidden-language rules by
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
        # our own things declared blameless, with any verb of behaving
        ("Our exchange behaved just as it was meant to.", "en"),
        ("Our software responded exactly as designed.", "en"),
        ("Our cabling performed precisely as it should have.", "en"),
        # the other party accused of neglect
        ("The builders were handed the plans, and they simply ignored them.", "en"),
        ("The landlord's plumber cut the duct, and the landlord should have checked first.", "en"),
        ("The council's contractor should have called before digging.", "en"),
        ("The gas company turned off the supply without telling us.", "en"),
        ("The utility cut the feed to the cabinet without warning anybody.", "en"),
        # our work made to wait on them
        ("There is little our crews can do until the power company reconnects it.", "en"),
        ("We are still waiting on them.", "en"),
        # the thing, the crew or the repair listed as theirs; the fault put down to them
        ("It was their substation, their crew, and their call.", "en"),
        ("That was entirely their cabinet.", "en"),
        ("The cut was down to them.", "en"),
        ("Repairing that duct is the water company's responsibility.", "en"),
        ("Reconnecting the mast remains the tower owner's job.", "en"),
        # Spanish
        ("El restablecimiento del servicio depende únicamente de la distribuidora.", "es"),
        ("La vuelta de la luz depende exclusivamente de ellos.", "es"),
        ("En nuestra red no hubo ningún error.", "es"),
        ("La constructora abrió la zanja sin consultarnos.", "es"),
    ],
)
def test_blame_by_class(text: str, locale: str) -> None:
    assert _fires("blame", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # our own neglect, owned
        ("We should have checked the plans before digging.", "en"),
        ("A contractor we hired cut the cable, and we should have marked it.", "en"),
        ("We restarted the server without telling anyone, and that was wrong.", "en"),
        ("We ignored two alarms from that battery.", "en"),
        # a status after the repair, and our own job
        ("Since the repair, calls work as they should.", "en"),
        ("Fixing it is our job, and we were too slow.", "en"),
        ("We know many of you were waiting on calls from the clinic.", "en"),
        ("Reiniciamos el equipo sin avisar y fue un error nuestro.", "es"),
        ("La reparación depende de que llegue la pieza de Madrid.", "es"),
    ],
)
def test_blame_near_misses(text: str, locale: str) -> None:
    assert not _fires("blame", text, locale)


# ---------------------------------------------------------------- excuse
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a force that beats any kit, in any words
        ("A summer like that will defeat any cooling unit.", "en"),
        ("Gales off the Atlantic put a huge strain on any mast.", "en"),
        ("Any cabinet on the foreshore is going to flood sooner or later.", "en"),
        ("Winds like those would take out lines anywhere in the state.", "en"),
        ("It was a storm no carrier in the region could guard against.", "en"),
        # preparation declared not to matter
        ("Hail will crack antennas, however securely they're anchored.", "en"),
        ("Floodwater gets in, no matter how well the hut is sealed.", "en"),
        # at the mercy of the weather; faults of the kind called normal
        ("Our towers on the ridge are at the mercy of the winter.", "en"),
        ("Faults like these aren't uncommon in the hills.", "en"),
        ("Some loss of signal is to be expected during storms.", "en"),
        # Spanish
        ("Ni la antena más robusta habría resistido ese viento.", "es"),
        ("Ni los mejores cables del país habrían aguantado esa riada.", "es"),
        ("Con ese calor ninguna central está completamente a salvo.", "es"),
        ("Estas caídas son inevitables en plena temporada de lluvias.", "es"),
        ("Por más que se refuercen los postes, el viento los tumba.", "es"),
    ],
)
def test_excuse_by_class(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the weather told as fact, and our own failure owned
        ("The heat stopped the cooling unit, which we had not serviced.", "en"),
        ("By 31 May any cabinet near the shore will sit on a raised plinth.", "en"),
        ("We can reroute calls anywhere in the county within minutes now.", "en"),
        ("We will check every seal, however long it takes.", "en"),
        ("El viento tumbó la antena, que no habíamos revisado.", "es"),
    ],
)
def test_excuse_near_misses(text: str, locale: str) -> None:
    assert not _fires("excuse", text, locale)


# ---------------------------------------------------------------- minimise
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a length made small by its word
        ("Texts were delayed for a limited time on Monday.", "en"),
        ("Calls dropped for a short spell after lunch.", "en"),
        # the harm called modest or limited
        ("The impact on customers remained relatively small.", "en"),
        ("Overall the interruption was thankfully minimal.", "en"),
        # a share under one per cent; not a big outage, in any form
        ("That is below half a per cent of our customers.", "en"),
        ("This wasn't a major outage.", "en"),
        ("It is not a statewide problem.", "en"),
        # confined to one small part; most never noticed
        ("The fault was confined to a single street in Ayr.", "en"),
        ("It stayed restricted to one small pocket of the city.", "en"),
        ("Most of our customers will not even have noticed.", "en"),
        # Spanish
        ("Casi todos ni lo notaron.", "es"),
        ("La mayoría de los clientes no se dio cuenta.", "es"),
        ("Fue una caída corta.", "es"),
    ],
)
def test_minimise_by_class(text: str, locale: str) -> None:
    assert _fires("minimise", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Calls failed for 52 minutes, from 9:10 to 10:02 a.m.", "en"),
        ("The outage was limited to the Ayr exchange, which serves 4,300 homes.", "en"),
        ("Most of you could not make calls all morning.", "en"),
        ("La mayoría de los clientes estuvo sin línea cinco horas.", "es"),
    ],
)
def test_minimise_near_misses(text: str, locale: str) -> None:
    assert not _fires("minimise", text, locale)


# ---------------------------------------------------------------- vague
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a few people or places with no number, however introduced
        ("A few of our subscribers near the harbour have no dial tone.", "en"),
        ("Homes in a couple of Perth suburbs cannot get online.", "en"),
        ("A small group of members in Dundee cannot send texts.", "en"),
        # "some" with nothing after it; the majority with no number; issues being had
        ("Broadband still patchy for some. Engineers on site.", "en"),
        ("Service is back for most of our customers.", "en"),
        ("Anyone still having issues should restart their router.", "en"),
        ("El servicio ya funciona para la mayoría de los usuarios.", "es"),
    ],
)
def test_vague_by_class(text: str, locale: str) -> None:
    assert _fires("vague", text, locale, stage="acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a count, and a group a change is tried on first
        ("About 2,900 customers in Dundee have no dial tone.", "en"),
        ("Every update will go to a small group of customers first.", "en"),
        ("We expect calls to work again in a few hours.", "en"),
        ("Unos 2.900 clientes de Teruel no tienen línea.", "es"),
    ],
)
def test_vague_near_misses(text: str, locale: str) -> None:
    assert not _fires("vague", text, locale, stage="acknowledge")


# ---------------------------------------------------------------- non-apology
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # an apology addressed to whoever turns out to have been hurt
        ("We apologise to anybody who lost their connection.", "en"),
        ("Sorry to any customer who missed a call.", "en"),
        # Spanish: a hedge made with "podido"; a regret that something happened
        ("Pedimos perdón a los que hayan podido sufrir cortes.", "es"),
        ("Lamentamos mucho que la línea se cortara.", "es"),
        ("Lamento que algunos usuarios se vieran afectados.", "es"),
    ],
)
def test_non_apology_by_class(text: str, locale: str) -> None:
    assert _fires("non-apology", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We apologise to everyone who lost their connection.", "en"),
        ("We're sorry to the 3,100 customers in Ayr who lost calls.", "en"),
        ("Pedimos perdón a quienes se quedaron sin línea.", "es"),
    ],
)
def test_non_apology_near_misses(text: str, locale: str) -> None:
    assert not _fires("non-apology", text, locale)


def test_a_hedged_spanish_apology_is_none() -> None:
    """An apology only to whoever "may have" been hurt leaves `apology` asking for a real one."""
    hedged = "Pedimos disculpas a quienes hayan podido notar cortes."
    plain = "Pedimos disculpas a quienes se quedaron sin línea."
    assert "apology" in rules(hedged, "resolve", "es")
    assert "apology" not in rules(plain, "resolve", "es")


# ---------------------------------------------------------------- required elements
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the places named as a pair, or labelling the text, with no preposition before them
        ("Why Tamworth and Gunnedah lost calls. About 2,300 customers had no dial tone.", "en"),
        ("We apologise to our Dubbo and Orange customers: 4,100 of you had no internet.", "en"),
        ("Mildura: broadband is back for all 1,900 affected homes.", "en"),
        ("Perdón, Teruel: 2.100 clientes sin fijo desde las 9:00.", "es"),
        ("Les pedimos perdón, Jaén y Úbeda. Unos 5.600 clientes no tuvieron internet.", "es"),
    ],
)
def test_who_places_without_a_preposition(text: str, locale: str) -> None:
    assert "who" not in rules(text, "resolve", locale)


def test_who_still_asks_for_a_place() -> None:
    """A heading word before a colon, or two weekdays, is not a place."""
    assert "who" in rules("Update: broadband is back for all 1,900 affected homes.", "resolve")
    assert "who" in rules("On Monday and Tuesday about 1,900 homes lost calls.", "resolve")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a symptom sentence with no subject refers back to the service named before it
        ("Mildura: broadband is back. Out from 7.10am to 9.45am AEDT.", "en"),
        ("Teruel: el fijo ya funciona. Falló de 8:10 a 11:25.", "es"),
        # without any service the customer names; a difficulty doing something
        ("Unos 2.100 clientes de Teruel se quedaron sin mensajes.", "es"),
        ("Unos 2.100 clientes de Teruel tuvieron problemas para llamar.", "es"),
        # a sentence wrapped mid-way over a one-word line is still one sentence
        ("About 2,100 customers in Ayr could\nnot make calls on Monday.", "en"),
    ],
)
def test_what_by_class(text: str, locale: str) -> None:
    assert "what" not in rules(text, "resolve", locale)


def test_spaced_spanish_times_do_not_end_a_sentence() -> None:
    """ "de 7:00 a. m. a 11:00 p. m." after a phone number says when help is there."""
    text = "Atención al cliente: 800 555 0100, de 7:00 a. m. a 11:00 p. m."
    assert "support" not in rules(text, "resolve", "es")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # work done in order to mend a thing; "re-" verbs and "jointed"; new cable run in
        ("Our jointers stayed out past midnight to re-lay the damaged duct.", "en"),
        ("Our engineers rebalanced traffic across both routers.", "en"),
        ("Our team jointed the two ends in a new enclosure.", "en"),
        ("Crews pulled in 300 metres of new fibre.", "en"),
        # power brought to the site; things started up again
        ("Our technicians trucked a portable generator to the hut.", "en"),
        ("Our crew powered the cabinet up again at 4pm.", "en"),
        # Spanish: the third person singular, the perfect, a cable laid
        ("El técnico ajustó el amplificador.", "es"),
        ("Hemos revertido el cambio en la central.", "es"),
        ("La cuadrilla tendió un cable provisional.", "es"),
    ],
)
def test_fix_by_class(text: str, locale: str) -> None:
    assert "fix" not in rules(text, "resolve", locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # restoring service is not an act, and the service coming back by itself is not one either
        ("Our engineers worked around the clock to restore services.", "en"),
        ("El servicio se restableció con normalidad.", "es"),
    ],
)
def test_fix_near_misses(text: str, locale: str) -> None:
    assert "fix" in rules(text, "resolve", locale)
