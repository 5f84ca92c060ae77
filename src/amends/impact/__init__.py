"""Outage impact: find the outage windows in raw events and measure when, where, what and who.

The names below load on first use (PEP 562), so importing one small module of the package (the
CLI's first engine pass) does not import the detection stack (NumPy, SciPy) with it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from amends.impact.analysis import analyse, analyse_aggregates
    from amends.impact.config import BaselineMode, ImpactConfig
    from amends.impact.model import ImpactReport, ImpactResult, ScopeEntry, Window

_WHERE = {
    "BaselineMode": "amends.impact.config",
    "ImpactConfig": "amends.impact.config",
    "ImpactReport": "amends.impact.model",
    "ImpactResult": "amends.impact.model",
    "ScopeEntry": "amends.impact.model",
    "Window": "amends.impact.model",
    "analyse": "amends.impact.analysis",
    "analyse_aggregates": "amends.impact.analysis",
}

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


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use."""
    if name not in _WHERE:
        raise AttributeError(f"module 'amends.impact' has no attribute {name!r}")
    value = getattr(import_module(_WHERE[name]), name)
    globals()[name] = value
    return value
