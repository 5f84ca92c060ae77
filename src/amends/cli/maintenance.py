"""`amends maintenance`: schedule planned work, announce it, start and complete it by hand, or let
`advance` (run by `amends worker` on its clock) take the steps that are due."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from amends.cli.db import DB_OPTION, open_cli_store

maintenance_app = typer.Typer(
    name="maintenance",
    help="Scheduled maintenance: create, announce, start, complete, cancel, list, advance.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the `maintenance` command group."""
    app.add_typer(maintenance_app, name="maintenance")


@maintenance_app.command("create")
def create(
    file: Path = typer.Argument(
        ...,
        help="The maintenance (TOML): id, title.LOCALE, body.LOCALE, components, "
        "scheduled_for, scheduled_until, auto.",
        show_default=False,
    ),
    announce: bool = typer.Option(False, "--announce", help="Announce it to subscribers now."),
    by: str = typer.Option("cli", "--by", help="Who schedules it (kept with it)."),
    db: str | None = DB_OPTION,
) -> None:
    """Schedule a maintenance (checked whole before anything is written)."""
    from amends.publish import maintenance as m

    spec = m.load_spec(str(file))
    with open_cli_store(db) as store, store.begin() as conn:
        m.create_maintenance(conn, spec, by=by)
        queued = m.announce(conn, spec.id) if announce else 0
    typer.echo(
        f"maintenance {spec.id} scheduled for {spec.scheduled_for.isoformat()} to "
        f"{spec.scheduled_until.isoformat()}"
        + (f"; announced ({queued} messages queued)" if announce else "")
    )


def _step(name: str, maintenance_id: str, db: str | None) -> None:
    from amends.publish import maintenance as m

    with open_cli_store(db) as store, store.begin() as conn:
        queued = getattr(m, name)(conn, maintenance_id)
    typer.echo(f"maintenance {maintenance_id}: {name} done, {queued} messages queued")


@maintenance_app.command("announce")
def announce_(maintenance_id: str = typer.Argument(...), db: str | None = DB_OPTION) -> None:
    """Tell the subscribers of its components about it."""
    _step("announce", maintenance_id, db)


@maintenance_app.command("remind")
def remind_(maintenance_id: str = typer.Argument(...), db: str | None = DB_OPTION) -> None:
    """Remind them before it starts (advance does it a day before)."""
    _step("remind", maintenance_id, db)


@maintenance_app.command("start")
def start_(maintenance_id: str = typer.Argument(...), db: str | None = DB_OPTION) -> None:
    """Move it to in progress now: its components show under maintenance."""
    _step("start", maintenance_id, db)


@maintenance_app.command("complete")
def complete_(maintenance_id: str = typer.Argument(...), db: str | None = DB_OPTION) -> None:
    """Complete it now: its components return to operational."""
    _step("complete", maintenance_id, db)


@maintenance_app.command("cancel")
def cancel_(maintenance_id: str = typer.Argument(...), db: str | None = DB_OPTION) -> None:
    """Call it off (subscribers hear only if it was announced or had started)."""
    _step("cancel", maintenance_id, db)


@maintenance_app.command("advance")
def advance_(
    now: str | None = typer.Option(None, "--now", help="The time to act at (ISO 8601)."),
    db: str | None = DB_OPTION,
) -> None:
    """Take every step that is due: reminders, starts and completions at their times."""
    from amends.cli.options import parse_time
    from amends.publish import maintenance as m

    at: datetime | None = parse_time(now, option="--now") if now else None
    with open_cli_store(db) as store, store.begin() as conn:
        taken = m.advance(conn, now=at)
    for maintenance_id, step in taken:
        typer.echo(f"maintenance {maintenance_id}: {step}")
    if not taken:
        typer.echo("nothing due")


@maintenance_app.command("list")
def list_(db: str | None = DB_OPTION) -> None:
    """Every maintenance, the next to start first: one line each."""
    from amends.publish import maintenance as m

    with open_cli_store(db) as store, store.connect() as conn:
        rows = m.list_maintenances(conn)
    if not rows:
        typer.echo("no maintenance; schedule one with `amends maintenance create FILE`")
    for r in rows:
        typer.echo(
            f"{r['id']}  {r['status']}  {r['scheduled_for']:%Y-%m-%d %H:%M} to "
            f"{r['scheduled_until']:%Y-%m-%d %H:%M} UTC  {','.join(r['components'])}  "
            + ("announced" if r["announced_at"] else "not announced")
            + ("" if r["auto"] else "  by hand")
        )
