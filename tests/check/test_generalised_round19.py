"""Nineteenth round (issue 19, the patterns tuned on the twenty-fifth and twenty-sixth blind sets):
an apology nobody makes is `non-apology` ("Sorry for any inconvenience!", "Disculpen las
molestias"), the reading of "agentless" the sets written from the twenty-first on share; what
failed as podcast, camera, ticketing, banking and backup services tell it; counts of offices,
listeners, cameras and fans, and places listed in brackets; compensation in plan months, extra
days and vouchers, given already or by a day. Each case is our own sentence, none from a corpus;
each group has near misses the rules must not take. The patterns are tested alone (`learned =
false`): the learned reading has its own tests."""

from __future__ import annotations

import pytest
from tests.check.helpers import patterns_fire as _fires


# ---------------------------------------------------------------- non-apology
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Broadband is down in Kendal. Sorry for any inconvenience!", "en"),
        ("Calls are failing in Selby. Apologies for the hassle.", "en"),
        ("Texts are delayed in Ripon. Sorry.", "en"),
        ("Apologies for the disruption to your calls on Monday morning.", "en"),
        ("TV is back in Hexham. Sorry for the trouble, folks.", "en"),
        ("El internet no funciona en Teruel. Disculpen las molestias.", "es"),
        ("Sin llamadas en Huesca. ¡Disculpad las molestias!", "es"),
        ("Lamentamos profundamente lo sucedido.", "es"),
    ],
)
def test_an_apology_nobody_makes(text: str, locale: str) -> None:
    assert _fires("non-apology", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We're sorry for the hassle in Kendal.", "en"),
        ("Sorry, we broke calls in Selby with a change.", "en"),
        ("I apologise for the outage in Ripon.", "en"),
        ("Our apologies: we cut the fibre in Hexham.", "en"),
        ("Sorry to everyone in Ely who lost a match.", "en"),
        ("Les pedimos disculpas por el corte en Teruel.", "es"),
        ("Lo sentimos: el fallo fue nuestro.", "es"),
    ],
)
def test_apology_near_misses(text: str, locale: str) -> None:
    assert not _fires("non-apology", text, locale)


# ---------------------------------------------------------------- what
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Downloads broke for listeners in Leeds on Tuesday.", "en"),
        ("Episodes stalled at 0% for listeners in Bath.", "en"),
        ("The ticket site fell over at 10am for fans in Hull.", "en"),
        ("Motion alerts from cameras in Derby were failing.", "en"),
        ('Callers to offices in Ayr get "not in service".', "en"),
        ("Online banking is running again for members in Esko.", "en"),
        ("Backups are running again in Perth.", "en"),
        ("Las cámaras de Vigo no envían avisos de movimiento desde las 16:00.", "es"),
        ("La telefonía fija de Pital está fuera de servicio.", "es"),
        ("Las recargas funcionan de nuevo en Nazca.", "es"),
    ],
)
def test_what_failed_is_told(text: str, locale: str) -> None:
    assert not _fires("what", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("A power supply at our hub in Eugene failed.", "en"),
        ("Mobile services in Sale have been restored.", "en"),
        ("Un episodio de viento afectó a la red de El Hierro.", "es"),
    ],
)
def test_what_near_misses(text: str, locale: str) -> None:
    assert _fires("what", text, locale)


# ---------------------------------------------------------------- who
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Calls to about 640 offices in Nampa fail.", "en"),
        ("About 96,000 listeners in the US could not download episodes.", "en"),
        ("Online banking is down for all 9,400 members (Cloquet, Carlton, Esko).", "en"),
        ("Unas 1.300 centralitas de Getafe no reciben llamadas.", "es"),
        ("Ninguno de nuestros 7.900 socios en Rivera pudo entrar.", "es"),
    ],
)
def test_who_counts_offices_listeners_and_members(text: str, locale: str) -> None:
    assert not _fires("who", text, locale)


