"""Round 36 (issue 19): a weak spot round 35 left, mended. Each case is our own sentence, none
from a corpus. The patterns are tested alone (`learned = false`)."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires
from tests.check.helpers import rules


@pytest.mark.parametrize(
    "text",
    [
        # the act that caused the outage, told as such in its sentence, is no fix
        "An engineer changed a routing setting by hand at 09:05, and that change stopped traffic.",
        "Staff updated the fare table manually, which broke every ticket machine.",
        "We changed the firewall setting by hand at noon, and the change blocked card payments.",
    ],
)
def test_fix_not_the_change_that_caused_it(text: str) -> None:
    assert _fires("fix", text, "en")


@pytest.mark.parametrize(
    "text",
    [
        # round 35's fixes by hand still read as fixes, and so does one whose change brought the
        # service back
        "We changed the time zone setting by hand at 3pm.",
        "We changed the routing setting back by hand, and that change restored traffic.",
        "Staff updated the fare table manually at 10am, which let the machines sell tickets again.",
    ],
)
def test_fix_by_hand_near_misses_round36(text: str) -> None:
    assert not _fires("fix", text, "en")


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        # words in single angle brackets, not an element of HTML
        ("Hi <first name>, your tickets for <cinema> are refunded.", "text"),
        ("Dear <Parent/Carer name>, fees are waived this term.", "text"),
        # words in single braces; a bracketed slot broken over two lines
        ("Dear {Customer First Name}, your refund is on its way.", "text"),
        ("Refunds reach your card by {REFUND_DATE}.", "text"),
        ("Use the code [VOUCHER\nCODE] at the till.", "text"),
    ],
)
def test_placeholder_angle_brace_and_broken_slots(text: str, fmt: str) -> None:
    assert "placeholder" in rules(text, "resolve", "en", fmt=fmt)


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        # markup, addresses, links, style rules and a comparison are no slots
        ("<p>Calls work again.</p><details><summary>More</summary>Times in PST.</details>", "html"),
        ("Write to <help@example.com> or see <https://status.example.com>.", "markdown"),
        ("<style>p { color: red; }</style><p>Calls work again.</p>", "html"),
        ("Line one<br>line two, and <details open>more</details>.", "markdown"),
        ("Calls with a delay < 2 s and > 1 s were counted.", "text"),
    ],
)
def test_placeholder_near_misses_round36(text: str, fmt: str) -> None:
    assert "placeholder" not in rules(text, "resolve", "en", fmt=fmt)


_ES = (
    "Lamentamos que el 3 de mayo, de 9:10 a 11:40, 4.100 clientes de Bragado no pudieran navegar. "
    "Una fibra cortada en la ruta 5 lo causó; la reparamos. "
)


@pytest.mark.parametrize(
    "tail",
    [
        # Spanish opening hours as help desks write them, beside the phone
        "Ayuda: 0800-555-0188, de 8 a 24 h.",
        "Consultas: 0800-345-2716, de 7 a 22 hs.",
        "Ayuda: 0800 999 4175, de 8:00 a 24:00.",
        "Atención a clientes: 800 921 4471, hasta las 2:00.",
    ],
)
def test_support_spanish_hours(tail: str) -> None:
    assert not _fires("support", _ES + tail, "es")


@pytest.mark.parametrize(
    "tail",
    [
        # a phone with no hours; an hour of the outage in another sentence
        "Ayuda: 0800-555-0188.",
        "El servicio volvió hasta las 14:00. Ayuda: 0800-555-0188.",
    ],
)
def test_support_spanish_hours_near_misses(tail: str) -> None:
    assert _fires("support", _ES + tail, "es")


_UPD_EN = "Since 9:05 AM PST card payments fail in Reno. We expect them back by 3 PM PST. "
_UPD_ES = (
    "Desde las 9:05 fallan los pagos con tarjeta en Mérida. Esperamos que vuelvan a las 15:00. "
)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # more to come at a time; a page kept up every half hour
        (_UPD_EN + "We'll have more at 6 PM PST.", "en"),
        (_UPD_EN + "More updates to follow by 9 PM PST.", "en"),
        (_UPD_EN + "We will post here every half hour.", "en"),
        (_UPD_ES + "Os daremos más información a las 12:00.", "es"),
        (_UPD_ES + "Vamos a actualizar esta página a las 20 hs.", "es"),
    ],
)
def test_next_update_more_at_a_time(text: str, locale: str) -> None:
    assert not _fires("next_update", text, locale, stage="update")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # more to come with no time; the page named with no time
        (_UPD_EN + "More updates to follow.", "en"),
        (_UPD_EN + "We'll have more soon.", "en"),
        (_UPD_ES + "Vamos a actualizar esta página pronto.", "es"),
    ],
)
def test_next_update_near_misses_round36(text: str, locale: str) -> None:
    assert _fires("next_update", text, locale, stage="update")


def test_next_update_not_a_timetable() -> None:
    # a service that runs every half hour promises no update
    text = _UPD_EN + "Trains run every half hour."
    assert _fires("next_update", text, "en", stage="update")
