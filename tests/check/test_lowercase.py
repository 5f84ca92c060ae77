"""The fast path of `amends.check.lowercase` (matching on lower-cased text, line breaks as spaces)
finds exactly what the plain case-insensitive patterns find on that text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from amends.check import content, failed, style
from amends.check import patterns as P
from amends.check.evaluate import load_corpus
from amends.check.lowercase import flat_lower, forget, lexicon, reads_as_ascii, suited
from amends.check.registry import builtin_rules

CORPUS = Path(__file__).parent / "corpus"


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for mod in (style, content, failed):
        for name, value in vars(mod).items():
            table = value.items() if isinstance(value, dict) else [("", value)]
            out += [(f"{name}[{loc}]", rx) for loc, rx in table if isinstance(rx, re.Pattern)]
    return out


def _texts() -> list[str]:
    texts = [item.text for item in load_corpus(CORPUS)]
    texts += [ex.text for rule in builtin_rules().values() for ex in (*rule.good, *rule.bad)]
    return texts


@pytest.mark.parametrize(("name", "rx"), _patterns(), ids=[n for n, _ in _patterns()])
def test_folding_finds_the_same_spans(name: str, rx: re.Pattern[str]) -> None:
    """Over the corpus and every rule example: the same spans, and the same yes/no."""
    lex = lexicon(rx)
    for text in _texts():
        flat = text.replace("\n", " ") if lex.fast is not None else text
        plain = [m.span() for m in rx.finditer(flat)]
        assert [m.span() for m in lex.finditer(text)] == plain, name
        assert lex.occurs(text, flat_lower(text)) == bool(plain), name


def test_a_phrase_wrapped_over_two_lines_still_matches() -> None:
    lex = lexicon(re.compile(r"\bno dial tone\b", re.I))
    assert lex.search("Phones had no\ndial tone.") is not None


def test_the_ascii_form_only_where_ascii_reads_alike() -> None:
    # beyond ASCII, curly quotes and dashes read alike; "é" is a word character, a no-break space
    # and a unit separator white space, to Unicode only
    lex = lexicon(re.compile(r"\bno\s+dial\s+tone\b", re.I))
    alike = ("No dial tone.", "We\u2019re sorry \u2014 no dial tone.")
    other = ("no\x1fdial tone", "no\xa0dial tone", "café: no dial tone", "caféno dial tone")
    for text in (*alike, *other):
        rx, _ = lex.pick(text, flat_lower(text))
        assert bool(rx.flags & re.ASCII) == reads_as_ascii(text) == (text in alike)
        plain = re.finditer(lex.pattern, text, re.I)
        assert [m.span() for m in lex.finditer(text)] == [m.span() for m in plain], repr(text)


def test_a_lead_of_digits_finds_what_the_pattern_finds() -> None:
    # clock times start with a digit or "noon"/"midnight": the lead names `\d`, not every `\w`
    from amends.check.lowercase import at_word_starts
    from amends.check.patterns import _CLOCK

    led = at_word_starts(_CLOCK, re.I)
    assert led.startswith(r"\b(?=[") and r"\d])" in led
    plain, fast = re.compile(_CLOCK, re.I), re.compile(led, re.I)
    for text in _texts():
        for variant in (text, text.upper(), "٣:٠٠ " + text):  # Arabic-Indic digits are `\d` too
            assert [m.span() for m in fast.finditer(variant)] == [
                m.span() for m in plain.finditer(variant)
            ]


@pytest.mark.parametrize(
    "rx",
    [style.TECHNICAL, style.ISSUE_REF, P.CLOCK, P.CLOCK_TZ, P.ISO_TZ, P.URL, P.PHONE],
    ids=["TECHNICAL", "ISSUE_REF", "CLOCK", "CLOCK_TZ", "ISO_TZ", "URL", "PHONE"],
)
def test_a_suited_pattern_finds_what_the_pattern_finds(rx: re.Pattern[str]) -> None:
    """The plain patterns searched through `suited` (the re.ASCII form where the text reads
    alike): the same spans as the pattern itself, on the corpus and every rule example."""
    forget()
    seen_ascii = False
    for text in _texts():
        # ("é" glued to each word's front: a word character to Unicode only, so there the two
        # forms would differ, and `suited` must keep the pattern itself)
        for variant in (text, text.upper(), text.replace("\n", " "), text.replace(" ", " é")):
            form = suited(rx, variant)
            seen_ascii |= form is not rx
            assert [m.span() for m in form.finditer(variant)] == [
                m.span() for m in rx.finditer(variant)
            ], variant[:80]
        forget()
    assert seen_ascii  # the corpus is mostly ASCII: the fast form was tried
