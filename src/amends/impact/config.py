"""The parameters of the impact analysis: one Pydantic model with documented defaults."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from amends.errors import InputError
from amends.events.failures import FailurePolicy


class BaselineMode(StrEnum):
    """Where each minute's expected volume and failure rate come from."""

    AUTO = "auto"
    PREVIOUS_DAY = "previous-day"
    PREVIOUS_WEEK = "previous-week"


class ImpactConfig(BaseModel):
    """Thresholds and method parameters of detection; docs/impact.md explains each default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    failures: FailurePolicy = Field(
        default_factory=FailurePolicy, description="Which outcomes are network failures."
    )
    baseline: BaselineMode = Field(
        default=BaselineMode.AUTO,
        description="auto: the same minutes a week earlier where the data has them, else a day "
        "earlier, else the nearby hours; the other modes fall back to the nearby hours.",
    )
    comparable_half_width_minutes: int = Field(
        default=30,
        ge=1,
        description="previous-day/-week: the reference is the same minute ± this many minutes.",
    )
    volume_reference_minutes: int = Field(
        default=60, ge=5, description="Nearby-hours reference: unflagged minutes for volume."
    )
    volume_reference_max_distance_minutes: int = Field(
        default=180,
        ge=5,
        description="Nearby-hours reference: volume minutes farther than this are not used "
        "(the expected volume is unknown there, so no silence is called): after a long "
        "outage is set aside, the nearest usable minutes can be a busy evening for a quiet dawn.",
    )
    rate_reference_minutes: int = Field(
        default=360, ge=10, description="Nearby-hours reference: unflagged minutes for the rate."
    )
    prior_attempts: float = Field(
        default=200.0,
        ge=0,
        description="Pseudo-attempts at the (region, service)'s overall rate added to every "
        "reference, so a reference with no failures does not make the baseline rate zero.",
    )
    min_baseline_rate: float = Field(
        default=1e-4, gt=0, lt=1, description="Floor of the baseline failure rate."
    )
    max_baseline_rate: float = Field(
        default=0.05,
        gt=0,
        le=1,
        description="Prior ceiling of the normal failure rate: a working network fails far "
        "fewer than 5% of attempts for network reasons (its NER stays above 95%), so no "
        "baseline is set above it. The data can only lower a baseline below the ceiling, never "
        "raise it: a day that is mostly outage cannot become its own normal (cold start). "
        "Raise it for a service whose normal failure rate is higher.",
    )
    test_widths_minutes: tuple[int, ...] = Field(
        default=(1, 5, 15, 60),
        description="Sliding test windows: short ones for busy trunks, long ones for quiet ones.",
    )
    alpha: float = Field(
        default=1e-9,
        gt=0,
        lt=1,
        description="Significance per test (binomial for failures, Poisson for silence); small "
        "because every (region, service) and minute is tested at several widths.",
    )
    min_failures: int = Field(
        default=5, ge=1, description="A failure test needs at least this many failures."
    )
    min_rate_ratio: float = Field(
        default=3.0, ge=1, description="A failure test needs the rate ≥ this × baseline."
    )
    min_excess_rate: float = Field(
        default=0.05, ge=0, description="…and the rate ≥ baseline + this (absolute)."
    )
    collapse_ratio: float = Field(
        default=0.3,
        gt=0,
        lt=1,
        description="Silence: attempts at most this fraction of the expected volume.",
    )
    min_expected_attempts: float = Field(
        default=20.0,
        gt=0,
        description="Silence: a test window needs at least this many expected attempts, so "
        "quiet night hours cannot look silent.",
    )
    gap_tolerance_minutes: int = Field(
        default=5, ge=0, description="Flagged runs this close together are one run."
    )
    min_duration_minutes: int = Field(
        default=5, ge=1, description="Shorter windows are dropped as blips."
    )
    scope_alpha: float = Field(
        default=5e-3,
        gt=0,
        lt=1,
        description="Once a window is found, another (region, service) among its regions × "
        "services joins the scope if its excess failures in the window pass this test.",
    )
    scope_min_llr: float = Field(
        default=1.0,
        ge=0,
        description="A pair among a window's regions × services also joins when the window's "
        "failure rate (or volume left) fits its minutes better than its baseline by this "
        "log-likelihood ratio (1.0: odds of about 3 to 1, on top of sharing its region and its "
        "service with the window).",
    )
    max_iterations: int = Field(
        default=8, ge=1, description="Re-baselining rounds that exclude flagged minutes."
    )


def load_impact_config(path: Path | None = None, **overrides: Any) -> ImpactConfig:
    """The analysis parameters: `[impact]` (any field above) and `[failures]` of `path` (or
    ./amends.toml when it exists), then `overrides` (e.g. baseline from the command line)."""
    from amends.events.config import config_table, load_failure_policy, validated

    table, where = config_table(path, "impact")
    if "failures" in table:
        raise InputError("write the failure codes in [failures], not [impact]", path=where)
    table = {**table, **{k: v for k, v in overrides.items() if v is not None}}
    table["failures"] = load_failure_policy(path)
    return validated(ImpactConfig, table, "impact", where)
