"""Turn plain text, Markdown or HTML into checkable prose whose offsets still point into the source.

Markup is masked with spaces (same length), so an offset in the prose is the offset in the source
and every finding's line and column point at the file the author edits.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

from amends.check import compiled
from amends.check.lowercase import flat_lower

Format = Literal["text", "markdown", "html"]

_SUPPRESS = compiled.compile(
    r"<!--\s*amends:\s*(disable|enable|disable-next-line|disable-line)\s*=\s*([\w,\s-]+?)\s*-->"
)
_COMMENT = compiled.compile(r"<!--.*?-->", re.S)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "td",
        "th",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "hr",
        "title",
        "main",
        "nav",
        "aside",
        "dt",
        "dd",
    ]
)


def _mask(chars: list[str], start: int, end: int, fill: str = " ") -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = fill


def _break(chars: list[str], start: int, end: int) -> None:
    """Mask a span and mark it as a sentence boundary (a blank line where the span allows)."""
    _mask(chars, start, end)
    if end - start >= 2:
        chars[start] = "\n"
        chars[start + 1] = "\n"


_MD_LINK = compiled.compile(r"!?\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_MD_BLOCK = compiled.compile(r"^( {0,3})(#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+|>\s?)", re.M)
_MD_RULE = compiled.compile(r"^\s{0,3}([-*_]\s*){3,}$", re.M)
_MD_FENCE = compiled.compile(r"^```.*$", re.M)
_MD_EMPH = compiled.compile(r"(\*\*|__|\*|`|~~)")
_MD_HTML_TAG = compiled.compile(r"</?[A-Za-z][^>\n]*>")


def _mask_markdown(src: str) -> str:
    chars = list(src)
    for m in _COMMENT.finditer(src):
        _mask(chars, m.start(), m.end())
    for m in _MD_LINK.finditer(src):
        # keep the link text and the address (a link to the full statement counts as support)
        t0, t1 = m.span(1)
        _mask(chars, m.start(), t0)
        _mask(chars, t1, t1 + 2)  # "]("
        _mask(chars, m.end() - 1, m.end())
    for m in _MD_BLOCK.finditer(src):
        _break(chars, m.start(2), m.end(2)) if m.group(2).startswith("#") else _mask(
            chars, m.start(2), m.end(2)
        )
    for rx in (_MD_RULE, _MD_FENCE):
        for m in rx.finditer(src):
            _mask(chars, m.start(), m.end())
    for m in _MD_EMPH.finditer(src):
        s, e = m.span()
        inner = s > 0 and e < len(src) and src[s - 1].isalnum() and src[e].isalnum()
        if m.group(1) in ("*", "_") and inner:
            continue  # intra-word
        _mask(chars, s, e)
    for m in _MD_HTML_TAG.finditer(src):
        _mask(chars, m.start(), m.end())
    return "".join(chars)


class _TagSpans(HTMLParser):
    """Collect the source spans of tags, and of script/style content, to mask them."""

    def __init__(self, src: str) -> None:
        super().__init__(convert_charrefs=False)
        self.src = src
        self.line_starts = _line_starts(src)
        self.spans: list[tuple[int, int, bool]] = []
        self._skip_from: int | None = None

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _tag(self, tag: str) -> None:
        start = self._offset()
        text = self.get_starttag_text()
        end = start + len(text) if text else self.src.find(">", start) + 1
        self.spans.append((start, max(end, start + 1), tag in _BLOCK_TAGS))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag)
        if tag in ("script", "style"):
            self._skip_from = self._offset() + len(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag)

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        end = self.src.find(">", start) + 1 or start + 1
        if self._skip_from is not None and tag in ("script", "style"):
            self.spans.append((self._skip_from, start, False))
            self._skip_from = None
        self.spans.append((start, end, tag in _BLOCK_TAGS))

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        self.spans.append((start, start + len(data) + 7, False))

    def handle_decl(self, decl: str) -> None:
        start = self._offset()
        self.spans.append((start, start + len(decl) + 3, False))


_ENTITY = compiled.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_ENTITIES = {"amp": "&", "nbsp": " ", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "ndash": "–"}


def _mask_html(src: str) -> str:
    chars = list(src)
    parser = _TagSpans(src)
    parser.feed(src)
    parser.close()
    for start, end, block in parser.spans:
        (_break if block else _mask)(chars, start, min(end, len(src)))
    for m in _ENTITY.finditer(src):
        name = m.group(1)
        if name.startswith("#x"):
            ch = chr(int(name[2:], 16))
        elif name.startswith("#"):
            ch = chr(int(name[1:]))
        else:
            ch = _ENTITIES.get(name, " ")
        _mask(chars, m.start(), m.end())
        chars[m.start()] = ch
    return "".join(chars)


def _line_starts(src: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\n", src))
    return starts


# A sentence ends at . ! ? (not inside a number, a time like "p.m." or an address), at a blank
# line, or at the end of a short line without punctuation (a heading).
#: Where a sentence ends: end marks before a space, a quote, a bracket or the end, except after
#: "U.S", "a.m", "e.g", "i.e". Found first and checked after: look-behinds in one pattern would
#: run at every character.
_PUNCT = compiled.compile(r"[.!?]+(?=[\s\"')\]]|$)")
#: Round 7: the spaced Spanish "7:00 a. m." and "11 p. m." too (its first dot follows a number).
_NOT_END = compiled.compile(r"(?:[A-Z]\.[a-z]|\b[ap]\.\s?m|\be\.g|\bi\.e|\d\s[ap])$")
_BLANK = compiled.compile(r"\n[ \t]*\n")
#: The characters a `_NOT_END` exception can end on (`[a-z]`, "m", "g", "e", "a", "p"), and the
#: line break its `$` may stand before.
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz\n")
#: After "a.m."/"p.m.", a new sentence: a capitalised word that is not a zone, a day or a month
#: ("... at 4 a.m. Every line gets a credit" ends one; "7:10 a.m. Eastern", "9 a.m. Monday",
#: "9 a.m. Sydney time" and "a.m. AEST" do not).
_AMPM = compiled.compile(r"\b[ap]\.\s?m$")
_NEW_SENTENCE = compiled.compile(
    r"\s+(?!(?:Eastern|Pacific|Central|Mountain|Atlantic|Alaska|Hawaii|Newfoundland|Australian|Greenwich|"
    r"British|Coordinated|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b|"
    r"[A-Z][a-z]+(?: [A-Z][a-z]+)? time\b)(?:[A-Z][a-z]|I\b)"
)


@dataclass
class Doc:
    """A statement ready for the matchers: source, masked prose, sentences and suppressions."""

    source: str
    text: str
    lower: str
    sentences: list[tuple[int, int]]
    line_starts: list[int]
    disabled_all: set[str] = field(default_factory=set)
    disabled_ranges: list[tuple[str, int, int]] = field(default_factory=list)
    grade_cache: tuple[float, int, int] | None = field(default=None, repr=False, compare=False)
    texts_cache: list[tuple[int, str]] | None = field(default=None, repr=False, compare=False)
    words_cache: list[tuple[int, str, list[str]]] | None = field(
        default=None, repr=False, compare=False
    )
    #: Results a matcher computed that another asks for again: the cause rule's verdict, which
    #: `vague` consults, and the offsets where a cause is told, which `ownership` consults.
    memo: dict[tuple[str, ...], object] = field(default_factory=dict, repr=False, compare=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset."""
        i = bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def sentence_texts(self) -> list[tuple[int, str]]:
        """Each sentence as (start offset, text), sliced once per statement."""
        if self.texts_cache is None:
            self.texts_cache = [(s, self.text[s:e]) for s, e in self.sentences]
        return self.texts_cache

    def suppressed(self, rule: str, offset: int | None) -> bool:
        """True if an inline `<!-- amends: disable=... -->` covers this rule at this offset.

        A finding about the whole statement (offset None) is suppressed by any disable comment
        for its rule in the file.
        """
        if rule in self.disabled_all or "all" in self.disabled_all:
            return True
        for r, s, e in self.disabled_ranges:
            if r not in (rule, "all"):
                continue
            if offset is None or s <= offset < e:
                return True
        return False


