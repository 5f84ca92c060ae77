# ruff: noqa: E501
"""Infer a statement's stage from what it says, with the reason."""

from __future__ import annotations

import re

from amends.check import compiled
from amends.check.model import Stage, StageGuess

_CUES: list[tuple[Stage, re.Pattern[str], str]] = [
    (
        Stage.FOLLOW_UP,
        compiled.compile(
            r"\b(?:we (?:promised|said we would|committed to)|as (?:we )?promised|(?:have|has) now (?:been )?"
            r"(?:finished|completed|done|installed|built)|is now (?:in place|live|complete|done)|we kept|"
            r"we missed (?:the|our) (?:date|deadline)|(?:long-term )?fixes we promised)\b",
            re.I,
        ),
        "it reports on promised long-term fixes",
    ),
    (
        Stage.EXPLAIN,
        compiled.compile(
            r"\b(?:why (?:it|this) happened|what happened\b|root cause|contributing factors?|what we are "
            r"changing|timeline|post-incident|full explanation|we owe you an explanation)\b",
            re.I,
        ),
        "it explains why the outage happened",
    ),
    (
        Stage.RESOLVE,
        compiled.compile(
            r"\b(?:(?:has|have|was|were) (?:been |now |fully )*(?:restored|resolved|fixed)|(?:is|are) (?:now )?"
            r"(?:back|working (?:normally|again))|back to normal|service returned|returned to normal)\b",
            re.I,
        ),
        "it says service has been restored",
    ),
    (
        Stage.UPDATE,
        compiled.compile(
            r"\b(?:update:|latest update|(?:still|continue to be|remain) (?:down|unavailable|affected|failing|"
            r"working)|progress|so far|since our last update|we have now|crews? (?:are|have) (?:on site|"
            r"reached))\b",
            re.I,
        ),
        "it reports progress on an ongoing outage",
    ),
]


def infer_stage(text: str) -> StageGuess:
    """The most advanced stage whose cues the text shows; `acknowledge` when none do."""
    hits = {stage: (rx.search(text), why) for stage, rx, why in _CUES}
    follow, explain = hits[Stage.FOLLOW_UP][0], hits[Stage.EXPLAIN][0]
    words = len(text.split())
    for stage in (Stage.FOLLOW_UP, Stage.EXPLAIN, Stage.RESOLVE, Stage.UPDATE):
        m, why = hits[stage]
        if not m:
            continue
        if stage is Stage.FOLLOW_UP and not (follow and (explain or words > 40)):
            continue
        if stage is Stage.EXPLAIN and words < 120:
            continue  # a short post that says "what happened" is not the full explanation
        return StageGuess(stage=stage, reason=f"{why} ('{m.group(0)}')", inferred=True)
    return StageGuess(
        stage=Stage.ACKNOWLEDGE,
        reason="no sign of restoration, progress or explanation: an acknowledgement",
        inferred=True,
    )
