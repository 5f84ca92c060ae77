"""Phrase alternations factored by their common prefixes: the same matches, found faster.

CPython's `re` tries the alternatives of `a|b|c|...` one after another wherever a match could
start, so a table of 700 phrases costs hundreds of tests at every word. Grouping the phrases by
their first character, then their next one, gives one test per character of a prefix and then
only the phrases that share it. An alternation is ordered (the first alternative that matches
wins), so two phrases keep their order wherever both could match at the same place, and the
spans found are those of the plain alternation: `tests/check/test_prefixes.py` holds it to that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from re import _parser  # type: ignore[attr-defined]

from amends.check import compiled
from amends.check.lowercase import Lexicon, ahead_of, first_chars, word_first, word_start

#: A phrase's leading group is expanded into its alternatives (sharing their own prefixes, each
#: followed by a copy of the rest of the phrase) when they start in at most this many ways; a
#: group with more is kept whole, as the copies would cost more to compile than they save.
#: (Round 24, with the tables grown, counted in instructions by `bench.check --instructions`:
#: 16 gave 527.7 M a corpus pass and 6.81 G for one statement in a new process; 32 gives 511.3 M
#: and 7.22 G. With `DEPTH` 8 as well the pass is 508.0 M but one statement 9.02 G: the larger
#: trees cost more to compile than they save a short run.)
EXPAND = 32
#: Levels of characters factored out; past them, the phrases that share a prefix are listed.
#: (Counted in instructions over the corpus, before leading look-behinds were moved: 16 and 3
#: checked it 1.29x as fast as the plain tables, 8 and 3 1.25x, 30 and 3 1.30x with larger
#: patterns to compile; docs/benchmarks.md.)
DEPTH = 3

_QUANT = "?*+{"
_SPECIAL = set(".^$*+?{}[]()|\\")
_SAFE_ESCAPES = set("-.'\"/,:;&#%@!=<>~`_")


def _group_end(p: str, start: int) -> int:
    """The index just past the `)` that closes the `(` at `start`."""
    depth, i = 0, start
    in_class = False
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if p[i + 1 : i + 2] == "^":
                i += 1
            if p[i + 1 : i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced group in {p!r}")


def _class_end(p: str, start: int) -> int:
    """The index just past the `]` that closes the class at `start`."""
    i = start + 1
    if p[i : i + 1] == "^":
        i += 1
    if p[i : i + 1] == "]":
        i += 1
    while i < len(p):
        if p[i] == "\\":
            i += 2
            continue
        if p[i] == "]":
            return i + 1
        i += 1
    raise ValueError(f"unclosed class in {p!r}")


def _split_top(body: str) -> list[str]:
    """The alternatives of `body` at depth 0."""
    parts, depth, i, last = [], 0, 0, 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(body, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(body[last:i])
            last = i + 1
        i += 1
    parts.append(body[last:])
    return parts


def _quantifier(p: str, i: int) -> str:
    """The quantifier at `p[i:]` ('' when none), with a lazy or possessive mark."""
    if i >= len(p) or p[i] not in _QUANT:
        return ""
    j = p.index("}", i) + 1 if p[i] == "{" else i + 1
    if j < len(p) and p[j] in "?+":
        j += 1
    return p[i:j]


class _Alts(tuple[str, ...]):
    """The phrases a phrase expands to, in the order its alternation tries them."""


@lru_cache(maxsize=16384)
def _lead(p: str, cased: bool = False) -> tuple[str, str] | _Alts | None:
    """What a phrase starts with.

    (char, rest) when it starts with one literal character or a word boundary (`\\b`); the
    phrases it expands to (`_Alts`) when it starts with a plain group or class; None when it
    cannot be split (a quantified atom, a look-around, a capture, an anchor, empty).
    `cased`: the phrase is for a case-sensitive pattern (`_tree`).
    """
    if not p:
        return None
    behind = _behind(p)
    if behind is not None:
        return _after(*behind, cased)
    c = p[0]
    if c == "(":
        end = _group_end(p, 0)
        if not p.startswith("(?:"):
            return None
        q = _quantifier(p, end)
        # the group's own alternatives, their prefixes shared: one copy of the rest of the
        # phrase per first character, not one per alternative
        alts = _tree(_split_top(p[3 : end - 1]), 0, True, cased)
        rest = p[end + len(q) :]
        if q == "":
            return _Alts(a + rest for a in alts)
        if q == "?":
            return _Alts([*(a + rest for a in alts), rest])
        if q == "??":
            return _Alts([rest, *(a + rest for a in alts)])
        return None
    if c == "[":
        end = _class_end(p, 0)
        inner = p[1 : end - 1]
        if _quantifier(p, end) or inner.startswith("^") or any(ch in inner for ch in "\\-["):
            return None
        return _Alts(ch + p[end:] for ch in dict.fromkeys(inner))
    if c == "\\":
        if p[1:2] == "b" and not _quantifier(p, 2):
            return "\\b", p[2:]  # a word boundary: shared like a character
        if len(p) < 2 or p[1] not in _SAFE_ESCAPES or _quantifier(p, 2):
            return None
        return p[1], p[2:]
    if c in _SPECIAL or _quantifier(p, 1):
        return None
    return c, p[1:]


def _lookbehinds(p: str) -> tuple[list[str], int]:
    """The look-behinds a phrase starts with, and where they end."""
    parts, i = [], 0
    while p.startswith(("(?<=", "(?<!"), i):
        end = _group_end(p, i)
        parts.append(p[i:end])
        i = end
    return parts, i


def _behind(p: str) -> tuple[list[list[str]], str] | None:
    """A phrase led by look-behinds: (their alternatives, each a list of look-behinds; the rest),
    from `(?<=a)(?<!b)rest` or `(?:(?<=a)|(?<=b))rest`; None when it is not led so."""
    parts, end = _lookbehinds(p)
    if parts:
        return [parts], p[end:]
    if not p.startswith("(?:(?<"):
        return None
    end = _group_end(p, 0)
    if _quantifier(p, end):
        return None
    options = []
    for alternative in _split_top(p[3 : end - 1]):
        parts, stop = _lookbehinds(alternative)
        if not parts or stop != len(alternative):
            return None
        options.append(parts)
    return options, p[end:]


def _after(
    options: list[list[str]], rest: str, cased: bool = False
) -> tuple[str, str] | _Alts | None:
    """A look-behind moved past the first character of what follows it, so the phrase starts
    with that character: `(?<=x )ab` is `a(?<=x a)b` (each still of fixed width)."""

    def written(extra: str) -> str:
        alts = ["".join(part[:-1] + extra + ")" for part in parts) for parts in options]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    lead = _lead(rest, cased)
    if isinstance(lead, _Alts):
        return _Alts(written("") + alt for alt in lead)
    if lead is None:
        return None
    key, tail = lead
    if key == "\\b":  # two assertions at one place, in either order
        return key, written("") + tail
    if key.isspace():  # a space may stand for any run of white space: not of fixed width
        return None
    return key, written(_emit(key)) + tail


def _keyed(phrases: Iterable[str], cased: bool = False) -> list[tuple[str | None, str]]:
    """Each phrase as (first character, rest), expanded where needed; (None, phrase) when not."""
    out: list[tuple[str | None, str]] = []
    for p in phrases:
        lead = _lead(p, cased)
        if isinstance(lead, _Alts) and len(lead) <= EXPAND:
            out.extend(_keyed(lead, cased))
        elif lead is not None and not isinstance(lead, _Alts):
            out.append(lead)
        else:
            out.append((None, p))
    return out


@lru_cache(maxsize=4096)
def _starts(p: str, cased: bool = False) -> frozenset[str] | None:
    """The (lower-case; with `cased`, as written) characters a phrase can start with, `\\d`
    standing for any digit; None when any or not known."""
    try:
        chars = first_chars(list(_parser.parse(p, 0 if cased else re.I)), digits=True)
    except re.error:
        return None
    if chars is None:
        return None
    return frozenset(chars if cased else (c if c == "\\d" else c.lower() for c in chars))


def _clash(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    """True when a match of one set of first characters (`_starts`) may start as one of the
    other could: either is unknown, they share a character, or a digit (`\\d`) meets one."""
    if a is None or b is None or a & b:
        return True
    if "\\d" in a:
        return "\\d" in b or any(c.isdecimal() for c in b)
    return "\\d" in b and any(c.isdecimal() for c in a)


def _emit(key: str) -> str:
    return "\\" + key if len(key) == 1 and key in _SPECIAL else key


def _starts_with_text(p: str, cased: bool = False) -> bool:
    """True when every way the phrase can start is a literal character other than a space."""
    lead = _lead(p, cased)
    if isinstance(lead, _Alts):
        return bool(lead) and all(_starts_with_text(q, cased) for q in lead)
    return lead is not None and not lead[0].isspace()


class _Slot:
    """Phrases sharing a first atom (`key`; None: one phrase that could not be split), with the
    characters they can start with (None: any)."""

    __slots__ = ("items", "key", "starts")

    def __init__(self, starts: frozenset[str] | None, key: str | None, rest: str) -> None:
        self.starts, self.key, self.items = starts, key, [rest]

    def add(self, starts: frozenset[str] | None, rest: str) -> None:
        self.items.append(rest)
        self.starts = None if starts is None or self.starts is None else self.starts | starts


def _tree(phrases: list[str], depth: int, spaces: bool, cased: bool = False) -> list[str]:
    """One alternation for the phrases, prefixes shared, finding the same match.

    A phrase joins the group of its first atom (a character, or a word boundary) unless a
    phrase placed after that group could start with the same character: then the order between
    the two would change. `spaces`: a space stands for a run of white space. `cased`: for a
    case-sensitive pattern, so the characters are kept as written and compared as written
    (round 35: compared lower-cased, "B" and "b" kept groups apart that no character can both
    start, and a phrase that opens with a digit, `\\d`, kept every later one apart; the
    engineering terms' tree had 82 choices at every word, now 38)."""
    if depth >= DEPTH:
        return phrases
    slots: list[_Slot] = []
    for key, rest in _keyed(phrases, cased):
        if key is None:
            slots.append(_Slot(_starts(rest, cased), None, rest))
            continue
        if not cased and len(key.lower()) == 1:  # ('İ' lower-cases to two: kept as written)
            key = key.lower()
        first = _starts(rest, cased) if key == "\\b" else frozenset({key})
        for slot in reversed(slots):
            if slot.key == key:
                slot.add(first, rest)
                break
            if _clash(slot.starts, first):
                slots.append(_Slot(first, key, rest))
                break
        else:
            slots.append(_Slot(first, key, rest))
    alternatives: list[str] = []
    for slot in slots:
        key, items = slot.key, slot.items
        if key is None or len(items) == 1:
            alternatives.append(items[0] if key is None else _emit(key) + items[0])
        elif spaces and key == " " and not all(_starts_with_text(r, cased) for r in items):
            # a shared run of white space is tried longest first for every phrase, which is
            # only the same as trying each phrase in turn when none can start with a space
            alternatives.extend(_emit(key) + r for r in items)
        else:
            inner = _tree(items, depth + 1, spaces, cased)
            one = inner[0] if len(inner) == 1 else "(?:" + "|".join(inner) + ")"
            alternatives.append(_emit(key) + one)
    return alternatives


def prefix_tree(phrases: Iterable[str], space: str = r"\s+", *, cased: bool = False) -> str:
    """The phrases (regular-expression text for a case-insensitive pattern, or with `cased` a
    case-sensitive one; a space standing for `space`) as one alternation with their prefixes
    shared; it matches the same spans as `"|".join(phrases)` with the spaces replaced."""
    phrases = tuple(phrases)
    return compiled.text(
        ("prefix_tree", phrases, space, cased), lambda: _write_tree(phrases, space, cased), _is_str
    )


def _is_str(value: object) -> bool:
    return isinstance(value, str)


def _write_tree(phrases: tuple[str, ...], space: str, cased: bool) -> str:
    """`prefix_tree` worked out (not read from the cache file)."""
    alternatives = [alt for p in phrases for alt in _split_top(p)]
    tree = "|".join(_tree(alternatives, 0, space != " ", cased)).replace(" ", space)
    return _class_led(tree) if space == r"\s+" else tree


#: An escape, a run of white space written `\\s+`, or a whole class (`_class_end`'s reading).
_TOKEN = re.compile(r"\\s\+|\\.|\[\^?\]?(?:\\.|[^\]\\])*\]", re.S)


def _class_led(p: str) -> str:
    """`p` with each run of white space `\\s+` outside a class written `\\s\\s*`: the same
    matches, tried in the same order (one, then as many more as there are, giving back one at a
    time), but a choice of the tree that opens with one starts with a class, which `re` passes
    at one test where the text goes on with a letter (the phrases after "a" in "and", "at",
    "are"), instead of counting spaces there (round 35, the speed session). The escapes and
    classes are found by one scan in `re` (a loop over the characters in Python cost a tenth of
    a start-up)."""
    out: list[str] = []
    last = 0
    for m in _TOKEN.finditer(p):
        if m.group() == "\\s+":
            out.append(p[last : m.start()])
            out.append("\\s\\s*")
            last = m.end()
    out.append(p[last:])
    return "".join(out)


def factored(group: str) -> str:
    """A group of alternatives written "(?:a|b|c)", as one group with their prefixes shared
    (`prefix_tree`, spaces kept literal): the same matches wherever it is placed."""
    if not (group.startswith("(?:") and _group_end(group, 0) == len(group)):
        raise ValueError(f"not one group: {group[:40]!r}")
    return "(?:" + prefix_tree(_split_top(group[3:-1]), " ") + ")"


def first_letters(phrases: Iterable[str], bounded: bool = False) -> frozenset[str] | None:
    """The (lower-case) letters a match of the alternation can start with, when every match
    starts a word (a word boundary, given by the caller when `bounded`, before a word
    character); None when one may not. `\\w` stands for any word character. Read from the
    phrases themselves: a table need not be parsed whole to learn it."""
    found: set[str] = set()
    for phrase in phrases:
        for alternative in _split_top(phrase):
            letters = _letters(alternative, bounded)
            if letters is None:
                return None
            found |= letters
    return frozenset(found)


@lru_cache(maxsize=16384)
def _letters(p: str, bounded: bool) -> frozenset[str] | None:
    lead = _lead(p, False)  # the key the trees use: one cache entry per phrase
    if isinstance(lead, _Alts):
        found: set[str] = set()
        for alt in lead:
            letters = _letters(alt, bounded)
            if letters is None:
                return None
            found |= letters
        return frozenset(found)
    if lead is not None:
        key, rest = lead
        if key == "\\b":
            return _letters(rest, True)
        return frozenset({key.lower()}) if bounded and (key.isalnum() or key == "_") else None
    try:  # a phrase we cannot split: read it as `at_word_starts` does
        tree = list(_parser.parse(p, re.I))
    except re.error:
        return None
    if not (word_first(tree) if bounded else word_start(tree)):
        return None
    chars = first_chars(tree, digits=True)  # a number first: `\d`, not any word character
    return frozenset({"\\w"}) if chars is None else frozenset(c.lower() for c in chars)


def by_word_start(phrases: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The phrases' alternatives split in two: those every match of which starts a word
    (`first_letters` knows its letters), and the rest (a number first, "$7 off"). A table of the
    first kind is led by its letters and rejects most of the text at one character; mixed with
    one of the second, it is tried at every character (round 25)."""
    phrases = tuple(phrases)
    return compiled.text(("by_word_start", phrases), lambda: _split_words(phrases), _two_tuples)


def _two_tuples(value: object) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(part, tuple) and all(isinstance(a, str) for a in part) for part in value)
    )


def _split_words(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`by_word_start` worked out (not read from the cache file)."""
    words: list[str] = []
    rest: list[str] = []
    for phrase in phrases:
        for alternative in _split_top(phrase):
            (words if first_letters([alternative]) is not None else rest).append(alternative)
    return tuple(words), tuple(rest)


def _unbounded(phrases: Iterable[str]) -> tuple[str, ...]:
    """The phrases' alternatives without their leading word boundary. Only for a table every
    match of which starts a word (`first_letters` knows its letters): `ahead_of` then asserts the
    boundary where every match starts, so the phrase's own is the same test again, and a phrase
    led by it sat in a branch of its own instead of with the phrases of its first letter (tried
    at every word start, after them)."""
    return tuple(a[2:] if a.startswith("\\b") else a for p in phrases for a in _split_top(p))


#: Every table `table` made, as (phrases, space, whole words): the tests hold each one's pattern
#: to the plain alternation of its phrases.
TABLES: list[tuple[tuple[str, ...], str, bool]] = []


def table(phrases: tuple[str, ...], *, space: str, whole_words: bool = False) -> Lexicon:
    """A case-insensitive phrase table: its phrases as a prefix tree (`prefix_tree`), the
    letters a match can start a word with in front (`first_letters`, `lowercase.ahead_of`), and,
    with `whole_words`, word boundaries around it. Written and compiled on first use: a run
    checks one language, and most tables of the other are never needed."""
    TABLES.append((phrases, space, whole_words))

    def write() -> str:
        letters = first_letters(phrases, bounded=whole_words)
        tree = _write_tree(phrases if letters is None else _unbounded(phrases), space, False)
        if whole_words:
            tree = r"\b(?:" + tree + r")\b"
        return ahead_of(tree, letters)

    return Lexicon.later(
        lambda: compiled.text(("table", phrases, space, whole_words), write, _is_str), re.I
    )