def test_who_near_miss_a_count_with_no_place() -> None:
    assert _fires("who", "About 640 offices cannot take calls.")


# ---------------------------------------------------------------- repair
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Affected subscribers have received a one-month plan credit.", "en"),
        ("Every affected listener got 3 extra days of Premium on 17 January.", "en"),
        ("Everyone in the queue will get a £40 voucher by email by Friday.", "en"),
        ("As a thank-you, we've added one free month to your plan.", "en"),
        ("Members will see £12 taken off their next quarterly bill.", "en"),
        ("Recibirán un abono del 10 % de su cuota en la próxima factura.", "es"),
        ("Cada socio recibirá 6.500 colones en el recibo de junio.", "es"),
    ],
)
def test_compensation_given_or_dated(text: str, locale: str) -> None:
    assert not _fires("repair", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Every affected listener will get some extra days of Premium.", "en"),
        ("Recibirán un abono.", "es"),
    ],
)
def test_repair_near_misses(text: str, locale: str) -> None:
    assert _fires("repair", text, locale)


# ---------------------------------------------------------------- fix
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Our crew wired in a hired generator and had everyone back by 11pm.", "en"),
        ("Our splicers joined in a new length of cable.", "en"),
        ("Our engineers migrated every office to the second site by hand.", "en"),
        ("The vendor sent a patch, which our team applied to the arrays.", "en"),
        ("Recovery required rebuilding the index from last night's copy.", "en"),
        ("Ya se efectuó el rollback del cambio.", "es"),
    ],
)
def test_the_fix_is_told(text: str, locale: str) -> None:
    assert not _fires("fix", text, locale)


def test_fix_near_miss_a_workaround() -> None:
    assert _fires("fix", "Our engineers applied a temporary workaround.")


# ---------------------------------------------------------------- ownership
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We don't know the cause yet. It's our app, so it's ours to put right.", "en"),
        ("It is our data centre, and putting this right is on us.", "en"),
        ("We had the failover set up wrongly. That part is on us.", "en"),
        ("The board had not checked the dates, and that is our failing.", "en"),
        ("The cause was an app update we put out at 19:30.", "en"),
        ("A digger cut the cable because our maps put it in the wrong place.", "en"),
        ("Our test matrix did not include older phones.", "en"),
        ("Fue una actualización que publicamos sin probarla lo suficiente.", "es"),
    ],
)
def test_ownership_in_other_words(text: str, locale: str) -> None:
    assert not _fires("ownership", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("The vendor's update, which they put out at 19:30, failed.", "en"),
        ("Their maps put the cable in the wrong place.", "en"),
    ],
)
def test_ownership_near_misses(text: str, locale: str) -> None:
    assert _fires("ownership", text, locale)


# ---------------------------------------------------------------- excuse
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Android runs on thousands of phones, and no company can test them all.", "en"),
        ("Demand for live video is inherently unpredictable.", "en"),
        ("Viewing spikes can't be forecast.", "en"),
        ("The chance of this happening was tiny.", "en"),
        ("These units are normally very reliable.", "en"),
        ("The generator had passed its last check.", "en"),
        ("The batteries performed in line with their design specification.", "en"),
        ("Este tipo de situaciones son habituales en todo el sector.", "es"),
        ("Las baterías funcionaron el tiempo previsto.", "es"),
    ],
)
def test_excuses(text: str, locale: str) -> None:
    assert _fires("excuse", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("We did not test the update on older phones.", "en"),
        ("The generator had not been checked since 2023.", "en"),
        ("Este tipo de cortes no tiene excusa.", "es"),
    ],
)
def test_excuse_near_misses(text: str, locale: str) -> None:
    assert not _fires("excuse", text, locale)


