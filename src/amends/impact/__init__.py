"""Outage impact: find the outage windows in raw events and measure when, where, what and who."""

from amends.impact.analysis import analyse, analyse_aggregates
from amends.impact.config import BaselineMode, ImpactConfig
from amends.impact.model import ImpactReport, ImpactResult, ScopeEntry, Window

__all__ = [
    "BaselineMode",
    "ImpactConfig",
    "ImpactReport",
    "ImpactResult",
    "ScopeEntry",
    "Window",
    "analyse",
    "analyse_aggregates",
]
