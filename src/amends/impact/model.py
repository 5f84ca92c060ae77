"""The impact report: windows with their scope and counts, the events seen, the baseline used.

`ImpactReport` is what `impact.json` holds (times in UTC, `end` null while ongoing);
`ImpactResult` adds the per-subscriber table and the minute series the chart draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field, model_validator

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


class ScopeEntry(BaseModel):
    """One affected (region, service) in a window, counted over the window's [start, end)."""

    model_config = ConfigDict(extra="forbid")

    region: str
    service: str
    attempts: int = Field(description="Call attempts recorded in the window")
    failures: int = Field(description="Network failures among them")
    failure_rate: float = Field(description="failures / attempts (0 when no attempts)")
    baseline_failure_rate: float = Field(description="Attempt-weighted baseline failure rate")
    excess_failures: float = Field(description="failures − attempts × baseline rate")
    expected_attempts: float = Field(description="Attempts the baseline expected in the window")
    ner: float | None = Field(description="Network effectiveness ratio: 1 − failures / attempts")


class Window(BaseModel):
    """One outage window: when, what kind, which (region, service) pairs, how many hit."""

    model_config = ConfigDict(extra="forbid")

    id: str
    kind: Literal["failures", "silence"]
    start: datetime = Field(description="First affected minute (UTC)")
    end: datetime | None = Field(description="End of the last affected minute; null: ongoing")
    duration_minutes: int
    regions: list[str]
    services: list[str]
    scope: list[ScopeEntry]
    subscribers_affected: int = Field(
        description="Distinct subscribers with ≥1 network failure in the window and scope"
    )
    failed_attempts: int = Field(description="Network failures in the window and scope")
    missing_attempts: float = Field(
        description="silence: expected − recorded attempts over the scope (0 for failures)"
    )


class EventsSummary(BaseModel):
    """What the analysis read: counts and the time range covered."""

    model_config = ConfigDict(extra="forbid")

    attempts: int
    network_failures: int
    start: datetime | None = Field(description="First minute with events (UTC)")
    end: datetime | None = Field(description="End of the last minute with events (UTC)")
    minutes: int
    regions: list[str]
    services: list[str]

    @model_validator(mode="before")
    @classmethod
    def _legacy(cls, data: Any) -> Any:
        """Earlier reports also counted every subscriber with any failure; that
        needed a full scan of the subscriber column and is no longer measured (ignored)."""
        if isinstance(data, dict) and "subscribers_with_failures" in data:
            data = {k: v for k, v in data.items() if k != "subscribers_with_failures"}
        return data


class BaselineInfo(BaseModel):
    """How the baseline was formed, so a reader can judge it."""

    model_config = ConfigDict(extra="forbid")

    mode: str
    sources: dict[str, int] = Field(
        description="(region, service) minutes whose reference came from each source"
    )
    comparable_half_width_minutes: int
    volume_reference_minutes: int
    rate_reference_minutes: int
    overall_failure_rate: float = Field(description="Failure rate outside flagged minutes")
    method: str


class ImpactReport(BaseModel):
    """The content of `impact.json`."""

    model_config = ConfigDict(extra="forbid")

    windows: list[Window]
    events: EventsSummary
    baseline: BaselineInfo


#: Arrow schema of `subscribers.parquet`: one row per (window, affected subscriber, region).
SUBSCRIBERS_SCHEMA = pa.schema(
    [
        pa.field("window", pa.string(), nullable=False),
        pa.field("subscriber", pa.string(), nullable=False),
        pa.field("region", pa.string(), nullable=False),
        pa.field("failed_attempts", pa.int64(), nullable=False),
        pa.field("first_failure", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("last_failure", pa.timestamp("us", tz="UTC"), nullable=False),
    ]
)


@dataclass(frozen=True)
class MinuteSeries:
    """What detection saw: dense (pair, minute) arrays with their baseline, for the chart.

    Row p of every array is `pairs[p]` (sorted (region, service)); column i is the minute
    `start_minute + i` (minutes since the epoch, UTC).
    """

    pairs: list[tuple[str, str]]
    start_minute: int
    attempts: np.ndarray
    failures: np.ndarray
    expected: np.ndarray
    baseline_rate: np.ndarray


@dataclass(frozen=True)
class ImpactResult:
    """The report, the per-subscriber table and the dense minute series (for the chart)."""

    report: ImpactReport
    subscribers: pa.Table
    minutes: MinuteSeries | None  # None when there were no events

    @property
    def series(self) -> pd.DataFrame:
        """The minute series as one long pandas frame (built on demand: the CLI never needs it).

        Columns: region, service, time (UTC), attempts, failures, expected, baseline_rate.
        """
        import numpy as np
        import pandas as pd

        m = self.minutes
        if m is None:
            return pd.DataFrame()
        t = m.attempts.shape[1]
        minutes = np.tile(m.start_minute + np.arange(t), len(m.pairs))
        return pd.DataFrame(
            {
                "region": np.repeat([r for r, _ in m.pairs], t),
                "service": np.repeat([s for _, s in m.pairs], t),
                "time": pd.to_datetime(minutes * 60, unit="s", utc=True),
                "attempts": m.attempts.ravel(),
                "failures": m.failures.ravel(),
                "expected": m.expected.ravel(),
                "baseline_rate": m.baseline_rate.ravel(),
            }
        )
