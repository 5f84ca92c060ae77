# ruff: noqa: E501
"""Shared regular expressions: clock times, time zones, dates, counts, links and contacts."""

from __future__ import annotations

import re

from amends.check import compiled
from amends.check.lowercase import flat_lower, suited, word_rx

TZ_ABBREVIATIONS = [
    "UTC",
    "GMT",
    "Z",
    "PST",
    "PDT",
    "PT",
    "MST",
    "MDT",
    "MT",
    "CST",
    "CDT",
    "CT",
    "EST",
    "EDT",
    "ET",
    "AKST",
    "AKDT",
    "HST",
    "AST",
    "ADT",
    "NST",
    "NDT",
    "AEST",
    "AEDT",
    "ACST",
    "ACDT",
    "AWST",
    "AWDT",
    "NZST",
    "NZDT",
    "BST",
    "IST",
    "CET",
    "CEST",
    "EET",
    "EEST",
    "WET",
    "WEST",
    "MSK",
    "JST",
    "KST",
    "SGT",
    "HKT",
    "PHT",
    "WIB",
    "ICT",
    "CLT",
    "ART",
    "BRT",
    "COT",
    "PET",
    "VET",
    "MEZ",
    "MESZ",
]
_TZ = r"(?:" + "|".join(sorted(TZ_ABBREVIATIONS, key=len, reverse=True)) + r"|(?-i:AT))"
#: Zones in words, as people write them after a time: "2 p.m. Eastern", "9am Sydney time",
#: "Australian Eastern Standard Time", "(hora peninsular)", "(hora del centro de México)".
#: Capitalised names are matched case-sensitively, so "next time" or "central" are not zones.
_ZONE_WORDS = (
    r"(?:(?-i:(?:Australian\s+)?(?:Eastern|Pacific|Central|Mountain|Atlantic|Western|Alaska|Hawaii|"
    r"Newfoundland|Greenwich\s+Mean|British\s+Summer|Coordinated\s+Universal)(?:\s+(?:Standard|Daylight|"
    r"Summer))?)(?:\s+[Tt]ime)?\b|(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+time\b|"
    # (round 26: "horario del centro", and "h. peninsular" after the hour, "de 9:00 a 14:20 h.
    # peninsular")
    r"(?:(?:hora|horario|tiempo)\s+|h\.\s*)(?:peninsular|canaria|oficial|local\s+de\s+\w+|del\s+(?:centro|este|pacífico)(?:\s+de\s+méxico)?|"
    r"de(?:l|\s+la)?\s+(?-i:[A-ZÁÉÍÓÚ][\wáéíóúñ]+)(?:\s+(?:de\s+)?(?-i:[A-ZÁÉÍÓÚ][\wáéíóúñ]+))*)|"
    # a country or region in capitals ("UK time") and Spain's own adjectives ("horas peninsulares")
    r"(?-i:[A-Z]{2,3})\s+time\b|\b(?:peninsulares|canarias)\b|"
    # a country's own adjective: "hora colombiana", "hora argentina", "horario peruano"
    r"(?:hora|horario)\s+(?!temprana\b)[a-záéíóú]+(?:ana|ano|ina|ino|eña|eño|esa|ense|ena|eno|aya|ayo)\b)"
)
_OFFSET = r"(?:(?:UTC|GMT)\s?[+−-]\s?\d{1,2}(?::?\d{2})?|[+−-]\d{2}:?\d{2})"
#: (Round 35, the speed session: the three forms that open with a digit look ahead for it once,
#: the same matches, tried in the same order: "more", "no" and "network" pass them at one test.)
_CLOCK = r"(?:\b(?=\d)(?:(?:[01]?\d|2[0-3])[:.h][0-5]\d(?:\s?(?:[ap]\.?\s?m\.?))?|(?:[01]?\d|2[0-3])\s?hs\b|(?:1[0-2]|0?[1-9])\s?(?:[ap]\.?m\b\.?))|\b(?:noon|midday|midnight|mediodía|medianoche)\b)"

#: An unfilled slot of a template ("[DATE]", "{{amount}}", "<<name>>"): the forms the `placeholder`
#: rule reads first (in any case there), and the ones `repair` will not take for an amount or a
#: date (`SLOT`: a bracketed slot in capitals, as templates write them).
SLOT_FORMS = r"\[[A-Z][^\]\n]{0,120}\](?!\()|\{\{[^}\n]*\}\}|<<[^>\n]+>>"
SLOT = compiled.compile(SLOT_FORMS)

