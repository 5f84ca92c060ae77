"""Case-insensitive matching on lower-cased text: the same matches, 2-3x faster in CPython's re.

CPython's `re` checks every character twice under `re.I`; matching a pattern compiled without it
against `text.lower()` finds the same spans whenever lower-casing keeps the text's length (it does
for everything but a handful of letters such as 'İ', for which the original pattern is used).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_ESCAPE = re.compile(r"\\.")


_MEMO: dict[str, str] = {}


def flat_lower(text: str) -> str:
    """Lower case with line breaks as spaces (same length): a phrase wrapped over two lines of a
    statement still matches a pattern written with a space. Remembered for the statement being
    checked (the matchers search the same sentences many times); `forget` starts the next one."""
    low = _MEMO.get(text)
    if low is None:
        low = _MEMO[text] = text.lower().replace("\n", " ")
    return low


def forget() -> None:
    """Drop the remembered lower-case texts: called before each statement is checked."""
    _MEMO.clear()


def _fold(pattern: str, flags: int) -> re.Pattern[str] | None:
    """The pattern without re.I, or None when it is case-sensitive or names an upper-case letter."""
    if not flags & re.I or any(c.isupper() for c in _ESCAPE.sub("", pattern)):
        return None
    return re.compile(pattern, flags & ~re.I)


_UNSET: Any = object()


class Lexicon:
    """A case-insensitive pattern whose `search`/`finditer` run on lower-cased text when safe.

    Match positions refer to the text given; `group()` returns lower-cased text on the fast path,
    so callers that quote the match should slice the original text by `start()`/`end()`.
    Built from a compiled pattern, or (`Lexicon.later`) from a function that writes the pattern:
    then nothing is compiled until the first search, and only the form that search needs.
    """

    __slots__ = ("_fast", "_make", "_pattern", "_rx", "flags")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self._rx: re.Pattern[str] | None = rx
        self._pattern: str | None = rx.pattern
        self._make: Callable[[], str] | None = None
        self.flags = rx.flags
        self._fast: re.Pattern[str] | None = _UNSET

    @classmethod
    def later(cls, make: Callable[[], str], flags: int) -> Lexicon:
        """A lexicon whose pattern `make()` writes on first use (tables of many phrases: most
        runs search only one language's, and writing and compiling one takes a while)."""
        lex = cls.__new__(cls)
        lex._rx, lex._pattern, lex._make, lex.flags, lex._fast = None, None, make, flags, _UNSET
        return lex

    @property
    def pattern(self) -> str:
        if self._pattern is None:
            self._pattern = self._make()  # type: ignore[misc]
        return self._pattern

    @property
    def rx(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = re.compile(self.pattern, self.flags)
        return self._rx

    @property
    def fast(self) -> re.Pattern[str] | None:
        if self._fast is _UNSET:
            self._fast = _fold(self.pattern, self.flags)
        return self._fast

    # The methods below read `_fast` directly and call `fast` only while it is unset: they run
    # tens of thousands of times per corpus pass, where a property call costs as much as a
    # short search.

    def _target(self, text: str) -> tuple[re.Pattern[str], str]:
        fast = self._fast
        if fast is _UNSET:
            fast = self.fast
        if fast is not None:
            low = _MEMO.get(text)  # `flat_lower`, inlined
            if low is None:
                low = _MEMO[text] = text.lower().replace("\n", " ")
            if len(low) == len(text):
                return fast, low
        return self._rx or self.rx, text

    def search(self, text: str) -> re.Match[str] | None:
        rx, target = self._target(text)
        return rx.search(target)

    def occurs(self, text: str, lowered: str) -> bool:
        """True if the pattern matches anywhere; `lowered` is `flat_lower(text)`, computed once."""
        fast = self._fast
        if fast is _UNSET:
            fast = self.fast
        if fast is not None and len(lowered) == len(text):
            return fast.search(lowered) is not None
        return self.rx.search(text) is not None

    def iterate(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        """Matches one at a time (a caller may stop early); `lowered` is `flat_lower(text)`."""
        fast = self._fast
        if fast is _UNSET:
            fast = self.fast
        if fast is not None and len(lowered) == len(text):
            return fast.finditer(lowered)
        return self.rx.finditer(text)

    def finditer(self, text: str) -> list[re.Match[str]]:
        rx, target = self._target(text)
        return list(rx.finditer(target))


def word_first(seq: list[tuple[object, object]]) -> bool:
    """True when the parsed sequence can only start by matching a word character."""
    if not seq:
        return False
    op, av = seq[0]
    if op is _C.LITERAL:
        return chr(av).isalnum() or chr(av) == "_"  # type: ignore[arg-type]
    if op is _C.IN:
        items = [(o, a) for o, a in av if o is not _C.NEGATE] if av[0][0] is not _C.NEGATE else []  # type: ignore[index,union-attr]
        return bool(items) and all(
            (o is _C.LITERAL and (chr(a).isalnum() or chr(a) == "_"))
            or (o is _C.RANGE and all(chr(c).isalnum() for c in a))
            or (o is _C.CATEGORY and a in (_C.CATEGORY_WORD, _C.CATEGORY_DIGIT))
            for o, a in items
        )
    if op is _C.SUBPATTERN:
        return word_first([*av[3], *seq[1:]])  # type: ignore[index]
    if op is _C.BRANCH:
        return all(word_first([*alt, *seq[1:]]) for alt in av[1])  # type: ignore[index]
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        lo, _hi, item = av  # type: ignore[misc]
        # an optional part ("(?:had )?missed"): whatever comes first, it is a word character
        return word_first(list(item)) and (lo >= 1 or word_first(seq[1:]))
    if op in (_C.ASSERT, _C.ASSERT_NOT):  # a look-around consumes nothing
        return word_first(seq[1:])
    return False


def word_start(seq: list[tuple[object, object]]) -> bool:
    """True when every way through the sequence starts with `\\b` before a word character."""
    if not seq:
        return False
    op, av = seq[0]
    if op is _C.SUBPATTERN:
        return word_start([*av[3], *seq[1:]])  # type: ignore[index]
    if op is _C.BRANCH:
        return all(word_start([*alt, *seq[1:]]) for alt in av[1])  # type: ignore[index]
    if op is _C.AT and av is _C.AT_BOUNDARY:
        return word_first(seq[1:])
    if op in (_C.ASSERT, _C.ASSERT_NOT):
        return word_start(seq[1:])
    return False


def first_chars(seq: list[tuple[object, object]], digits: bool = False) -> set[str] | None:
    """The characters a match of the sequence can start with (None: any, or not worked out).

    With `digits`, a `\\d` a match can start with is kept as the two characters `\\d` (for
    `ahead_of`) instead of giving None."""
    if not seq:
        return None
    op, av = seq[0]
    if op is _C.LITERAL:
        return {chr(av)}  # type: ignore[arg-type]
    if op is _C.IN:
        chars: set[str] = set()
        for o, a in av:  # type: ignore[union-attr]
            if o is _C.LITERAL:
                chars.add(chr(a))
            elif o is _C.RANGE and a[1] - a[0] < 64:
                chars.update(chr(c) for c in range(a[0], a[1] + 1))
            elif digits and o is _C.CATEGORY and a is _C.CATEGORY_DIGIT:
                chars.add(r"\d")
            else:
                return None
        return chars
    if op is _C.SUBPATTERN:
        return first_chars([*av[3], *seq[1:]], digits)  # type: ignore[index]
    if op is _C.BRANCH:
        chars = set()
        for alt in av[1]:  # type: ignore[index]
            first = first_chars([*alt, *seq[1:]], digits)
            if first is None:
                return None
            chars |= first
        return chars
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        lo, _hi, item = av  # type: ignore[misc]
        first = first_chars(list(item), digits)
        if first is None or lo >= 1:
            return first
        rest = first_chars(seq[1:], digits)
        return None if rest is None else first | rest
    if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):  # consume nothing
        return first_chars(seq[1:], digits)
    return None


def at_word_starts(pattern: str, flags: int = 0) -> str:
    """The pattern with `\\b(?=[...])` in front when every alternative starts with `\\b` before a
    word character (the same matches): the class holds the letters a match can start with, or is
    `\\w`. CPython's `re` then rejects, at one character, a position that starts no word or a
    word no alternative can start, instead of trying every alternative there: most of the text.
    (Under re.I the class matches both cases, like the letters it was taken from.)"""
    try:
        tree = list(_parser.parse(pattern, flags))
    except re.error:
        return pattern
    if not word_start(tree):
        return pattern
    # digits kept as `\d`: clock times, dates and counts then skip the words that start with
    # a letter, instead of being tried at every word (`\w`)
    first = first_chars(tree, digits=True)
    return ahead_of(pattern, frozenset(first) if first else frozenset({r"\w"}))


def ahead_of(pattern: str, letters: frozenset[str] | None) -> str:
    """`pattern` with `\\b(?=[letters])` in front (`at_word_starts`), when the letters every
    match starts a word with are known (`\\w`: any; `\\d`: any digit, as the pattern's own
    `\\d`); unchanged when they are not."""
    if not letters:
        return pattern
    if r"\w" in letters:
        ahead = r"\w"
    else:
        plain = "".join(sorted(c for c in letters if c != r"\d"))
        ahead = "[" + re.escape(plain) + (r"\d" if r"\d" in letters else "") + "]"
    return r"\b(?=" + ahead + ")(?:" + pattern + ")"


def word_rx(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The compiled pattern with `at_word_starts` applied (itself when that does not apply)."""
    pattern = at_word_starts(rx.pattern, rx.flags)
    return rx if pattern == rx.pattern else re.compile(pattern, rx.flags)


_BY_ID: dict[int, Lexicon] = {}


def lexicon(rx: re.Pattern[str] | Lexicon) -> Lexicon:
    """The shared `Lexicon` for a compiled pattern (a `Lexicon` is its own).

    Looked up by identity: hashing a compiled pattern hashes its whole code, which cost more
    than many of the searches. The entry keeps the pattern, so a reused id is never confused.
    """
    if isinstance(rx, Lexicon):
        return rx
    lex = _BY_ID.get(id(rx))
    if lex is None or lex._rx is not rx:
        if len(_BY_ID) > 4096:
            _BY_ID.clear()
        lex = _BY_ID[id(rx)] = Lexicon(rx)
    return lex
