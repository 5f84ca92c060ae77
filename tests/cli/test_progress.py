"""Progress in a log or a pipe: one line per step, and a counted step's count once a minute."""

from __future__ import annotations

import io

from rich.console import Console

from amends.cli import progress as mod


def test_a_log_gets_a_line_per_step_and_a_minute_for_counts(monkeypatch):
    clock = iter([0.0, 0.0, 1.5, 2.0, 30.0, 62.5, 70.0, 125.0])  # start, then one per line
    monkeypatch.setattr(mod, "clock", lambda: next(clock))
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=200)
    with mod.step_progress(console, "reading") as show:
        show("reading", None, None)  # 1.5 s: the same step again: no line
        show("loading", 10, 100)  # 2.0 s: a new step: a line with its count
        show("loading", 20, 100)  # 30 s: under a minute since its last line
        show("loading", 70, 100)  # 62.5 s: a minute on: a line
        show("loading", 80, None)  # 70 s: too soon
        show("writing", None, None)  # 125 s: a new step
    assert out.getvalue().splitlines() == [
        "     0.0 s  reading",
        "     2.0 s  loading: 10 of 100",
        "    62.5 s  loading: 70 of 100",
        "   125.0 s  writing",
    ]


def test_a_terminal_bar_shows_the_count():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    with mod.step_progress(console, "reading") as show:
        show("loading", 1234, 5678)
    assert "1,234 of 5,678" in out.getvalue()
