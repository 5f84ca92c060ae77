"""Our Kaplan–Meier against lifelines' KaplanMeierFitter on random data with ties and censoring."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lifelines import KaplanMeierFitter

from amends.eta import conditional_quantile, kaplan_meier
from amends.eta.km import events_after

pytestmark = pytest.mark.filterwarnings("ignore::lifelines.exceptions.ApproximationWarning")


def _lifelines(d: np.ndarray, e: np.ndarray) -> KaplanMeierFitter:
    return KaplanMeierFitter().fit(d, e)


@pytest.mark.parametrize("seed", range(8))
def test_survival_matches_lifelines_with_ties_and_censoring(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 300))
    # integer minutes give many ties, also between restorations and censorings
    d = rng.integers(0, 40, n).astype(float)
    e = rng.random(n) < rng.uniform(0.2, 1.0)
    ours = kaplan_meier(d, e)
    ref = _lifelines(d, e)
    grid = np.linspace(0, 45, 200)
    expected = ref.survival_function_at_times(grid).to_numpy()
    np.testing.assert_allclose(ours.at(grid), expected, atol=1e-12)
    timeline = ref.event_table.index.to_numpy()
    at_risk = ref.event_table["at_risk"].to_numpy()
    observed = ref.event_table["observed"].to_numpy()
    keep = observed > 0
    np.testing.assert_array_equal(ours.times, timeline[keep])
    np.testing.assert_array_equal(ours.at_risk, at_risk[keep])
    np.testing.assert_array_equal(ours.events, observed[keep])


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("q", [0.1, 0.5, 0.9])
def test_quantiles_match_lifelines_percentile(seed: int, q: float) -> None:
    rng = np.random.default_rng(100 + seed)
    d = np.round(rng.lognormal(1, 0.8, 150), 1)
    e = rng.random(150) < 0.75
    ours = conditional_quantile(kaplan_meier(d, e), 0.0, q)
    theirs = _lifelines(d, e).percentile(1 - q)  # lifelines: time where S falls to 1 - q
    if np.isinf(theirs):
        assert ours is None
    else:
        assert ours == pytest.approx(theirs)


@pytest.mark.parametrize("seed", range(4))
def test_conditional_median_matches_lifelines(seed: int) -> None:
    rng = np.random.default_rng(200 + seed)
    d = rng.integers(1, 60, 200).astype(float)
    e = rng.random(200) < 0.8
    ref = _lifelines(d, e)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        remaining = ref.conditional_time_to_event_.iloc[:, 0]
    surv = kaplan_meier(d, e)
    for elapsed in remaining.index.to_numpy()[[0, 5, 12, 20, 30]]:
        ours = conditional_quantile(surv, elapsed, 0.5)
        theirs = elapsed + remaining.loc[elapsed]
        if np.isinf(theirs):
            assert ours is None
        else:
            assert ours == pytest.approx(theirs)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.booleans()),
        min_size=1,
        max_size=60,
    )
)
def test_property_matches_lifelines(rows: list[tuple[int, bool]]) -> None:
    d = np.asarray([r[0] for r in rows], dtype=float)
    e = np.asarray([r[1] for r in rows], dtype=bool)
    grid = np.arange(0, 32, 0.5)
    expected = _lifelines(d, e).survival_function_at_times(grid).to_numpy()
    np.testing.assert_allclose(kaplan_meier(d, e).at(grid), expected, atol=1e-12)


def test_all_censored_curve_stays_at_one() -> None:
    surv = kaplan_meier([1.0, 2.0, 5.0], [False, False, False])
    assert surv.times.size == 0
    assert surv.n_censored == 3
    assert float(surv.at(10.0)) == 1.0
    assert conditional_quantile(surv, 0.0, 0.5) is None


def test_empty_history() -> None:
    surv = kaplan_meier([], [])
    assert surv.n == 0
    assert conditional_quantile(surv, 0.0, 0.5) is None


def test_conditioning_moves_the_quantile_and_counts_evidence() -> None:
    d = np.arange(1.0, 11.0)
    surv = kaplan_meier(d, np.ones(10, bool))
    assert conditional_quantile(surv, 0.0, 0.5) == 5.0
    assert conditional_quantile(surv, 6.0, 0.5) == 8.0  # 7,8,9,10 left: median of those
    assert events_after(surv, 6.0) == 4
    assert conditional_quantile(surv, 10.0, 0.5) is None  # older than every past case


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        kaplan_meier([1.0, -2.0], [True, True])
    with pytest.raises(ValueError):
        kaplan_meier([1.0], [True, False])
    with pytest.raises(ValueError):
        conditional_quantile(kaplan_meier([1.0], [True]), 0.0, 1.0)
