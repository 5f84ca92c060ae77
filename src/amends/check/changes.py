"""A change of ours told as the cause (round 24 of issue 19).

Providers that caused an outage most often say so by telling what they changed and when, and then
what it did: "That morning we changed the check that decides who may see a shared album ... the
new check turned everyone away", "We had cut the number of servers the week before", "el domingo
a la noche cambiamos el servidor que guarda las recetas". No word for a cause is in them; the
form is an act of ours (we changed, sent, added, cut ...) dated before the outage, or followed in
its sentence or the next by what failed. A repair told the same way ("we sent the old software
back", "instalamos de nuevo el certificado") is the fix, not a cause.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from amends.check import compiled, failed
from amends.check.lowercase import lexicon
from amends.check.source import Doc

#: An act of ours that changes something (not a repair: "replaced", "restored", "reverted").
_CHANGE = {
    "en": compiled.compile(
        r"\b(?:we|i)\s+(?:had\s+|have\s+)?(?:just\s+|recently\s+|also\s+|then\s+)?"
        r"(?:changed|sent|pushed|added\s+a\s+new|cut|moved|updated|installed|renewed|shortened|lengthened|"
        r"deployed|rolled\s+out|released|migrated|loaded|applied|set\s+up|reduced|upgraded|introduced|"
        r"launched|turned\s+on|switched\s+on|enabled|tightened|lowered|raised|trimmed|retired|switched\s+(?:to|over)|"
        r"made\s+a\s+change|made\s+changes)\b",
        re.I,
    ),
    "es": compiled.compile(
        r"\b(?:cambiamos|enviamos|instalamos|actualizamos|movimos|migramos|subimos|aplicamos|renovamos|"
        r"redujimos|recortamos|introdujimos|lanzamos|activamos|cargamos|añadimos|agregamos|configuramos|"
        r"hicimos\s+un\s+cambio)\b",
        re.I,
    ),
}
#: The act undone or done again: the fix, not a cause ("we sent the old software back", "we
#: moved it back", "instalamos de nuevo el certificado").
#: (Matched from the end of the act: `match` anchors there, where `^` would not.)
_UNDONE = compiled.compile(
    r"(?:\s+[\w’'-]+){0,6}?\s+(?:back|again|de\s+nuevo|otra\s+vez)\b|\s+(?:the\s+)?old\b|\s+(?:el|la|los|las)\s+anterior",
    re.I,
)
#: The act dated before the outage ("that morning", "overnight", "a week earlier", "the week
#: before", "last week", "el domingo a la noche", "ayer por la noche", "la semana pasada").
_BEFORE = {
    "en": compiled.compile(
        r"\b(?:that|the\s+previous|the)\s+(?:morning|night|evening|weekend|afternoon)\b|\bovernight\b|"
        r"\b(?:a|one|two|three|a\s+few)\s+(?:days?|weeks?|months?)\s+(?:earlier|before)\b|"
        r"\bthe\s+(?:day|night|week|month|weekend)\s+before\b|\blast\s+(?:week|night|month|weekend)\b|\bbeforehand\b|\byesterday\b|"
        # round 28: a weekday's part ("On Monday evening we moved the app")
        r"\bon\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+(?:morning|evening|night|afternoon)\b",
        re.I,
    ),
    "es": compiled.compile(
        r"\b(?:la\s+noche|el\s+día|la\s+semana|la\s+mañana|la\s+tarde)\s+(?:anterior|antes)\b|"
        r"\bayer\s+(?:por\s+la\s+)?(?:noche|tarde|mañana)\b|\b(?:a|por)\s+la\s+noche\b|\bla\s+semana\s+pasada\b|"
        r"\bde\s+madrugada\b|\banoche\b",
        re.I,
    ),
}


#: Round 28: a step of ours left out with the act ("we moved the app to a new server and left off
#: the step that sends requests", "cambiamos el formato y no actualizamos las taquillas", "sin
#: actualizar antes"): what the change broke, told as what we did not do. (Matched from the end of
#: the act, as `_UNDONE`.)
_LEFT_OUT = {
    "en": compiled.compile(
        r"[^.;]{0,80}?\b(?:and|but)\s+(?:we\s+)?(?:left\s+(?:off|out)|forgot|skipped|did\s+not|didn[’']t|never)\b",
        re.I,
    ),
    "es": compiled.compile(
        r"[^.;]{0,80}?\b(?:y\s+no\s+(?:(?:lo|la|los|las|le|les)\s+)?\w+(?:amos|imos)|sin\s+(?:actualizar|probar|revisar|comprobar|avisar|cambiar))\b",
        re.I,
    ),
}


def our_changes(doc: Doc, locale: str) -> Iterator[int]:
    """Offsets of changes of ours told as the cause: dated before the outage, or followed by what
    failed in the same sentence or the next."""
    lang = "es" if locale.split("-")[0] == "es" else "en"
    change, before = lexicon(_CHANGE[lang]), lexicon(_BEFORE[lang])
    said = doc.sentence_texts()
    for i, (start, sentence) in enumerate(said):
        m = change.search(sentence)
        if m is None or _UNDONE.match(sentence, m.end()):
            continue
        after = sentence[m.end() :] + " " + (said[i + 1][1] if i + 1 < len(said) else "")
        if (
            before.search(sentence)
            or failed.failure_in(after, locale)
            or _LEFT_OUT[lang].match(sentence, m.end())
        ):
            yield start + m.start()
