"""Canonical outage events: schema, failure classification, loaders, mappings and the simulator."""

from amends.events.config import load_failure_policy
from amends.events.failures import FailurePolicy, is_network_failure
from amends.events.load import from_ibis, load_events
from amends.events.mapping import Mapping, builtin_mappings
from amends.events.schema import EVENT_SCHEMA, OPTIONAL_COLUMNS, REQUIRED_COLUMNS, SERVICES

__all__ = [
    "EVENT_SCHEMA",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "SERVICES",
    "FailurePolicy",
    "Mapping",
    "builtin_mappings",
    "from_ibis",
    "is_network_failure",
    "load_events",
    "load_failure_policy",
]
