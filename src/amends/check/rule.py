"""A rule of the rubric: its id, severity, stages, message, citation, examples and matcher."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from amends.check.model import Channel, Severity, Stage
from amends.check.source import Doc, Format


@dataclass(frozen=True)
class Example:
    """A statement (or fragment) that a rule must pass (good) or flag (bad), at a stage."""

    text: str
    stage: Stage = Stage.ACKNOWLEDGE
    fmt: Format = "text"
    channel: Channel | None = None


@dataclass
class Context:
    """What a matcher may consult besides the text: stage, channel, locale and tuning."""

    stage: Stage
    channel: Channel | None = None
    locale: str = "en"
    extra: dict[str, list[str]] = field(default_factory=dict)
    grade_max: float = 8.0
    sentence_words_max: int = 30
    next_update_max_hours: float | None = None

    @property
    def short(self) -> bool:
        """True for SMS and social posts, which carry the smaller required set."""
        return self.channel in (Channel.SMS, Channel.SOCIAL)


#: A content check returns None when the statement satisfies it, else the message to report.
Require = Callable[[Doc, Context], str | None]
#: A pattern check yields (start, end, note) for each offending span.
Forbid = Callable[[Doc, Context], Iterable[tuple[int, int, str]]]


@dataclass
class Rule:
    """One rule of the rubric (data) with its small matcher."""

    id: str
    kind: Literal["require", "forbid"]
    severity: Severity
    stages: frozenset[Stage]
    summary: str
    message: str
    suggestion: str
    citation: str
    good: tuple[Example, ...]
    bad: tuple[Example, ...]
    require: Require | None = None
    forbid: Forbid | None = None
    channels: frozenset[Channel] | None = None  # None: every channel

    def applies(self, stage: Stage, channel: Channel | None) -> bool:
        """True when the rule is checked at this stage on this channel."""
        if stage not in self.stages:
            return False
        return self.channels is None or channel is None or channel in self.channels
