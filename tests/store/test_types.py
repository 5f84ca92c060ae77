"""Column types: money stays exact, times come back aware UTC, JSON text is kept verbatim."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import StatementError

from amends.store import Store
from amends.store.schema import ledger, ledger_runs, subscribers
from amends.store.types import to_money

AMOUNTS = [
    Decimal("12345678901234.123456"),  # 20 digits: beyond a float's 15-16
    Decimal("-0.000001"),
    Decimal("0.1"),
    Decimal("29.99"),
    Decimal("0"),
]


def _ledger_row(i: int, amount: object) -> dict[str, object]:
    return dict(
        run_id="r1",
        incident_id="inc",
        subscriber=f"s{i}",
        window_id="w1",
        policy_id="p",
        policy_version="1",
        amount=amount,
        currency="USD",
        unit="cash",
        inputs={"minutes": 180, "fee": "29.99"},
    )


def test_money_round_trips_exactly(store: Store) -> None:
    with store.begin() as conn:
        conn.execute(insert(ledger), [_ledger_row(i, a) for i, a in enumerate(AMOUNTS)])
    with store.connect() as conn:
        got = conn.execute(select(ledger.c.amount).order_by(ledger.c.id)).scalars().all()
    assert got == AMOUNTS
    assert all(isinstance(a, Decimal) for a in got)
    assert str(got[0]) == "12345678901234.123456"


def test_money_from_float_int_and_str(store: Store) -> None:
    with store.begin() as conn:
        conn.execute(
            insert(subscribers),
            [
                {"subscriber": "a", "monthly_fee": 29.99},
                {"subscriber": "b", "monthly_fee": 30},
                {"subscriber": "c", "monthly_fee": "1.0000005"},  # rounds half to even
            ],
        )
    with store.connect() as conn:
        fees = dict(conn.execute(select(subscribers.c.subscriber, subscribers.c.monthly_fee)).all())
    assert fees == {"a": Decimal("29.99"), "b": Decimal("30"), "c": Decimal("1.000000")}


def test_money_out_of_range_is_refused(store: Store) -> None:
    with pytest.raises(StatementError, match="more than 14 digits"), store.begin() as conn:
        conn.execute(insert(ledger), [_ledger_row(0, Decimal("123456789012345"))])
    with pytest.raises(ValueError):
        to_money("NaN")


def test_times_come_back_aware_utc(store: Store) -> None:
    sydney = timezone(timedelta(hours=11))
    started = datetime(2026, 3, 11, 8, 0, tzinfo=sydney)
    with store.begin() as conn:
        conn.execute(
            insert(ledger_runs).values(
                run_id="r1", incident_id="i", policy_id="p", policy_version="1", started_at=started
            )
        )
    with store.connect() as conn:
        got = conn.execute(select(ledger_runs.c.started_at)).scalar_one()
        later = conn.execute(
            select(ledger_runs.c.run_id).where(
                ledger_runs.c.started_at > datetime(2026, 3, 10, 20, 59, tzinfo=UTC)
            )
        ).all()
    assert got == started
    assert got.tzinfo == UTC and got.hour == 21
    assert len(later) == 1  # comparisons happen in UTC on both backends


def test_naive_times_are_refused(store: Store) -> None:
    with pytest.raises(StatementError, match="naive datetime"), store.begin() as conn:
        conn.execute(
            insert(ledger_runs).values(
                run_id="r1",
                incident_id="i",
                policy_id="p",
                policy_version="1",
                started_at=datetime(2026, 3, 10, 21, 0),
            )
        )


def test_json_text_kept_verbatim_or_encoded(store: Store) -> None:
    raw = '{"b": 1, "a": [1.50, "é"]}'
    with store.begin() as conn:
        conn.execute(insert(ledger), [_ledger_row(0, 1), {**_ledger_row(1, 2), "inputs": raw}])
    with store.connect() as conn:
        got = conn.execute(select(ledger.c.inputs).order_by(ledger.c.id)).scalars().all()
    assert json.loads(got[0]) == {"minutes": 180, "fee": "29.99"}
    assert got[1] == raw


def test_invalid_json_text_is_refused(store: Store) -> None:
    with pytest.raises(StatementError, match="not valid JSON"), store.begin() as conn:
        conn.execute(insert(ledger), [{**_ledger_row(0, 1), "inputs": "{oops"}])
