"""Gettext catalogs (one `.po` per language, compiled in memory with Babel) and the Jinja2
environment that renders the statement templates, with a user folder that overrides ours."""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from amends.compose import formatting as fmt
from amends.errors import InputError

DOMAIN = "amends"


def _catalog_text(lang: str, templates: Path | None) -> tuple[str, str] | None:
    """The `.po` text for a language: the user's folder first, then the shipped catalogs."""
    if templates is not None:
        own = templates / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if own.is_file():
            return own.read_text(encoding="utf-8"), str(own)
    item = resources.files("amends.compose") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if item.is_file():
        return item.read_text(encoding="utf-8"), f"<built-in {lang} catalog>"
    return None


def available_languages() -> list[str]:
    """Languages with a shipped catalog."""
    root = resources.files("amends.compose") / "locale"
    return sorted(p.name for p in root.iterdir() if p.is_dir())


@lru_cache(maxsize=32)
def translations(lang: str, templates: Path | None = None) -> gettext.NullTranslations:
    """The compiled catalog for a language (`.po` read and compiled to `.mo` in memory)."""
    found = _catalog_text(lang, templates)
    if found is None:
        raise InputError(
            f"no translation catalog for language {lang!r}; shipped: "
            f"{', '.join(available_languages())}. Add locale/{lang}/LC_MESSAGES/{DOMAIN}.po "
            "to your template folder"
        )
    text, source = found
    try:
        catalog = read_po(io.StringIO(text), locale=lang, domain=DOMAIN)
    except Exception as exc:  # babel raises several types on a broken catalog
        raise InputError(f"cannot read the catalog ({exc})", path=source) from exc
    if lang != "en":
        _require_complete(catalog, source)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def _require_complete(catalog: object, source: str) -> None:
    """Refuse a catalog that would let English sentences into another language's statement."""
    from amends.compose.translations import extract

    have = {
        (m.id if isinstance(m.id, str) else m.id[0]): m
        for m in catalog  # type: ignore[attr-defined]
        if m.id
    }
    gaps = []
    for msg in extract():
        key = msg.id if isinstance(msg.id, str) else msg.id[0]
        if not key:
            continue
        found = have.get(key)
        strings = (
            []
            if found is None
            else ([found.string] if isinstance(found.string, str) else list(found.string))
        )
        if found is None or found.fuzzy or not strings or not all(strings):
            gaps.append(key)
    if gaps:
        raise InputError(
            f"the catalog leaves {len(gaps)} message(s) untranslated (first: {gaps[0]!r}); "
            "translate every msgstr (python -m amends.compose.translations LANG merges new ones)",
            path=source,
        )


def _capfirst(text: object) -> str:
    s = str(text)
    return s[:1].upper() + s[1:]


def _sentence(text: object) -> str:
    s = _capfirst(str(text).strip())
    if s and s[-1] not in ".!?":
        s += "."
    return s


@lru_cache(maxsize=32)
def environment(locale: str, templates: Path | None = None) -> jinja2.Environment:
    """A Jinja2 environment for one locale: i18n installed, locale-aware filters, strict."""
    lang = fmt.language(locale)
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        if not templates.is_dir():
            raise InputError("template folder not found", path=str(templates))
        loaders.append(jinja2.FileSystemLoader(str(templates)))
    loaders.append(jinja2.PackageLoader("amends.compose", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
        trim_blocks=False,
        lstrip_blocks=True,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(translations(lang, templates), newstyle=True)  # type: ignore[attr-defined]
    babel_loc = fmt.babel_locale(locale)
    env.filters["capfirst"] = _capfirst
    env.filters["sentence"] = _sentence
    env.filters["prose"] = lambda items: fmt.plain(format_list(list(items), locale=babel_loc))
    env.filters["prose_or"] = lambda items: fmt.plain(
        format_list(list(items), style="or", locale=babel_loc)
    )
    return env
