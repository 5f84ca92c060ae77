"""The words of an estimate in each language, from `data/phrases.toml` (English and Spanish).

A locale uses its language's table ("es_US" → es); a missing language or key falls back to
English. Templates hold only wording: every number is filled in from the history.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

PHRASES_FILE = Path(__file__).parent / "data" / "phrases.toml"


class Phrases(BaseModel):
    """Sentence templates, unit names and the plural names of causes and groups."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    language: str
    counts: str
    counts_lasted: str
    fixed_first: str
    fixed_more: str
    and_: str = Field(alias="and")
    fallback: str
    thin: str
    thin_long: str
    thin_short: str
    said: str
    said_interval: str
    said_open: str
    between: str
    between_now: str
    no_estimate: str
    on_date: str
    in_regions: str
    region_join: str
    unit_join: str
    minute: tuple[str, str]
    hour: tuple[str, str]
    day: tuple[str, str]
    all: str
    causes: dict[str, str] = Field(default_factory=dict)
    groups: dict[str, str] = Field(default_factory=dict)

    def cause(self, cause: str) -> str:
        """Plural name of a cause ("fiber cuts"); an unlisted one is named by its category."""
        return self.causes.get(cause) or f"{cause.replace('_', ' ')} outages"

    def group(self, name: str, own: dict[str, str] | None = None) -> str:
        """Plural name of a group: the group's own words, else this table's, else its name."""
        own = own or {}
        return own.get(self.language) or self.groups.get(name) or own.get("en") or name

    def unit(self, n: int, which: str) -> str:
        """ "1 hour", "3 hours" in this language."""
        one, many = getattr(self, which)
        return f"{n} {one if n == 1 else many}"


def _tables() -> dict[str, dict[str, Any]]:
    return tomllib.loads(PHRASES_FILE.read_text(encoding="utf-8"))


@cache
def phrases_for(locale: str = "en") -> Phrases:
    """The phrases for a locale's language (English when the language has none)."""
    tables = _tables()
    lang = locale.replace("-", "_").split("_")[0].lower()
    base = dict(tables["en"])
    own = tables.get(lang, {})
    merged = {**base, **own}
    merged["causes"] = {**base.get("causes", {}), **own.get("causes", {})}
    merged["groups"] = {**base.get("groups", {}), **own.get("groups", {})}
    return Phrases.model_validate({**merged, "language": lang if lang in tables else "en"})


def languages() -> list[str]:
    """Languages with their own table."""
    return sorted(_tables())
