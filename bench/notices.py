"""Benchmark `amends notices`: one million personal notices, streamed to Parquet, against the
naive baseline (one Jinja2 + Babel rendering per customer) timed on a sample in the same run.

Run: `.venv/bin/python -m bench.notices [ROWS]`. Target: 1,000,000 notices in under 30 s.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from amends.cli.demo_compose import demo_facts
from amends.compose.notices import NOTICES_SCHEMA, iter_notices, render_one
from amends.events.simulate import subscriber_ids

ROWS = 1_000_000
SAMPLE = 2_000
TARGET_S = 30.0
START = datetime(2026, 3, 10, 21, 12, tzinfo=UTC)


def inputs(n: int, folder: Path) -> tuple[Path, Path, Path]:
    """Affected-subscriber, plans and credits Parquet files for `n` customers (seeded)."""
    rng = np.random.default_rng(7)
    ids = subscriber_ids(n)
    regions = np.array(["CA", "WA", "AZ"])
    zones = np.array(["America/Los_Angeles", "America/Los_Angeles", "America/Phoenix"])
    home = rng.integers(0, 3, n)
    first_s = START.timestamp() + rng.integers(0, 100 * 60, n)
    last_s = first_s + rng.integers(0, 20 * 60, n)
    affected = pa.table(
        {
            "window": pa.array(["w1"] * n),
            "subscriber": ids,
            "region": pa.array(regions[home]),
            "failed_attempts": pa.array(rng.integers(1, 6, n)),
            "first_failure": pa.array((first_s * 1e6).astype("int64")).cast(
                pa.timestamp("us", tz="UTC")
            ),
            "last_failure": pa.array((last_s * 1e6).astype("int64")).cast(
                pa.timestamp("us", tz="UTC")
            ),
        }
    )
    plans = pa.table(
        {
            "subscriber": ids,
            "time_zone": pa.array(zones[home]),
            "locale": pa.array(np.where(rng.random(n) < 0.14, "es", "en")),
            "email": pa.array([None] * n, pa.string()),
            "phone": pa.array([None] * n, pa.string()),
        }
    )
    credits = pa.table(
        {
            "subscriber": ids,
            "amount": pa.array(np.round(rng.uniform(0.5, 40, n), 2)),
            "currency": pa.array(["USD"] * n),
        }
    )
    paths = (folder / "subscribers.parquet", folder / "plans.parquet", folder / "credits.parquet")
    for table, path in zip((affected, plans, credits), paths, strict=True):
        pq.write_table(table, path)
    return paths


def record() -> object:
    """The fixed test record (California fiber cut) with three areas."""
    from tests.compose.records import base_incident

    from amends.incident import RegionInfo

    base = base_incident()
    w = base.windows[0].model_copy(update={"regions": ["CA", "WA", "AZ"]})
    regions = {
        "CA": RegionInfo(name="California", time_zone="America/Los_Angeles"),
        "WA": RegionInfo(name="Washington", time_zone="America/Los_Angeles"),
        "AZ": RegionInfo(name="Arizona", time_zone="America/Phoenix"),
    }
    return demo_facts(base.model_copy(update={"windows": [w], "regions": regions}))


def main(argv: list[str]) -> int:
    """Time the vectorised notices and the naive baseline; print the ratio; exit 1 on a miss."""
    n = int(argv[0]) if argv else ROWS
    inc = record()
    now = datetime(2026, 3, 11, 17, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        affected, plans, credits = inputs(n, folder)
        out = folder / "notices.parquet"
        t0 = time.perf_counter()
        c0 = time.process_time()
        rows = 0
        with pq.ParquetWriter(out, NOTICES_SCHEMA, compression="zstd") as writer:
            for batch in iter_notices(
                inc,
                affected,
                plans=plans,
                credits=credits,
                now=now,  # type: ignore[arg-type]
            ):
                writer.write_batch(batch)
                rows += batch.num_rows
        fast = time.perf_counter() - t0
        cpu = time.process_time() - c0
        sample = pq.read_table(out).slice(0, SAMPLE).to_pylist()
        amounts = {
            r["subscriber"]: r["amount"] for r in pq.read_table(credits).slice(0, n).to_pylist()
        }
        t0 = time.perf_counter()
        for row in sample:
            ref = dict(row, amount=amounts[row["subscriber"]], currency="USD")
            subject, text = render_one(inc, ref, locale=row["locale"], now=now)  # type: ignore[arg-type]
            assert (subject, text) == (row["subject"], row["text"]), "outputs differ"
        naive_each = (time.perf_counter() - t0) / len(sample)
    naive = naive_each * rows
    print(
        f"notices: {rows:,} in {fast:.2f} s wall ({rows / fast:,.0f}/s), {cpu:.2f} s CPU "
        "(all threads), streamed to Parquet"
    )
    print(
        f"baseline (per-row Jinja2 + Babel, timed on {len(sample):,}, outputs identical): "
        f"{naive_each * 1e6:.0f} us/notice -> {naive:.1f} s for {rows:,}"
    )
    print(f"ratio: {naive / fast:.1f}x faster than the baseline")
    ok = fast < TARGET_S * rows / ROWS
    print(f"target: {ROWS:,} in < {TARGET_S:.0f} s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
