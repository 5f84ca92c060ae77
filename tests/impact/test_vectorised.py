"""The all-pairs-at-once arithmetic equals the plain per-pair definitions, bit for bit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from amends.impact import ImpactConfig, analyse_aggregates
from amends.impact.aggregate import Aggregates
from amends.impact.baseline import _nearby


def nearby_one_pair(
    xs: tuple[np.ndarray, ...], use: np.ndarray, k: int
) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """The per-pair definition: sums over the k usable minutes nearest each minute, their count
    and the distance to the farthest of them."""
    t = use.size
    pos = np.flatnonzero(use)
    n = pos.size
    if n == 0:
        return [np.zeros(t) for _ in xs], np.zeros(t), np.zeros(t)
    k = min(k, n)
    idx = np.arange(t)
    nb = np.searchsorted(pos, idx, side="left")
    na = np.searchsorted(pos, idx, side="right")
    lo = nb - k // 2
    hi = na + (k - k // 2)
    over = np.maximum(hi - n, 0)
    under = np.maximum(-lo, 0)
    lo = np.maximum(lo - over, 0)
    hi = np.minimum(hi + under, n)
    sums = []
    for x in xs:
        cx = np.concatenate([[0.0], np.cumsum(x[pos])])
        sums.append(cx[nb] - cx[lo] + cx[hi] - cx[na])
    counts = ((nb - lo) + (hi - na)).astype(float)
    taken = counts > 0
    first = np.where(taken, pos[np.minimum(lo, n - 1)], idx)
    last = np.where(taken, pos[np.maximum(hi - 1, 0)], idx)
    return sums, counts, np.maximum(idx - first, last - idx)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_nearby_all_pairs_equals_per_pair(seed: int) -> None:
    rng = np.random.default_rng(seed)
    pairs, t = 7, 500
    a = rng.poisson(rng.uniform(0.5, 40, (pairs, 1)), (pairs, t)).astype(float)
    f = rng.binomial(a.astype(int), 0.03).astype(float)
    use = rng.random((pairs, t)) > rng.uniform(0, 0.6, (pairs, 1))
    use[2] = False  # a pair with no usable minute
    use[3, :] = False
    use[3, 10:14] = True  # fewer usable minutes than k
    ks = (5, 60, 360)
    got = _nearby((a, f), use, ks)
    for (sums, counts, reach), k in zip(got, ks, strict=True):
        for p in range(pairs):
            want_sums, want_counts, want_reach = nearby_one_pair((a[p], f[p]), use[p], k)
            assert np.array_equal(counts[p], want_counts)
            taken = want_counts > 0
            assert np.array_equal(reach[p][taken], want_reach[taken])
            for s, w in zip(sums, want_sums, strict=True):
                assert np.array_equal(s[p], w)  # exact: the same additions in the same order


def _failures() -> pa.Table:
    return pa.table(
        {
            "subscriber": pa.array([], pa.string()),
            "region": pa.array([], pa.string()),
            "service": pa.array([], pa.string()),
            "minute": pa.array([], pa.int64()),
            "failures": pa.array([], pa.int64()),
            "first_failure": pa.array([], pa.timestamp("us", tz="UTC")),
            "last_failure": pa.array([], pa.timestamp("us", tz="UTC")),
        }
    )


def test_series_rows_with_the_same_key_add_up_and_pandas_is_accepted() -> None:
    m0 = 29_538_720
    rows = {
        "region": ["B", "A", "A", "A", "B"],
        "service": ["x", "y", "y", "x", "x"],
        "minute": [m0 + 2, m0, m0, m0 + 1, m0 + 2],
        "attempts": [4, 10, 3, 7, 1],
        "failures": [0, 0, 3, 0, 1],
    }
    cfg = ImpactConfig()
    arrow = analyse_aggregates(Aggregates(series=pa.table(rows), failures=_failures()), cfg)
    frame = analyse_aggregates(Aggregates(series=pd.DataFrame(rows), failures=_failures()), cfg)
    assert arrow.report == frame.report
    m = arrow.minutes
    assert m is not None
    assert m.pairs == [("A", "x"), ("A", "y"), ("B", "x")]  # sorted, only those present
    assert m.start_minute == m0
    assert m.attempts.tolist() == [[0, 7, 0], [13, 0, 0], [0, 0, 5]]
    assert m.failures.tolist() == [[0, 0, 0], [3, 0, 0], [0, 0, 1]]
    assert arrow.report.events.attempts == 25 and arrow.report.events.network_failures == 4
    long = arrow.series  # the long pandas form, built on demand
    assert len(long) == 9
    assert list(long.columns) == [
        "region",
        "service",
        "time",
        "attempts",
        "failures",
        "expected",
        "baseline_rate",
    ]
    first = long.iloc[3]
    assert (first["region"], first["service"], first["attempts"]) == ("A", "y", 13)
    assert first["time"] == pd.Timestamp(m0 * 60, unit="s", tz="UTC")