# ---------------------------------------------------------------- minimise and blame
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Live view is working normally for most customers.", "en"),
        ("Two hours may not sound like long.", "en"),
        ("It was a nuisance for a few households.", "en"),
        ("El impacto fue limitado.", "es"),
    ],
)
def test_minimise(text: str, locale: str) -> None:
    assert _fires("minimise", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("This is due to a major outage at our upstream voice carrier.", "en"),
        ("Recharges fail. Our payments partner is having an outage.", "en"),
        ("El restablecimiento depende de terceros.", "es"),
        ("La incidencia se originó en la fibra de un operador externo.", "es"),
        ("Ese operador es el responsable de su red.", "es"),
    ],
)
def test_blame_without_the_word(text: str, locale: str) -> None:
    assert _fires("blame", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("This is due to a fault at our Leeds exchange.", "en"),
        ("Our engineers are working with our payments partner.", "en"),
        ("Somos responsables de nuestra red.", "es"),
    ],
)
def test_blame_near_misses(text: str, locale: str) -> None:
    assert not _fires("blame", text, locale)


# ---------------------------------------------------------------- cause, when, feedback
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("La incidencia se debe a un corte de suministro eléctrico en Sarria.", "es"),
        ("La interrupción se debió al corte de la fibra que llega a Cochrane.", "es"),
        ("El origen fue un corte de suministro en la comarca.", "es"),
        ("A power unit in the Quaama cabinet gave out after twenty years.", "en"),
    ],
)
def test_a_cause_is_told(text: str, locale: str) -> None:
    assert not _fires("cause", text, locale, stage="explain")


def test_when_a_status_post_gives_only_the_time_it_was_posted() -> None:
    post = "Update - 10:20 AM MT\nCalls to offices in Nampa are failing. Next update soon."
    assert _fires("when", post, stage="update")
    started = "Update - 10:20 AM MT\nSince 8:10 AM MT calls to offices in Nampa are failing."
    assert not _fires("when", started, stage="update")


@pytest.mark.parametrize(
    "text",
    [
        "Opina en example.com/opinion.",
        "Danos tu opinión en example.com/opinion.",
        "Podéis decirnos lo que pensáis en consejo@example.com.",
        "Comentarios: example.com/opinion.",
    ],
)
def test_feedback_in_the_familiar_form(text: str) -> None:
    assert not _fires("feedback", text, "es", stage="explain")


# ---------------------------------------------------------------- eta
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Ticket site down in Hull since 9am GMT. Sale resumes 1pm GMT.", "en"),
        ("Sin cobertura en Sarria desde las 7:40. Previsión 13:00.", "es"),
        ("Sin internet en Cochrane desde las 8:30. Vuelve 15:00.", "es"),
        ("Calculamos tener el servicio de vuelta a las 3:00 p. m.", "es"),
    ],
)
def test_an_estimate_in_few_words(text: str, locale: str) -> None:
    assert not _fires("eta", text, locale, stage="acknowledge")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Ticket site down in Hull since 9am GMT. The sale resumes once we have fixed it.", "en"),
        ("Sin cobertura en Sarria desde las 7:40. Vuelve pronto.", "es"),
    ],
)
def test_eta_near_misses(text: str, locale: str) -> None:
    assert _fires("eta", text, locale, stage="acknowledge")


# ---------------------------------------------------------------- vague
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("A small number of listeners cannot download episodes.", "en"),
        ("Listeners using certain smart speakers cannot play episodes.", "en"),
        ("Only a few of you lost service.", "en"),
        ("Only a small minority of our customers are still affected.", "en"),
        ("Algunos oyentes no pudieron descargar episodios.", "es"),
        ("Estamos presentando inconvenientes en la red móvil.", "es"),
    ],
)
def test_vague_counts(text: str, locale: str) -> None:
    assert _fires("vague", text, locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("About 52,000 listeners in Spain cannot download episodes.", "en"),
        ("Disculpen los inconvenientes.", "es"),
    ],
)
def test_vague_near_misses(text: str, locale: str) -> None:
    assert not _fires("vague", text, locale)
