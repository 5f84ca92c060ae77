"""Progress of a long command in steps: a live bar on a terminal; in a log or a pipe, one line
per step with the seconds since the start, so a batch run's log shows where its time went."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console

#: show(description, done, total): the step under way and its count (None: no count).
Show = Callable[[str, int | None, int | None], None]


@contextmanager
def step_progress(console: Console, first: str) -> Iterator[Show]:
    """Yield `show` for the steps of one command, starting with step `first`."""
    if not console.is_terminal:
        start = time.monotonic()
        last: list[str] = []

        def line(what: str, done: int | None = None, total: int | None = None) -> None:
            if not last or what != last[0]:
                last[:] = [what]
                console.print(f"{time.monotonic() - start:8.1f} s  {what}", highlight=False)

        line(first)
        yield line
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
        console=console,
    ) as progress:  # fmt: skip
        task = progress.add_task(first, total=None)

        def bar(what: str, done: int | None = None, total: int | None = None) -> None:
            progress.update(task, description=what, completed=done or 0, total=total)

        yield bar
