"""Tenth round (issue 19, after the ninth blind set was measured twice): the forbidden-language
rules and the cause by frame (who did what to what, a quantifier and a modal, a length and a word
that shrinks it), not by phrase. Each case is our own sentence, none from a corpus: the frame in
several word classes, spellings and languages, and near misses the rules must not flag."""

from __future__ import annotations

import pytest
from tests.check.helpers import fires as _fires


# ---------------------------------------------------------------- excuse
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # nobody builds kit to survive it
        ("Nobody builds roadside cabinets to withstand a flood that deep.", "en"),
        ("No operator designs a mast to survive a gust like Tuesday's.", "en"),
        ("No-one builds overhead cables to cope with ice that thick.", "en"),
        # every operator faces the same
        ("Every carrier in the Top End faces this in the wet season.", "en"),
        ("All providers on the east coast deal with it each winter.", "en"),
        # kit anywhere under strain; beyond what any kit is built for
        ("In a week like this, hardware anywhere in the valley is under strain.", "en"),
        ("Gusts of that size are beyond what any tower in the ranges is built for.", "en"),
        # a challenge for any operator
        ("Floods on this scale pose real challenges for any network operator.", "en"),
        ("A freeze like that is a test for every telco in the region.", "en"),
        # any kit can fail; the effort praised; force majeure; a failure called unforeseen
        ("In fifty-degree heat any equipment can fail.", "en"),
        ("Our crews did everything humanly possible to get you back.", "en"),
        ("The interruption was a case of force majeure.", "en"),
        ("An unforeseen power failure at the depot took the site off air.", "en"),
        # kit always exposed, with no object
        ("Coastal huts like ours will always be exposed.", "en"),
        ("No-one could have predicted the river would rise so high.", "en"),
        # Spanish
        ("Con cuarenta y siete grados, cualquier equipo puede fallar.", "es"),
        ("En una tormenta así, cualquier red podría caerse.", "es"),
        ("El corte se debió a causas de fuerza mayor.", "es"),
    ],
)
def test_excuse_by_frame(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We build every new cabinet to withstand a metre of water.", "en"),
        ("Every provider should publish its outage times.", "en"),
        ("Any equipment that could fail in heat now has a spare beside it.", "en"),
        ("We found the unit anywhere but where the plan said.", "en"),
        ("Our engineers tested the spare unit before fitting it.", "en"),
        # nothing to do until the other party acts is the repair put on them (`blame`)
        ("There is little we can do until they restore the mains supply.", "en"),
        ("Cualquier cliente puede pedir la bonificación por teléfono.", "es"),
        ("Cambiamos cualquier equipo que tenga más de diez años.", "es"),
    ],
)
def test_excuse_near_misses(text: str, locale: str) -> None:
    assert not _fires("excuse", text, locale)


# ---------------------------------------------------------------- blame
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the fault placed entirely with a party named by its kind
        ("The fault lay squarely with the company that runs the duct for us.", "en"),
        ("The problem rests entirely with the company that owns the cabinet.", "en"),
        # let down by a party named by its role
        ("We were let down by the contractor that looks after our generators.", "en"),
        ("Once again we have been let down by our supplier.", "en"),
        # works or damage by a third party
        ("The cause was third-party excavation near the highway.", "en"),
        ("Third party roadworks cut the feed to the exchange.", "en"),
        # the failing thing disowned
        ("The fault is on a backhaul link which we do not own or run.", "en"),
        ("The break was in a cable that we don't control.", "en"),
        # Spanish: out of our control with the verb, the responsibility put on another party
        ("Estas situaciones escapan a nuestro control.", "es"),
        ("El apagón fue responsabilidad de la distribuidora eléctrica.", "es"),
        ("A nosotros no nos corresponde ese tramo de la fibra.", "es"),
    ],
)
def test_blame_by_frame(text: str, locale: str) -> None:
    assert _fires("blame", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Many of you felt let down by how long it took us to answer.", "en"),
        ("We let down every customer in the valley, and we are sorry.", "en"),
        ("We now check the work of every third-party installer ourselves.", "en"),
        ("We do not own a spare generator for that site, and we should.", "en"),
        # the outside cause named, and the fault taken back in the same breath
        ("The hail was not ours, but leaving one feed to the hut was my decision.", "en"),
        ("La falla fue responsabilidad nuestra.", "es"),
        ("No nos corresponde decidir por usted; llámenos y lo vemos.", "es"),
    ],
)
def test_blame_near_misses(text: str, locale: str) -> None:
    assert not _fires("blame", text, locale)


