"""Compose: every statement (acknowledge, update, resolve, explain, follow-up) for every channel,
locale and audience (customers, public) from the incident record, checked; and a personal notice
for each affected customer.

`from amends.compose import draft, Draft, MissingFacts, notices`.
"""

from amends.compose.draft import draft, tidy, todo_fields
from amends.compose.model import AUDIENCES, CHANNELS, STAGES, Draft, MissingFacts

__all__ = [
    "AUDIENCES",
    "CHANNELS",
    "STAGES",
    "Draft",
    "MissingFacts",
    "draft",
    "tidy",
    "todo_fields",
]