#: A clock time, with or without a zone.
CLOCK = compiled.compile(_CLOCK, re.I)
#: A clock time followed by a zone abbreviation or a UTC offset (the zone may follow a range).
CLOCK_TZ = compiled.compile(
    _CLOCK + r"(?:\s*(?:[–—-]|to|and|until|y|a|hasta)\s*" + _CLOCK + r")?"
    r"\s*(?:\(?\s*(?:" + _OFFSET + r"|\b" + _TZ + r"\b|" + _ZONE_WORDS + r")\s*\)?)",
    re.I,
)
#: A zone stated once for every time in the text: "All times are in UTC", "(times are GMT)",
#: "all times below are AEDT", "all times Pacific", "todas las horas en hora peninsular".
ZONE_DECLARED = compiled.compile(
    r"\b(?:all\s+)?times\s+(?:below\s+|here\s+|in\s+this\s+\w+\s+)?(?:are\s+|given\s+)?(?:in\s+)?(?:"
    + _OFFSET
    + r"|\b"
    + _TZ
    + r"\b|"
    + _ZONE_WORDS
    + r")|\b(?:todas\s+las\s+horas|todos\s+los\s+horarios)\s+(?:son\s+|están\s+)?(?:en\s+)?(?:horario\s+)?(?:"
    + _TZ
    + r"\b|"
    + _ZONE_WORDS
    # (round 30: "todas las horas son del centro", "todos los horarios son de Argentina")
    + r"|(?:del|de\s+la)\s+(?:centro|península|este|pacífico)\b|de\s+(?-i:[A-ZÁÉÍÓÚ][\wáéíóúñ]+)"
    + r")"
    # the hours named by the place they are kept in: "las horas que damos son las de la península"
    r"|\blas\s+horas\s+(?:[\wáéíóúñ]+\s+){0,3}?son\s+(?:las\s+)?(?:de\s+)?(?:la\s+)?(?:península|canarias|"
    r"(?-i:[A-ZÁÉÍÓÚ][\wáéíóúñ]+))\b",
    re.I,
)
#: Round 9: a zone alone in brackets in the opening sentence, before any time, as a heading gives
#: it for the whole text ("Our report on the Ames outage of June 2 (Central time).", "Informe del
#: apagón de Rosario (hora argentina).", "Resumen de la caída en Lima (hora de Perú)").
ZONE_HEADING = compiled.compile(
    r"[^.!?\n:]{0,120}?\(\s*(?:" + _TZ + r"\b|" + _ZONE_WORDS + r")\s*\)",
    re.I,
)
#: A zone written anywhere shortly after a time in the same sentence, not only right after it:
#: "from 1:30 p.m. on November 9 until 7:10 a.m. on November 10, Eastern time", "from 09:40 on
#: Tuesday to 14:20 on Wednesday, GMT". Abbreviations count here only in capitals ("west London"
#: is not a zone) and offsets only with UTC or GMT (a phone number is not an offset).
ZONE_NEAR = compiled.compile(
    r"(?:(?:UTC|GMT)\s?[+−-]\s?\d{1,2}(?::?\d{2})?|(?-i:\b(?:"
    + "|".join(sorted(TZ_ABBREVIATIONS, key=len, reverse=True))
    + r"|AT)\b)|"
    + _ZONE_WORDS
    + r")",
    re.I,
)
#: Where a sentence ends, for the window after a time ("7:10 a.m. Monday" does not end one).
_SENTENCE_END = compiled.compile(r"(?<!\.m)(?<!\b[ap]m)[.!?]\s+(?-i:[A-Z¿¡])|;|\n\s*\n")
#: How far after a time its zone may be written.
ZONE_WINDOW = 70
#: A start time that is an unfilled slot: "Since [start time] AEST", "Between [START TIME] and
#: 4:20 PM ET", "desde las [hora]" give no start time, whatever zone follows.
SLOT_START = compiled.compile(
    # a slot in any template's brackets: "[start time]", "<START TIME>", "{{hora}}"
    r"\b(?:since|from|between|starting(?: at)?|desde|entre)\s+(?:the\s+|las?\s+)?(?:\[[^\]\n]{1,40}\]|<[^>\n]{1,40}>|"
    r"\{\{?[^}\n]{1,40}\}\}?)",
    re.I,
)
#: ISO 8601 date-times with a zone.
ISO_TZ = compiled.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})\b")
#: A time expression in the future ("in 2 hours", "by 9 PM", "within 30 minutes", "tonight").
RELATIVE = compiled.compile(
    r"\b(?:in|within|every|after|before|by)\s+(?:about\s+|around\s+)?(?:an?|one|two|three|four|six|"
    r"\d+(?:\.\d+)?)\s*(?:hours?|hrs?|minutes?|mins?|days?)\b|\b(?<!later )(?<!sometime )(?<!some time )(?:tonight|tomorrow|this (?:morning|"
    r"afternoon|evening))\b|\ben\s+(?:\d+|una?|dos|tres)\s+(?:horas?|minutos?)\b|\bcada\s+\d+\s+horas\b|"
    # round 36: "every half hour", "cada media hora"
    r"\bevery\s+half[ -]?(?:an\s+)?hour\b|\bcada\s+media\s+hora\b",
    re.I,
)
MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|octubre|noviembre|diciembre)"
)
#: A day and a month in either order ("3 March", "March 3rd", "1st June"; round 37).
DAY_MONTH = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+" + MONTHS + r"|" + MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?)"
)
#: A deadline: "by 30 June", "by March 2027", "by the end of May", "by Q3", "within 60 days",
#: "desde el 1 de junio".
DEADLINE = compiled.compile(
    # (round 20: a line break may fall inside the phrase, "A partir / del 1 de abril")
    r"\b(?:by|before|until|no\s+later\s+than|from|starting|as\s+of|antes\s+del?|para\s+el|para|a\s+partir\s+del?|desde)\s+(?:the\s+)?"
    r"(?:end\s+of\s+|mid-?\s*|el\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:de\s+)?"
    + MONTHS
    + r"|"
    + MONTHS
    + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
    r"|q[1-4]|\d{4}-\d{2}-\d{2}|next\s+(?:week|month|year|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"this\s+(?:month|quarter|year))|\bwithin\s+\d+\s+(?:days|weeks|months)\b|\ben\s+\d+\s+(?:días|semanas)\b|"
    # round 20: a date given as an event's ("before the next match on 14 March", "antes del partido
    # del 14 de marzo", "desde el partido del 21 de septiembre")
    r"\b(?:before|by|from)\s+(?:the|our)\s+(?:next\s+)?(?:[\w-]+\s+){1,3}?on\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+"
    + MONTHS
    + r"|"
    + MONTHS
    + r"\s+\d{1,2})\b|"
    r"\b(?:antes\s+del|desde\s+el|a\s+partir\s+del)\s+(?:próximo\s+)?(?:[\w-]+\s+){1,3}?del?\s+\d{1,2}\s+de\s+"
    + MONTHS
    + r"\b",
    re.I,
)
#: A number: 38,214 / 38 214 / 12.5 / 40% / 1.2 million.
NUMBER = r"(?:\d{1,3}(?:[,. ]\d{3})+|\d+(?:\.\d+)?)(?:\s?(?:%|per ?cent|million|billion|thousand|mil|millones))?"
URL = compiled.compile(
    r"\bhttps?://[^\s<>\"')]+|\bwww\.[^\s<>\"')]+|"
    # a domain with a path, under a generic or any country's two-letter ending ("ejemplo.com.ve/...");
    # each name taken whole (`++`: a '.' can only follow all of it), so a word that is no domain
    # fails at its end instead of giving back one character at a time
    r"\b[\w-]++\.(?:[\w-]++\.)*(?:com|net|org|io|info|[a-z]{2})/[^\s<>\"')]*",
    re.I,
)


