"""load_in_parallel: every batch loaded once, several at a time, a failure stops the rest."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from amends.store.parallel import load_in_parallel


def test_every_batch_is_loaded_once_and_reported_in_the_callers_thread() -> None:
    seen: list[int] = []
    reported: list[tuple[int, str]] = []
    caller = threading.current_thread().name

    def load(n: int) -> int:
        seen.append(n)
        return n * 10

    load_in_parallel(
        iter(range(25)), load, lambda r: reported.append((r, threading.current_thread().name))
    )
    assert sorted(seen) == list(range(25))
    assert sorted(r for r, _ in reported) == [n * 10 for n in range(25)]
    assert {name for _, name in reported} == {caller}


def test_two_loads_run_at_once() -> None:
    """The first two loads meet at a barrier: it opens only if both run at the same time (with
    one writer at a time, the first would wait alone and the barrier break after 10 s)."""
    met = threading.Barrier(2, timeout=10)
    crossed: list[int] = []

    def load(n: int) -> int:
        if n < 2:
            met.wait()
            crossed.append(n)
        return n

    load_in_parallel(iter(range(6)), load, lambda r: None, writers=2)
    assert sorted(crossed) == [0, 1]


def test_a_failure_stops_taking_batches_closes_the_producer_and_is_raised() -> None:
    produced: list[int] = []
    closed = threading.Event()

    def batches() -> Iterator[int]:
        try:
            for n in range(1000):
                produced.append(n)
                yield n
        finally:
            closed.set()

    def load(n: int) -> int:
        if n == 3:
            raise RuntimeError("the database went away")
        return n

    with pytest.raises(RuntimeError, match="went away"):
        load_in_parallel(batches(), load, lambda r: None, writers=2)
    assert closed.is_set()
    assert len(produced) < 10  # nothing unbounded after the failure
