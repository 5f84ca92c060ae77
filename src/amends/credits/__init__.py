"""Credits: compensation policies as data, applied to the per-subscriber impact, exactly.

`load_policy` reads a policy TOML; `compute` applies it (vectorised, exact Decimals) and returns
one row per (subscriber, window, unit); `amends.store.ledger` records the rows exactly once.
"""

from amends.credits.compute import AMOUNT_TYPE, CREDITS_SCHEMA, compute
from amends.credits.policy import CASH, Policy, load_policy, parse_policy
from amends.credits.terms import WindowSpan

__all__ = [
    "AMOUNT_TYPE",
    "CASH",
    "CREDITS_SCHEMA",
    "Policy",
    "WindowSpan",
    "compute",
    "load_policy",
    "parse_policy",
]
