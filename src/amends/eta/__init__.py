"""Estimated restoration time from the provider's own past incidents (Kaplan–Meier, censored).

`estimate(incident, history, now)` gives an `Estimate` (median, 80% interval, basis in plain
words, or no number and the next update time when history is too thin).
"""

from amends.eta.estimate import Fit, Frame, estimate, fit, with_estimate
from amends.eta.groups import Ladder, default_ladder, load_ladder
from amends.eta.history import (
    HISTORY_SCHEMA,
    PastCase,
    cases_to_table,
    load_history_csv,
    parse_history_csv,
    table_to_cases,
)
from amends.eta.km import Survival, conditional_quantile, kaplan_meier
from amends.eta.model import Estimate, LevelTry
from amends.eta.phrases import Phrases, phrases_for

__all__ = [
    "HISTORY_SCHEMA",
    "Estimate",
    "Fit",
    "Frame",
    "Ladder",
    "LevelTry",
    "PastCase",
    "Phrases",
    "Survival",
    "cases_to_table",
    "conditional_quantile",
    "default_ladder",
    "estimate",
    "fit",
    "kaplan_meier",
    "load_history_csv",
    "load_ladder",
    "parse_history_csv",
    "phrases_for",
    "table_to_cases",
    "with_estimate",
]
