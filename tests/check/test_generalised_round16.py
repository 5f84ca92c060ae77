"""Sixteenth round (issue 19, the patterns tuned on the seventeenth to twentieth blind sets): blame
put on another party by making our restoration hang on it, by where the fault began, or by who made
the faulty thing; the fix told by more acts, and not by the other party's repair or by "service
restored"; a service named by its return in Spanish with the verb first. Each case is our own
sentence, none from a corpus; each group has near misses the rules must not take. The patterns are
tested alone (`learned = false`): the learned reading has its own tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


# ---------------------------------------------------------------- blame
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Reconnection is wholly dependent on the power company's crews.", "en"),
        ("Repair timescales remain reliant on the wholesaler.", "en"),
        ("We are reliant on their engineers for a repair time.", "en"),
        ("The fault originates with a long-haul carrier's equipment in Reno.", "en"),
        ("The slowdown stemmed from congestion within our host network's core.", "en"),
        ("Our calls run over our partner operator, which had a power failure at two sites.", "en"),
        ("The crash came from a bug in software supplied by the vendor of our billing.", "en"),
        ("A digger driver working for the county cut the duct at 9 a.m.", "en"),
        ("None of our own work was involved in the cut.", "en"),
        ("The crew dug straight through the buried duct without first checking the plans.", "en"),
        ("La avería está en la red de un mayorista, que es el responsable de la reparación.", "es"),
        ("El corte se produjo en la red de la operadora cuya fibra alquilamos.", "es"),
        ("La reposición dependía completamente de sus técnicos.", "es"),
    ],
)
def test_blame_without_the_word(text: str, locale: str) -> None:
    assert _fires("blame", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Restoration is dependent on the weather clearing over the pass.", "en"),
        ("The fault originated in a router we installed last year.", "en"),
        ("The fault originates with a contractor we hired to move the cable.", "en"),
        ("We replaced the card the manufacturer recommended in May.", "en"),
        ("We fitted a card supplied by our vendor and did not test it first.", "en"),
        ("Our crews are working for the town's businesses through the night.", "en"),
        ("Our own crew working for the outage response cut the wrong duct.", "en"),
        ("Somos los responsables del mantenimiento de ese tramo, y el error fue nuestro.", "es"),
        ("Nuestro equipo, que es el responsable del tramo, cortó el cable por error.", "es"),
        ("El corte se produjo en nuestra red de Soria.", "es"),
    ],
)
def test_blame_near_misses(text: str, locale: str) -> None:
    assert not _fires("blame", text, locale)


# ---------------------------------------------------------------- fix
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("A loose lead in the pit was the cause, and our tech has tightened it.", "en"),
        ("Our techs found a corroded joint at the hub and sorted it.", "en"),
        ("Sessions were re-homed to the spare gateway at 10:02.", "en"),
        ("At 4:10 p.m. we took the faulty firmware back out.", "en"),
        ("Optic swapped by field engineering at 15:20.", "en"),
        ("Data came back at 1440 following realignment of the dish on the hill.", "en"),
        ("Our crew refuelled the generator at the exchange.", "en"),
        ("El técnico volvió a conectar el router principal.", "es"),
        ("Nuestros técnicos tendieron 250 metros de cable nuevo.", "es"),
        ("Se aisló el switch averiado y se amplió el enlace.", "es"),
        ("Se ejecutó el reenrutamiento por el enlace de respaldo.", "es"),
        ("Solución: sustitución de la tarjeta por el técnico de guardia.", "es"),
        ("Nuestro equipo subió a la antena y llevamos un generador de alquiler.", "es"),
    ],
)
def test_the_fix_in_more_acts(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Our crews worked all night and restored service to every home.", "en"),
        ("Engineers restored services to the town by noon.", "en"),
        ("The repair was carried out by Openreach engineers on Tuesday.", "en"),
        ("The repairs were done by the network owner overnight.", "en"),
        ("The vendor's engineers took the patch back out at 10:30 a.m.", "en"),
        ("A technical issue on our side has been corrected.", "en"),
        ("El servicio de internet se ha restablecido por completo.", "es"),
        ("La avería estuvo en su red, y fueron sus técnicos quienes la repararon.", "es"),
    ],
)
def test_the_fix_near_misses(text: str, locale: str) -> None:
    assert _fires("fix", text, locale)


# ---------------------------------------------------------------- what
@pytest.mark.parametrize(
    "text",
    [
        "Tarifa: ya funcionan internet y fijo en los 2.100 hogares afectados.",
        "Desde las 18:10 vuelven a funcionar internet y el teléfono fijo en Tarifa.",
        "Ya se restableció el servicio de internet y televisión en Tarifa.",
    ],
)
def test_a_service_back_told_verb_first(text: str) -> None:
    assert not _fires("what", text, "es")


@pytest.mark.parametrize(
    "text",
    [
        "Ya funciona todo en Tarifa.",
        "Esperamos que internet vuelva a funcionar a las 18:00.",
    ],
)
def test_what_near_misses(text: str) -> None:
    assert _fires("what", text, "es")


def test_operating_normally_again() -> None:
    assert not _fires("what", "Calls and mobile data in Girvan are operating normally again.")
