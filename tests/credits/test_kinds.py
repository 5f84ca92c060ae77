"""Hand-computed credits for every policy kind, caps, minimums, rounding edges and currencies."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from tests.credits.conftest import affected, amounts, plans, span

from amends.credits import compute, parse_policy
from amends.errors import InputError


def policy(body: str, *, currency: str = "USD", head: str = "") -> object:
    """A policy from its [[credit]] tables (and extra top-level keys)."""
    return parse_policy(f'id = "t"\ncurrency = "{currency}"\n{head}\n{body}')


def one(pol, win, fee: str = "30.00", failed: int = 1, currency: str = "USD") -> D | None:
    """The cash credit of one subscriber with one failed call in `win`."""
    table = compute(
        [win],
        affected([(win.id, "S1", failed)]),
        plans([("S1", fee, "CA")], currency=currency),
        pol,
        "inc",
    )
    return amounts(table).get("S1")


def test_flat_pays_the_amount_to_each_subscriber_with_a_failure() -> None:
    pol = policy('[[credit]]\nkind = "flat"\namount = "5.00"')
    win = span("2026-03-10 14:00", "2026-03-10 15:00")
    table = compute([win], affected([("w1", "A", 1), ("w1", "B", 7)]), None, pol, "inc")
    assert amounts(table) == {"A": D("5.00"), "B": D("5.00")}
    assert set(table.column("policy_version").to_pylist()) == {pol.version}


def test_min_failed_attempts_filters_subscribers() -> None:
    pol = policy(
        '[[credit]]\nkind = "flat"\namount = "5"', head="[eligibility]\nmin_failed_attempts = 2"
    )
    win = span("2026-03-10 14:00", "2026-03-10 15:00")
    table = compute([win], affected([("w1", "A", 1), ("w1", "B", 2)]), None, pol, "inc")
    assert amounts(table) == {"B": D("5.00")}


@pytest.mark.parametrize(
    ("start", "end", "fee", "expected"),
    [
        # April has 30 days: 30.00 x 6 / (24 x 30) = 0.25
        ("2026-04-01 00:00", "2026-04-01 06:00", "30.00", "0.25"),
        # leap February 2024 has 29 days: 29.00 x 12 / (24 x 29) = 0.50
        ("2024-02-10 00:00", "2024-02-10 12:00", "29.00", "0.50"),
        # February 2026 has 28 days: 28.00 x 24 / (24 x 28) = 1.00
        ("2026-02-10 00:00", "2026-02-11 00:00", "28.00", "1.00"),
        # across a month end: 62 x 12/(24x31) + 62 x 12/(24x28) = 1 + 1.1071... = 2.11
        ("2026-01-31 12:00", "2026-02-01 12:00", "62.00", "2.11"),
    ],
)
def test_prorata_uses_the_length_of_each_month(
    start: str, end: str, fee: str, expected: str
) -> None:
    pol = policy('[[credit]]\nkind = "prorata"')
    assert one(pol, span(start, end), fee) == D(expected)


def test_prorata_whole_days_rounds_the_started_days_up() -> None:
    pol = policy('[[credit]]\nkind = "prorata"\nwhole_days = true')
    # March: 31 days; 1 hour -> 1 day = 31.00 / 31; 25 hours -> 2 days
    assert one(pol, span("2026-03-10 10:00", "2026-03-10 11:00"), "31.00") == D("1.00")
    assert one(pol, span("2026-03-10 10:00", "2026-03-11 11:00"), "31.00") == D("2.00")
    # leap February 2024: 29 days; February 2026: 28 days
    assert one(pol, span("2024-02-29 10:00", "2024-02-29 11:00"), "29.00") == D("1.00")
    assert one(pol, span("2026-02-27 10:00", "2026-02-27 11:00"), "29.00") == D("1.04")


@pytest.mark.parametrize(
    ("failed", "expected"),
    [(1, "2.00"), (2, "2.00"), (3, "5.00"), (9, "5.00"), (10, "10.00"), (50, "10.00")],
)
def test_tiered_by_failed_attempts(failed: int, expected: str) -> None:
    pol = policy(
        '[[credit]]\nkind = "tiered"\nby = "failed_attempts"\n'
        'tiers = [{from = 1, amount = "2"}, {from = 3, amount = "5"}, {from = 10, amount = "10"}]'
    )
    assert one(pol, span("2026-03-10 14:00", "2026-03-10 15:00"), failed=failed) == D(expected)


def test_tiered_by_duration_hours() -> None:
    pol = policy(
        '[[credit]]\nkind = "tiered"\nby = "duration_hours"\n'
        'tiers = [{from = 2, amount = "3.00"}, {from = 4, amount = "6.00"}]'
    )
    assert one(pol, span("2026-03-10 14:00", "2026-03-10 15:59")) is None  # below the first tier
    assert one(pol, span("2026-03-10 14:00", "2026-03-10 16:00")) == D("3.00")
    assert one(pol, span("2026-03-10 14:00", "2026-03-10 17:00")) == D("3.00")
    assert one(pol, span("2026-03-10 14:00", "2026-03-10 18:30")) == D("6.00")


PER_DAY = '[[credit]]\nkind = "per_day"\namount = "9.33"\nthreshold_days = 2\n'


@pytest.mark.parametrize(
    ("extra", "start", "end", "expected"),
    [
        # Mon 09:00 -> Fri 15:00: full working days Tue, Wed -> threshold Thu 00:00; Thu is 1 day
        ("", "2026-03-09 09:00", "2026-03-13 15:00", "9.33"),
        # ... and the started Friday counts too when partial days count
        ('partial_days = "count"', "2026-03-09 09:00", "2026-03-13 15:00", "18.66"),
        # Fri 09:00 -> Wed 12:00: the weekend is not working days; Mon, Tue -> Wed 00:00; 12 h
        ("", "2026-03-13 09:00", "2026-03-18 12:00", None),
        ('partial_days = "count"', "2026-03-13 09:00", "2026-03-18 12:00", "9.33"),
        # the same with Monday a holiday: only Tuesday is a full working day -> nothing
        (
            'partial_days = "count"\nholidays = [2026-03-16]',
            "2026-03-13 09:00",
            "2026-03-18 12:00",
            None,
        ),
        # Thu 00:00 -> Tue 00:00: Thu, Fri -> Sat 00:00; calendar Sat, Sun, Mon = 3 days
        ("", "2026-03-05 00:00", "2026-03-10 00:00", "27.99"),
        # ... counting working days only: Mon = 1 day
        ('count = "working"', "2026-03-05 00:00", "2026-03-10 00:00", "9.33"),
        # less than two full working days: nothing
        ("", "2026-03-09 12:00", "2026-03-11 12:00", None),
    ],
)
def test_per_day_counts_days_beyond_full_working_days(
    extra: str, start: str, end: str, expected: str | None
) -> None:
    pol = policy(PER_DAY + extra)
    assert one(pol, span(start, end)) == (D(expected) if expected else None)


def test_per_day_working_days_follow_the_policy_time_zone() -> None:
    # 2026-03-09 07:00 UTC is Mon 00:00 in Los Angeles (PDT, UTC-7): Mon and Tue are full local
    # working days, so the threshold is Wed 00:00 local = 07:00 UTC; one whole day to Thu 07:00.
    pol = policy(PER_DAY, head='time_zone = "America/Los_Angeles"')
    assert one(pol, span("2026-03-09 07:00", "2026-03-12 07:00")) == D("9.33")
    assert one(policy(PER_DAY), span("2026-03-09 07:00", "2026-03-12 07:00")) is None


def test_allowance_is_recorded_in_its_own_unit() -> None:
    pol = policy(
        '[[credit]]\nkind = "flat"\namount = "1.00"\n'
        '[[credit]]\nkind = "allowance"\nunit = "days"\namount = "1"\nper_started_day = true\n'
        '[[credit]]\nkind = "allowance"\nunit = "GB"\namount = "1.5"'
    )
    win = span("2026-03-10 10:00", "2026-03-11 11:00")  # 25 h: 2 started days
    table = compute([win], affected([("w1", "S1", 1)]), None, pol, "inc")
    assert amounts(table, "cash") == {"S1": D("1.00")}
    assert amounts(table, "days") == {"S1": D("2")}
    assert amounts(table, "GB") == {"S1": D("1.5")}


TWO = (
    '[[credit]]\nkind = "flat"\namount = "5.00"\n'
    '[[credit]]\nkind = "tiered"\nby = "failed_attempts"\n'
    'tiers = [{from = 1, amount = "2"}, {from = 10, amount = "10"}]\n'
)


def test_combine_max_sum_and_caps() -> None:
    win = span("2026-03-10 14:00", "2026-03-10 15:00")
    assert one(policy(TWO, head='combine = "max"'), win, failed=10) == D("10.00")
    assert one(policy(TWO, head='combine = "sum"'), win, failed=10) == D("15.00")
    capped = policy(TWO, head='combine = "sum"\nmaximum = "12.00"')
    assert one(capped, win, failed=10) == D("12.00")
    assert one(capped, win, failed=1) == D("7.00")


def test_minimum_raises_small_credits() -> None:
    pol = policy('[[credit]]\nkind = "prorata"', head='minimum = "1.00"')
    # 30.00 x 1/720 = 0.04 -> raised to 1.00; 30.00 x 48 h in April = 2.00 stays
    win = span("2026-04-01 00:00", "2026-04-01 01:00")
    table = compute([win], affected([("w1", "S1", 1)]), plans([("S1", "30.00", "CA")]), pol, "i")
    assert amounts(table) == {"S1": D("1.00")}
    assert "raised to the minimum" in table.column("reason")[0].as_py()
    assert one(pol, span("2026-04-01 00:00", "2026-04-03 00:00")) == D("2.00")


@pytest.mark.parametrize(
    ("fee", "half_up", "half_even"),
    [
        ("30.00", "0.13", "0.12"),  # 30 x 3 / 720 = 0.125
        ("90.00", "0.38", "0.38"),  # 0.375
        ("150.00", "0.63", "0.62"),  # 0.625
        ("32.40", "0.14", "0.14"),  # 0.135
    ],
)
def test_rounding_at_the_half_cent(fee: str, half_up: str, half_even: str) -> None:
    win = span("2026-04-01 00:00", "2026-04-01 03:00")  # 3 hours of a 30-day month
    up = policy('[[credit]]\nkind = "prorata"')
    even = policy('[[credit]]\nkind = "prorata"', head='rounding = "half_even"')
    assert one(up, win, fee) == D(half_up)
    assert one(even, win, fee) == D(half_even)


def test_yen_has_no_minor_unit() -> None:
    win = span("2026-04-01 00:00", "2026-04-01 03:00")
    up = policy('[[credit]]\nkind = "prorata"', currency="JPY")
    even = policy('[[credit]]\nkind = "prorata"', currency="JPY", head='rounding = "half_even"')
    assert up.digits == 0
    assert one(up, win, "1080", currency="JPY") == D("5")  # 4.5 -> 5
    assert one(even, win, "1080", currency="JPY") == D("4")  # 4.5 -> 4 (even)
    assert one(up, win, "3000", currency="JPY") == D("13")  # 12.5 -> 13
    with pytest.raises(InputError, match=r"minimum 1\.5 has more decimal places than JPY"):
        policy('[[credit]]\nkind = "flat"\namount = "100"', currency="JPY", head='minimum = "1.5"')


@pytest.mark.parametrize("currency", ["KWD", "BHD"])
def test_three_digit_currencies(currency: str) -> None:
    win = span("2026-04-01 00:00", "2026-04-01 03:00")
    up = policy('[[credit]]\nkind = "prorata"', currency=currency)
    even = policy('[[credit]]\nkind = "prorata"', currency=currency, head='rounding = "half_even"')
    assert up.digits == 3
    assert one(up, win, "3.000", currency=currency) == D("0.013")  # 0.0125
    assert one(even, win, "3.000", currency=currency) == D("0.012")
    assert one(up, win, "10.000", currency=currency) == D("0.042")  # 0.041666...


def test_in_area_credits_everyone_whose_home_region_is_hit() -> None:
    pol = policy(
        '[[credit]]\nkind = "flat"\namount = "3.00"', head='[eligibility]\nbasis = "in_area"'
    )
    win = span("2026-03-10 14:00", "2026-03-10 15:00", regions=("CA",))
    plan = plans([("A", "10", "CA"), ("B", "10", "CA"), ("C", "10", "TX")])
    table = compute([win], affected([("w1", "A", 2)]), plan, pol, "inc")
    assert amounts(table) == {"A": D("3.00"), "B": D("3.00")}
    assert set(table.column("region").to_pylist()) == {"CA"}


def test_exclusions_by_list_plan_and_file() -> None:
    import pyarrow as pa

    pol = policy(
        '[[credit]]\nkind = "flat"\namount = "5"',
        head='[exclude]\nsubscribers = ["A"]\nplans = ["Business"]',
    )
    w1 = span("2026-03-10 14:00", "2026-03-10 15:00", "w1")
    w2 = span("2026-03-10 18:00", "2026-03-10 19:00", "w2")
    hit = affected([("w1", "A", 1), ("w1", "B", 1), ("w1", "C", 1), ("w2", "C", 1), ("w1", "D", 1)])
    plan = plans([("A", "1", "CA"), ("B", "1", "CA"), ("C", "1", "CA")])
    biz = plans([("D", "1", "CA")], plan="Business")
    plan = pa.concat_tables([plan, biz])
    done = pa.table({"subscriber": ["C"], "window": ["w1"]})  # already credited for w1
    table = compute([w1, w2], hit, plan, pol, "inc", excluded=done)
    got = sorted((r["subscriber"], r["window"]) for r in table.to_pylist())
    assert got == [("B", "w1"), ("C", "w2")]


def test_inputs_and_reason_record_what_produced_the_amount() -> None:
    import json

    pol = policy(TWO, head='combine = "max"')
    win = span("2026-03-10 14:00", "2026-03-10 15:30")
    table = compute([win], affected([("w1", "S1", 12)]), plans([("S1", "45.00", "CA")]), pol, "i")
    row = table.to_pylist()[0]
    inputs = json.loads(row["inputs"])
    assert inputs["failed_attempts"] == 12
    assert inputs["monthly_fee"] == "45.000000"
    assert row["reason"] == "window w1: tier by failed calls"
    # what every credit of the window shares is kept once, for the ledger run's row
    assert "hours" not in inputs and "start" not in inputs
    meta = table.schema.metadata
    assert meta[b"amends.incident"] == b"i"
    window = json.loads(meta[b"amends.windows"])["w1"]
    assert window["hours"] == "1.5000"
    assert window["start"] == "2026-03-10T14:00:00+00:00"


def test_amounts_are_decimal_never_float() -> None:
    import pyarrow as pa

    pol = policy('[[credit]]\nkind = "prorata"')
    win = span("2026-04-01 00:00", "2026-04-01 03:00")
    table = compute([win], affected([("w1", "S1", 1)]), plans([("S1", "30", "CA")]), pol, "i")
    assert pa.types.is_decimal(table.schema.field("amount").type)
    float_plans = plans([("S1", "30", "CA")])
    float_plans = float_plans.set_column(2, "monthly_fee", float_plans.column(2).cast(pa.float64()))
    with pytest.raises(InputError, match="floating-point"):
        compute([win], affected([("w1", "S1", 1)]), float_plans, pol, "i")


def test_plans_errors_name_the_subscriber() -> None:
    pol = policy('[[credit]]\nkind = "prorata"')
    win = span("2026-04-01 00:00", "2026-04-01 03:00")
    with pytest.raises(InputError, match="subscriber S2 is not in the plans file"):
        compute([win], affected([("w1", "S2", 1)]), plans([("S1", "30", "CA")]), pol, "i")
    with pytest.raises(InputError, match="pays in 'EUR'"):
        compute(
            [win],
            affected([("w1", "S1", 1)]),
            plans([("S1", "30", "CA")], currency="EUR"),
            pol,
            "i",
        )
    with pytest.raises(InputError, match="needs the subscriber plans file"):
        compute([win], affected([("w1", "S1", 1)]), None, pol, "i")


def test_odd_seconds_and_huge_fees_stay_exact() -> None:
    """Microsecond windows and large fees take the 128-bit path; still equal to the oracle."""
    from datetime import timedelta

    from amends.credits import WindowSpan
    from amends.credits.reference import compute_naive

    start = span("2026-01-31 23:59", "2026-02-01 00:00").start
    win = WindowSpan("w1", start, start + timedelta(hours=3, seconds=7, microseconds=123), ("CA",))
    for rounding in ("half_up", "half_even"):
        pol = policy(
            '[[credit]]\nkind = "prorata"\n[[credit]]\nkind = "flat"\namount = "0.000001"',
            head=f'combine = "sum"\nrounding = "{rounding}"',
        )
        fees = ["987654321.123456", "0.01", "31.00"]
        table = compute(
            [win],
            affected([("w1", f"S{i}", 1) for i in range(len(fees))]),
            plans([(f"S{i}", fee, "CA") for i, fee in enumerate(fees)]),
            pol,
            "inc",
        )
        rows = [("w1", f"S{i}", 1, D(fee)) for i, fee in enumerate(fees)]
        expected = {k: v for k, v in compute_naive(pol, [win], rows).items()}
        got = {(r["subscriber"], r["window"], r["unit"]): r["amount"] for r in table.to_pylist()}
        assert got == expected
        assert got[("S0", "w1", "cash")] > D("3900000")


def test_eligibility_regions_and_plans_filters() -> None:
    import pyarrow as pa

    win = span("2026-03-10 14:00", "2026-03-10 15:00", regions=("CA", "TX"))
    hit = affected([("w1", "A", 1), ("w1", "B", 1), ("w1", "C", 1)])
    plan = pa.concat_tables(
        [
            plans([("A", "10", "CA"), ("B", "10", "TX")], plan="Basic"),
            plans([("C", "10", "CA")], plan="Business"),
        ]
    )
    by_region = policy(
        '[[credit]]\nkind = "flat"\namount = "1"', head='[eligibility]\nregions = ["CA"]'
    )
    assert set(amounts(compute([win], hit, plan, by_region, "i"))) == {"A", "C"}
    by_plan = policy(
        '[[credit]]\nkind = "flat"\namount = "1"', head='[eligibility]\nplans = ["Business"]'
    )
    assert set(amounts(compute([win], hit, plan, by_plan, "i"))) == {"C"}
    everyone_but = policy(
        '[[credit]]\nkind = "flat"\namount = "1"',
        head='[eligibility]\nbasis = "in_area"\n[exclude]\nplans = ["Business"]',
    )
    extra = pa.concat_tables([plan, plans([("D", "10", "TX"), ("E", "10", "NY")])])
    assert set(amounts(compute([win], hit, extra, everyone_but, "i"))) == {"A", "B", "D"}


def test_ongoing_windows_are_refused() -> None:
    from amends.credits.terms import spans

    class Open:
        id = "w9"
        end = None

    with pytest.raises(InputError, match="window w9 is still ongoing"):
        spans([Open()])


def test_durations_are_exact_to_the_microsecond() -> None:
    """25 days and 1 microsecond is more than 25 days: no float seconds on the way."""
    from datetime import UTC, datetime, timedelta
    from fractions import Fraction

    from amends.credits.terms import WindowSpan

    start = datetime(2026, 3, 1, tzinfo=UTC)
    span = WindowSpan(id="w1", start=start, end=start + timedelta(days=25, microseconds=1))
    assert span.minutes == 25 * 24 * 60 + Fraction(1, 60_000_000)
    assert span.minutes > 25 * 24 * 60
