"""Twenty-second round (issue 19): `what` reads what failed by its grammar, whatever the provider
calls it (a thing of the customers' that could not be used, did not do what it does, sat blank or
went offline, or came back after the outage), instead of only the services earlier rounds listed.
Each case is our own sentence, none from a corpus; the near misses are the failures a statement
tells of its own parts, its people or its customers, hedged or conditional ones, and reassurances.
The patterns are tested alone (`learned = false`): the learned reading has its own tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires

from amends.check.failed import told


@pytest.mark.parametrize(
    ("text", "locale", "stage"),
    [
        (
            "Self-service kiosks at our Dayton branches were blank from 9:10 to 11:40.",
            "en",
            "update",
        ),
        ("From 06.10 to 08.45, turnstiles at Leeds would not read passes.", "en", "resolve"),
        ("On Monday, 4,100 members in Hobart could not reserve court times.", "en", "explain"),
        ("Parking meters in Geelong rejected every card from 7am to 9.30am.", "en", "resolve"),
        ("Since 2pm, thermostats in Boise have not answered the app.", "en", "acknowledge"),
        ("Chargers at 40 sites in Fresno went offline at 3:05 p.m.", "en", "acknowledge"),
        ("Drivers got no fares from the dispatch desk between 4 and 6 p.m.", "en", "explain"),
        ("Prescription refills are working again in Tulsa.", "en", "resolve"),
        ("From 8am, the loyalty vouchers in our app stayed stuck on 'pending'.", "en", "update"),
        ("Los torniquetes de Lugo no leían los abonos desde las 7:00.", "es", "update"),
        ("Entre las 9:00 y las 11:30, 1.200 socios no pudieron reservar pistas.", "es", "resolve"),
        ("Las pantallas de las taquillas de Teruel se quedaron en blanco.", "es", "acknowledge"),
        ("Volvieron las reservas de pistas a las 12:10.", "es", "resolve"),
        ("Los cargadores de Soria siguen sin cargar desde las 6:00.", "es", "update"),
    ],
)
def test_what_reads_a_failure_by_its_grammar(text: str, locale: str, stage: str) -> None:
    assert not _fires("what", text, locale, stage)


@pytest.mark.parametrize(
    ("text", "locale", "stage"),
    [
        ("Some members may be unable to reserve court times.", "en", "acknowledge"),
        ("If you can't reserve a court, try again after noon.", "en", "acknowledge"),
        ("The main router failed at 2am.", "en", "explain"),
        ("Our engineers could not reach the site until noon.", "en", "explain"),
        ("Most customers are back online.", "en", "resolve"),
        ("Court bookings are working as normal.", "en", "acknowledge"),
        ("Your bill is not affected.", "en", "resolve"),
        ("We did not test the update on a few kiosks first.", "en", "explain"),
        ("The issues were resolved by 4pm.", "en", "resolve"),
        ("Queries timed out across the cluster.", "en", "explain"),
        ("El servidor principal falló a las 2:38.", "es", "explain"),
        ("Sabemos que muchos se quedaron sin ver el partido.", "es", "resolve"),
        ("La mayoría no llegó a notar el corte.", "es", "resolve"),
        ("No lo comprobamos antes de la actualización.", "es", "explain"),
        ("Los clientes con tarifa plana no se vieron afectados.", "es", "update"),
    ],
)
def test_what_near_misses_say_nothing_a_customer_used_failed(
    text: str, locale: str, stage: str
) -> None:
    assert _fires("what", text, locale, stage)


def test_what_back_counts_only_after_the_outage() -> None:
    """While the outage lasts, a thing "working again" is a part spared or back early; after it,
    the thing that came back is what failed."""
    sentence = "Locker collections are working again."
    assert told(sentence, "en", ongoing=False)
    assert not told(sentence, "en", ongoing=True)
