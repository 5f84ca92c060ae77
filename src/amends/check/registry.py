# ruff: noqa: E501
"""The rule registry: every rule of the rubric, by id, in catalogue order."""

from __future__ import annotations

from amends.check.content import CONTENT_RULES
from amends.check.readability import READABILITY_RULE
from amends.check.rule import Rule
from amends.check.style import PATTERN_RULES

#: Rule ids exactly as in the design's rubric.
RULE_IDS: tuple[str, ...] = (
    "what", "when", "who", "cause", "eta", "next_update", "apology", "empathy", "ownership", "fix",
    "prevention", "repair", "support", "feedback", "vague", "generic-apology", "non-apology", "blame",
    "excuse", "minimise", "jargon", "placeholder", "readability",
)  # fmt: skip


def builtin_rules() -> dict[str, Rule]:
    """A fresh mapping of the built-in rules (callers may adjust copies, never the originals)."""
    rules = {r.id: r for r in [*CONTENT_RULES, *PATTERN_RULES, READABILITY_RULE]}
    assert tuple(rules) == RULE_IDS, "registry order must follow the rubric"
    return dict(rules)
