"""load_in_parallel: every batch loaded once, several at a time, a failure stops the rest."""

from __future__ import annotations

import threading
import time
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
    running = 0
    most = 0
    lock = threading.Lock()

    def load(n: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        with lock:
            running -= 1
        return n

    load_in_parallel(iter(range(6)), load, lambda r: None, writers=2)
    assert most == 2


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
