"""Round 40 (issue 19): `eta` told by what we expect, whatever the service does when it is back,
from the false alarms left on the tuned sets. Each case is our own sentence, none from a corpus.
The patterns are tested alone (`learned = false`)."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires

_EN = "Since 9:05 AM PST card payments fail in Reno for 2,300 customers. We are sorry. "
_ES = "Desde las 9:05 fallan los pagos con tarjeta en Mérida para 2.300 clientes. Lo sentimos. "


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (_EN + "We expect the match to play for every subscriber by 4 PM PST.", "en"),
        (_EN + "We expect the kiosks to print boarding passes by noon PST.", "en"),
        (_EN + "We expect you to be able to pay online by 9 PM PST.", "en"),
        (_EN + "Payments are expected by 4 PM PST.", "en"),
        (_EN + "We're targeting 1 PM PST for every till.", "en"),
        (_ES + "Esperamos que los datáfonos acepten tarjetas a las 12:00.", "es"),
        (_ES + "Prevemos que los torniquetes lean las tarjetas antes de las 13:00.", "es"),
        (_ES + "Esperamos cobrar todo antes de las 15:00.", "es"),
    ],
)
def test_eta_by_what_we_expect(text: str, locale: str) -> None:
    assert not _fires("eta", text, locale, stage="update")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # an expectation with no time; the time belongs to the next update
        (_EN + "We expect the refunds to reach your account soon.", "en"),
        (_EN + "We expect to post the next update by 5 PM PST.", "en"),
        # our people on their way, not the service back
        (_ES + "Esperamos que la cuadrilla llegue a la central a las 15:00.", "es"),
        (_ES + "Esperamos que los datáfonos vuelvan pronto.", "es"),
        (_ES + "Esperamos publicar la próxima actualización a las 12:00.", "es"),
    ],
)
def test_eta_near_misses_round40(text: str, locale: str) -> None:
    assert _fires("eta", text, locale, stage="update")