def _suppressions(src: str, starts: list[int]) -> tuple[set[str], list[tuple[str, int, int]]]:
    open_: dict[str, int] = {}
    ranges: list[tuple[str, int, int]] = []
    n = len(src)
    for m in _SUPPRESS.finditer(src):
        verb = m.group(1)
        rules = [r.strip() for r in m.group(2).split(",") if r.strip()]
        line = bisect_right(starts, m.start()) - 1
        for rule in rules:
            if verb == "disable":
                open_.setdefault(rule, m.start())
            elif verb == "enable":
                if rule in open_:
                    ranges.append((rule, open_.pop(rule), m.start()))
            else:
                target = line + 1 if verb == "disable-next-line" else line
                if target < len(starts):
                    end = starts[target + 1] if target + 1 < len(starts) else n
                    ranges.append((rule, starts[target], end))
    ranges.extend((rule, s, n) for rule, s in open_.items())
    whole = {rule for rule, s, e in ranges if s == 0 or (e == n and _only_markup_before(src, s))}
    return whole, ranges


def _only_markup_before(src: str, offset: int) -> bool:
    head = _COMMENT.sub("", src[:offset])
    return not head.strip() or (head.lstrip().startswith("---") and head.count("---") >= 2)


#: Round 7: words a heading does not end on; a short line ending on one was wrapped mid-sentence.
_RUN_ON = frozenset(
    {
        *("a", "an", "the", "at", "to", "from", "by", "on", "in", "of", "for", "and", "or", "but"),
        *("with", "until", "since", "could", "would", "should", "will", "not", "no", "every"),
        *("each", "our", "their", "de", "del", "la", "las", "el", "los", "en", "y", "o", "con"),
        *("para", "por", "sin", "desde", "hasta"),
    }
)


