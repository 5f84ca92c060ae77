# ruff: noqa: E501
"""Admissions ("That was our mistake.", "We own that.", "Fue un error nuestro.") and the act they
point back to (round 6 of issue 19).

An admission is ownership by itself, whatever noun or pronoun it uses ("that's our doing", "that
oversight was ours", "our crew did that", "eso lo asumimos"). It also points back: the sentence
before it, when someone of ours acted in it, tells the cause ("We restarted a router in the middle
of the day. We shouldn't have."). The fifth blind set showed that new ways of telling why are the
commonest false `cause` alarm; reading the act an admission refers to recognises them by structure
instead of by a list of failure verbs. The act must have an agent of the provider's (we, I, our
crew, a technician) and a verb in the past, so a symptom sentence ("8,000 customers had no
internet. That was our mistake.") is not taken for a cause.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from amends.check import compiled
from amends.check.lowercase import lexicon, word_rx

if TYPE_CHECKING:
    from amends.check.source import Doc


def _rx(pattern: str) -> re.Pattern[str]:
    """A case-insensitive pattern in which a space matches any run of white space (a statement
    wraps its lines anywhere, "We\\nshouldn't have"), searched from word starts only."""
    return word_rx(compiled.compile(pattern.replace(" ", r"\s+"), re.I))


def _low(rx: re.Pattern[str], doc: Doc) -> tuple[re.Pattern[str], str]:
    """The pattern and the text to search: the lower-cased text with the case-sensitive pattern
    when offsets hold (`lowercase.Lexicon`'s fast path), else the text itself."""
    return lexicon(rx).pick(doc.text, doc.lower)


_NOUN = r"(?:mistake|fault|error|doing|oversight|failure|responsibility|call|decision|slip|blunder|miss)"
#: An admission: the act owned by a pronoun or a noun, in English and Spanish.
ADMISSION: dict[str, re.Pattern[str]] = {
    "en": _rx(
        r"\b(?:that|this|it)(?:[’']s| is| was| has been)? (?:all |entirely |completely |squarely )?"
        r"(?:on (?:us|me)\b|(?:our|my) (?:own )?" + _NOUN + r"\b)|"
        r"\b(?:that|this|the|our|my) (?:[\w-]+ )?" + _NOUN + r" (?:is|was) (?:ours|mine)\b|"
        r"\b(?:we|i) (?:fully |completely )?(?:own|accept|take (?:full )?responsibility for) (?:that|this|it)\b|"
        r"\b(?:we|i|our (?:[\w-]+ )?(?:crew|team|engineers?|technicians?|staff|people|fitters?|electricians?)) did (?:that|this)\b|"
        # (not "we should have service back by 3pm": an expectation, not a regret)
        r"\b(?:we|i) (?:(?:should not|shouldn[’']t|should never) have\b|(?:should|ought to) have (?:\w+ed|had|done|known|seen|put|set|kept|built|"
        r"run|taken|brought|caught|thought)\b)",
    ),
    "es": _rx(
        r"\b(?:fue|ha sido|es|era) (?:un |una )?(?:error|fallo|falla|culpa|equivocación|descuido)(?: \w+)? (?:nuestr[oa]|mí[oa])\b|"
        r"\b(?:la|el) (?:culpa|fallo|falla|error|responsabilidad|decisión|descuido) (?:es|fue|ha sido|era) (?:toda )?(?:nuestr[oa]|mí[oa])\b|"
        r"\b(?:eso|esto) (?:lo )?(?:asumimos|asumo|reconocemos|reconozco)\b|\b(?:eso|esto) es (?:culpa|responsabilidad) nuestra\b|"
        r"\bno (?:debimos|debí|deberíamos haber)\b",
    ),
}
#: An act with an agent of the provider's and a verb in the past: "we restarted", "our crew ...
#: dropped", "a technician of ours unplugged", "un técnico nuestro desconectó", "pusimos", "decidí".
ACT: dict[str, re.Pattern[str]] = {
    "en": _rx(
        r"\b(?:we|i|he|she|our (?:[\w-]+ ){0,2}?(?:engineers?|technicians?|crews?|team|staff|fitters?|electricians?|contractors?|installers?|developers?)|"
        r"(?:an?|one|the) (?:[\w-]+ )?(?:engineer|technician|crew|fitter|electrician|contractor|installer|worker)s?)"
        r"(?: (?!know\b|understand\b|realise\b|realize\b)[\w’'-]+){0,8}? "
        # (telling or finding out is not an act: "we confirmed service was back", "we found that ...")
        r"(?!(?:confirmed|reported|announced|noticed|learned|learnt|found|heard|saw|informed|thanked|apologi[sz]ed)\b)"
        r"(?:\w+ed|set|put|cut|hit|left|made|took|sent|ran|did|built|chose|let|shut|split|wrote|forgot|broke|brought|got|gave|"
        r"tore|dropped|switched|turned|ordered|skipped|missed|paid)\b",
    ),
    "es": _rx(
        # (telling, thanking, feeling or expecting is not an act: "informamos que el servicio se restableció")
        r"\b(?!(?:informamos|comunicamos|confirmamos|agradecemos|sabemos|entendemos|lamentamos|sentimos|pedimos|queremos|"
        r"esperamos|estimamos|calculamos|creemos|pensamos|seguimos|estamos|tenemos|podemos|debemos)\b)"
        r"(?:\w{2,}(?:amos|imos)|decidí|aprobé|elegí|firmé|ordené|(?:técnicos?|ingenieros?|operarios?|equipo|cuadrilla)(?: nuestros?)? "
        r"(?:lo |la |los |las |le )?\w{3,}(?:ó|aron|ieron))\b",
    ),
}
#: Round 35: the service's return told right after the act, in its clause ("We put the right
#: settings back at 2pm and both lines came back."): the act is the fix, not the slip owned.
_ACT_THEN_BACK = compiled.compile(
    r"\band (?:then )?(?:the |both |all |every |our |its )?(?:[\w-]+ ){0,3}?(?:came back|come back|(?:worked|opened|ran) again|"
    r"(?:were|was) back)\b|\by (?:el |la |los |las |ambos |todos )?(?:[\wáéíóúñ]+ ){0,3}?volvi(?:ó|eron) a funcionar\b",
    re.I,
)
#: A sentence of empathy or of thanks is not the act an admission points back to.
_NOT_ACT = compiled.compile(
    r"\W*(?:we|i) (?:know|understand|realise|realize|appreciate|thank)\b|\W*(?:sabemos|entendemos|agradecemos)\b",
    re.I,
)


def _table(table: dict[str, re.Pattern[str]], locale: str) -> re.Pattern[str]:
    return table.get(locale.split("-")[0], table["en"])


def admits(doc: Doc, locale: str) -> bool:
    """True when the statement admits the act as its own (ownership in other words)."""
    rx, text = _low(_table(ADMISSION, locale), doc)
    return rx.search(text) is not None


def admitted_acts(doc: Doc, locale: str) -> Iterator[int]:
    """Offsets of acts an admission points back to: the clause before the admission in its own
    sentence, else the sentence before it, when an agent of ours acted there in the past tense."""
    admission, text = _low(_table(ADMISSION, locale), doc)
    act, _ = _low(_table(ACT, locale), doc)
    sentences = doc.sentences
    for m in admission.finditer(text):
        i = next((k for k, (s, e) in enumerate(sentences) if s <= m.start() < e), None)
        if i is None:
            continue
        s, _ = sentences[i]
        spans = [(s, m.start())]
        if i > 0:
            spans.append(sentences[i - 1])
        for a, b in spans:
            if b - a < 12 or _NOT_ACT.match(doc.text, a):
                continue
            found = act.search(text, a, b)
            if found is not None and _ACT_THEN_BACK.search(text, found.end(), b):
                continue
            if found is not None:
                yield found.start()
                break
