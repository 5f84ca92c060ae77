"""`amends demo`: the whole pipeline that exists, end to end, on generated data."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

console = Console()


def register(app: typer.Typer) -> None:
    """Add the `demo` command."""
    app.command("demo")(demo)


def demo(
    output: Path = typer.Option(
        Path("demo-output"), "-o", "--output", help="Folder for everything the demo writes."
    ),
    subscribers: int = typer.Option(20_000, help="Simulated subscribers."),
    calls_per_day: int = typer.Option(400_000, help="Simulated call attempts per day."),
    seed: int = typer.Option(7, help="Random seed: the same seed gives the same outage."),
) -> None:
    """Generate a day of outage data and run every stage of amends on it."""
    from amends.cli.demo_steps import run_demo

    run_demo(
        output, subscribers=subscribers, calls_per_day=calls_per_day, seed=seed, console=console
    )


def outputs_table(rows: list[tuple[str, Path]]) -> Table:
    """A table of what the demo wrote, and where."""
    table = Table(title="What the demo wrote", title_justify="left")
    table.add_column("output")
    table.add_column("path", overflow="fold")
    for label, path in rows:
        table.add_row(label, str(path))
    return table
