"""The demo's pipeline: each step runs one stage on the previous step's output and reports it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

DEMO_START = date(2026, 3, 10)


@dataclass
class DemoState:
    """What the steps so far have produced."""

    output: Path
    console: Console
    wrote: list[tuple[str, Path]] = field(default_factory=list)
    calls: Path | None = None
    truth_path: Path | None = None


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def step_simulate(state: DemoState, *, subscribers: int, calls_per_day: int, seed: int) -> None:
    """Generate a day of call records with the demo's injected outage."""
    from amends.events.scenario import Scenario
    from amends.events.simulate import SimulationConfig, simulate

    scenario = Scenario.builtin("demo")
    config = SimulationConfig(
        subscribers=subscribers,
        calls_per_day=calls_per_day,
        days=1,
        start=DEMO_START,
        scenario=scenario,
        seed=seed,
    )
    calls = state.output / "calls.parquet"
    with _progress(state.console) as progress:
        task = progress.add_task("simulating call records", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        truth = simulate(calls, config, progress=advance)
    state.calls = calls
    state.truth_path = calls.with_name(calls.stem + ".truth.json")
    state.wrote += [
        ("call records (canonical Parquet)", calls),
        ("what was injected (truth)", state.truth_path),
        ("subscribers and plans", calls.with_name(calls.stem + ".subscribers.parquet")),
    ]
    table = Table(title="Simulated day", title_justify="left")
    table.add_column("rows", justify="right")
    table.add_column("from (UTC)")
    table.add_column("to (UTC)")
    table.add_column("regions")
    table.add_row(
        f"{truth.rows:,}",
        truth.start.isoformat(),
        truth.end.isoformat(),
        ", ".join(r.name for r in truth.regions),
    )
    state.console.print(table)
    outages = Table(title="Injected outage", title_justify="left")
    for col in ("id", "kind", "regions", "services", "start (UTC)", "end (UTC)", "subscribers"):
        outages.add_column(col)
    for w in truth.windows:
        outages.add_row(
            w.id,
            w.kind,
            ", ".join(w.regions),
            ", ".join(w.services),
            w.start.isoformat(),
            w.end.isoformat() if w.end else "ongoing",
            f"{w.subscribers_affected:,}",
        )
    state.console.print(outages)


def run_demo(
    output: Path, *, subscribers: int, calls_per_day: int, seed: int, console: Console
) -> None:
    """Run every step of the pipeline that exists and print where the outputs are."""
    from amends.cli.demo import outputs_table

    output.mkdir(parents=True, exist_ok=True)
    state = DemoState(output=output, console=console)
    step_simulate(state, subscribers=subscribers, calls_per_day=calls_per_day, seed=seed)
    console.print(outputs_table(state.wrote))
    console.print(f"[bold green]Done.[/] Everything is in {output.resolve()}")
