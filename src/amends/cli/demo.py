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


def outputs_table(rows: list[tuple[str, Path]], root: Path | None = None) -> Table:
    """A table of what the demo wrote, and where."""
    table = Table(title="What the demo wrote", title_justify="left")
    table.add_column("output")
    table.add_column("path", overflow="fold")
    by_folder: dict[Path, int] = {}
    for _, path in rows:
        by_folder[path.parent] = by_folder.get(path.parent, 0) + 1
    shown: set[Path] = set()
    for label, path in rows:
        folder = path.parent
        if by_folder[folder] > 6 and folder != root:  # many files of one kind: one row
            if folder not in shown:
                shown.add(folder)
                table.add_row(f"{by_folder[folder]} files, e.g. {label}", f"{folder}/")
            continue
        table.add_row(label, str(path))
    return table
