"""`[check]` configuration: disable rules, change severity, add phrases, add rules, readability.

Read from `amends.toml` (the `[check]` table); this is the checker's only file input.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from amends.check.model import Severity, Stage
from amends.errors import InputError, read_text


class Readability(BaseModel):
    """Readability thresholds: the highest grade level and the longest sentence, in words."""

    model_config = ConfigDict(extra="forbid")

    grade_max: float = 8.0
    sentence_words_max: int = Field(30, ge=5)


class CustomRule(BaseModel):
    """A rule added in config: phrases or regexes a text must not (forbid) or must have."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    kind: Literal["forbid", "require"] = "forbid"
    severity: Severity = Severity.WARNING
    stages: list[Stage] = Field(default_factory=lambda: list(Stage))
    message: str
    suggestion: str = ""
    citation: str = "project configuration (amends.toml)"
    phrases: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for p in value:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"pattern {p!r} is not a valid regular expression: {exc}") from exc
        return value


class FixConfig(BaseModel):
    """`[check.fix]`: what `--fix` may draw on (the record's zone wins over `zone`)."""

    model_config = ConfigDict(extra="forbid")

    zone: str | None = Field(None, description="zone to add to bare times: 'AEST' or an IANA name")
    values: dict[str, str] = Field(default_factory=dict, description="slot name -> text")
    glossary: dict[str, str] = Field(default_factory=dict, description="jargon -> plain words")


class CheckConfig(BaseModel):
    """Everything a project can tune about `amends check`."""

    model_config = ConfigDict(extra="forbid")

    disable: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    phrases: dict[str, list[str]] = Field(default_factory=dict)
    rules: list[CustomRule] = Field(default_factory=list)
    readability: Readability = Field(default_factory=Readability)
    profile: str | None = None
    fix: FixConfig = Field(default_factory=FixConfig)
    #: The learned reading's warnings (amends.check.learned); false leaves only the patterns.
    learned: bool = True

    def known_ids(self, builtin: set[str]) -> set[str]:
        """Built-in rule ids plus the ids of rules added here."""
        return builtin | {r.id for r in self.rules}

    def validate_ids(self, builtin: set[str]) -> None:
        """Raise ValueError naming any rule id that is neither built in nor added here."""
        known = self.known_ids(builtin)
        for where, ids in (
            ("disable", self.disable),
            ("severity", self.severity),
            ("phrases", self.phrases),
        ):
            unknown = sorted(set(ids) - known - {"all"})
            if unknown:
                raise ValueError(
                    f"[check] {where}: unknown rule id(s) {', '.join(unknown)}; "
                    "see `amends check --list-rules`"
                )


def load_config(path: Path) -> CheckConfig:
    """Read the `[check]` table of a TOML file; a missing table gives the defaults."""
    from amends.check.registry import RULE_IDS

    text = read_text(path, what="config file")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", path=str(path)) from exc
    try:
        config = CheckConfig.model_validate(data.get("check", {}))
        config.validate_ids(set(RULE_IDS))
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise InputError(f"[check] {loc}: {err['msg']}", path=str(path)) from exc
    except ValueError as exc:
        raise InputError(str(exc), path=str(path)) from exc
    return config
