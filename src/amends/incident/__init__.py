"""The incident record: the measured facts plus what only people know, as an editable YAML file.

Other packages import from here: `load_incident`, `dump_incident`, `Incident` and its parts.
"""

from amends.incident.io import dump_incident, load_incident, parse_incident
from amends.incident.model import (
    Action,
    Cause,
    Compensation,
    Eta,
    Feedback,
    Filing,
    Fixes,
    ImmediateFix,
    Incident,
    PublishedStatement,
    RegionInfo,
    RegulatoryContact,
    SupportChannel,
)

__all__ = [
    "Action",
    "Cause",
    "Compensation",
    "Eta",
    "Feedback",
    "Filing",
    "Fixes",
    "ImmediateFix",
    "Incident",
    "PublishedStatement",
    "RegionInfo",
    "RegulatoryContact",
    "SupportChannel",
    "dump_incident",
    "load_incident",
    "parse_incident",
]
