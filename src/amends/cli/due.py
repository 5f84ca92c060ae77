"""`amends due`: every open incident's next-update deadline, and which are overdue."""

from __future__ import annotations

import typer

from amends.cli.db import DB_OPTION


def register(app: typer.Typer) -> None:
    """Add the `due` command."""
    app.command("due")(due)


def due(
    db: str | None = DB_OPTION,
    fail_overdue: bool = typer.Option(
        False, "--fail-overdue", help="Exit 1 when any update is overdue (for cron and CI)."
    ),
) -> None:
    """Show when each open incident's next update is due (the profile's rule included)."""
    from rich.console import Console
    from rich.table import Table

    from amends.cli.db import open_cli_store
    from amends.publish.site import load_site_data
    from amends.web.personal import deadlines
    from amends.web.settings import Settings

    with open_cli_store(db) as store:
        data = load_site_data(store, Settings.from_env().page_info())
    rows = deadlines(data)
    console = Console()
    if not console.is_terminal:  # pipes and files: one row per line, never wrapped
        console = Console(width=200)
    if not rows:
        console.print("no open incident: no update is due")
        return
    table = Table(
        "incident",
        "status",
        "last update (UTC)",
        "next update by (UTC)",
        "rule",
        "state",
        title="Next updates",
        title_justify="left",
    )
    for d in rows:
        state = f"[bold red]OVERDUE by {d['overdue_minutes']} min[/]" if d["overdue"] else "on time"
        table.add_row(
            d["incident_id"],
            d["status"],
            d["last_update_at"].strftime("%Y-%m-%d %H:%M") if d["last_update_at"] else "none",
            d["due_at"].strftime("%Y-%m-%d %H:%M") if d["due_at"] else "-",
            d["basis"],
            state,
        )
    console.print(table)
    if fail_overdue and any(d["overdue"] for d in rows):
        raise typer.Exit(1)
