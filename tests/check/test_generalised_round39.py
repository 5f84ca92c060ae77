"""Round 39 (issue 19): `blame` on a party named by what it supplies us, and a cause declared
foreign to "the institution", from the misses left on the tuned sets. Each case is our own
sentence, none from a corpus. The patterns are tested alone (`learned = false`)."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The fault lies with the publishing platform that supplies our e-books.", "en"),
        ("The fault lies with the ticketing service that hosts our booking pages.", "en"),
        ("El corte se debió a circunstancias ajenas a la institución.", "es"),
    ],
)
def test_blame_on_a_party_named_by_what_it_supplies(text: str, locale: str) -> None:
    assert _fires("blame", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # a thing, not a party; our own act
        ("The fault lies with the cable that supplies our exchange.", "en"),
        ("The fault lies with the update we installed.", "en"),
        ("El corte se debió a un error de la institución.", "es"),
    ],
)
def test_blame_near_misses_round39(text: str, locale: str) -> None:
    assert not _fires("blame", text, locale)
