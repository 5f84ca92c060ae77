"""Past incidents: upsert by ref, censored cases, Arrow round trip, incidents into history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyarrow as pa
import pytest
from tests.store.factories import START, incident

from amends.errors import InputError
from amends.incident import Cause
from amends.store import Store
from amends.store.history import (
    HISTORY_SCHEMA,
    load_past_incidents,
    record_incident,
    save_past_incidents,
)

T0 = datetime(2025, 6, 1, 14, 10, tzinfo=UTC)


def _cases() -> list[dict[str, object]]:
    return [
        {
            "ref": "h2",
            "cause_category": "power",
            "started_at": T0 + timedelta(days=3),
            "restored_at": None,  # still open: censored
            "regions": ["texas"],
            "services": "voice",
            "customers_affected": None,
            "open_as_of": T0 + timedelta(days=4),
        },
        {
            "ref": "h1",
            "cause_category": "fiber_cut",
            "started_at": T0,
            "restored_at": T0 + timedelta(hours=4),
            "regions": ["california", "nevada"],
            "services": ["voice", "sms"],
            "customers_affected": 1200,
        },
    ]


def test_round_trip_as_arrow(store: Store) -> None:
    with store.begin() as conn:
        assert save_past_incidents(conn, _cases()) == 2
        got = load_past_incidents(conn)
    assert got.schema == HISTORY_SCHEMA
    rows = got.to_pylist()
    assert [r["ref"] for r in rows] == ["h1", "h2"]
    assert rows[0]["restored_at"] - rows[0]["started_at"] == timedelta(hours=4)
    assert rows[0]["regions"] == ["california", "nevada"] and rows[1]["services"] == ["voice"]
    assert rows[1]["restored_at"] is None and rows[1]["customers_affected"] is None
    assert rows[1]["open_as_of"] == T0 + timedelta(days=4) and rows[0]["open_as_of"] is None
    # an Arrow table saves back unchanged, updating by ref
    with store.begin() as conn:
        save_past_incidents(conn, got)
        assert load_past_incidents(conn).equals(got)
        assert load_past_incidents(conn, cause="power").num_rows == 1


def test_update_by_ref(store: Store) -> None:
    closed = {**_cases()[0], "restored_at": T0 + timedelta(days=3, hours=9)}
    with store.begin() as conn:
        save_past_incidents(conn, _cases())
        save_past_incidents(conn, [closed])
        rows = load_past_incidents(conn, cause="power").to_pylist()
    assert len(rows) == 1 and rows[0]["restored_at"] == closed["restored_at"]


def test_bad_cases_are_refused(store: Store) -> None:
    with store.begin() as conn, pytest.raises(InputError, match="appears twice"):
        save_past_incidents(conn, [_cases()[0], _cases()[0]])
    with store.begin() as conn, pytest.raises(InputError, match="has no time zone"):
        save_past_incidents(conn, [{**_cases()[1], "started_at": T0.replace(tzinfo=None)}])
    with store.begin() as conn, pytest.raises(InputError, match="no ref"):
        save_past_incidents(conn, pa.table({"ref": [""], "started_at": [T0]}))


def test_record_incident(store: Store) -> None:
    record = incident(cause=Cause(category="fiber_cut", description="A crew cut our cable."))
    with store.begin() as conn:
        record_incident(conn, record)
        rows = load_past_incidents(conn, source="store").to_pylist()
    assert rows == [
        {
            "ref": record.id,
            "cause_category": "fiber_cut",
            "started_at": START,
            "restored_at": START + timedelta(hours=3),
            "regions": ["california"],
            "services": ["voice", "sms"],
            "customers_affected": 1200,
            "open_as_of": None,
        }
    ]
