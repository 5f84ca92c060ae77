"""Plans import: fast bulk upsert from Arrow, every row checked first, exact money back."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pytest
from sqlalchemy import func, select

from amends.errors import InputError
from amends.store import Store
from amends.store.plans import import_plans, load_plans
from amends.store.schema import subscribers


def _plans(n: int, fee: pa.Array | None = None) -> pa.Table:
    return pa.table(
        {
            "subscriber": [f"sub-{i:06d}" for i in range(n)],
            "plan": ["unlimited" if i % 2 else "basic" for i in range(n)],
            "monthly_fee": fee
            if fee is not None
            else pa.array([Decimal("29.99") + i for i in range(n)], pa.decimal128(12, 2)),
            "currency": ["USD"] * n,
            "home_region": ["california"] * n,
            "time_zone": ["America/Los_Angeles"] * n,
            "email": [f"c{i}@example.net" for i in range(n)],
            "ignored_extra": list(range(n)),
        }
    )


def _count(store: Store) -> int:
    with store.connect() as conn:
        return conn.execute(select(func.count()).select_from(subscribers)).scalar_one()


def test_bulk_import_then_update(store: Store) -> None:
    steps: list[int] = []
    with store.begin() as conn:
        assert import_plans(conn, _plans(12_000), progress=steps.append) == 12_000
    assert sum(steps) == 12_000 and _count(store) == 12_000
    changed = pa.table({"subscriber": ["sub-000001", "new-1"], "monthly_fee": ["10.5", None]})
    with store.begin() as conn:
        import_plans(conn, changed)
        got = load_plans(conn, ["sub-000001", "new-1", "sub-000002", "absent"])
    assert _count(store) == 12_001
    rows = {r["subscriber"]: r for r in got.to_pylist()}
    assert list(rows) == ["new-1", "sub-000001", "sub-000002"]
    assert rows["sub-000001"]["monthly_fee"] == Decimal("10.5")
    assert rows["sub-000001"]["plan"] is None  # a re-import replaces the whole row
    assert rows["sub-000002"]["monthly_fee"] == Decimal("31.99")
    assert rows["sub-000002"]["time_zone"] == "America/Los_Angeles"
    assert got.schema.field("monthly_fee").type == pa.decimal128(20, 6)


def test_replace_drops_missing_customers(store: Store) -> None:
    with store.begin() as conn:
        import_plans(conn, _plans(10))
        import_plans(conn, _plans(3), replace=True)
    assert _count(store) == 3


def test_values_are_normalised(store: Store) -> None:
    table = pa.table(
        {
            "subscriber": [" a ", "b"],
            "currency": ["usd", "EUR"],
            "email": ["x@example.net", ""],
            "phone": ["+1 (415) 555-2671", None],
            "locale": ["es-MX", "en"],
        }
    )
    with store.begin() as conn:
        import_plans(conn, table)
        rows = load_plans(conn).to_pylist()
    assert [(r["subscriber"], r["currency"], r["email"]) for r in rows] == [
        ("a", "USD", "x@example.net"),
        ("b", "EUR", None),
    ]


def test_float_fees_are_refused_and_nothing_is_written(store: Store) -> None:
    """Money is exact: a floating-point fee column (as `amends credits` also says) is refused."""
    with pytest.raises(InputError, match="floating-point"), store.begin() as conn:
        import_plans(conn, _plans(2, fee=pa.array([19.99, 0.1 + 0.2])))
    with store.connect() as conn:
        assert load_plans(conn).num_rows == 0


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (pa.table({"id": ["a"]}), "no 'subscriber' column"),
        (pa.table({"subscriber": ["a", "b", "a"]}), "plans.csv:3: subscriber 'a' appears twice"),
        (pa.table({"subscriber": ["a", " "]}), "plans.csv:2: empty subscriber id"),
        (pa.table({"subscriber": ["a"], "monthly_fee": ["ten"]}), "plans.csv:1: monthly_fee"),
        (pa.table({"subscriber": ["a"], "time_zone": ["Mars/Base"]}), "time_zone 'Mars/Base'"),
        (pa.table({"subscriber": ["a"], "monthly_fee": ["-10"]}), "is negative"),
        (pa.table({"subscriber": ["a"], "monthly_fee": ["1e400"]}), "not an amount"),
        (pa.table({"subscriber": ["a"], "monthly_fee": ["NaN"]}), "not an amount"),
        (pa.table({"subscriber": ["a"], "currency": ["ZZZ"]}), "ISO 4217"),
        (pa.table({"subscriber": ["a"], "email": ["<script>x</script>"]}), "name@example.com"),
        (pa.table({"subscriber": ["a"], "phone": ["call me"]}), "phone 'call me'"),
        (pa.table({"subscriber": ["a"], "locale": ["<b>"]}), "locale '<b>'"),
        (pa.table({"subscriber": ["a", "b\u202e"]}), "plans.csv:2: subscriber holds control"),
        (pa.table({"subscriber": ["a"], "plan": ["x\x07"]}), "plan holds control"),
        (
            pa.Table.from_arrays([pa.array(["a"]), pa.array(["b"])], ["subscriber"] * 2),
            "column 'subscriber' appears twice",
        ),
    ],
)
def test_bad_rows_are_refused_and_nothing_written(
    store: Store, table: pa.Table, message: str
) -> None:
    with store.begin() as conn:
        import_plans(conn, _plans(5))
    with pytest.raises(InputError, match=message), store.begin() as conn:
        import_plans(conn, table, source="plans.csv", replace=True)
    assert _count(store) == 5


def test_decimal_fees_with_more_places_are_rounded_half_even(store: Store) -> None:
    fees = pa.array([Decimal("1.12345650"), Decimal("2.00000050")], pa.decimal128(10, 8))
    with store.begin() as conn:
        import_plans(conn, _plans(2, fee=fees))
        got = load_plans(conn).column("monthly_fee").to_pylist()
    assert got == [Decimal("1.123456"), Decimal("2.000000")]
