"""The checker's data: stages, channels, severities, findings and per-file reports."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class Stage(StrEnum):
    """The stage of an outage statement, in publishing order."""

    ACKNOWLEDGE = "acknowledge"
    UPDATE = "update"
    RESOLVE = "resolve"
    EXPLAIN = "explain"
    FOLLOW_UP = "follow_up"


ALL_STAGES: frozenset[Stage] = frozenset(Stage)
ONGOING: frozenset[Stage] = frozenset({Stage.ACKNOWLEDGE, Stage.UPDATE})
AFTER: frozenset[Stage] = frozenset({Stage.RESOLVE, Stage.EXPLAIN})


class Channel(StrEnum):
    """Where a statement is published; short channels carry a smaller required set."""

    WEB = "web"
    EMAIL = "email"
    SMS = "sms"
    SOCIAL = "social"
    NOTICE = "notice"


SHORT_CHANNELS: frozenset[Channel] = frozenset({Channel.SMS, Channel.SOCIAL})
CHANNEL_LIMITS: dict[Channel, int] = {Channel.SMS: 160, Channel.SOCIAL: 280}


class Severity(StrEnum):
    """How much a finding matters: only `error` makes `amends check` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_WEIGHT: dict[Severity, int] = {Severity.ERROR: 15, Severity.WARNING: 6, Severity.INFO: 2}


class Replacement(BaseModel):
    """Replace `source[start:end]` by `text`: 0-based character offsets (end exclusive), with the
    1-based line and column of both ends, so editors and the console can offer the fix."""

    start: int
    end: int
    text: str
    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1


class Finding(BaseModel):
    """One problem in one statement, located in the source (1-based line and column)."""

    path: str = "-"
    line: int = 1
    column: int = 1
    rule: str
    severity: Severity
    message: str
    suggestion: str = ""
    citation: str = ""
    replacements: list[Replacement] = Field(default_factory=list)


class StageGuess(BaseModel):
    """The stage a statement was checked as, and why (given, or inferred from the text)."""

    stage: Stage
    reason: str
    inferred: bool = False


class Withheld(BaseModel):
    """A missing-element error held back: no pattern found the element, but the learned reading
    finds it stated (`score`: how likely it is missing; `evidence`: the words that said so)."""

    rule: str
    score: float
    evidence: list[str] = Field(default_factory=list)

    @property
    def likely(self) -> str:
        """The score as a person reads it: "12%", or "under 1%" where it rounds to nothing."""
        return "under 1%" if self.score < 0.005 else f"{self.score:.0%}"


class FileReport(BaseModel):
    """Every finding for one statement, its stage and a 0–100 score."""

    path: str = "-"
    stage: Stage
    stage_reason: str = ""
    channel: Channel | None = None
    locale: str = "en"
    score: int = 100
    findings: list[Finding] = Field(default_factory=list)
    #: Missing-element errors the learned reading held back; they count for nothing.
    withheld: list[Withheld] = Field(default_factory=list)
    words: int = 0
    grade: float | None = None

    @property
    def has_errors(self) -> bool:
        """True when any finding has error severity (the CLI then exits 1)."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    def rule_ids(self) -> set[str]:
        """The ids of the rules that fired."""
        return {f.rule for f in self.findings}
