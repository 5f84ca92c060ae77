"""Progress of a long command in steps: a live bar on a terminal; in a log or a pipe, one line
per step with the seconds since the start (and, for a counted step, a line a minute with its
count), so a batch run's log shows where its time went."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

from amends.progress import Progress

#: Seconds between a counted step's lines in a log.
LOG_EVERY = 60.0
#: The clock a log's seconds are read from.
clock = time.monotonic


def _count(done: int | None, total: int | None) -> str:
    """'1,234 of 5,678' (or '1,234'); '' for a step without a count."""
    if done is None:
        return ""
    return f"{done:,} of {total:,}" if total is not None else f"{done:,}"


@contextmanager
def step_progress(console: Console, first: str) -> Iterator[Progress]:
    """Yield `show` for the steps of one command, starting with step `first`."""
    if not console.is_terminal:
        start = clock()
        last: list[object] = []  # [step, time of its last line]

        def line(what: str, done: int | None = None, total: int | None = None) -> None:
            now = clock()
            if last and what == last[0] and (done is None or now - float(last[1]) < LOG_EVERY):
                return
            last[:] = [what, now]
            count = _count(done, total)
            text = f"{what}: {count}" if count else what
            console.print(f"{now - start:8.1f} s  {text}", highlight=False)

        line(first)
        yield line
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
        TextColumn("{task.fields[count]}"), TimeElapsedColumn(),
        console=console,
    ) as progress:  # fmt: skip
        task = progress.add_task(first, total=None, count="")

        def bar(what: str, done: int | None = None, total: int | None = None) -> None:
            progress.update(
                task, description=what, completed=done or 0, total=total, count=_count(done, total)
            )

        yield bar
