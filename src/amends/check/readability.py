# ruff: noqa: E501
"""Readability: a fast syllable counter, Flesch–Kincaid grade and sentence length."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from amends.check import compiled
from amends.check.content import SEED_A, SEED_B
from amends.check.model import ALL_STAGES, CHANNEL_LIMITS, Severity, Stage
from amends.check.rule import Context, Example, Rule
from amends.check.source import Doc

#: A word as written between spaces: "4:05am", "200GB", "10%" and "a.m." are one word each.
#: (The first character is read before the choice, as in `patterns.PHONE`. Round 35, the speed
#: session: "a.m." opens with its dot and looks back for the letter, so `re` passes that choice at
#: one test after most words instead of looking back at every one; the runs of letters and digits
#: are possessive, which changes nothing, as what follows them is optional.)
_WORD = compiled.compile(
    r"[A-Za-zÀ-ÿ\d](?:\.(?<=[AaPp]\.)[Mm]\.|(?<=[A-Za-zÀ-ÿ])[A-Za-zÀ-ÿ]*+(?:['’][A-Za-z]+)?|"
    r"(?<=\d)[\d,.:]*+(?:[A-Za-z%]+)?)"
)
_VOWELS = compiled.compile(r"[aeiouy]+")
_SILENT_E = compiled.compile(r"(?:[^l]e|es|ed)$")
_EXTRA = compiled.compile(r"(?:ia|eo|ua|ism)$")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Estimate English syllables in one word (vowel groups with common corrections)."""
    w = word.lower().strip("'’")
    if not w or w[0].isdigit():
        return 1
    if len(w) <= 3:
        return 1
    n = len(_VOWELS.findall(w))
    if _SILENT_E.search(w) and not w.endswith(("ted", "ded", "ees", "oes", "ies", "yes")):
        n -= 1
    if _EXTRA.search(w):
        n += 1
    return max(1, n)


def words(text: str) -> list[str]:
    """The words of a text (numbers count as one word)."""
    return _WORD.findall(text)


def sentence_words(doc: Doc) -> list[tuple[int, str, list[str]]]:
    """Each sentence with its start offset and its words, split once per statement."""
    if doc.words_cache is None:
        doc.words_cache = [(start, s, words(s)) for start, s in doc.sentence_texts()]
    return doc.words_cache


def grade(doc: Doc) -> tuple[float, int, int]:
    """Flesch–Kincaid grade of the prose, with its word and sentence counts (computed once)."""
    if doc.grade_cache is None:
        doc.grade_cache = _grade(doc)
    return doc.grade_cache


def _grade(doc: Doc) -> tuple[float, int, int]:
    total_words = 0
    total_syll = 0
    n_sent = 0
    for _, _s, ws in sentence_words(doc):
        if not ws:
            continue
        n_sent += 1
        total_words += len(ws)
        total_syll += sum(map(syllables, ws))
    if not total_words:
        return 0.0, 0, 0
    g = 0.39 * total_words / n_sent + 11.8 * total_syll / total_words - 15.59
    return round(g, 1), total_words, n_sent


def match_readability(doc: Doc, ctx: Context) -> Iterator[tuple[int, int, str]]:
    """Sentences over the length limit, and the whole text when its grade is over the limit."""
    limit = CHANNEL_LIMITS.get(ctx.channel) if ctx.channel else None
    body = doc.text.strip()
    if limit is not None and len(body) > limit:
        start = len(doc.text) - len(doc.text.lstrip())
        yield (
            start,
            start,
            f"{len(body)} characters, over the {limit} that fit one {ctx.channel} message",
        )
    for start, s, ws in sentence_words(doc):
        n = len(ws)
        if n > ctx.sentence_words_max:
            yield start, start + len(s), f"sentence of {n} words (limit {ctx.sentence_words_max})"
    if ctx.locale.split("-")[0] == "en":
        g, n_words, _ = grade(doc)
        if n_words >= 20 and g > ctx.grade_max:
            first = doc.sentences[0][0] if doc.sentences else 0
            yield first, first, f"grade level {g:g} (limit {ctx.grade_max:g})"


LONG = (
    "Because of a series of interconnected failures in the equipment that routes long-distance "
    "calls between our regional exchanges, which we are still investigating together with the "
    "manufacturer and our own engineers, many customers were unable to complete their calls."
)

READABILITY_RULE = Rule(
    id="readability",
    kind="forbid",
    severity=Severity.WARNING,
    stages=ALL_STAGES,
    summary="Too hard to read: Flesch–Kincaid grade above 8, or sentences over 30 words "
    "(both thresholds in config); on SMS and social, longer than one message (160 or 280 "
    "characters).",
    message="hard to read: use shorter sentences and plainer words",
    suggestion="Split long sentences; one fact per sentence; prefer short, common words.",
    citation=f"{SEED_A}: 'Clearly and concisely explain the mistake'; {SEED_B}, §3 'Provide a clear "
    "explanation'; Kincaid et al. (1975), Flesch–Kincaid grade level",
    good=(
        Example("We are sorry. A cable was cut. Calls failed for two hours.", Stage.RESOLVE),
        Example("Calls failed in Perth from 2 PM to 4 PM AWST. We fixed the cable."),
    ),
    bad=(
        Example(LONG),
        Example(
            "Unanticipated infrastructural degradation necessitated comprehensive operational "
            "reconfiguration. Organisational communication deficiencies exacerbated "
            "interdependencies. Consequently, telecommunication availability deteriorated "
            "considerably throughout metropolitan jurisdictions, notwithstanding extraordinary "
            "remediation initiatives."
        ),
    ),
    forbid=match_readability,  # type: ignore[arg-type]
)
