"""Past incidents in the store (`amends.store.history`): an import is one transaction and
idempotent, keeps open cases open, and the store's own incidents count as history."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from amends.eta import load_history_csv
from amends.eta.demo_data import SAMPLE_HISTORY
from amends.store import Store
from amends.store.history import import_past_incidents, store_cases
from amends.store.schema import incidents, past_incidents

from .conftest import T0, make_incident


def test_history_import_is_one_transaction_and_idempotent(store: Store) -> None:
    cases = load_history_csv(SAMPLE_HISTORY)
    first = import_past_incidents(store, cases)
    assert (first.inserted, first.updated, first.unchanged) == (len(cases), 0, 0)
    again = import_past_incidents(store, cases)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, len(cases))
    changed = [cases[0].model_copy(update={"restored_at": None})]
    third = import_past_incidents(store, changed)
    assert (third.inserted, third.updated, third.unchanged) == (0, 1, 0)
    loaded = {c.ref: c for c in store_cases(store)}
    assert len(loaded) == len(cases)
    assert loaded[cases[0].ref].restored_at is None
    assert loaded[cases[1].ref] == cases[1]


def test_history_import_keeps_open_as_of(store: Store) -> None:
    cases = load_history_csv(SAMPLE_HISTORY)[:3]
    odd = cases[2].model_copy(update={"restored_at": None, "open_as_of": cases[2].started_at})
    result = import_past_incidents(store, [*cases[:2], odd])
    assert result.inserted == 3
    loaded = {c.ref: c for c in store_cases(store)}
    assert loaded[odd.ref].open_as_of == odd.open_as_of
    assert loaded[odd.ref].restored_at is None
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(past_incidents)).scalar() == 3


def test_store_history_includes_the_stores_own_incidents(store: Store) -> None:
    began = T0 - timedelta(days=60)
    record = make_incident("power", start=began).model_copy(update={"id": "2026-01-05-power"})
    broken = make_incident("power").model_copy(update={"id": "2026-01-06-bad"})
    with store.begin() as conn:
        conn.execute(
            incidents.insert(),
            {
                "id": "2026-01-05-power",
                "title": "Power",
                "status": "resolved",
                "impact": "major",
                "record": record.model_dump_json(),
                "started_at": began,
                "resolved_at": began + timedelta(hours=3),
            },
        )
        conn.execute(  # its record contradicts its row (restored before it started): left out
            incidents.insert(),
            {
                "id": "2026-01-06-bad",
                "title": "Bad",
                "status": "resolved",
                "impact": "major",
                "record": broken.model_dump_json(),
                "started_at": began,
                "resolved_at": began + timedelta(hours=1),
            },
        )
    cases = store_cases(store)
    assert "2026-01-06-bad" not in {c.ref for c in cases}
    own = next(c for c in cases if c.ref == "2026-01-05-power")
    assert own.cause_category == "power"
    assert own.duration_hours(T0) == (3.0, True)
