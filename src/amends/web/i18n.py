"""Translations of the page chrome (headings, labels, buttons) with Babel gettext, en and es.

The catalogues are `.po` files beside this module, compiled in memory at first use, so the
repository holds only text. Statement bodies are not translated here: compose writes them
per locale.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
#: Locales the chrome is translated into (others fall back to English chrome).
CHROME_LOCALES: tuple[str, ...] = ("en", "es")


@cache
def translations(locale: str) -> NullTranslations:
    """The gettext translations for a locale (English: identity)."""
    lang = locale.replace("_", "-").split("-")[0].lower()
    po = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    if lang not in CHROME_LOCALES or not po.is_file():
        return NullTranslations()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(fp=buf)


def babel_locale(locale: str) -> Locale:
    """The Babel locale for formatting dates and numbers (English when unknown)."""
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def language_name(locale: str) -> str:
    """A locale's name in its own language, e.g. 'español'."""
    loc = babel_locale(locale)
    return loc.get_display_name(loc) or locale
