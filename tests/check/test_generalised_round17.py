"""Seventeenth round (issue 19, the patterns tuned on the twenty-first and twenty-second blind
sets): what failed told by what online services carry, by a quoted message, or by a Spanish return,
and a hedged symptom read as none; ownership of what was done or left undone before the fault; the
fix told by a cloud service's remedies, and not by the other party's repair, a wrong act or a
credit; counts of riders and meetings; blame, excuses, causes and vague counts in the forms those
sets use. Each case is our own sentence, none from a corpus; each group has near misses the rules
must not take. The patterns are tested alone (`learned = false`): the learned reading has its own
tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


# ---------------------------------------------------------------- what
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Since 7 a.m., 3,100 customers have not been able to open our banking app.", "en"),
        ("Video calls ended on their own after ten minutes for about 900 accounts.", "en"),
        ("Invites sent from 2,400 accounts have not reached anyone since noon.", "en"),
        ("Ride bookings in Leeds are working again.", "en"),
        ('From 6 a.m., phones in Dover showed "Emergency calls only".', "en"),
        ("Since 9 a.m., callers have heard a fast busy tone.", "en"),
        ("Internet on St. Kilda Road was restored at 4 p.m.", "en"),
        ("Las 600 empresas de Lorca siguen sin poder recibir llamadas.", "es"),
        ("Desde las 8:00 no se podían pedir viajes en Tarragona.", "es"),
        ("El internet y la telefonía volvieron a las 15:10 en Baeza.", "es"),
        ("Los 800 clientes de Jaca ya tienen internet.", "es"),
        ("Desde las 9:00, quien llamaba oía «línea fuera de servicio».", "es"),
    ],
)
def test_what_failed_is_told(text: str, locale: str) -> None:
    assert not _fires("what", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Some customers in Hull may be unable to make calls.", "en"),
        ("Customers in Bude may still experience no signal today.", "en"),
        ("Anyone in Selby might be having an intermittent loss of broadband.", "en"),
        ("The brief internet interruption in Selby is over.", "en"),
        ("Mailboxes in EU-West are seeing delayed delivery.", "en"),
        ('Once the router restarts you will see "Connected" again.', "en"),
        ("Algunos clientes de Soria pueden tener problemas para llamar.", "es"),
        ("Estamos presentando intermitencias en la app.", "es"),
    ],
)
def test_what_near_misses(text: str, locale: str) -> None:
    assert _fires("what", text, locale)


# ---------------------------------------------------------------- ownership
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We had left the battery at the hut past its service date.", "en"),
        ("We had chosen to run the town on a single link.", "en"),
        ("We never built a second route to the island.", "en"),
        ("We laid that cable shallow under the car park.", "en"),
        ("At 9 a.m. our technician unplugged the wrong feed.", "en"),
        ("A faulty update from us stopped the app loading.", "en"),
        ("Uno de nuestros técnicos desconectó la fibra equivocada.", "es"),
        ("No habíamos revisado ese generador desde marzo.", "es"),
        ("La teníamos sin ninguna protección junto a la carretera.", "es"),
        ("Nosotros no tendimos un segundo cable.", "es"),
        ("Fue una actualización nuestra con un error.", "es"),
    ],
)
def test_ownership_of_what_was_done_or_left_undone(text: str, locale: str) -> None:
    assert not _fires("ownership", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We had done everything right; the council's contractor cut the cable.", "en"),
        ("The power company's cable failed. Next update from us at 3 p.m.", "en"),
        ("Our partner switched off the wrong circuit.", "en"),
        ("El operador no había revisado su generador.", "es"),
    ],
)
def test_ownership_near_misses(text: str, locale: str) -> None:
    assert _fires("ownership", text, locale)


# ---------------------------------------------------------------- fix
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Our crew took one up the hill and started it at noon.", "en"),
        ("The standby cluster was promoted at 14:10.", "en"),
        ("The failover was completed at 13:20 UTC.", "en"),
        ("We pulled the update from the store at 11 a.m.", "en"),
        ("At 10.40 we began moving mailboxes to the Dublin site.", "en"),
        ("Remediation was a rollback of the faulty release.", "en"),
        ("The crew fetched the right part from Dalby.", "en"),
        ("Nuestro técnico pasó todas las líneas a un armario nuevo.", "es"),
        ("La cuadrilla volvió a fijar la antena principal.", "es"),
        ("Subieron una antena nueva y la fijaron con cuatro anclajes.", "es"),
        ("Se completó el failover a las 13:20.", "es"),
        ("Se hizo rollback del cambio.", "es"),
        ("The company replaced the card at 3 a.m.", "en"),
    ],
)
def test_the_fix_is_told(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The co-op repaired its power line at 4 p.m.", "en"),
        ("The DNO put the power back on at noon.", "en"),
        ("The cable owner's vessel had completed the repair by Friday.", "en"),
        ("We switched off the wrong circuit at the exchange.", "en"),
        ("We have added $40 of credit to every account.", "en"),
        ("Our technicians made the necessary adjustments and service returned to normal.", "en"),
        ("La compañía eléctrica reparó su línea por la tarde.", "es"),
        ("El servicio fue restablecido a las 18:00.", "es"),
        ("La otra compañía reparó el cable por la tarde.", "es"),
    ],
)
def test_fix_near_misses(text: str, locale: str) -> None:
    assert _fires("fix", text, locale)


# ---------------------------------------------------------------- who
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("2,300 riders in Bristol could not book a car.", "en"),
        ("Calls in 1,800 meetings on our Irish servers dropped.", "en"),
        ("1.200 reuniones en Bilbao se cortaron.", "es"),
    ],
)
def test_who_counts_riders_and_meetings(text: str, locale: str) -> None:
    assert not _fires("who", text, locale)


def test_who_near_miss_a_count_without_a_place() -> None:
    assert _fires("who", "2,300 riders could not book a car.")


# ---------------------------------------------------------------- blame
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("It's a fault on our host network.", "en"),
        ("The fault is on the water company's equipment.", "en"),
        ("Our wholesale partner hasn't given us a repair time.", "en"),
        ("Service came back after our partner fixed the fault.", "en"),
        ("The outage was attributable to the carrier's faulty update.", "en"),
        ("We saw errors on an upstream carrier link.", "en"),
        ("Es un cable que no es nuestro.", "es"),
        ("No tenemos ningún control sobre esa red.", "es"),
        ("La fibra se rompió por obras realizadas por una empresa constructora.", "es"),
        ("La reparación depende del contratista.", "es"),
    ],
)
def test_blame_without_the_word(text: str, locale: str) -> None:
    assert _fires("blame", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The fault is on our own network, and we are fixing it.", "en"),
        ("Our engineers fixed the fault at 3 p.m.", "en"),
        ("Our partner has given us a repair time of 4 p.m.", "en"),
        ("The fault is in the exchange's power equipment.", "en"),
        ("La red es nuestra y el control también.", "es"),
        ("El corte lo causaron obras realizadas por nuestro equipo.", "es"),
    ],
)
def test_blame_near_misses(text: str, locale: str) -> None:
    assert not _fires("blame", text, locale)


# ---------------------------------------------------------------- excuse
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("No one could have reached the mast any sooner.", "en"),
        ("No provider could have kept the towers running through that storm.", "en"),
        ("Repairs like this are outside the control of any operator.", "en"),
        ("Any small carrier can be caught out by a bad firmware release.", "en"),
        ("Subsea faults are notoriously difficult to repair in winter.", "en"),
        ("Fue un fenómeno imposible de prever.", "es"),
    ],
)
def test_excuses(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We could have fixed it sooner, and we should have.", "en"),
        ("The fault was hard to find, but we found it.", "en"),
        ("The mast is very hard to reach in snow, so we have no repair time yet.", "en"),
    ],
)
def test_excuse_near_misses(text: str, locale: str) -> None:
    assert not _fires("excuse", text, locale)


# ---------------------------------------------------------------- cause
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("A ship's anchor dragged our cable off the seabed.", "en"),
        ("Strong winds twisted one of our dishes out of line.", "en"),
        ("A change to our routing table deleted 40 entries.", "en"),
        ("A surge in call volumes overloaded the platform.", "en"),
        ("The outage began with damage to a buried cable.", "en"),
        ("Se dañó una tarjeta en el equipo de la central.", "es"),
    ],
)
def test_the_cause_is_told(text: str, locale: str) -> None:
    assert not _fires("cause", text, locale, stage="explain")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("A boat trip took our engineer to the island.", "en"),
        ("Winds are forecast to ease tonight.", "en"),
    ],
)
def test_cause_near_misses(text: str, locale: str) -> None:
    assert _fires("cause", text, locale, stage="explain")


# ---------------------------------------------------------------- vague
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Some meetings dropped after ten minutes.", "en"),
        ("A subset of sessions saw poor audio.", "en"),
        ("A few riders may still wait longer for a car.", "en"),
        ("A small number of numbers reached a recorded message.", "en"),
        ("We are aware of a minor issue with calls in Wigan.", "en"),
        ("Muchos clientes no pueden llamar.", "es"),
    ],
)
def test_vague_counts(text: str, locale: str) -> None:
    assert _fires("vague", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("1,200 meetings dropped after ten minutes.", "en"),
        ("A few minutes later the link came back.", "en"),
        ("Some landlines in Bude could not call 999, about 40 in all.", "en"),
    ],
)
def test_vague_near_misses(text: str, locale: str) -> None:
    assert not _fires("vague", text, locale)
