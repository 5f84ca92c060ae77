"""Bulk loads over several PostgreSQL connections at once, one transaction per batch.

One `COPY` or `INSERT ... SELECT` keeps one server process busy; a second connection takes what a
second core gives. Batches commit in any order, so this is only for loads whose re-run after a
crash writes only what is still missing (the ledger's diff, the outbox's idempotency key).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TypeVar

#: Connections loading batches at once (this machine class has two cores; more only queue).
WRITERS = 2

T = TypeVar("T")
R = TypeVar("R")


def load_in_parallel(
    batches: Iterator[T],
    load: Callable[[T], R],
    loaded: Callable[[R], None],
    *,
    writers: int = WRITERS,
) -> None:
    """`load(batch)` for each batch, up to `writers` at once; `loaded(result)` in the caller's
    thread as each ends (progress, counts).

    The first failure stops taking batches and is raised once the loads under way have ended;
    a generator of batches is closed either way (its producer stops)."""
    pending: set[Future[R]] = set()

    def settle(finished: set[Future[R]]) -> None:
        for future in finished:
            loaded(future.result())

    with ThreadPoolExecutor(writers, thread_name_prefix="amends-bulk-load") as pool:
        try:
            for item in batches:
                pending.add(pool.submit(load, item))
                if len(pending) >= writers:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    settle(finished)
            finished, pending = wait(pending)
            settle(finished)
        finally:
            close = getattr(batches, "close", None)
            if close is not None:
                close()
            wait(pending)
