"""The simulator in bounded memory: subscriber ids spelled per slice, the subscribers file and
the truth lists written in chunks; the outputs are those of the one-piece run (same seed)."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from amends.events import simulate as sim
from amends.events.scenario import Scenario, Truth
from amends.events.simulate import SimulationConfig, simulate, truth_path


def _config() -> SimulationConfig:
    return SimulationConfig(
        subscribers=3000, calls_per_day=120_000, scenario=Scenario.builtin("demo"), seed=11
    )


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Truth]:
    """The reference: every list in the JSON, one chunk, a dictionary of ids."""
    calls = tmp_path_factory.mktemp("whole") / "calls.parquet"
    return calls, simulate(calls, _config())


def test_chunked_outputs_equal_the_one_piece_run(whole, tmp_path, monkeypatch):
    calls0, truth0 = whole
    monkeypatch.setattr(sim, "SUBSCRIBER_CHUNK", 700)  # 5 chunks, the last one short
    monkeypatch.setattr(sim, "DICTIONARY_MAX_SUBSCRIBERS", 100)  # ids spelled per slice
    monkeypatch.setattr(sim, "TRUTH_LIST_MAX", 10)  # the lists go to Parquet
    calls = tmp_path / "calls.parquet"
    truth = simulate(calls, _config())
    assert pq.read_table(calls).equals(pq.read_table(calls0))
    subs = sim.subscribers_path(calls)
    assert pq.ParquetFile(subs).metadata.num_row_groups == 5
    assert pq.read_table(subs).equals(pq.read_table(sim.subscribers_path(calls0)))
    assert truth.config["truth_files"] == {
        "subscribers": "calls.truth.subscribers.parquet",
        "silenced": "calls.truth.silenced.parquet",
    }
    assert Truth.read(truth_path(calls)) == truth
    hit = pq.read_table(sim.truth_subscribers_path(calls)).to_pylist()
    quiet = pq.read_table(sim.truth_silenced_path(calls)).to_pylist()
    expected_hit, expected_quiet = [], []
    for w0, w in zip(truth0.windows, truth.windows, strict=True):
        assert w.subscribers == [] and w.silenced_subscribers == []
        assert w.model_dump(exclude={"subscribers", "silenced_subscribers"}) == w0.model_dump(
            exclude={"subscribers", "silenced_subscribers"}
        )
        expected_hit += [{"window": w0.id, **s.model_dump()} for s in w0.subscribers]
        expected_quiet += [{"window": w0.id, **s.model_dump()} for s in w0.silenced_subscribers]
    assert hit == expected_hit and len(hit) > 50
    assert quiet == expected_quiet and len(quiet) > 10


def test_a_small_run_after_a_large_one_removes_the_stale_lists(tmp_path, monkeypatch):
    calls = tmp_path / "calls.parquet"
    monkeypatch.setattr(sim, "TRUTH_LIST_MAX", 10)
    simulate(calls, _config())
    assert sim.truth_subscribers_path(calls).exists()
    monkeypatch.setattr(sim, "TRUTH_LIST_MAX", 10**9)
    truth = simulate(calls, _config())
    assert not sim.truth_subscribers_path(calls).exists()
    assert not sim.truth_silenced_path(calls).exists()
    assert "truth_files" not in truth.config and truth.windows[0].subscribers


def test_ids_widen_past_99_999_999_subscribers():
    assert sim.subscriber_id(0, 99_999_999) == "S00000001"
    assert sim.subscriber_id(99_999_999, 100_000_000) == "S100000000"
    assert sim.subscriber_id(0, 100_000_000) == "S000000001"
    assert sim.subscriber_ids(12).to_pylist()[-1] == "S00000012"
