"""Twenty-third round (issue 19): more rules read by form rather than by list, tuned on the
thirty-first and thirty-second sets. Each case is our own sentence, none from a corpus; each group
has near misses that must stay as they were. The patterns are tested alone (`learned = false`):
the learned reading has its own tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


@pytest.mark.parametrize(
    ("text", "locale", "stage"),
    [
        ("Your payout is running late since 9am.", "en", "update"),
        ("Since 7am our 40 bike docks in Leith were shut.", "en", "update"),
        ("Podcasts stop after ten seconds in the app.", "en", "acknowledge"),
        ("Since 8.15am, video lessons have not been starting for pupils.", "en", "acknowledge"),
        ("Los pedidos de Soria están tardando más de una hora.", "es", "acknowledge"),
        ("Las reservas de pistas ya se realizan con normalidad.", "es", "resolve"),
    ],
)
def test_what_more_failures_by_form(text: str, locale: str, stage: str) -> None:
    assert not _fires("what", text, locale, stage)


@pytest.mark.parametrize(
    ("text", "locale", "stage"),
    [
        ("The slow restart was down to our new server.", "en", "explain"),
        ("Your bill is not affected by this.", "en", "resolve"),
    ],
)
def test_what_near_misses(text: str, locale: str, stage: str) -> None:
    assert _fires("what", text, locale, stage)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Texts from 6,400 of our phones in Leith could not be sent.", "en"),
        ("Bookings failed for all 1.4m customers Scotland-wide.", "en"),
        ("Payouts to 2,300 Irish sellers did not arrive.", "en"),
        ("Unos 3.100 de nuestros abonados de toda Galicia no pudieron pagar.", "es"),
    ],
)
def test_who_counts_and_places_by_form(text: str, locale: str) -> None:
    assert not _fires("who", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Every player gets 400 Gems in the coming days.", "en"),
        ("About 3,100 of our members could not pay.", "en"),
    ],
)
def test_who_near_misses_a_name_that_is_no_place(text: str, locale: str) -> None:
    assert _fires("who", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Calls failed from 9am to noon GMT due to [FAULT DETAILS].", "en"),
        ("The outage was caused by {{reason}}.", "en"),
        ("Calls failed because of an issue at our payments provider, and we are sorry.", "en"),
        ("The fault is with equipment at the exchange.", "en"),
    ],
)
def test_cause_slots_and_a_fault_placed_only_at_a_supplier(text: str, locale: str) -> None:
    assert _fires("cause", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (
            "It came from a failure at our payments provider's card gateway, which overheated.",
            "en",
        ),
        ("The fault lies with our equipment supplier's faulty power unit, which overheated.", "en"),
    ],
)
def test_cause_near_misses_a_supplier_with_what_happened(text: str, locale: str) -> None:
    assert not _fires("cause", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Some cardholders in Leith could not pay.", "en"),
        ("Many sellers in Perth were paid twice.", "en"),
        ("Muchos compradores de Soria no pudieron pagar.", "es"),
    ],
)
def test_vague_quantity_before_any_plural_noun(text: str, locale: str) -> None:
    assert _fires("vague", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("About 4,100 cardholders in Leith could not pay; some cardholders paid twice.", "en"),
        ("It took some hours to find the fault.", "en"),
    ],
)
def test_vague_near_misses_counted_or_time(text: str, locale: str) -> None:
    assert not _fires("vague", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The gateway went down. This is their issue, not ours.", "en"),
        ("The mast owner took six hours to restore power.", "en"),
        ("Retail providers are responsible for any refund.", "en"),
        ("La responsabilidad es de la empresa de la obra.", "es"),
    ],
)
def test_blame_by_form(text: str, locale: str) -> None:
    assert _fires("blame", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("This is our issue, and we are sorry.", "en"),
        ("We took six hours to restore power.", "en"),
        ("La responsabilidad es nuestra.", "es"),
    ],
)
def test_blame_near_misses_ours(text: str, locale: str) -> None:
    assert not _fires("blame", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Faults like this can happen with any booking system.", "en"),
        ("Nobody could have predicted the cable would snap.", "en"),
        ("Even with careful testing, some errors get through.", "en"),
        ("Estas averías son imposibles de prever.", "es"),
    ],
)
def test_excuse_by_form(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("From May, changes like this will happen between midnight and 5am.", "en"),
        ("We could have predicted it, and we did not.", "en"),
    ],
)
def test_excuse_near_misses(text: str, locale: str) -> None:
    assert not _fires("excuse", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Most riders in Perth had buses to fall back on.", "en"),
        ("It was a single day's delay.", "en"),
        ("Fue solo un retraso de unas horas.", "es"),
        ("Ya está resuelto el pequeño fallo de la app.", "es"),
    ],
)
def test_minimise_by_form(text: str, locale: str) -> None:
    assert _fires("minimise", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Most riders in Perth could not travel.", "en"),
        ("It was a delay of a whole day for 3,000 riders.", "en"),
    ],
)
def test_minimise_near_misses(text: str, locale: str) -> None:
    assert not _fires("minimise", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        "Card payments are failing in Leith. We expect a fix by 3pm GMT. Next update at 1pm GMT.",
        "Bookings are failing in Leith. Call 0131 496 0000, 8am to 8pm GMT, for help.",
    ],
)
def test_when_times_only_for_updates_estimates_or_help(text: str) -> None:
    assert _fires("when", text, "en", "update")


@pytest.mark.parametrize(
    "text",
    [
        "Since 9:40am GMT card payments are failing in Leith. Next update at 1pm GMT.",
        "Update 11am GMT: card payments are failing in Leith. Next update at 1pm GMT.",
    ],
)
def test_when_near_misses_a_start_time_or_a_heading(text: str) -> None:
    assert not _fires("when", text, "en", "update")
