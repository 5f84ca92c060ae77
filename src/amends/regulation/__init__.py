"""Regulators: is an outage reportable, what is owed to whom by when, and draft the reports.

Regimes are data files (`regimes/*.toml`); `assess(incident, impact_report, regimes, now=...)`
judges an incident under each; `check_profile(regime)` gives `amends check` the same content rules.
"""

from amends.regulation.assessment import (
    Assessment,
    DraftReport,
    DueItem,
    RegimeResult,
    assess,
    due_clocks,
    open_clocks,
)
from amends.regulation.facts import ExtraFacts
from amends.regulation.profile import check_profile
from amends.regulation.regime import Regime, available_regimes, load_regime, parse_regime
from amends.regulation.render import assessment_text, draft_markdown

__all__ = [
    "Assessment",
    "DraftReport",
    "DueItem",
    "ExtraFacts",
    "Regime",
    "RegimeResult",
    "assess",
    "assessment_text",
    "available_regimes",
    "check_profile",
    "draft_markdown",
    "due_clocks",
    "load_regime",
    "open_clocks",
    "parse_regime",
]
