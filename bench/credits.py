"""Benchmark `amends.credits.compute` (vectorised DuckDB, exact integers) against a naive
per-row Python Decimal/Fraction loop (`amends.credits.reference`), in the same run.

    .venv/bin/python -m bench.credits [--subscribers 10000000] [--sample 50000]

It builds a plans table and an impact table in memory (every subscriber affected in one 26-hour
window, 1 to 15 failed calls each), applies a policy with prorata, tiers by failed calls, a flat
floor, caps and half-even rounding, and times the engine on all of them. The baseline runs on a
sample (it would take far too long on all rows); its per-row time is scaled to the full size for
the ratio, and the sample's amounts are checked to be identical to the engine's.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from datetime import UTC, datetime
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from amends.credits import WindowSpan, compute, parse_policy
from amends.credits.reference import compute_naive
from amends.events.simulate import PLANS, subscriber_ids

POLICY = """
id = "bench"
currency = "USD"
combine = "max"
minimum = "1.00"
maximum = "50.00"
rounding = "half_even"

[[credit]]
kind = "prorata"

[[credit]]
kind = "tiered"
by = "failed_attempts"
tiers = [
  { from = 1, amount = "2.00" },
  { from = 3, amount = "5.00" },
  { from = 10, amount = "10.00" },
]

[[credit]]
kind = "flat"
amount = "1.50"
"""

REGIONS = ("CA", "TX", "NY", "FL", "IL", "WA", "GA", "AZ")


def build(n: int, seed: int = 1) -> tuple[pa.Table, pa.Table]:
    """The impact's subscriber table and the plans table for n subscribers."""
    rng = np.random.default_rng(seed)
    ids = subscriber_ids(n)
    plan_ix = pa.array(rng.integers(0, len(PLANS), n).astype(np.int8))
    fees = pa.array([Decimal(p[1]) for p in PLANS], pa.decimal128(10, 2)).take(plan_ix)
    region = pa.array(REGIONS).take(pa.array(rng.integers(0, len(REGIONS), n).astype(np.int8)))
    plans = pa.table(
        {
            "subscriber": ids,
            "plan": pa.array([p[0] for p in PLANS]).take(plan_ix),
            "monthly_fee": fees,
            "currency": pa.array(["USD"]).take(pa.array(np.zeros(n, dtype=np.int8))),
            "home_region": region,
        }
    )
    affected = pa.table(
        {
            "window": pa.array(["w1"]).take(pa.array(np.zeros(n, dtype=np.int8))),
            "subscriber": ids,
            "region": region,
            "failed_attempts": pa.array(rng.integers(1, 16, n)),
        }
    )
    return affected, plans


def main() -> None:
    """Time the engine on all subscribers and the per-row baseline on a sample; print ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000_000)
    parser.add_argument("--sample", type=int, default=50_000)
    args = parser.parse_args()
    n, sample = args.subscribers, min(args.sample, args.subscribers)
    policy = parse_policy(POLICY)
    window = WindowSpan(
        "w1", datetime(2026, 3, 10, 21, 11, tzinfo=UTC), datetime(2026, 3, 11, 23, 5, tzinfo=UTC)
    )
    t0 = time.perf_counter()
    affected, plans = build(n)
    print(f"built {n:,} subscribers in {time.perf_counter() - t0:.1f} s")

    t0, c0 = time.perf_counter(), time.process_time()
    table = compute([window], affected, plans, policy, "bench")
    engine_s, engine_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"engine (DuckDB, exact integers): {n:,} subscribers -> {table.num_rows:,} credits "
        f"in {engine_s:.2f} s wall, {engine_cpu:.2f} s CPU ({n / engine_s:,.0f} subscribers/s); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )

    rows = list(
        zip(
            ["w1"] * sample,
            affected.column("subscriber").slice(0, sample).to_pylist(),
            affected.column("failed_attempts").slice(0, sample).to_pylist(),
            plans.column("monthly_fee").slice(0, sample).to_pylist(),
            strict=True,
        )
    )
    t0, c0 = time.perf_counter(), time.process_time()
    naive = compute_naive(policy, [window], rows)
    naive_s, naive_cpu = time.perf_counter() - t0, time.process_time() - c0
    per_row = naive_s / sample
    print(
        f"baseline (per-row Python Decimal/Fraction): {sample:,} subscribers in {naive_s:.2f} s "
        f"({1 / per_row:,.0f} subscribers/s); {n:,} would take {per_row * n:,.1f} s"
    )
    ids = affected.column("subscriber").slice(0, sample)
    head = table.filter(pc.is_in(table.column("subscriber"), value_set=ids.combine_chunks()))
    engine_sample = {
        (r["subscriber"], r["window"], r["unit"]): r["amount"]
        for r in head.select(["subscriber", "window", "unit", "amount"]).to_pylist()
    }
    agree = engine_sample == naive
    print(f"sample amounts identical to the baseline: {agree}")
    print(
        f"ratio: engine is {per_row * n / engine_s:,.1f}x faster than the per-row baseline "
        f"(wall); {naive_cpu / sample * n / engine_cpu:,.1f}x in CPU time"
    )
    total = pc.sum(table.column("amount")).as_py()
    print(f"total credited: {total:,.2f} USD over {table.num_rows:,} rows")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:,.0f} MB")
    if not agree:
        raise SystemExit("the engine and the baseline disagree on the sample")


if __name__ == "__main__":
    main()
