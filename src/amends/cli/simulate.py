"""`amends simulate`: write realistic call records with injected outages, and their truth file."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import typer
from rich.console import Console

console = Console()


def register(app: typer.Typer) -> None:
    """Add the `simulate` command."""
    app.command("simulate")(simulate_command)


def _date(value: str | None) -> date | None:
    """Parse `--start`; a bad date is a one-line InputError."""
    from amends.errors import InputError

    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--start: {value!r} is not a date; write YYYY-MM-DD") from None
    if not date(1970, 1, 1) <= day <= date(2200, 12, 31):
        raise InputError(f"--start: {value!r} is out of range; give a day from 1970 to 2200")
    return day


def simulate_command(
    output: Path = typer.Option(
        ..., "-o", "--output", help="Call records to write (Parquet), e.g. calls.parquet."
    ),
    subscribers: int | None = typer.Option(
        None, min=1, help="Simulated subscribers (default: scenario's, else 20000)."
    ),
    calls_per_day: int | None = typer.Option(
        None, min=1, help="Call attempts per day, all regions (default: scenario's, else 200000)."
    ),
    days: int | None = typer.Option(
        None, min=1, help="Days to simulate (default: scenario's, else 1)."
    ),
    start: str | None = typer.Option(
        None, help="First day (YYYY-MM-DD), from 00:00 UTC (default: scenario's, else 2026-03-10)."
    ),
    scenario: Path | None = typer.Option(
        None, help="Scenario YAML (regions and outages) (default: the built-in demo scenario)."
    ),
    seed: int | None = typer.Option(None, min=0, help="Random seed (default: 0)."),
) -> None:
    """Generate call records (canonical schema) with injected outages, plus the truth file."""
    from rich.markup import escape
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.table import Table

    from amends.errors import InputError
    from amends.events.scenario import SIM_SERVICES, Scenario
    from amends.events.simulate import (
        SimulationConfig,
        simulate,
        subscribers_path,
        truth_path,
    )

    first_day = _date(start)
    if scenario is None:
        chosen = Scenario.builtin("demo")
        if first_day is not None and chosen.start is not None:  # move the demo's outage along
            chosen = chosen.shifted((first_day - chosen.start).days)
    else:
        chosen = Scenario.load(scenario)
    config = SimulationConfig.resolve(
        chosen,
        subscribers=subscribers,
        calls_per_day=calls_per_day,
        days=days,
        start=first_day,
        seed=seed,
    )
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("simulating call attempts", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        try:
            truth = simulate(output, config, progress=advance)
        except OverflowError:
            raise InputError(
                "--start/--days: the simulated period runs past the year 9999; give an earlier "
                "start or fewer days"
            ) from None

    def utc(t: datetime | None) -> str:
        return "ongoing" if t is None else t.strftime("%Y-%m-%d %H:%M UTC")

    summary = Table(title="Simulated call records", title_justify="left", show_header=False)
    summary.add_column("what", style="bold")
    summary.add_column("value", overflow="fold")
    summary.add_row("rows", f"{truth.rows:,}")
    summary.add_row("time range", f"{utc(truth.start)} to {utc(truth.end)}")
    summary.add_row("subscribers", f"{config.subscribers:,}")
    summary.add_row("regions", ", ".join(f"{r.name} ({r.tz})" for r in truth.regions))
    summary.add_row("seed", str(truth.seed))
    console.print(summary)
    all_services = set(SIM_SERVICES)
    outages = Table(title="Injected outages", title_justify="left")
    outages.add_column("id", no_wrap=True)
    outages.add_column("where, what")
    outages.add_column("when")
    outages.add_column("effect")
    outages.add_column("failed", justify="right")
    outages.add_column("subscribers", justify="right")
    outages.add_column("removed", justify="right")
    for w in truth.windows:
        effect = f"{w.rate:.0%} fail" if w.kind == "failures" else f"{w.collapse:.0%} silent"
        if w.onset_minutes:
            effect += f" ({w.onset_minutes:g} min onset)"
        services = "all calls" if set(w.services) == all_services else ", ".join(w.services)
        outages.add_row(
            w.id,
            f"{', '.join(w.regions)}: {services}",
            f"{utc(w.start)} to {utc(w.end)}",
            effect,
            f"{w.failed_attempts:,}",
            f"{w.subscribers_affected:,}",
            f"{w.suppressed_attempts:,}",
        )
    if not truth.windows:
        outages.add_row("(none)", *[""] * 6)
    console.print(outages)
    console.print("[bold]Written:[/]")
    for label, path in (
        ("call records", output),
        ("truth (what was injected, who it hit)", truth_path(output)),
        ("subscribers (plans, contacts)", subscribers_path(output)),
    ):
        console.print(f"  {label}: {escape(str(path))}", soft_wrap=True, highlight=False)