def find_url(text: str) -> re.Match[str] | None:
    """The first link in the text (`URL`). Every link holds a '/' or 'www.': a text with neither
    is not searched (most sentences; the search tries every word as a domain's first name)."""
    if "/" not in text and "www." not in flat_lower(text):
        return None
    return suited(URL, text).search(text)


EMAIL = compiled.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
#: A phone number: not part of a longer number or a time. Its first character ('+' or a digit)
#: is read before any branch, which tells it apart by a look-behind: a pattern that opens with a
#: character class is searched only where one of its characters stands (`re` skips the rest of
#: the text in one loop), where a pattern that opens with a choice is tried at every character.
PHONE = compiled.compile(
    r"[+\d](?:(?<=\+)(?<![\d:]\+)\d[\d\s().-]{5,}\d|(?<=\d)(?<![\d:]\d)[\d\s().-]{5,}\d|"
    r"(?<=\d)(?<![\w:]\d)\d\d\b(?=\s+(?:from|at|any|24|or)))(?![\d:])"
)


# Patterns whose every alternative starts a word: checked at word starts only (`lowercase.word_rx`).
CLOCK, CLOCK_TZ, ZONE_DECLARED, RELATIVE, DEADLINE, ISO_TZ = (
    word_rx(rx) for rx in (CLOCK, CLOCK_TZ, ZONE_DECLARED, RELATIVE, DEADLINE, ISO_TZ)
)


