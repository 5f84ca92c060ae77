"""Fifteenth round (issue 19, a round of the patterns tuned on the tenth to sixteenth blind sets,
which until now only the learned reading had trained on): an apology to whoever was hurt and the
bare apology of a status post, "the disruption" as this outage's own, the fix told by a named act,
what a network team counts, a service named by its return, ownership and estimates in more words.
Each case is our own sentence, none from a corpus; each group has near misses the rules must not
take. The patterns are tested alone (`learned = false`): the learned reading has its own tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


# ---------------------------------------------------------------- non-apology and apology
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We apologise to anyone affected by the fault in Kendal.", "en"),
        ("We apologize to any subscribers impacted.", "en"),
        ("We would like to apologise to those still affected.", "en"),
        ("We apologise to those who were impacted on Monday.", "en"),
        ("Apologies to anyone affected.", "en"),
        ("Apologies for the impact.", "en"),
        ("Line card swapped at 14:05. Apologies for the continued disruption.", "en"),
        ("It is with great regret that we confirm a loss of service in Alloa.", "en"),
        ("Faults like this one, while regrettable, happen on every network.", "en"),
        ("Pedimos disculpas a quienes se hayan visto afectados en Teruel.", "es"),
        ("Ofrecemos una disculpa a los usuarios que pudieron resultar afectados.", "es"),
        ("Lamentamos los inconvenientes que esto pudo ocasionar.", "es"),
    ],
)
def test_non_apology_to_whoever_was_hurt(text: str, locale: str) -> None:
    assert _fires("non-apology", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We apologise to all 4,100 customers in Kendal who lost their broadband.", "en"),
        ("We apologise to everyone who was cut off on Monday.", "en"),
        # (round 19: "Apologies for the disruption to your calls" is now `non-apology`, an apology
        # nobody makes; `test_generalised_round19.py`)
        ("We apologise for the disruption to your calls on Monday morning.", "en"),
        ("We regret nothing about replacing the old cable.", "en"),
        ("Pedimos disculpas a todos los clientes afectados.", "es"),
        ("Pedimos disculpas a los 3.200 hogares que se quedaron sin internet.", "es"),
    ],
)
def test_non_apology_near_misses(text: str, locale: str) -> None:
    assert not _fires("non-apology", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We apologise to those affected.", "en"),
        ("I am sorry that many of you feel we let you down.", "en"),
        ("Pedimos disculpas a los clientes que pudieran verse afectados.", "es"),
    ],
)
def test_a_hedged_apology_is_no_apology(text: str, locale: str) -> None:
    assert _fires("apology", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        "We're sorry for the trouble this caused.",
        "We are sorry for the disruption.",
    ],
)
def test_sorry_for_the_disruption_is_a_plain_apology(text: str) -> None:
    assert not _fires("apology", text) and not _fires("generic-apology", text)


@pytest.mark.parametrize(
    "text",
    [
        "We apologise for any disruption.",
        "Sorry for any trouble this may cause.",
        "We are sorry for the inconvenience.",
    ],
)
def test_any_disruption_is_still_generic(text: str) -> None:
    assert _fires("generic-apology", text)


# ---------------------------------------------------------------- fix
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Service was restored via a cold restart of the router.", "en"),
        ("Sessions recovered at 13:05 following a reload of the gateway.", "en"),
        ("Traffic was re-homed to the standby card at 17:05.", "en"),
        ("Resolution: module swapped by field engineering at 13:40.", "en"),
        ("A replacement card arrived from the depot and went in at noon.", "en"),
        ("Our technician arrived with a generator at 8.30am.", "en"),
        ("The cable was plugged back in and service returned.", "en"),
        ("The fault was a loose connector, which our engineer put right.", "en"),
        ("Our crew had the link back by 2.05pm.", "en"),
        ("Our engineer refitted it at 3.25pm.", "en"),
        ("Sesión restablecida tras el reinicio del router de borde.", "es"),
        ("El tráfico fue conmutado al enlace de respaldo a las 06:15.", "es"),
        ("El cable quedó empalmado a las 11:45.", "es"),
        ("Nuestro equipo instaló un generador durante la noche.", "es"),
    ],
)
def test_the_fix_told_by_a_named_act(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Our team sorted it quickly.", "en"),
        ("Service was restored after an outage on Tuesday.", "en"),
        ("Nuestro equipo instaló una configuración equivocada en el servidor.", "es"),
    ],
)
def test_the_fix_near_misses(text: str, locale: str) -> None:
    assert _fires("fix", text, locale)


# ---------------------------------------------------------------- who
@pytest.mark.parametrize(
    ("text", "locale", "stage"),
    [
        ("Approx 11k broadband subs in Swindon were impacted.", "en", "resolve"),
        ("About 1,900 SIOs in Katherine lost service.", "en", "resolve"),
        ("Loss of sync for 2,050 end users on the Gainsborough exchange.", "en", "resolve"),
        ("Dunoon 12.30 BST: 1,150 homes without broadband since 06.10.", "en", "update"),
        ("Euroa update 2.30pm AEST: 800 homes still offline.", "en", "update"),
        ("Unas 16.800 viviendas de Gijón se quedaron sin internet.", "es", "resolve"),
        ("Pérdida de sincronismo en 1.850 ONT de Paysandú.", "es", "resolve"),
    ],
)
def test_counts_as_a_network_team_writes_them(text: str, locale: str, stage: str) -> None:
    assert not _fires("who", text, locale, stage)


@pytest.mark.parametrize(
    "text",
    [
        "Update 11.00 BST: some homes are still without broadband.",
        "About 11k of our customers lost broadband.",
    ],
)
def test_who_near_misses(text: str) -> None:
    assert _fires("who", text, stage="update")


# ---------------------------------------------------------------- what
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Internet and TV service in Elgin has been fully restored.", "en"),
        ("Broadband services in Alnwick have now returned to normal.", "en"),
        ("Your calls and mobile data came back at 11.50am AEST.", "en"),
        ("El servicio de internet en Teruel fue restablecido a las 18:00.", "es"),
    ],
)
def test_a_service_named_by_its_return(text: str, locale: str) -> None:
    assert not _fires("what", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        "Service has been restored in your area.",
        "Internet service in Elgin should be back by 6pm.",
        "We expect broadband to be restored by noon.",
        "The fibre was joined again and service came back.",
    ],
)
def test_what_near_misses(text: str) -> None:
    assert _fires("what", text, stage="update")


# ---------------------------------------------------------------- ownership
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("That was a mistake on our part.", "en"),
        ("This one's on us.", "en"),
        ("The cause was ours.", "en"),
        ("The cabinet had no barrier around it. We should have.", "en"),
        ("La causa fue nuestra.", "es"),
        ("Nuestro equipo conectó mal un cable de fibra.", "es"),
    ],
)
def test_ownership_in_more_words(text: str, locale: str) -> None:
    assert not _fires("ownership", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        "The mistake was not on our part.",
        "We should have more news by noon.",
    ],
)
def test_ownership_near_misses(text: str) -> None:
    assert _fires("ownership", text)


# ---------------------------------------------------------------- eta
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("A replacement card is on its way. ETR 18:00 GMT.", "en"),
        ("nbn have advised a fix time of 6pm AEST.", "en"),
        ("Our crew expects to have the cable spliced by 6pm AWST.", "en"),
        ("We're not yet able to confirm when service will be restored.", "en"),
        ("Nuestras cuadrillas esperan reponer el servicio a las 15:00.", "es"),
        ("Hasta entonces no podemos dar una hora de arreglo.", "es"),
    ],
)
def test_estimates_in_more_words(text: str, locale: str) -> None:
    assert not _fires("eta", text, locale, stage="update")


@pytest.mark.parametrize(
    "text",
    [
        "We are able to confirm the cause.",
    ],
)
def test_eta_near_misses(text: str) -> None:
    assert _fires("eta", text, stage="update")