def _wrapped(line: str, after: str) -> bool:
    """True when a short unpunctuated line is a sentence wrapped mid-way, not a heading: the next
    line goes on in lower case ("could" / "not make calls"), or the line ends on a word no heading
    ends on ("at" / "2pm ACST")."""
    nxt = after.lstrip()
    return bool(nxt) and (nxt[0].islower() or line.split()[-1].lower() in _RUN_ON)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of masked prose (see the module notes on where a sentence ends)."""
    cuts: set[int] = set()
    not_end = _NOT_END.search
    for m in _PUNCT.finditer(text):  # the end marks, then the exceptions: a fast scan
        first, last = m.span()
        ends = False
        for k in range(first, last):
            # every exception `_NOT_END` knows ends on an ASCII lower-case letter (or before a
            # line break, where `$` also matches): after any other character, no search
            if k == 0 or text[k - 1] not in _LOWER or not not_end(text, max(0, k - 4), k):
                ends = True
                break
        if ends or (
            _AMPM.search(text, max(0, last - 5), last - 1) and _NEW_SENTENCE.match(text, last)
        ):
            cuts.add(last)
    if "\n" in text:
        for m in _BLANK.finditer(text):
            cuts.add(m.start())
    pos = 0
    lines = text.split("\n")
    n_lines = len(lines)
    for i, line in enumerate(lines):
        end = pos + len(line)
        stripped = line.strip()
        # a heading: a short line (at most 8 words) with no end punctuation
        if stripped and stripped[-1] not in ".!?,;:" and len(stripped.split(None, 8)) <= 8:
            after = lines[i + 1] if i + 1 < n_lines else ""
            if not _wrapped(stripped, after):
                cuts.add(end)  # a heading or a label line
        pos = end + 1
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*sorted(cuts), len(text)]:
        seg = text[start:cut]
        lead = len(seg) - len(seg.lstrip())
        if seg.strip():
            s = start + lead
            e = start + len(seg.rstrip())
            spans.append((s, e))
        start = cut
    return spans


def detect_format(path: str | None) -> Format:
    """The input format from a file name: Markdown, HTML, or plain text."""
    name = (path or "").lower()
    if name.endswith((".md", ".markdown", ".mdx")):
        return "markdown"
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    return "text"


def parse(source: str, fmt: Format = "text") -> Doc:
    """Mask the markup of `source` and split it into sentences."""
    starts = _line_starts(source)
    if fmt == "markdown":
        text = _mask_markdown(source)
    elif fmt == "html":
        text = _mask_html(source)
    elif "<!--" in source:  # every comment `_COMMENT` masks opens so
        chars = list(source)
        for m in _COMMENT.finditer(source):
            _mask(chars, m.start(), m.end())
        text = "".join(chars)
    else:
        text = source
    whole, ranges = _suppressions(source, starts)
    return Doc(
        source=source,
        text=text,
        lower=flat_lower(text),
        sentences=split_sentences(text),
        line_starts=starts,
        disabled_all=whole,
        disabled_ranges=ranges,
    )
