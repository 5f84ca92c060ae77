"""SMS length: GSM-7 (160 characters a segment, 153 when split) or UCS-2 (70, 67 when split)."""

from __future__ import annotations

import math

#: The GSM 03.38 basic character set (one septet each).
GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
#: The extension table (two septets each: escape + character).
GSM_EXTENDED = "^{}\\[~]|€\f"
_BASIC = frozenset(GSM_BASIC)
_EXT = frozenset(GSM_EXTENDED)


def is_gsm7(text: str) -> bool:
    """True when every character fits the GSM-7 alphabet (basic or extension table)."""
    return all(c in _BASIC or c in _EXT for c in text)


def segments(text: str) -> tuple[int, str]:
    """How many SMS segments the text needs, and the encoding ('gsm-7' or 'ucs-2')."""
    if is_gsm7(text):
        septets = sum(2 if c in _EXT else 1 for c in text)
        return (1 if septets <= 160 else math.ceil(septets / 153)), "gsm-7"
    units = len(text.encode("utf-16-le")) // 2
    return (1 if units <= 70 else math.ceil(units / 67)), "ucs-2"
