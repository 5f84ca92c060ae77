"""Twenty-ninth round (issue 19): rules read by form, tuned on the forty-third and forty-fourth
sets. Each case is our own sentence, none from a corpus; each group has near misses that must stay
as they were. The patterns are tested alone (`learned = false`): the learned reading has its own
tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("If the outage cost you a bank fee, we will repay it, up to $90, within 10 days.", "en"),
        (
            "We will refund any late fees, up to $60. The refunds will reach your account by "
            "March 3.",
            "en",
        ),
        ("Every home gets one quarter's standing charge waived on the next bill.", "en"),
        ("Each school gets one term of the app free, taken off its next invoice.", "en"),
        ("Every rider gets the booking fee waived on their next ride.", "en"),
        ("Any home that missed a pickup can put out two extra bags next Monday, free.", "en"),
        ("Cada cliente recibirá una semana de su plan gratis en la próxima factura.", "es"),
        (
            "Todos los clientes afectados tendrán su próximo envío gratis, de forma automática.",
            "es",
        ),
    ],
)
def test_repair_repaid_waived_and_extra(text: str, locale: str) -> None:
    assert not _fires("repair", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        # repaid, with no amount or date
        "We will repay your costs.",
        # extra bags, with no day
        "Any home can put out extra bags.",
    ],
)
def test_repair_near_misses(text: str) -> None:
    assert _fires("repair", text, "en")


@pytest.mark.parametrize(
    ("text", "stage", "locale"),
    [
        ("Since 6am, 900 homes in Hexford have had no water.", "acknowledge", "en"),
        ("No water at 1,200 homes in Hexford since 6am.", "acknowledge", "en"),
        ("Water is back in Hexford and Lowmoor.", "resolve", "en"),
        ("Taps in Hexford have water again.", "resolve", "en"),
        (
            "Since Monday the app has told 800 homes that there is no collection this week.",
            "update",
            "en",
        ),
        ("Since 7pm, 3,000 boxes show code E42.", "acknowledge", "en"),
        (
            "Since 8am the app shows 2,100 homes in Lowmoor and Hexford the wrong bin day.",
            "update",
            "en",
        ),
        ("Sin agua en 900 casas de Soria desde las 6:00.", "acknowledge", "es"),
        ("Ya hay agua en Soria.", "resolve", "es"),
    ],
)
def test_what_supplies_and_what_was_told(text: str, stage: str, locale: str) -> None:
    assert not _fires("what", text, locale, stage)


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # our engineers telling us a thing is no failure of the customers'; "the app" alone, back,
        # names none
        ("Our engineers told us that there was no spare part.", "explain"),
        ("The app is back.", "resolve"),
    ],
)
def test_what_near_misses(text: str, stage: str) -> None:
    assert _fires("what", text, "en", stage)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Cards failed from 8am. At noon our team deployed a new certificate.", "en"),
        ("Messages were held from 7am. We sent every held message by 11am.", "en"),
        ("The door refused members from 6am. At 9am we sent the full list again.", "en"),
        ("Texts were late from 9am. We migrated the queue to a larger node at 1pm.", "en"),
        ("La app mostró el día equivocado. A las 15:00 cargamos el correcto.", "es"),
    ],
)
def test_fix_more_forms(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale)


def test_fix_near_miss_a_report_sent_is_no_fix() -> None:
    text = "Cards failed from 8am. We sent the full report to the regulator."
    assert _fires("fix", text, "en")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("It was one of the worst storms our town has seen in forty years.", "en"),
        ("A Sunday night is the worst possible time for a fault.", "en"),
        ("Results mornings are the busiest of the year for us.", "en"),
        ("Despite a record number of orders that night, most went through.", "en"),
        ("Remote sites are always harder to reach.", "en"),
        ("Like many small councils, we rely on one supplier.", "en"),
        ("En temporada alta la demanda es enorme.", "es"),
    ],
)
def test_excuse_more_forms(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale, "explain")


def test_excuse_near_miss_the_busiest_day_as_a_fact_of_the_plan() -> None:
    text = "From 1 May we will add staff on the days we expect the most orders."
    assert not _fires("excuse", text, "en", "explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Our phone contractor installed a new menu on Monday and did not test it.", "en"),
        ("Our map provider changed its terms at short notice.", "en"),
        ("The app is run for the council by an outside software company.", "en"),
        ("The box maker's software update had an error in it.", "en"),
        ("La rotura se produjo por las obras de una empresa constructora.", "es"),
        ("El corte se debió a un error del fabricante de los routers.", "es"),
    ],
)
def test_blame_the_other_party_acting(text: str, locale: str) -> None:
    assert _fires("blame", text, locale, "explain")


def test_blame_near_miss_the_act_owned_after() -> None:
    text = (
        "Our door supplier sent an update overnight, and we had agreed to let it install "
        "without testing. That was our decision, and it was a mistake."
    )
    assert not _fires("blame", text, "en", "explain")


def test_review_a_bare_not_working_still_needs_its_subject() -> None:
    assert _fires("what", "Our servers not working since 6am.", "en", "acknowledge")


def test_review_this_weeks_outage_is_no_amount() -> None:
    text = "Every customer gets a credit for this week's outage, on the next bill."
    assert _fires("repair", text, "en")


def test_review_high_season_without_an_article() -> None:
    assert _fires("excuse", "Durante temporada alta la demanda es enorme.", "es", "explain")
