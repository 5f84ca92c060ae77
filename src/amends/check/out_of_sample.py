"""Each rule's standing on the labelled sets nobody has tuned on (`out_of_sample.toml`).

The honest figure for a rule is the one on statements its patterns and its learned reading were
never fitted to: the blind sets `make eval` lists as never tuned on, pooled. They are measured once
per round, recorded here with the revision measured, and each rule below the 0.95 floor says why
(issue 19: "where a rule cannot get there, say why in docs/rules.md"). `docs/rules.md` shows the
record under each rule; `make eval` fails where the live figures fall below it.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from amends.check.evaluate import RuleScore

FILE = "out_of_sample.toml"
FLOOR = 0.95


class Standing(RuleScore):
    """One rule's counts pooled over the never-tuned sets (precision and recall as `RuleScore`),
    and why it is below the floor."""

    model_config = ConfigDict(extra="forbid")

    rule: str = ""
    why: str = ""


class OutOfSample(BaseModel):
    """The record: which sets, measured on which revision, and every rule's standing."""

    model_config = ConfigDict(extra="forbid")

    measured: str
    date: str
    round: int
    sets: tuple[str, ...]
    statements: int
    exact: int
    rules: dict[str, Standing]

    def below(self, rule: str) -> bool:
        """True when the rule's recorded precision or recall is under the floor."""
        s = self.rules[rule]
        return s.precision < FLOOR or s.recall < FLOOR

    def line(self, rule: str) -> str:
        """The rule's standing as `docs/rules.md` prints it."""
        s = self.rules[rule]
        where = (
            f"{self.sets[0]}-{self.sets[-1].removeprefix('blind')}"
            if len(self.sets) > 1
            else self.sets[0]
        )
        alarms = "1 false alarm" if s.fp == 1 else f"{s.fp} false alarms"
        figure = (
            f"precision {s.precision:.3f}, recall {s.recall:.3f} ({s.tp} found, {alarms}, "
            f"{s.fn} missed) on {where}, {self.statements} statements nobody tuned on, "
            f"round {self.round} (measured at {self.measured}, {self.date})"
        )
        if not self.below(rule):
            return f"{figure}."
        return f"{figure}. Below the floor: {' '.join(s.why.split())}"


@cache
def out_of_sample() -> OutOfSample:
    """The shipped record, read once."""
    text = resources.files("amends.check").joinpath(FILE).read_text(encoding="utf-8")
    return OutOfSample.model_validate(tomllib.loads(text))
