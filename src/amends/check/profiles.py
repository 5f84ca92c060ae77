"""Regulation profiles: data files that map a regulation's required items onto rubric rule ids."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from amends.check.model import Severity, Stage
from amends.errors import InputError


class ProfileItem(BaseModel):
    """One required item of a regulation, checked by a rubric rule, with its own message."""

    model_config = ConfigDict(extra="forbid")

    rule: str
    requirement: str
    section: str
    message: str
    severity: Severity | None = None
    stages: list[Stage] | None = None


class ProfileMeta(BaseModel):
    """Which instrument a profile encodes and how it was verified."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    instrument: str
    url: str = ""
    verification: str = ""


class ProfileOptions(BaseModel):
    """Tuning a profile applies to matchers (e.g. the longest gap before the next update)."""

    model_config = ConfigDict(extra="forbid")

    next_update_max_hours: float | None = None
    next_update_max_hours_after_24h: float | None = None


class Profile(BaseModel):
    """A regulation profile: metadata, options and items."""

    model_config = ConfigDict(extra="forbid")

    profile: ProfileMeta
    options: ProfileOptions = Field(default_factory=ProfileOptions)
    item: list[ProfileItem] = Field(default_factory=list)

    def by_rule(self) -> dict[str, list[ProfileItem]]:
        """The items grouped by the rule that checks them."""
        out: dict[str, list[ProfileItem]] = {}
        for it in self.item:
            out.setdefault(it.rule, []).append(it)
        return out


def _profile_files() -> list[str]:
    root = resources.files("amends.check") / "profiles"
    return sorted(p.name[:-5] for p in root.iterdir() if p.name.endswith(".toml"))


def _regime_profiles() -> list[str]:
    """Regulation regimes that say what a customer communication must contain (issue 9: one
    source for both); imported lazily so `check` works on its own."""
    try:
        from amends.regulation import available_regimes, load_regime
    except ImportError:  # pragma: no cover - the regulation package is part of amends
        return []
    return [n for n in available_regimes() if load_regime(n).content]


def available_profiles() -> list[str]:
    """Names of the built-in profiles: the profile files, then the regimes with content rules."""
    files = _profile_files()
    return files + [n for n in _regime_profiles() if n not in files]


@cache
def load_profile(name: str) -> Profile:
    """Load a built-in profile by name; an unknown name is an input error listing the known ones."""
    from amends.check.registry import RULE_IDS

    if name not in available_profiles():
        raise InputError(
            f"unknown profile {name!r}; known profiles: {', '.join(available_profiles())}"
        )
    try:
        if name in _profile_files():
            path = resources.files("amends.check") / "profiles" / f"{name}.toml"
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        else:
            from amends.regulation import check_profile, load_regime

            data = check_profile(load_regime(name))
        profile = Profile.model_validate(data)
    except (ValidationError, tomllib.TOMLDecodeError) as exc:  # pragma: no cover - shipped data
        raise InputError(f"profile {name!r} is invalid: {exc}") from exc
    unknown = {it.rule for it in profile.item} - set(RULE_IDS)
    if unknown:  # pragma: no cover - shipped data
        raise InputError(f"profile {name!r} maps onto unknown rules: {sorted(unknown)}")
    return profile
