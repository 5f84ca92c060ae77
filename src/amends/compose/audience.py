"""Audiences a statement speaks to (customers: "you"; public: third person), read from
`audiences.toml`, and the third-person rewrite of the record's free text for the public."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from functools import lru_cache
from importlib import resources

from amends.compose import formatting as fmt
from amends.compose.facts import Facts
from amends.compose.model import AUDIENCES, DEFAULT_AUDIENCE
from amends.errors import InputError

#: Free-text facts (from the record, not the templates) rewritten for a third-person audience.
FREE_TEXT = ("symptom", "comp_summary", "comp_how")


@lru_cache(maxsize=1)
def registry() -> dict[str, dict[str, object]]:
    """The shipped audiences table (`audiences.toml`), keyed by audience name."""
    item = resources.files("amends.compose") / "audiences.toml"
    return tomllib.loads(item.read_text(encoding="utf-8"))


def check_audience(name: str) -> str:
    """The audience name if it is one we write for; InputError naming the choices otherwise."""
    if name not in AUDIENCES or name not in registry():
        raise InputError(f"unknown audience {name!r}; use one of {', '.join(AUDIENCES)}")
    return name


def _swaps(audience: str, locale: str) -> list[tuple[re.Pattern[str], str]]:
    table = registry().get(audience, {}).get("third_person", {})
    pairs = table.get(fmt.language(locale), []) if isinstance(table, dict) else []
    return [(re.compile(rf"\b{re.escape(a)}\b", re.I), b) for a, b in pairs]


def third_person(text: str, audience: str, locale: str) -> str:
    """The record's free text as the audience reads it ("on your next bill" -> "on their next
    bill" for the public); unchanged for customers or a language without swaps."""
    for rx, repl in _swaps(audience, locale):
        text = rx.sub(lambda m, r=repl: _same_case(m.group(0), r), text)
    return text


def _same_case(found: str, repl: str) -> str:
    """`repl` with the first letter's case of the word it replaces."""
    return repl[:1].upper() + repl[1:] if found[:1].isupper() else repl


def adapt(f: Facts, audience: str) -> Facts:
    """The facts for an audience: the record's free text rewritten when it is not the default."""
    if audience == DEFAULT_AUDIENCE:
        return f
    changes = {
        name: third_person(value, audience, f.locale)
        for name in FREE_TEXT
        if isinstance(value := getattr(f, name), str)
    }
    return dataclasses.replace(f, **changes)
