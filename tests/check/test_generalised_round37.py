"""Round 37 (issue 19): `prevention`'s "by when" as writers give it, from the false alarms left
on the tuned sets. Each case is our own sentence, none from a corpus. The patterns are tested
alone (`learned = false`)."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires

_R = (
    "On 3 May from 09:10 to 11:40 BST, broadband failed for 4,100 customers in Leeds. A power "
    "supply failed at our exchange; we replaced it. We are sorry. "
)


@pytest.mark.parametrize(
    "plan",
    [
        # the next season, event, term or release
        "From our next match, our own staff will test the turnstiles an hour before kick-off.",
        "By the start of next season, two staff will test every gate after any change.",
        "From the start of Term 2, we will try any change on three parent accounts first.",
        "We will test each update on one kiosk for a week, starting in February.",
        # the next attempt; every change from now on
        "Before we try the new booking system again, we will run it beside the old one.",
        "Before any update goes to the payment server, we will test it on a copy for a week.",
        # the date in the sentence after, pointing back
        "We will run both systems side by side for a month. That starts on 4 April.",
        "Every release will be tried on ten phones first. This applies from 2 March.",
        # a rule for every case from a date, in the present
        "By 12 February, no new price list goes live until a second person checks it.",
        "From 1 March every firmware update goes to one charger first.",
        # a change already made, its purpose first
        "To make sure this can't happen again, we've moved the account to automatic payment.",
    ],
)
def test_prevention_by_when_as_written(plan: str) -> None:
    assert not _fires("prevention", _R + plan, "en-GB", stage="explain")


@pytest.mark.parametrize(
    "plan",
    [
        # no "by when": a standing intent, a vague follow-up, a past act, every update with no verb
        "We will test every gate with a real pass after each change.",
        "We will review our systems. That starts soon.",
        "By Friday, we had replaced every power supply.",
        "We will check disk space before every update.",
        # the sentence after is a refund's date, not the plan's
        "We will test every update first. We will refund your fees by 3 March.",
        "We will look at this again next season.",
    ],
)
def test_prevention_near_misses_round37(plan: str) -> None:
    assert _fires("prevention", _R + plan, "en-GB", stage="explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # engineering words of trades beyond telecoms, left unexplained
        ("The EPG server's disk filled and the ingest daemon stopped.", "en"),
        ("A geofence push from our fleet system marked the park as a no-ride zone.", "en"),
        ("The PMS interface to the RFID lock server failed.", "en"),
        ("The transcoder on our origin server stopped sending the stream.", "en"),
        ("A race condition in our booking middleware sold each seat twice.", "en"),
        ("A webhook to the payment provider timed out.", "en"),
        ("El rectificador del sitio no arrancó tras el corte.", "es"),
    ],
)
def test_jargon_of_other_trades(text: str, locale: str) -> None:
    assert _fires("jargon", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # plain words that share letters with them; a term explained right after it
        ("For instance, bookings made at the counter still worked.", "en"),
        ("We will back up every booking twice a day.", "en"),
        ("The guide on your TV box was blank.", "en"),
        ("The EPG (the programme guide on your TV box) was blank.", "en"),
    ],
)
def test_jargon_near_misses_round37(text: str, locale: str) -> None:
    assert not _fires("jargon", text, locale)
