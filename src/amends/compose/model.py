"""What compose returns (a checked `Draft`) and the error it raises when facts are missing."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from amends.check.model import FileReport
from amends.errors import InputError

STAGES: tuple[str, ...] = ("acknowledge", "update", "resolve", "explain", "follow_up")
CHANNELS: tuple[str, ...] = ("web", "email", "sms", "social")
StageName = Literal["acknowledge", "update", "resolve", "explain", "follow_up"]
ChannelName = Literal["web", "email", "sms", "social"]
#: Who a statement speaks to: affected customers ("you"; the default) or the public (status page,
#: social posts, press: third person about the customers affected). See `audiences.toml`.
AUDIENCES: tuple[str, ...] = ("customers", "public")
DEFAULT_AUDIENCE = "customers"


class Draft(BaseModel):
    """One statement for one stage, channel and locale, with its check result."""

    stage: StageName
    channel: ChannelName
    locale: str
    audience: str = Field(DEFAULT_AUDIENCE, description="customers (second person) or public")
    subject: str | None = Field(None, description="Email subject / web heading")
    text: str = Field(description="web: Markdown; email: plain text; sms; social")
    html: str | None = Field(None, description="email and web")
    segments: int | None = Field(None, description="SMS segments this text needs")
    encoding: str | None = Field(None, description="SMS encoding: gsm-7 or ucs-2")
    keywords: list[str] = Field(default_factory=list, description="For the page's metadata")
    check: FileReport

    @property
    def ok(self) -> bool:
        """True when the check found no error-severity finding."""
        return not self.check.has_errors


class MissingFacts(InputError):
    """A stage needs facts the incident record does not have yet; `.fields` lists them."""

    def __init__(self, fields: list[str], *, stage: str, path: str | None = None) -> None:
        self.fields = list(fields)
        self.stage = stage
        super().__init__(
            f"cannot draft {stage}: the record is missing {', '.join(self.fields)}; "
            "fill these in the incident file and run again",
            path=path,
        )
