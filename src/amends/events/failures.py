"""Which outcomes are *network* failures, as opposed to busy, no answer or a normal hang-up.

The defaults are those of ../shared/design.md, with SIP 408: Q.850 34, 38, 41, 42, 44, 47, 63, 102
and SIP 408, 500, 502, 503, 504 are network failures (408: the far side never answered); Q.850 16,
17, 18, 19, 21, 31 and SIP 486, 480, 603 are the subscriber's own outcome; for service logs an
HTTP status >= 500 is a failure. A user overrides them in `amends.toml` under `[failures]`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    import ibis.expr.types as ir


class FailurePolicy(BaseModel):
    """The release causes and status codes that count as network failures."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    network_causes: frozenset[int] = Field(
        default=frozenset({34, 38, 41, 42, 44, 47, 63, 102}),
        description="Q.850 causes that are network failures (no circuit, out of order, ...)",
    )
    subscriber_causes: frozenset[int] = Field(
        default=frozenset({16, 17, 18, 19, 21, 31}),
        description="Q.850 causes that are the subscriber's own outcome (normal, busy, ...)",
    )
    network_sip: frozenset[int] = Field(default=frozenset({408, 500, 502, 503, 504}))
    subscriber_sip: frozenset[int] = Field(default=frozenset({486, 480, 603}))
    http_min_failure: int = Field(
        default=500, description="HTTP statuses at or above this are failures"
    )

    def is_failure(
        self, cause: int | None, sip_status: int | None, http_status: int | None
    ) -> bool:
        """Classify one attempt in Python (the tables use `is_network_failure`)."""
        if cause is not None and cause in self.network_causes:
            return True
        if sip_status is not None and sip_status in self.network_sip:
            return True
        return http_status is not None and http_status >= self.http_min_failure


DEFAULT_FAILURES = FailurePolicy()


def is_network_failure(t: ir.Table, policy: FailurePolicy = DEFAULT_FAILURES) -> ir.BooleanValue:
    """An Ibis boolean expression over a canonical events table: True for a network failure."""
    by_cause = t.cause.isin(sorted(policy.network_causes)).fill_null(False)
    by_sip = t.sip_status.isin(sorted(policy.network_sip)).fill_null(False)
    by_http = (t.http_status >= policy.http_min_failure).fill_null(False)
    return by_cause | by_sip | by_http
