"""The fallback ladder, read from `data/groups.toml`: minimum evidence, interval level, the order
of fallback and which causes form a group.

All of it is data; the code only knows how to select past cases for each kind of level
(`amends.eta.estimate.SELECTORS`). The words for causes and groups are in `phrases.toml`.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from amends.errors import InputError

GROUPS_FILE = Path(__file__).parent / "data" / "groups.toml"
LEVEL_KINDS = ("cause_and_region", "cause", "group", "region", "all")


class Group(BaseModel):
    """Causes that tend to take similarly long to repair (e.g. physical damage)."""

    model_config = ConfigDict(extra="forbid")

    causes: list[str] = Field(min_length=1)
    words: dict[str, str] = Field(
        default_factory=dict, description="Language → plural name, overriding phrases.toml"
    )


class Ladder(BaseModel):
    """The fallback configuration: minimum evidence, interval level, levels and groups."""

    model_config = ConfigDict(extra="forbid")

    min_restored: int = Field(8, ge=1)
    level: float = Field(0.8, gt=0, lt=1)
    fallback: list[str] = Field(default_factory=lambda: list(LEVEL_KINDS), min_length=1)
    groups: dict[str, Group] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Ladder:
        bad = [k for k in self.fallback if k not in LEVEL_KINDS]
        if bad:
            raise ValueError(f"unknown fallback level {bad[0]!r}; use {', '.join(LEVEL_KINDS)}")
        seen: dict[str, str] = {}
        for name, group in self.groups.items():
            for cause in group.causes:
                if cause in seen:
                    raise ValueError(f"cause {cause!r} is in groups {seen[cause]} and {name}")
                seen[cause] = name
        return self

    def group_of(self, cause: str) -> str | None:
        """The group holding `cause`, or None when it belongs to no group."""
        return next((n for n, g in self.groups.items() if cause in g.causes), None)


def load_ladder(path: Path | None = None) -> Ladder:
    """Read a groups TOML (default: the packaged `data/groups.toml`)."""
    path = Path(path) if path is not None else GROUPS_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the groups file ({exc.strerror})", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML ({exc}); fix the syntax", path=str(path)) from None
    try:
        return Ladder.model_validate(data)
    except ValueError as exc:
        first = str(exc).splitlines()
        raise InputError(f"{' '.join(first[1:3]).strip()}; fix the file", path=str(path)) from None


@cache
def default_ladder() -> Ladder:
    """The packaged ladder (read once)."""
    return load_ladder()
