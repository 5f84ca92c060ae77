"""Case-insensitive matching on lower-cased text: the same matches, 2-3x faster in CPython's re.

CPython's `re` checks every character twice under `re.I`; matching a pattern compiled without it
against `text.lower()` finds the same spans whenever lower-casing keeps the text's length (it does
for everything but a handful of letters such as 'İ', for which the original pattern is used).
On text that `re.ASCII` reads as Unicode matching does (`reads_as_ascii`: ASCII, or beyond it
only punctuation such as curly quotes and dashes) the pattern is searched in its `re.ASCII` form,
with the same matches: `re` then tells a word character (`\\b`, `\\w`) by a table instead of
the Unicode database, a third of a phrase table's time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from amends.check import compiled

_ESCAPE = re.compile(r"\\.")


_MEMO: dict[str, str] = {}
#: Whether `re.ASCII` reads a text as Unicode matching does (`reads_as_ascii`), remembered for
#: the statement being checked.
_ALIKE: dict[str, bool] = {}
#: The ASCII characters Unicode's `\s` matches and `re.ASCII`'s does not (file, group, record
#: and unit separators: `reads_as_ascii` looks for each), and the characters beyond ASCII that
#: are word characters or white space to Unicode (letters, digits, a no-break space) and neither
#: to `re.ASCII`.
_UNICODE_ONLY = re.compile(r"[\x1c-\x1f]|[^\W\x00-\x7f]|[^\S\x00-\x7f]")


def reads_as_ascii(text: str) -> bool:
    """True when `re.ASCII` reads the text as Unicode matching does: no character in it is a
    word character (`\\w`, `\\b`, `\\d`) or white space to one and not to the other."""
    if text.isascii():
        # four scans for one character each cost less than one call of a pattern
        return not ("\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text)
    return _UNICODE_ONLY.search(text) is None


def flat_lower(text: str) -> str:
    """Lower case with line breaks as spaces (same length): a phrase wrapped over two lines of a
    statement still matches a pattern written with a space. Remembered for the statement being
    checked (the matchers search the same sentences many times); `forget` starts the next one."""
    low = _MEMO.get(text)
    if low is None:
        low = _remember(text)
    return low


def _remember(text: str) -> str:
    """`flat_lower` worked out and remembered, with whether it reads as ASCII (`_ALIKE`)."""
    low = _MEMO[text] = text.lower().replace("\n", " ")
    _ALIKE[low] = reads_as_ascii(low)
    return low


#: Each compiled pattern's `re.ASCII` form (`suited`), by the pattern's identity.
_ASCII_FORMS: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def suited(rx: re.Pattern[str], text: str) -> re.Pattern[str]:
    """`rx` in the form to search `text` with: its `re.ASCII` form (compiled once, case rules
    kept) when the text reads as ASCII, which finds the same matches faster; else `rx` itself."""
    alike = _ALIKE.get(text)
    if alike is None:
        alike = _ALIKE[text] = reads_as_ascii(text)
    if not alike:
        return rx
    entry = _ASCII_FORMS.get(id(rx))
    if entry is None or entry[0] is not rx:
        entry = _ASCII_FORMS[id(rx)] = (rx, compiled.compile(rx.pattern, (rx.flags & ~re.U) | re.A))
    return entry[1]


def forget() -> None:
    """Drop the remembered lower-case texts: called before each statement is checked."""
    _MEMO.clear()
    _ALIKE.clear()


def _folds(pattern: str, flags: int) -> bool:
    """True when the pattern may run without re.I on lower-cased text: it is case-insensitive
    and names no upper-case letter."""
    return bool(flags & re.I) and not any(map(str.isupper, _ESCAPE.sub("", pattern)))


_UNSET: Any = object()


class Lexicon:
    """A case-insensitive pattern whose `search`/`finditer` run on lower-cased text when safe.

    Match positions refer to the text given; `group()` returns lower-cased text on the fast path,
    so callers that quote the match should slice the original text by `start()`/`end()`.
    Built from a compiled pattern, or (`Lexicon.later`) from a function that writes the pattern:
    then nothing is compiled until the first search, and only the form that search needs.
    """

    __slots__ = ("_ascii", "_fast", "_folds", "_make", "_pattern", "_rx", "flags")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self._rx: re.Pattern[str] | None = rx
        self._pattern: str | None = rx.pattern
        self._make: Callable[[], str] | None = None
        self.flags = rx.flags
        self._folds: bool = _UNSET
        self._fast: re.Pattern[str] | None = None
        self._ascii: re.Pattern[str] | None = None

    @classmethod
    def later(cls, make: Callable[[], str], flags: int) -> Lexicon:
        """A lexicon whose pattern `make()` writes on first use (tables of many phrases: most
        runs search only one language's, and writing and compiling one takes a while)."""
        lex = cls.__new__(cls)
        lex._rx, lex._pattern, lex._make, lex.flags, lex._folds = None, None, make, flags, _UNSET
        lex._fast = lex._ascii = None
        return lex

    @property
    def pattern(self) -> str:
        if self._pattern is None:
            self._pattern = self._make()  # type: ignore[misc]
        return self._pattern

    @property
    def rx(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = compiled.compile(self.pattern, self.flags)
        return self._rx

    @property
    def folds(self) -> bool:
        """Whether the pattern runs without re.I on lower-cased text (`_folds`)."""
        if self._folds is _UNSET:
            self._folds = _folds(self.pattern, self.flags)
        return self._folds

    @property
    def fast(self) -> re.Pattern[str] | None:
        """The pattern without re.I, for lower-cased text; None when it does not fold."""
        if self._fast is None and self.folds:
            self._fast = compiled.compile(self.pattern, self.flags & ~re.I)
        return self._fast

    @property
    def ascii(self) -> re.Pattern[str]:
        """`fast` in its `re.ASCII` form, for text that reads as ASCII; each form is compiled on
        first use (a run on English text never needs the Unicode one, nor one on Spanish this)."""
        if self._ascii is None:
            self._ascii = compiled.compile(
                self.pattern, (self.flags & ~re.I & ~re.UNICODE) | re.ASCII
            )
        return self._ascii

    # The methods below read the slots directly and call the properties only while a slot is
    # unset: they run tens of thousands of times per corpus pass, where a property call costs as
    # much as a short search.

    def pick(self, text: str, lowered: str) -> tuple[re.Pattern[str], str]:
        """The pattern and the text to search: the folded pattern on `lowered` (`flat_lower(text)`)
        when offsets hold, in its ASCII form when that reads as ASCII; else `rx` on `text`, in
        its ASCII form when the text reads as ASCII (`suited`)."""
        folds = self._folds
        if folds is _UNSET:
            folds = self.folds
        if not folds or len(lowered) != len(text):
            return suited(self._rx or self.rx, text), text
        if _ALIKE.get(lowered):
            return self._ascii or self.ascii, lowered
        return self._fast or self.fast, lowered  # type: ignore[return-value]

    def _target(self, text: str) -> tuple[re.Pattern[str], str]:
        low = _MEMO.get(text)  # `flat_lower`, inlined
        if low is None:
            low = _remember(text)
        return self.pick(text, low)

    def search(self, text: str) -> re.Match[str] | None:
        rx, target = self._target(text)
        return rx.search(target)

    def occurs(self, text: str, lowered: str) -> bool:
        """True if the pattern matches anywhere; `lowered` is `flat_lower(text)`, computed once."""
        rx, target = self.pick(text, lowered)
        return rx.search(target) is not None

    def iterate(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        """Matches one at a time (a caller may stop early); `lowered` is `flat_lower(text)`."""
        rx, target = self.pick(text, lowered)
        return rx.finditer(target)

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
    return rx if pattern == rx.pattern else compiled.compile(pattern, rx.flags)


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
