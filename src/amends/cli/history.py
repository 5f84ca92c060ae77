"""`amends history import FILE`: load past incidents (the evidence for `amends eta`) into the
store's `past_incidents` table, in one transaction; re-importing a file changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

from amends.errors import InputError

if TYPE_CHECKING:
    from amends.store import Store

console = Console()
history_app = typer.Typer(
    name="history",
    help="Past incidents: the evidence behind estimated restoration times.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the `history` command group."""
    app.add_typer(history_app)


@contextmanager
def open_db(url: str | None) -> Iterator[Store]:
    """Open (and migrate) the store; an unreachable or missing database is a one-line error."""
    from amends.cli.db import open_cli_store

    store = open_cli_store(url)
    try:
        yield store
    finally:
        store.close()


@history_app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="History CSV (see docs/eta.md).", show_default=False),
    db: str | None = typer.Option(
        None, "--db", help="Database URL (default: env AMENDS_DB_URL, else sqlite:///amends.db)."
    ),
) -> None:
    """Import past incidents from a CSV file into the store (one transaction; idempotent)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from amends.eta.history import load_history_csv
    from amends.store.history import import_past_incidents

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console
    ) as progress:
        task = progress.add_task(f"reading {file}", total=None)
        cases = load_history_csv(file)
        progress.update(task, description=f"importing {len(cases):,} past incidents")
        with open_db(db) as store:
            result = import_past_incidents(store, cases)
        progress.update(task, description="done", total=1, completed=1)
    open_cases = sum(c.restored_at is None for c in cases)
    console.print(
        f"{escape(str(file))}: {len(cases)} past incidents ({open_cases} still open): "
        f"{result.inserted} added, {result.updated} updated, {result.unchanged} unchanged"
    )


@history_app.command("show")
def show_command(
    history: list[Path] = typer.Option(
        [], "--history", help="History CSV file(s) of past incidents (repeatable)."
    ),
    db: str | None = typer.Option(
        None, "--db", help="Also read past incidents from this store (database URL)."
    ),
    now: str | None = typer.Option(
        None, "--now", help="As known at this time (ISO 8601 with offset; default: now)."
    ),
) -> None:
    """How long past incidents lasted, per cause and group: what `amends eta` goes on."""
    from rich.table import Table

    from amends.cli.eta import load_cases
    from amends.cli.options import parse_now
    from amends.eta.summary import summarise

    if not history and db is None:
        raise InputError("no past incidents: give --history FILE.csv and/or --db URL")
    lines = summarise(load_cases(history, db), parse_now(now))
    table = Table(
        title="Past incidents: how long they lasted (hours; open ones counted as censored)",
        title_justify="left",
    )
    table.add_column("cause or group")
    for col in ("cases", "still open", "median", "10%", "90%"):
        table.add_column(col, justify="right")

    def hours(value: float | None) -> str:
        return "-" if value is None else f"{value:.1f}"

    for line in lines:
        name = escape(line.name)
        if line.kind == "group":
            name = f"[bold]{name}[/] (group)"
        elif line.kind == "all":
            name = "[bold]all past incidents[/]"
        table.add_row(
            name,
            str(line.cases),
            str(line.still_open),
            hours(line.median),
            hours(line.low),
            hours(line.high),
        )
    console.print(table)
