"""Hypothesis properties: the engine equals the per-row oracle, never negative, within caps,
idempotent in the ledger, adjustments sum to the difference, and the export equals the ledger."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.credits.conftest import affected, at, plans

from amends.credits import Policy, WindowSpan, compute, parse_policy
from amends.credits.reference import compute_naive
from amends.store import open_store
from amends.store.ledger import ledger_entries, ledger_totals, record

CURRENCIES = {"USD": 2, "JPY": 0, "KWD": 3}


def _money(digits: int, high: int = 50) -> st.SearchStrategy[D]:
    return st.integers(0, high * 10**digits).map(lambda n: D(n).scaleb(-digits))


@st.composite
def policies(draw: st.DrawFn) -> Policy:
    currency = draw(st.sampled_from(sorted(CURRENCIES)))
    digits = CURRENCIES[currency]
    parts: list[str] = []
    for kind in draw(
        st.lists(
            st.sampled_from(["flat", "prorata", "prorata_whole", "tiered", "allowance"]),
            min_size=1,
            max_size=3,
        )
    ):
        if kind == "flat":
            parts.append(f'[[credit]]\nkind = "flat"\namount = "{draw(_money(digits))}"')
        elif kind.startswith("prorata"):
            whole = "true" if kind == "prorata_whole" else "false"
            parts.append(f'[[credit]]\nkind = "prorata"\nwhole_days = {whole}')
        elif kind == "tiered":
            starts = sorted(set(draw(st.lists(st.integers(1, 15), min_size=1, max_size=3))))
            tiers = ", ".join(
                f'{{from = {s}, amount = "{draw(_money(digits + 1, 20))}"}}' for s in starts
            )
            parts.append(f'[[credit]]\nkind = "tiered"\nby = "failed_attempts"\ntiers = [{tiers}]')
        else:
            amount = draw(st.sampled_from(["1", "0.5", "2.25"]))
            parts.append(f'[[credit]]\nkind = "allowance"\nunit = "GB"\namount = "{amount}"')
    head = [
        'id = "prop"',
        f'currency = "{currency}"',
        f'combine = "{draw(st.sampled_from(["max", "sum"]))}"',
        f'rounding = "{draw(st.sampled_from(["half_up", "half_even"]))}"',
    ]
    low = draw(st.none() | _money(digits, 3))
    high = draw(st.none() | _money(digits, 30))
    if low is not None and high is not None and low > high:
        low, high = high, low
    if low is not None:
        head.append(f'minimum = "{low}"')
    if high is not None:
        head.append(f'maximum = "{high}"')
    return parse_policy("\n".join(head) + "\n" + "\n".join(parts))


@st.composite
def windows(draw: st.DrawFn) -> WindowSpan:
    start = at("2024-01-25 00:00") + timedelta(minutes=draw(st.integers(0, 60 * 24 * 800)))
    minutes = draw(st.integers(1, 60 * 24 * 40))
    return WindowSpan("w1", start, start + timedelta(minutes=minutes), ("CA",))


subscribers = st.lists(
    st.tuples(st.integers(1, 30), st.integers(0, 20_000)), min_size=1, max_size=25
)


def _inputs(policy: Policy, subs: list[tuple[int, int]]):
    digits = CURRENCIES[policy.currency]
    hit = affected([("w1", f"S{i:03d}", fa) for i, (fa, _) in enumerate(subs)])
    fees = [D(f).scaleb(-min(digits, 2)) for _, f in subs]
    plan = plans(
        [(f"S{i:03d}", str(fee), "CA") for i, fee in enumerate(fees)], currency=policy.currency
    )
    return hit, plan, fees


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(policies(), windows(), subscribers)
def test_engine_equals_the_per_row_oracle_and_respects_caps(
    policy: Policy, win: WindowSpan, subs: list[tuple[int, int]]
) -> None:
    hit, plan, fees = _inputs(policy, subs)
    table = compute([win], hit, plan, policy, "inc")
    got = {(r["subscriber"], r["window"], r["unit"]): r["amount"] for r in table.to_pylist()}
    rows = [("w1", f"S{i:03d}", fa, fees[i]) for i, (fa, _) in enumerate(subs)]
    assert got == compute_naive(policy, [win], rows)
    for r in table.to_pylist():
        assert r["amount"] > 0
        assert r["amount"] == r["amount"].quantize(D(1).scaleb(-6))
        if r["unit"] == "cash":
            assert r["amount"] == round(r["amount"], policy.digits)
            if policy.maximum is not None:
                assert r["amount"] <= policy.maximum
            if policy.minimum is not None:
                assert r["amount"] >= policy.minimum


@pytest.mark.slow
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(policies(), policies(), windows(), subscribers)
def test_ledger_is_idempotent_and_adjustments_sum_to_the_difference(
    old: Policy, new: Policy, win: WindowSpan, subs: list[tuple[int, int]]
) -> None:
    if new.currency != old.currency:
        new = parse_policy(
            f'id = "prop"\ncurrency = "{old.currency}"\n[[credit]]\nkind = "flat"\namount = "1"'
        )
    hit, plan, _ = _inputs(old, subs)
    before = compute([win], hit, plan, old, "inc")
    after = compute([win], hit, plan, new, "inc")
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'ledger.db'}", create=True)
        try:
            record(store, "inc", before)
            assert record(store, "inc", before).written == 0
            mid = _nets(ledger_entries(store, "inc", "prop"))
            assert mid == _nets(before)
            result = record(store, "inc", after)
            assert record(store, "inc", after).written == 0
            end = _nets(ledger_entries(store, "inc", "prop"))
            # the export equals the ledger, and equals what the new policy computes
            assert end == _nets(after)
            keys = set(mid) | set(end)
            delta = {k: end.get(k, D(0)) - mid.get(k, D(0)) for k in keys}
            written = _run_rows(store, result.run_id)
            assert written == {k: v for k, v in delta.items() if v != 0}
            totals = ledger_totals(store, "inc").to_pylist()
            per_sub: dict[tuple[str, str], D] = {}
            for (sub, _w, unit), amount in end.items():
                per_sub[(sub, unit)] = per_sub.get((sub, unit), D(0)) + amount
            assert {(r["subscriber"], r["unit"]): r["amount"] for r in totals} == per_sub
            assert all(v >= 0 for v in end.values())
        finally:
            store.close()


def _nets(table) -> dict[tuple[str, str, str], D]:
    return {
        (r["subscriber"], r["window"], r["unit"]): r["amount"]
        for r in table.to_pylist()
        if r["amount"] != 0
    }


def _run_rows(store, run_id: str | None) -> dict[tuple[str, str, str], D]:
    from sqlalchemy import select

    from amends.store.schema import ledger

    if run_id is None:
        return {}
    with store.connect() as conn:
        rows = conn.execute(
            select(ledger.c.subscriber, ledger.c.window_id, ledger.c.unit, ledger.c.amount).where(
                ledger.c.run_id == run_id
            )
        )
        return {(r.subscriber, r.window_id, r.unit): r.amount for r in rows}
