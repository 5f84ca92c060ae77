"""An incident entered after the fact is on the page since it was discovered, not since it was
stored: its Statuspage `created_at` never comes after its `resolved_at`."""

from __future__ import annotations

from sqlalchemy import select
from tests.web.factories import incident

from amends.publish import operations as ops
from amends.store import Store
from amends.store.schema import incidents
from amends.store.testing import store, store_url  # noqa: F401


def test_created_at_is_the_discovery_for_a_past_incident(store: Store) -> None:  # noqa: F811
    inc = incident(ongoing=False)
    ops.save_incident(store, inc)
    with store.connect() as conn:
        row = conn.execute(select(incidents).where(incidents.c.id == inc.id)).one()
    assert row.created_at == inc.discovered_at
    assert row.resolved_at is not None and row.created_at <= row.resolved_at
