"""Eighteenth round (issue 19, the patterns tuned on the twenty-third and twenty-fourth blind sets):
what failed as alarm, game, video, hosting and eSIM services tell it, and not a symptom told only
in engineering terms; empathy for what part of "you" went through; compensation in the units apps
and games give; counts of landlines and sites, and no count read into a time; the fix and
ownership in a cloud team's and a cable co-operative's words; blame, excuses, vague counts and
engineering terms in the forms those sets use. Each case is our own sentence, none from a corpus;
each group has near misses the rules must not take. The patterns are tested alone (`learned =
false`): the learned reading has its own tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


# ---------------------------------------------------------------- what
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Since 6 a.m. our centre has not been receiving alarms from 800 homes in Ely.", "en"),
        ("TV boxes in Ripon froze on the start screen from 7 p.m.", "en"),
        ("Phones and broadband in Hawes have been off since 05.10.", "en"),
        ("Players on our EU servers were kicked from matches all evening.", "en"),
        ("About 900 customer sites in Leeds showed an error page to visitors.", "en"),
        ("Data on our travel eSIM has not connected in Lisbon since noon.", "en"),
        ("Satellite internet's back on in Wilcannia.", "en"),
        ("Alarm signals are again being received from every home in Ely.", "en"),
        ("Desde las 5:00 no recibimos las alarmas de 600 casas de Lorca.", "es"),
        ("Los jugadores no podían entrar en partidas desde las 20:00.", "es"),
        ("Ya hay conexión en Daroca.", "es"),
    ],
)
def test_what_failed_is_told(text: str, locale: str) -> None:
    assert not _fires("what", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Elevated packet loss and latency hit SIP registrations in Leeds.", "en"),
        ("Our team rebalanced the LAG and replication lag cleared.", "en"),
        ("All signals received were handled without delay.", "en"),
        ("Messages that were delayed have now been delivered.", "en"),
        ("This shows we failed to test the change.", "en"),
    ],
)
def test_what_near_misses(text: str, locale: str) -> None:
    assert _fires("what", text, locale)


# ---------------------------------------------------------------- empathy
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We're sorry. Many of you had sat down to watch the final.", "en"),
        ("We're sorry, especially to those of you who work from home.", "en"),
        ("For many of you this is the only phone line you have.", "en"),
        ("You pay us so that someone answers every alarm.", "en"),
        ("A whole day offline hurts.", "en"),
        ("Lo sentimos. Ustedes confían en nosotros para esto.", "es"),
    ],
)
def test_empathy_for_what_people_went_through(text: str, locale: str) -> None:
    assert not _fires("empathy", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The short outage some of you had on Monday is fixed.", "en"),
        ("Lots of you probably didn't even notice the blip.", "en"),
        ("Many of you told us you were unhappy with our updates.", "en"),
    ],
)
def test_empathy_near_misses(text: str, locale: str) -> None:
    assert _fires("empathy", text, locale)


# ---------------------------------------------------------------- repair
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Every player gets 400 Crowns, already in your account.", "en"),
        ("Paid workspaces get a 2-day credit on their next invoice automatically.", "en"),
        ("Charged a late fee? We'll pay it, up to $90, within three business days.", "en"),
        ("Todos los jugadores ya tienen 200 gemas en su cuenta.", "es"),
    ],
)
def test_compensation_in_other_units(text: str, locale: str) -> None:
    assert not _fires("repair", text, locale)


def test_repair_near_miss_an_amount_with_no_when() -> None:
    assert _fires("repair", "Every player will get some Crowns.")


# ---------------------------------------------------------------- who
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("2,180 landlines in Hexham have no dial tone.", "en"),
        ("About 4,100 TV boxes in Ripon froze.", "en"),
        ("Unos 900 sitios de Bilbao no cargaban.", "es"),
    ],
)
def test_who_counts_landlines_boxes_and_sites(text: str, locale: str) -> None:
    assert not _fires("who", text, locale)


def test_who_near_miss_a_time_is_not_a_count() -> None:
    assert _fires("who", "Since 10.15 BST, landlines around Louth have had no dial tone.")


# ---------------------------------------------------------------- fix
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Change reverted at 11:58.", "en"),
        ("The controller was manually failed over at 10:41.", "en"),
        ("We put in a new line card at 3 p.m.", "en"),
        ("Our crews loaded the old software by hand.", "en"),
        ("We paid for an emergency crew to splice the cable.", "en"),
        ("A hotfix has since been released to the app store.", "en"),
        ("El equipo trasladó la transmisión al telepuerto de respaldo.", "es"),
        ("Hicimos rollback al parche anterior.", "es"),
    ],
)
def test_the_fix_is_told(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Our partner's crews brought the towers back on generator power.", "en"),
        ("Our host network's engineers replaced the card.", "en"),
    ],
)
def test_fix_near_misses(text: str, locale: str) -> None:
    assert _fires("fix", text, locale)


# ---------------------------------------------------------------- ownership
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Each time we pumped the basement out and left the equipment where it was.", "en"),
        ("We never gave that station a backup supply.", "en"),
        ("We own and run that exchange.", "en"),
        ("Escribimos mal el nombre de la red.", "es"),
        ("Ese tramo tocaba enterrarlo y lo fuimos aplazando.", "es"),
    ],
)
def test_ownership_of_what_was_left_undone(text: str, locale: str) -> None:
    assert not _fires("ownership", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("It was an act by a third party over which we had no control.", "en"),
        ("We have applied a credit of $20 to your account.", "en"),
        ("Lo pasamos mal esperando al operador.", "es"),
    ],
)
def test_ownership_near_misses(text: str, locale: str) -> None:
    assert _fires("ownership", text, locale)


# ---------------------------------------------------------------- blame
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("It was an act by a third party over which we had no control.", "en"),
        ("The spare card provided by the vendor was also faulty.", "en"),
        ("A digger cut the cable despite its route being clearly marked.", "en"),
        ("The outage has been resolved by the carrier.", "en"),
        ("The router maker told us the update was safe.", "en"),
        ("Our partner network there has an outage.", "en"),
        ("Por trabajos de terceros, la telefonía fija falla en Azogues.", "es"),
        ("Su resolución no dependía de nuestra compañía.", "es"),
    ],
)
def test_blame_without_the_word(text: str, locale: str) -> None:
    assert _fires("blame", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We fitted a card we had bought from our vendor.", "en"),
        ("The outage was resolved by our own engineers.", "en"),
        ("We told the maker about the fault.", "en"),
        ("The fault was fixed by our night operator.", "en"),
    ],
)
def test_blame_near_misses(text: str, locale: str) -> None:
    assert not _fires("blame", text, locale)


# ---------------------------------------------------------------- excuse
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Rain fade affects all satellite broadcasters.", "en"),
        ("Weather of this severity is very rare here.", "en"),
        ("Our response compares favourably with industry norms.", "en"),
        ("Outages of this kind are a reality for any service that uses mobile networks.", "en"),
        ("Es algo que ningún operador puede evitar.", "es"),
        ("A pesar del enorme esfuerzo de nuestros equipos, el servicio sigue caído.", "es"),
    ],
)
def test_excuses(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The storm cut power to our tower at 2 a.m.", "en"),
        ("We compared the two logs and found the fault.", "en"),
        ("The outage affected all services in Leeds.", "en"),
    ],
)
def test_excuse_near_misses(text: str, locale: str) -> None:
    assert not _fires("excuse", text, locale)


# ---------------------------------------------------------------- vague
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("A small subset of websites was slow.", "en"),
        ("Some back-to-base alarms may not be reaching us.", "en"),
        ("A small number of you in Porto lost data briefly.", "en"),
        ("Determinados comunicadores no transmitieron eventos.", "es"),
    ],
)
def test_vague_counts(text: str, locale: str) -> None:
    assert _fires("vague", text, locale)


@pytest.mark.parametrize(
    "text",
    [
        "About 2,100 websites, 4% of those we host, were slow.",
        "Some 3000 payments failed in Leeds.",
    ],
)
def test_vague_near_misses(text: str) -> None:
    assert not _fires("vague", text)


# ---------------------------------------------------------------- jargon
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Rain fade on the uplink cut the signal.", "en"),
        ("A config change to the rate limiter caused elevated 429s.", "en"),
        ("The 48F ADSS cable was fusion spliced at span 17.", "en"),
    ],
)
def test_engineering_terms(text: str, locale: str) -> None:
    assert _fires("jargon", text, locale)
