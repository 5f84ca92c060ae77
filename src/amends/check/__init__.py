"""`amends check`: hold every outage statement to the rubric before any customer reads it.

Public API: `check_text(text, stage=, fmt=, profile=, config=, locale=, channel=) -> FileReport`.
"""

from __future__ import annotations

from amends.check.config import CheckConfig, CustomRule, Readability, load_config
from amends.check.engine import check_text, effective_rules
from amends.check.model import Channel, FileReport, Finding, Severity, Stage, StageGuess
from amends.check.profiles import available_profiles, load_profile
from amends.check.registry import RULE_IDS, builtin_rules
from amends.check.stage import infer_stage

__all__ = [
    "RULE_IDS",
    "Channel",
    "CheckConfig",
    "CustomRule",
    "FileReport",
    "Finding",
    "Readability",
    "Severity",
    "Stage",
    "StageGuess",
    "available_profiles",
    "builtin_rules",
    "check_text",
    "effective_rules",
    "infer_stage",
    "load_config",
    "load_profile",
]