# ---------------------------------------------------------------- minimise
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the shrinking frame: an adverb on the state of being cut off, then its length
        ("Most homes were only without broadband for a couple of hours.", "en"),
        ("Customers in Mackay were just offline for about 40 minutes.", "en"),
        ("Shops were merely disconnected for an hour or so.", "en"),
        # the outage's own length with an approximation
        ("The disruption lasted only about an hour.", "en"),
        # a share told as one in N, with no count
        ("Fewer than one in twenty of our Devon customers noticed anything.", "en"),
        ("Less than one in a hundred lines in the county were hit.", "en"),
        # a failure called isolated
        ("It was an isolated power failure at one cabinet.", "en"),
        ("We see this as an isolated incident.", "en"),
        # Spanish: a one-off harm with a kind word between, a mild harm
        ("Fue un fallo eléctrico puntual en la central.", "es"),
        ("Algunos abonados podrían notar cortes leves esta noche.", "es"),
        ("Hubo leves intermitencias en la señal.", "es"),
    ],
)
def test_minimise_by_frame(text: str, locale: str) -> None:
    assert _fires("minimise", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Our standby batteries only lasted for about an hour.", "en"),
        ("About 6,200 homes were without broadband for five hours.", "en"),
        ("One in three of our masts in the county had no backup power.", "en"),
        ("We isolated the faulty card and replaced it.", "en"),
        ("El técnico llegó muy puntual a la central.", "es"),
        ("Las lesiones del operario fueron leves, por suerte.", "es"),
    ],
)
def test_minimise_near_misses(text: str, locale: str) -> None:
    assert not _fires("minimise", text, locale)


# ---------------------------------------------------------------- vague
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a small count of places, not of people
        ("A small number of properties in Rye still have no phone line.", "en"),
        ("A subset of FTTC end-users saw slow speeds.", "en"),
        # the event named only by what it did
        ("We are looking into a customer-affecting incident in the north.", "en"),
        # connecting in trouble, with no service named
        ("Some homes have connectivity problems this morning.", "en"),
        ("You may have difficulty connecting until noon.", "en"),
        # a part of "you" placed but not counted
        ("A few of you out past Kapunda are having trouble with calls.", "en"),
        # a failure named only by the kind of kit, as the cause
        ("The outage was caused by a hardware fault at one site.", "en"),
        ("Service dropped following an equipment failure.", "en"),
        # our lines with no count
        ("The gale brought down several of our lines.", "en"),
        # a hedged symptom with "you" as its subject, a long place between
        ("Members in the Byron and Ballina shires may have noticed slow pages.", "en"),
        ("En la mayoría de las colonias ya hay servicio.", "es"),
    ],
)
def test_vague_by_frame(text: str, locale: str) -> None:
    assert _fires("vague", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("About 340 properties in Rye still have no phone line.", "en"),
        ("Our supplier had a hardware failure in its data centre.", "en"),
        ("You may see the credit on your next bill.", "en"),
        ("Three of our lines came down in the gale.", "en"),
        ("La mayoría de las colonias tiene dos rutas de fibra.", "es"),
    ],
)
def test_vague_near_misses(text: str, locale: str) -> None:
    assert not _fires("vague", text, locale)


# ---------------------------------------------------------------- non-apology
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We are sorry that many of you felt ignored on the phone.", "en"),
        ("I'm sorry that some customers feel we were slow to explain.", "en"),
        ("I apologise to any of our customers in Orange and Bathurst who lost service.", "en"),
        ("We apologise for any inconvenience this may cause.", "en"),
    ],
)
def test_non_apology_by_frame(text: str, locale: str) -> None:
    assert _fires("non-apology", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We are sorry that many of you lost a day's work because of our change.", "en"),
        ("We apologise to every customer in Orange and Bathurst.", "en"),
        ("We are sorry for the trouble our mistake caused.", "en"),
    ],
)
def test_non_apology_near_misses(text: str, locale: str) -> None:
    assert not _fires("non-apology", text, locale)


# ---------------------------------------------------------------- cause
@pytest.mark.parametrize(
    "text",
    [
        # an agent of any class, a verb of damaging and our asset, with a measure between
        "Service is back. Thieves cut and stole 150 metres of our copper near the bridge.",
        "Service is back. A reversing truck hit and flattened one of our cabinets.",
        # an outside force that pushed our kit past its limits
        "Service is back. The heatwave drove the cooling in our Dubbo exchange beyond its rating.",
        # a thing we unplugged
        "Service is back. A fibre lead our technician unplugged was carrying the whole town.",
        # a refusal to start after our work
        "Service is back. Our engineers updated the switch, and it would not restart.",
    ],
)
def test_cause_by_frame(text: str) -> None:
    assert not _fires("cause", text)


