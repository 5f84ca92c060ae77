"""Mechanical fixes: the replacements `amends check --fix` applies and `--format json` carries.

Four kinds, each a pure function of the parsed statement: a generic apology becomes a plain one,
an unfilled slot is filled from configured values or flagged in one form, a clock time without
a zone gets the zone of the record or config, and corporate jargon is replaced from a glossary
kept as data (`glossary.toml`). Offsets are characters into the source file.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from importlib import resources
from zoneinfo import ZoneInfo

from amends.check import compiled
from amends.check import patterns as P
from amends.check.model import Replacement
from amends.check.source import Doc

#: An apology for 'inconvenience' with its subject and tail: the span a plain apology replaces.
GENERIC_CLAUSE = {
    "en": compiled.compile(
        r"(?:\b(?P<subj>we|i)(?:[’']re|[’']m|\s+are|\s+am|[’']d\s+like\s+to|\s+would\s+like\s+to)?\s+"
        r"(?:(?:very|truly|sincerely|deeply|so|really|again)\s+)*)?"
        r"\b(?:sorry|apologi[sz]e|apologies|regret)\s+for\s+(?:any|the)\s+(?:inconvenience|inconveniences|"
        r"trouble|disruption)(?:\s+(?:this\s+)?(?:may\s+have\s+|has\s+)?caused(?:\s+you)?)?",
        re.I,
    ),
    "es": compiled.compile(
        r"\b(?:disculpe|disculpen|disculpad|sentimos|lamentamos)\s+(?:las|cualquier)\s+molestias?"
        r"(?:\s+(?:ocasionadas|causadas))?",
        re.I,
    ),
}
#: What `--fix` does for each rule it can fix (shown in the catalogue).
FIXES = {
    "when": "gives every bare time the zone of the incident record (--record) or of --zone or "
    "[check.fix] zone, when the text states none",
    "generic-apology": "rewrites the apology for 'inconvenience' as a plain one ('We are sorry', "
    "'Lo sentimos')",
    "jargon": "replaces corporate jargon from the glossary (glossary.toml, extended in "
    "[check.fix.glossary]); engineering terms need an explanation and are left alone",
    "placeholder": "fills a slot from [check.fix.values], or flags it as <<FILL IN: name>> "
    "(still an error)",
}
SLOT_NAME = compiled.compile(r"[\[{<%$(]+\s*([^\]}>%)]*?)\s*[\]}>%)]+")


@dataclass(frozen=True)
class FixOptions:
    """What a fix may draw on: the zone to add, slot values and extra glossary terms."""

    zone: str | None = None
    values: tuple[tuple[str, str], ...] = ()
    glossary: tuple[tuple[str, str], ...] = ()


@cache
def builtin_glossary() -> dict[str, str]:
    """The shipped glossary of corporate jargon and its plain words."""
    data = resources.files("amends.check").joinpath("glossary.toml").read_text(encoding="utf-8")
    return {k.lower(): v for k, v in tomllib.loads(data)["glossary"].items()}


def zone_of(time_zone: str, at: datetime) -> str:
    """The abbreviation customers read for an IANA zone at a moment ('AEDT', 'PST'), else UTC±h."""
    name = at.astimezone(ZoneInfo(time_zone)).tzname() or ""
    if re.fullmatch(r"[A-Z]{2,5}", name):
        return name
    offset = at.astimezone(ZoneInfo(time_zone)).utcoffset()
    hours = (offset.total_seconds() / 3600) if offset is not None else 0
    return f"UTC{hours:+g}"


def _make(doc: Doc, start: int, end: int, text: str, *, prose: bool = True) -> Replacement | None:
    """A replacement; for prose, none when markup lies inside the span (the source differs)."""
    if prose and doc.source[start:end] != doc.text[start:end]:
        return None
    line, col = doc.position(start)
    end_line, end_col = doc.position(end)
    return Replacement(
        start=start,
        end=end,
        text=text,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
    )


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:\n"


def generic_apology(
    doc: Doc, start: int, end: int, locale: str, opts: FixOptions
) -> list[Replacement]:
    """'We apologise for any inconvenience caused' becomes 'We are sorry' ('Lo sentimos')."""
    lang = "es" if locale.split("-")[0] == "es" else "en"
    for m in GENERIC_CLAUSE[lang].finditer(doc.text, max(0, start - 40), start + 120):
        if not m.start() <= start < m.end() and not start <= m.start() < start + 40:
            continue
        if lang == "es":
            plain = "lo sentimos"
        elif m.groupdict().get("subj") and m.group("subj").lower() == "i":
            plain = "I am sorry"
        elif m.groupdict().get("subj") or _at_sentence_start(doc.text, m.start()):
            plain = "we are sorry"
        else:
            plain = "are sorry"
        if _at_sentence_start(doc.text, m.start()):
            plain = plain[0].upper() + plain[1:]
        rep = _make(doc, m.start(), m.end(), plain)
        return [rep] if rep else []
    return []


def placeholder(doc: Doc, start: int, end: int, locale: str, opts: FixOptions) -> list[Replacement]:
    """A slot filled from configured values, or flagged as `<<FILL IN: name>>` (still an error)."""
    slot = doc.source[start:end]
    m = SLOT_NAME.fullmatch(slot)
    name = (m.group(1) if m else slot).strip()
    value = {k.lower(): v for k, v in opts.values}.get(name.lower())
    text = value if value is not None else f"<<FILL IN: {name or slot}>>"
    rep = None if text == slot else _make(doc, start, end, text, prose=False)
    return [rep] if rep else []


def zones(doc: Doc, opts: FixOptions) -> list[Replacement]:
    """The zone after every clock time that has none (only when the text states no zone)."""
    if not opts.zone or P.has_tz_time(doc.text):
        return []
    out = []
    for m in P.CLOCK.finditer(doc.text):
        if re.match(r"\s*[–—-]\s*\d", doc.text[m.end() :]):
            continue  # the first time of a range: the zone goes after the second
        at = m.end()
        if m.group(0).endswith(".") and not re.search(r"[ap]\.m\.$", m.group(0), re.I):
            at -= 1  # "1 PM." ends the sentence: the zone goes before the full stop
        rep = _make(doc, at, at, f" {opts.zone}")
        if rep:
            out.append(rep)
    return out


@lru_cache(maxsize=32)
def _glossary(extra: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], re.Pattern[str]]:
    """The glossary with a project's terms, and one pattern for all of its terms."""
    terms = {**builtin_glossary(), **{k.lower(): v for k, v in extra}}
    alts = "|".join(
        re.escape(t).replace(r"\ ", r"\s+") for t in sorted(terms, key=len, reverse=True)
    )
    return terms, re.compile(r"\b(?:" + alts + r")\b", re.I)


def jargon(doc: Doc, start: int, end: int, locale: str, opts: FixOptions) -> list[Replacement]:
    """A corporate term replaced by the glossary's plain words, keeping a capital first letter."""
    terms, rx = _glossary(opts.glossary)
    m = rx.match(doc.text, start)
    if m is None or m.end() > end + 1:
        return []
    plain = terms[" ".join(m.group(0).lower().split())]
    if m.group(0)[0].isupper():
        plain = plain[0].upper() + plain[1:]
    rep = _make(doc, m.start(), m.end(), plain)
    return [rep] if rep else []


def apply(source: str, replacements: list[Replacement]) -> str:
    """The source with the replacements applied; overlapping ones after the first are skipped."""
    out, pos = [], 0
    for r in sorted(replacements, key=lambda r: (r.start, r.end)):
        if r.start < pos:
            continue
        out.append(source[pos : r.start])
        out.append(r.text)
        pos = r.end
    out.append(source[pos:])
    return "".join(out)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of a statement before and after its fixes ('' when nothing changed)."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path.lstrip('/')}",
        tofile=f"b/{path.lstrip('/')}",
    )
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    return text
