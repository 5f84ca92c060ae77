"""The message catalog of the statement templates: extract every translatable sentence, and
start or update a language's `.po` file (`python -m amends.compose.translations fr`)."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

#: Support-channel kinds translated through the catalog (they come from the record, not a template).
SUPPORT_KINDS = ("phone", "chat", "web", "email", "store")


def template_dir() -> Path:
    """The shipped templates folder."""
    return Path(str(resources.files("amends.compose") / "templates"))


def extract(folder: Path | None = None) -> Catalog:
    """Every message in the templates (Jinja2 `trans` blocks and `_()` calls), as a catalog."""
    cat = Catalog(domain="amends", project="amends", charset="utf-8")
    for fn, lineno, msg, comments, ctx in extract_from_dir(
        str(folder or template_dir()),
        method_map=[("**.j2", "jinja2.ext:babel_extract")],
        options_map={"**.j2": {"extensions": "jinja2.ext.do", "trimmed": "true"}},
    ):
        cat.add(msg, None, [(fn, lineno)], auto_comments=comments, context=ctx)
    for kind in SUPPORT_KINDS:
        cat.add(kind, None, [("support kinds", 0)])
    return cat


def main(argv: list[str]) -> int:
    """Write a `.po` for a language to stdout, with any existing translations merged in."""
    from babel.messages.pofile import read_po, write_po

    if len(argv) != 1:
        print("usage: python -m amends.compose.translations LANG > amends.po", file=sys.stderr)
        return 2
    lang = argv[0]
    template = extract()
    existing = resources.files("amends.compose") / "locale" / lang / "LC_MESSAGES" / "amends.po"
    if existing.is_file():
        with existing.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        catalog.update(template)
    else:
        catalog = Catalog(locale=lang, domain="amends", project="amends")
        catalog.update(template)
    write_po(sys.stdout.buffer, catalog, width=100)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