def has_tz_time(text: str) -> bool:
    """True when the text gives a clock time with a zone (right after it, or a few words later in
    the same sentence), an ISO time with an offset, or times under a zone stated once."""
    if suited(CLOCK_TZ, text).search(text) or suited(ISO_TZ, text).search(text):
        return True
    clock = suited(CLOCK, text)
    if (ZONE_DECLARED.search(text) or ZONE_HEADING.match(text)) and clock.search(text):
        return True
    for m in clock.finditer(text):
        window = text[m.end() : m.end() + ZONE_WINDOW]
        end = _SENTENCE_END.search(window)
        if ZONE_NEAR.search(window[: end.start()] if end else window):
            return True
    return False


def slot_time(text: str) -> bool:
    """True when the start time is an unfilled slot ("since [start time] AEST")."""
    return ("[" in text or "<" in text or "{" in text) and SLOT_START.search(text) is not None


#: Round 9: the rest of the outage's span left as a slot: the end time of a range ("from 9am to
#: [END TIME]", "de 9:00 a [HORA]"), or the date right after the times ("11:10 a.m. Eastern on
#: [DATE]"; not a deadline further on, "by [DATE]").
SLOT_SPAN = compiled.compile(
    r"\b(?:to|until|till|and|hasta|a|y)\s+(?:the\s+|las?\s+)?(?:\[[^\]\n]{0,20}(?:time|hora|end|fin)[^\]\n]{0,20}\]|"
    r"<[^>\n]{0,20}(?:time|hora|end|fin)[^>\n]{0,20}>|\{\{?[^}\n]{0,20}(?:time|hora|end|fin)[^}\n]{0,20}\}\}?)|"
    + _CLOCK
    + r"[^\n\[]{0,30}?\b(?:on|el|del)\s+\[[^\]\n]{0,12}(?:date|fecha|day|día)[^\]\n]{0,12}\]",
    re.I,
)


def slot_span(text: str) -> bool:
    """True when the end time or the date of the outage is an unfilled slot."""
    return "[" in text and SLOT_SPAN.search(text) is not None


#: Round 20: the cause left as a slot ("The fault was caused by [ROOT CAUSE]", "[CAUSA]",
#: "{{causa}}", "<<cause>>"); round 23: a slot for the reason, or any slot where the cause goes.
SLOT_CAUSE = compiled.compile(
    r"\[(?:root )?caus[ea][^\]\n]{0,40}\]|\{\{\s*(?:root_?)?caus[ea]\w*\s*\}\}|<<\s*caus[ea][^>\n]{0,40}>>|"
    # round 23: a slot for the reason or the fault ("[REASON]", "[fault type]", "[MOTIVO]"), or any
    # slot right after the words that give a cause ("caused by [X]", "debido a {{x}}")
    r"\[(?:reason|fault(?: type)?|motivo|raz[oó]n)\]|"
    r"\b(?:caused\s+by|due\s+to|because\s+of|the\s+result\s+of|debido\s+a|causad[oa]\s+por|se\s+debi[oó]\s+a)\s+"
    r"(?:an?\s+|the\s+|un\s+|una\s+|el\s+|la\s+)?(?:\[[^\]\n]{1,40}\]|\{\{[^}\n]{1,40}\}\}|<<[^>\n]{1,40}>>)",
    re.I,
)


def slot_cause(text: str) -> bool:
    """True when the cause is an unfilled slot (looked for only where a slot can open)."""
    return ("[" in text or "{" in text or "<<" in text) and SLOT_CAUSE.search(text) is not None


def count_times(text: str) -> int:
    """How many clock times the text gives (an ISO time only where a '-' and a ':' stand)."""
    iso = len(suited(ISO_TZ, text).findall(text)) if "-" in text and ":" in text else 0
    return len(suited(CLOCK, text).findall(text)) + iso
