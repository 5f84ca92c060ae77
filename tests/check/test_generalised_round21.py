"""Twenty-first round (issue 19): `who` reads a count by its form, whatever the provider counts (a
number before a plural noun that is not a unit, a sum, a date or a thing of the provider's own),
instead of only the nouns earlier rounds listed. Each case is our own sentence, none from a
corpus; the near misses are the numbers a statement gives that count no customers. The patterns
are tested alone (`learned = false`): the learned reading has its own tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("About 3,700 drivers in Galway could not unlock their cars.", "en"),
        ("Bookings failed for 1,240 guests in Kinsale on Friday.", "en"),
        ("The app lost track of 9,800 parcels in Athlone.", "en"),
        ("About 52,000 taxpayers in Ohio could not file on Monday.", "en"),
        ("Playback stopped for 1.2 million subscribers across Ireland.", "en"),
        ("Unos 4.300 conductores de Burgos no pudieron cargar sus coches.", "es"),
        ("2.600 huéspedes de Cádiz no recibieron su código.", "es"),
        ("Check-in failed for 2,100 passengers at Shannon airport.", "en"),
        ("Unos 900 viajeros de Vigo no pudieron embarcar.", "es"),
    ],
)
def test_who_reads_any_count_with_a_place(text: str, locale: str) -> None:
    assert not _fires("who", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Calls failed in Galway for 45 minutes.", "en"),
        ("Our 3 engineering teams are on site in Kinsale.", "en"),
        ("Servers in Athlone returned 503 responses for an hour.", "en"),
        ("It was 46 degrees in Cobh when the cabinet overheated.", "en"),
        ("By 31 January we will test the backup in Sligo.", "en"),
        ("Los clientes de Burgos tendrán 7 euros menos en su factura.", "es"),
        ("El corte en Cádiz duró 40 minutos.", "es"),
        ("Nuestros técnicos tendieron 200 metros de cable en Vigo.", "es"),
    ],
)
def test_who_near_misses_numbers_that_count_no_customers(text: str, locale: str) -> None:
    assert _fires("who", text, locale)


def test_who_a_count_with_no_place_still_asks_for_the_area() -> None:
    assert _fires("who", "About 3,700 drivers could not unlock their cars.")