@pytest.mark.parametrize(
    "text",
    [
        # the outage and the repair, with no cause told
        "Service is back. Our engineers cut over to the spare path and reconnected everyone.",
        "Service is back. We pushed the fix out at noon.",
    ],
)
def test_cause_near_misses(text: str) -> None:
    assert _fires("cause", text)


# ---------------------------------------------------------------- jargon
@pytest.mark.parametrize(
    "text",
    [
        "We are sorry. A PSU failed at the Tamworth node and the DWDM shelf lost power.",
        "We are sorry. A long-haul route and the backhaul to Broken Hill failed.",
    ],
)
def test_jargon_by_class(text: str) -> None:
    assert _fires("jargon", text)


# ---------------------------------------------------------------- feedback
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the invitation asked as a question, its channel in the next sentence
        ("Comments or questions? Email us at help@example.com.", "en"),
        ("Questions and concerns? Call 0800 555 010.", "en"),
        # the Spanish invitation to answer this very message, with a modal or the feminine noun
        ("Pueden responder a este correo y lo leeré.", "es"),
        ("Puede contestar a esta carta si lo desea.", "es"),
    ],
)
def test_feedback_by_frame(text: str, locale: str) -> None:
    assert not _fires("feedback", text, locale, stage="explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Questions or comments are welcome.", "en"),
        ("Any questions? We are sorry again.", "en"),
        ("Puede que este correo llegue tarde.", "es"),
    ],
)
def test_feedback_near_misses(text: str, locale: str) -> None:
    assert _fires("feedback", text, locale, stage="explain")


# ---------------------------------------------------------------- fix
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Calls failed in Orange. Our technician found the lead and plugged it back in.", "en"),
        ("Calls failed in Orange. The crew clipped the feeder back on at noon.", "en"),
        ("Las llamadas fallaron. A las 10:00 empezamos a cargar la configuración buena.", "es"),
        ("Las llamadas fallaron hasta la aplicación del rollback.", "es"),
    ],
)
def test_fix_by_frame(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale, stage="explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # the other party's repair is not ours
        ("Calls failed in Orange. It was they who plugged it back in.", "en"),
        ("Calls failed in Orange. We plugged in a laptop to look at the logs.", "en"),
        ("Las llamadas fallaron. Empezamos a investigar a las 10:00.", "es"),
    ],
)
def test_fix_near_misses(text: str, locale: str) -> None:
    assert _fires("fix", text, locale, stage="explain")


# ---------------------------------------------------------------- what
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Homes in Tarbes had an interruption to their broadband this morning.", "en"),
        ("There was a brief interruption of mobile data across Kempsey.", "en"),
        ("El internet en la colonia Centro presenta intermitencias desde las 9:00.", "es"),
    ],
)
def test_what_by_frame(text: str, locale: str) -> None:
    assert not _fires("what", text, locale, stage="update")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a loss hedged says nothing happened
        ("Some broadband users may have experienced some loss of service on Sunday.", "en"),
        ("Customers might have had a loss of broadband overnight.", "en"),
        ("Planned work means an interruption to the roadworks schedule, not to broadband.", "en"),
    ],
)
def test_what_near_misses(text: str, locale: str) -> None:
    assert _fires("what", text, locale, stage="update")


# ---------------------------------------------------------------- next_update and eta (Spanish)
@pytest.mark.parametrize(
    "text",
    [
        "Unos 900 clientes de Salta no tienen internet. Volveré a escribirles a las 12:00.",
        "Unos 900 clientes de Salta no tienen internet. Próximo SMS 12:00.",
    ],
)
def test_next_update_by_frame(text: str) -> None:
    assert not _fires("next_update", text, "es", stage="update")


def test_next_update_near_miss() -> None:
    assert _fires(
        "next_update",
        "Unos 900 clientes de Salta no tienen internet. Volveré a la central.",
        "es",
        "update",
    )


def test_eta_revised_time() -> None:
    text = "Unos 900 clientes siguen sin internet. Nueva hora para restablecer el servicio: 16:00."
    assert not _fires("eta", text, "es", stage="update")
