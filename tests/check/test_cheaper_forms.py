"""Patterns rewritten to be searched faster find exactly what their plain forms find, on every
corpus statement: a pattern that reads its first character before the choice (`re` then skips to
where one can start), a link taken name by name, an amount split into the phrases that start a
word and the rest."""

from __future__ import annotations

import re

import pytest
from tests.check.helpers import corpus_texts

from amends.check import content, learned, readability
from amends.check import patterns as P
from amends.check.lowercase import flat_lower

#: The forms as they were written before they were made cheaper, and the pattern now used.
PLAIN = {
    "phone": (
        re.compile(
            r"(?:\+(?<![\d:]\+)\d[\d\s().-]{5,}\d|\d(?<![\d:]\d)[\d\s().-]{5,}\d|"
            r"\d(?<![\w:]\d)\d\d\b(?=\s+(?:from|at|any|24|or)))(?![\d:])"
        ),
        P.PHONE,
    ),
    "readability words": (
        re.compile(r"[AaPp]\.[Mm]\.|[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)?|\d[\d,.:]*(?:[A-Za-z%]+)?"),
        readability._WORD,
    ),
    "learned words": (re.compile(r"[a-záéíóúñü']+|0"), learned._WORD),
    "links": (
        re.compile(
            r"\bhttps?://[^\s<>\"')]+|\bwww\.[^\s<>\"')]+|"
            r"\b[\w-]+\.(?:[\w-]+\.)*(?:com|net|org|io|info|[a-z]{2})/[^\s<>\"')]*",
            re.I,
        ),
        P.URL,
    ),
}


def _phrase(start: str) -> re.Pattern[str]:
    """The table phrase (one alternative) that starts with `start`, compiled on its own."""
    from amends.check.prefixes import TABLES, _split_top

    (found,) = {
        a for phrases, _, _ in TABLES for p in phrases for a in _split_top(p) if a.startswith(start)
    }
    return re.compile(found, re.I)


#: Table phrases rewritten to lead with their word (a phrase led by a look-behind is tried at every
#: word start), beside their form before.
PLAIN_PHRASES = {
    "minimise: only N of our M, opening a sentence": (
        re.compile(r"(?:(?<=^)|(?<=[.!?]\x20)|(?<=\n))only \d[\d,]* of (?:our|the) \d[\d,]*", re.I),
        r"\bonly (?:(?<=^only",
    ),
    "empathy: the harm that hurts, not 'was hurt'": (
        re.compile(
            r"(?<!was )(?<!were )(?<!been )(?<!get )(?<!got )\bhurts?(?=\s*[.!;]|,? "
            r"(?:especially|and|for|most)\b)",
            re.I,
        ),
        r"\bhurt(?<!was",
    ),
    "vague: there is a problem with, not in a quoted error": (
        re.compile(
            r"(?<![“\x22‘']sorry,\x20)there(?:[’']s| is| was| has been) (?:a|an) "
            r"(?:problem|fault|issue) (?:with|affecting)",
            re.I,
        ),
        r"there(?<!",
    ),
}

_texts = corpus_texts


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_the_cheaper_form_finds_the_spans_of_the_plain_one(name: str) -> None:
    plain, cheaper = PLAIN[name]
    assert plain.pattern != cheaper.pattern
    for text in _texts():
        for target in (text, learned._NUMBER.sub("0", text.lower())):
            assert [m.span() for m in cheaper.finditer(target)] == [
                m.span() for m in plain.finditer(target)
            ], (name, target[:80])


def test_a_link_is_found_only_where_a_slash_or_www_stands() -> None:
    for text in (*_texts(), "see WWW.Example.com", "ex.co/s/42", "no link here."):
        assert bool(P.find_url(text)) == bool(P.URL.search(text)), text[:80]


def test_an_amount_is_found_where_the_one_alternation_finds_one() -> None:
    # searched on the text with line breaks as spaces, as every phrase table is: an amount
    # wrapped over two lines ("dos\nviajes gratis") counts
    plain = re.compile(content._AMOUNT, re.I)
    assert content._AMOUNT_REST and content._AMOUNT_WORDS
    for text in _texts():
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            found = content.gives_amount(sentence)
            assert found == bool(plain.search(flat_lower(sentence))), sentence[:80]
    assert content.gives_amount("recibirán dos\nviajes gratis en su tarjeta")
    assert not re.search(content._AMOUNT, "recibirán dos\nviajes gratis", re.I)


def test_the_timed_sentence_test_reads_clock_times_and_times_from_now() -> None:
    assert content._timed("Service should be back by 4:30 PM AEST.")
    assert content._timed("We expect it back in 2 hours.")
    assert not content._timed("Service is back for everyone.")


def test_times_are_counted_as_the_plain_patterns_count_them() -> None:
    # in ASCII form where the text reads as ASCII, an ISO time only where '-' and ':' stand
    for text in (*_texts(), "2026-12-05T09:30:00Z and 2026-12-05 10:00+01:00"):
        assert P.count_times(text) == len(P.CLOCK.findall(text)) + len(P.ISO_TZ.findall(text))


@pytest.mark.parametrize("name", sorted(PLAIN_PHRASES))
def test_a_phrase_led_by_its_word_finds_the_spans_of_its_plain_form(name: str) -> None:
    import amends.check.style  # noqa: F401  (its tables registered)

    plain, start = PLAIN_PHRASES[name]
    cheaper = _phrase(start)
    extra = (
        "Only 87 of our 612 homes.",
        "It reached only 212 of the 2,058.",
        "Hi.\nonly 5 of the 9",
        "Nobody was hurt. It hurts. Being cut off hurt, especially at night. We got hurt.",
        '"Sorry, there is a problem with your card" showed. There is a problem with our texts.',
    )
    for text in (*_texts(), *extra):
        for target in (text, flat_lower(text)):
            assert [m.span() for m in cheaper.finditer(target)] == [
                m.span() for m in plain.finditer(target)
            ], (name, target[:80])


@pytest.mark.parametrize("name", ["_PRED_EN", "_PRED_ES"])
def test_each_named_choice_is_led_by_its_own_first_letters(name: str) -> None:
    """Round 35: each top-level choice of the failure predicates opens with a look-ahead for the
    letters it can start a word with; the class must be exactly those (a letter left out would
    lose matches)."""
    from re import _parser  # type: ignore[attr-defined]

    from amends.check import failed
    from amends.check.lowercase import first_chars
    from amends.check.prefixes import _split_top

    rx = getattr(failed, name)
    body = re.fullmatch(r"\\b\(\?=\[[a-z]+\]\)\(\?:(.*)\)", rx.pattern, re.S)
    assert body is not None
    choices = _split_top(body.group(1))
    assert len(choices) >= 7
    for choice in choices:
        lead = re.match(r"\(\?=\[([a-z]+)\]\)", choice)
        assert lead is not None, choice[:40]
        first = first_chars(list(_parser.parse(choice[lead.end() :], rx.flags)), digits=True)
        assert first is not None and set(lead.group(1)) == first, choice[:40]
