"""`amends.check.prefixes`: a phrase table with its prefixes shared finds exactly the spans of the
plain alternation of its phrases (on every corpus statement, and on generated phrases and texts)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.check.helpers import corpus_texts

from amends.check import content, prefixes, style
from amends.check.lowercase import flat_lower
from amends.check.prefixes import prefix_tree


def _plain(phrases: tuple[str, ...] | list[str], space: str = r"\s+") -> str:
    return "|".join(p.replace(" ", space) for p in phrases)


def _spans(pattern: str, text: str, flags: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text, flags)]


#: Every corpus statement, read once per process (each table's test reads them all).
_texts = corpus_texts


@pytest.mark.parametrize("index", range(len(prefixes.TABLES)))
def test_every_table_finds_the_spans_of_its_plain_alternation(index: int) -> None:
    phrases, space, whole_words = prefixes.TABLES[index]
    plain, tree = _plain([f"(?:{p})" for p in phrases], space), prefix_tree(phrases, space)
    if whole_words:
        plain, tree = rf"\b(?:{plain})\b", rf"\b(?:{tree})\b"
    assert tree != plain  # the table was factored, not passed through
    texts = _texts()
    for text in texts:
        low = flat_lower(text)
        assert _spans(tree, low) == _spans(plain, low), text[:80]
    for text in texts[::7]:  # the case-insensitive form, on the text as written
        assert _spans(tree, text, re.I) == _spans(plain, text, re.I)


def test_the_case_sensitive_technical_terms_find_the_spans_of_their_plain_alternation() -> None:
    # `style.TECHNICAL` is a case-sensitive tree: acronyms keep their case ("RAN", not "ran")
    tree = prefix_tree([style._TECHNICAL_TERMS], " ", cased=True)
    plain, tree = rf"\b(?:{style._TECHNICAL_TERMS})\b", rf"\b(?:{tree})\b"
    assert tree != plain
    for text in _texts():
        flat = text.replace("\n", " ")
        for variant in (flat, flat.upper(), flat.lower()):
            assert _spans(tree, variant) == _spans(plain, variant), variant[:80]
    # "IMS" is listed before "IMS core", so it wins there; "ran" is not "RAN"
    assert _spans(tree, "the IMS core and the core IMS ran") == [(4, 7), (21, 29)]


def test_every_table_is_listed() -> None:
    # style's and content's phrase tables are all built through `prefixes.table`
    spaces = Counter(space for _, space, _ in prefixes.TABLES)
    assert spaces[r"\s+"] >= 10 and spaces[" "] >= 45


def test_order_is_kept_where_two_phrases_match_at_the_same_place() -> None:
    # "some" is tried before "someone": the first alternative that matches wins
    tree = prefix_tree(["some", "someone", "soon"])
    assert _spans(tree, "someone soon") == _spans(
        _plain(["some", "someone", "soon"]), "someone soon"
    )
    assert [m.group() for m in re.finditer(tree, "someone")] == ["some"]
    # an optional group tries its words first, as the plain alternation does
    phrases = ["(?:the )?line", "the line cut"]
    text = "the line cut"
    assert _spans(prefix_tree(phrases), text) == _spans(_plain(phrases), text) == [(0, 8)]


def test_shared_prefixes_are_written_once() -> None:
    tree = prefix_tree(["due to", "due in part to", "down to"], space=" ")
    assert tree.startswith("d(?:u") and tree.count("d") == 1 and tree.count("u") == 1
    assert tree.endswith("|own to)")


def test_a_phrase_that_cannot_be_split_keeps_its_place() -> None:
    # a leading look-ahead cannot be keyed: the phrases after it that could start with the same
    # letter stay after it, those that cannot are grouped with their kin
    phrases = ["cut", "(?=cab)cable", "cables down", "fibre"]
    tree = prefix_tree(phrases)
    for text in ["cables down", "the cut cable", "fibre cables", "cabinet"]:
        assert _spans(tree, text) == _spans(_plain(phrases), text)
    assert tree.index("(?=cab)cable") < tree.index("ables")


def test_a_leading_look_behind_moves_past_the_first_letter() -> None:
    phrases = [r"(?<!not\x20)cable", r"(?:(?<=they\x20)|(?<=they\x20just\x20))(?:cut|broke) it"]
    tree = prefix_tree(phrases)
    assert not tree.startswith("(?")  # every phrase now starts with its letter
    for text in ["cable", "not cable", "they cut it", "they just broke it", "we cut it", "cut it"]:
        assert _spans(tree, text) == _spans(_plain(phrases), text)


def test_white_space_shared_only_when_no_phrase_can_start_with_it() -> None:
    phrases = ["a (?: )?b", "a b"]
    for text in ["a b", "a  b", "a   b", "a\tb"]:
        assert _spans(prefix_tree(phrases), text) == _spans(_plain(phrases), text)


# Generated phrase tables: words from a small alphabet, so that phrases share prefixes and
# collide, with groups, optional groups, classes and look-arounds in front and inside.
_WORD = st.text(alphabet="abc", min_size=1, max_size=3)
_ATOM = st.one_of(
    _WORD,
    st.lists(_WORD, min_size=1, max_size=3).map(lambda ws: "(?:" + "|".join(ws) + ")"),
    st.lists(_WORD, min_size=1, max_size=3).map(lambda ws: "(?:" + "|".join(ws) + ")?"),
    st.sampled_from(
        [
            "[ab]",
            "[bc]c",
            "a?",
            r"(?<!c\x20)",
            r"(?<=b)a",
            r"(?<!c\x20)ab",
            r"(?:(?<=a)|(?<=b\x20))(?:a|bc)",
            r"(?:(?<=a)|(?<!c\x20b))",
            "(?=a)",
            r"\w",
            "b+",
            r"\b",
            r"\ba",
        ]
    ),
)
_PHRASE = st.lists(_ATOM, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(
    phrases=st.lists(_PHRASE, min_size=1, max_size=8),
    text=st.text(alphabet="abc \t", max_size=40),
)
def test_generated_tables_find_the_same_spans(phrases: list[str], text: str) -> None:
    plain = r"\b(?:" + _plain(phrases) + r")\b"
    tree = r"\b(?:" + prefix_tree(phrases) + r")\b"
    assert _spans(tree, text) == _spans(plain, text)
    assert _spans(tree, text.upper(), re.I) == _spans(plain, text.upper(), re.I)
    literal = prefix_tree(phrases, space=" ")  # a space as itself, as the content tables read it
    assert _spans(literal, text) == _spans(_plain([f"(?:{p})" for p in phrases], " "), text)


def test_by_word_start_splits_alternatives_by_how_a_match_starts() -> None:
    words, rest = prefixes.by_word_start((r"\bfree\b|\d\s+off\b", r"\brefund\w*", r"[$£]\s?\d"))
    assert words == (r"\bfree\b", r"\brefund\w*")
    assert rest == (r"\d\s+off\b", r"[$£]\s?\d")


@pytest.mark.parametrize("locale", ["en", "es"])
def test_the_offer_in_two_tables_finds_the_sentences_one_table_found(locale: str) -> None:
    # `content.OFFER_WORDS` and `OFFER_NUMBERS` split the compensation phrases by how a match
    # starts, neither of them empty (it would match anywhere); `check_repair`
    # reads the sentences that hold an offer, which must be those of the one table of round 24
    one = prefixes.table(
        (*content._COMP_PHRASES[locale], *content._REBATE_PHRASES[locale]), space=" "
    )
    assert all(content._OFFER_PARTS[locale])
    tables = (content.OFFER_WORDS[locale], content.OFFER_NUMBERS[locale])
    found = 0
    for text in _texts():
        low = flat_lower(text)
        spans_one = [m.span() for m in one.iterate(text, low)]
        starts_one = {a for a, _ in spans_one}
        starts_two = {m.start() for t in tables for m in t.iterate(text, low)}
        # every start of the one table is a start of the two, and the two find more only inside
        # a match of the one (an alternative it passed over there), so no other sentence
        assert starts_one <= starts_two, text[:80]
        assert all(any(a <= s < b for a, b in spans_one) for s in starts_two - starts_one)
        found += bool(starts_one)
    assert found > 500
