"""A short summary of a canonical events table: size, time range, regions, services, failures."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from amends.events.failures import DEFAULT_FAILURES, FailurePolicy, is_network_failure

if TYPE_CHECKING:
    import ibis.expr.types as ir


class EventSummary(BaseModel):
    """What `amends events inspect` shows: counts from one aggregate query over the events."""

    model_config = ConfigDict(frozen=True)

    rows: int
    first: datetime | None
    last: datetime | None
    region_count: int
    regions: dict[str, int]  # the largest, by attempts
    service_count: int
    services: dict[str, int]
    network_failures: int

    @property
    def failure_rate(self) -> float:
        """Network failures per attempt (0 for no rows)."""
        return self.network_failures / self.rows if self.rows else 0.0


def summarize(
    table: ir.Table, policy: FailurePolicy = DEFAULT_FAILURES, *, top: int = 8
) -> EventSummary:
    """Aggregate a canonical events table; `regions`/`services` keep the `top` largest."""
    failed = is_network_failure(table, policy)
    totals = table.aggregate(
        rows=table.count(),
        first=table.ts.min(),
        last=table.ts.max(),
        failures=failed.cast("int64").sum(),
    ).to_pyarrow()
    row = {name: totals.column(name)[0].as_py() for name in totals.column_names}

    def counts(column: str) -> tuple[int, dict[str, int]]:
        data = table.group_by(column).aggregate(n=table.count()).to_pyarrow().to_pylist()
        data.sort(key=lambda r: (-r["n"], str(r[column])))
        return len(data), {str(r[column]): int(r["n"]) for r in data[:top]}

    n_regions, regions = counts("region")
    n_services, services = counts("service")
    return EventSummary(
        rows=int(row["rows"] or 0),
        first=row["first"],
        last=row["last"],
        region_count=n_regions,
        regions=regions,
        service_count=n_services,
        services=services,
        network_failures=int(row["failures"] or 0),
    )
