"""`amends history import FILE`: load past incidents (the evidence for `amends eta`) into the
store's `past_incidents` table, in one transaction; re-importing a file changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape

from amends.errors import InputError

if TYPE_CHECKING:
    from amends.eta.history import PastCase
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


@dataclass(frozen=True)
class ImportResult:
    """What an import did: rows added, rows whose facts changed, rows already there as given."""

    inserted: int
    updated: int
    unchanged: int


def _same(old: Any, case: PastCase) -> bool:
    """Whether the stored row already says what the case says."""
    return (
        old.cause_category == case.cause_category
        and old.started_at == case.started_at
        and old.restored_at == case.restored_at
        and tuple(json.loads(old.regions or "[]")) == case.regions
        and tuple(json.loads(old.services or "[]")) == case.services
        and old.customers_affected == case.customers_affected
        and old.open_as_of == case.open_as_of
    )


def import_cases(
    store: Store, cases: Sequence[PastCase], *, source: str = "import"
) -> ImportResult:
    """Insert new cases and update changed ones (matched by ref), all in one transaction.

    Writes through `amends.store.history.save_past_incidents`; counts what changed.
    """
    from sqlalchemy import select

    from amends.store.history import save_past_incidents
    from amends.store.schema import past_incidents as table

    by_ref = {c.ref: c for c in cases}
    with store.begin() as conn:
        existing = {
            row.ref: row
            for batch in _chunks(list(by_ref), 500)
            for row in conn.execute(select(table).where(table.c.ref.in_(batch)))
        }
        changed = [
            c for ref, c in by_ref.items() if ref in existing and not _same(existing[ref], c)
        ]
        fresh = [c for ref, c in by_ref.items() if ref not in existing]
        save_past_incidents(conn, [*fresh, *changed], source=source)
    return ImportResult(len(fresh), len(changed), len(existing) - len(changed))


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def load_store_cases(store: Store) -> list[PastCase]:
    """Every past incident the store knows: imported ones, plus its own incidents (by id) not
    imported, with their cause category from the incident record."""
    from sqlalchemy import select

    from amends.eta.history import PastCase, table_to_cases
    from amends.incident import Incident
    from amends.store.history import incident_case, load_past_incidents
    from amends.store.schema import incidents

    out: dict[str, PastCase] = {}
    with store.connect() as conn:
        out.update((c.ref, c) for c in table_to_cases(load_past_incidents(conn)))
        query = select(
            incidents.c.id, incidents.c.record, incidents.c.started_at, incidents.c.resolved_at
        ).where(incidents.c.started_at.is_not(None))
        for row in conn.execute(query):
            if row.id in out:
                continue
            try:  # a record this version cannot read, or contradicting its row, is left out
                case = incident_case(Incident.model_validate_json(row.record))
                case["restored_at"] = case["restored_at"] or row.resolved_at
                out[row.id] = PastCase.model_validate(
                    {
                        **case,
                        "ref": row.id,
                        "regions": tuple(case["regions"]),
                        "services": tuple(case["services"]),
                    }
                )
            except ValueError:
                continue
    return list(out.values())


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

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console
    ) as progress:
        task = progress.add_task(f"reading {file}", total=None)
        cases = load_history_csv(file)
        progress.update(task, description=f"importing {len(cases):,} past incidents")
        with open_db(db) as store:
            result = import_cases(store, cases)
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
