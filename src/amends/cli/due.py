"""`amends due`: every open incident's next-update deadline and regulatory clocks, and which are
overdue."""

from __future__ import annotations

from typing import Any

import typer

from amends.cli.db import DB_OPTION


def register(app: typer.Typer) -> None:
    """Add the `due` command."""
    app.command("due")(due)


def due(
    db: str | None = DB_OPTION,
    regime: list[str] = typer.Option(
        [],
        "--regime",
        help="Regime name or .toml path for the regulatory clocks (repeat); default: every "
        "built-in regime.",
    ),
    no_regulatory: bool = typer.Option(
        False, "--no-regulatory", help="Show the update cadence only, no regulatory clocks."
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Print the rows as JSON (the shape of GET /api/admin/due)."
    ),
    fail_overdue: bool = typer.Option(
        False, "--fail-overdue", help="Exit 1 when any update is overdue (for cron and CI)."
    ),
    fail_regulatory: bool = typer.Option(
        False,
        "--fail-regulatory",
        help="Exit 1 when any regulatory clock is overdue (for cron and CI).",
    ),
) -> None:
    """Show when each open incident's next update is due (the profile's rule included) and, beside
    it, every regulatory clock still open: regime, obligation, recipient, due, state, section."""
    from rich.console import Console

    from amends.cli.db import open_cli_store
    from amends.publish.cadence import with_regulatory
    from amends.publish.site import load_site_data
    from amends.web.personal import deadlines
    from amends.web.settings import Settings

    regimes = None
    if regime:
        from amends.regulation import load_regime

        regimes = [load_regime(r) for r in regime]  # InputError: one line, exit 2
    with open_cli_store(db) as store:
        data = load_site_data(store, Settings.from_env().page_info())
    rows = deadlines(data)
    if not no_regulatory:
        everyone = [(i.id, i.title, i.status, i.record) for i in data.incidents]
        rows = with_regulatory(rows, everyone, data.generated_at, regimes)
    if as_json:
        import json

        print(json.dumps(rows, default=str, indent=2, ensure_ascii=False))
        _exit_code(rows, fail_overdue, fail_regulatory)
        return
    console = Console()
    if not console.is_terminal:  # pipes and files: one row per line, never wrapped
        console = Console(width=200)
    updates = [r for r in rows if r["status"] not in ("resolved", "postmortem")]
    if updates:
        console.print(_updates_table(updates))
    else:
        console.print("no open incident: no update is due")
    if not no_regulatory:
        clocks = [c for r in rows for c in r.get("regulatory", [])]
        for r in rows:
            if r.get("regulatory_error"):
                console.print(
                    f"[red]{r['incident_id']}: regulatory clocks not computed "
                    f"({r['regulatory_error']})[/]",
                    highlight=False,
                )
        if clocks:
            console.print(_clocks_table(rows))
        elif rows:
            console.print("no regulatory clock is open")
    _exit_code(rows, fail_overdue, fail_regulatory)


def _exit_code(rows: list[dict[str, Any]], fail_overdue: bool, fail_regulatory: bool) -> None:
    """Exit 1 when asked to fail on an overdue update or regulatory clock and one is overdue."""
    if fail_overdue and any(d["overdue"] for d in rows):
        raise typer.Exit(1)
    if fail_regulatory and any(d.get("regulatory_overdue") for d in rows):
        raise typer.Exit(1)


def _updates_table(rows: list[dict[str, Any]]) -> Any:
    """The next-update deadlines, one row per open incident."""
    from rich.table import Table

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
    return table


def _clocks_table(rows: list[dict[str, Any]]) -> Any:
    """Every open regulatory clock of every listed incident, overdue first."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(
        "incident",
        "regime",
        "obligation",
        "to",
        "due (UTC)",
        "due (incident's zone)",
        "state",
        "section",
        title="Regulatory clocks",
        title_justify="left",
    )
    styles = {"overdue": "[bold red]OVERDUE[/]", "due": "due", "owed": "owed"}
    for r in rows:
        for c in r.get("regulatory", []):
            due_utc = c["due"].replace("T", " ")[:16] + " UTC" if c["due"] else "-"
            table.add_row(
                escape(r["incident_id"]),
                escape(c["regime"]),
                escape(f"{c['title']} (window {c['window']})"),
                escape(f"{c['to']} [{c['recipient']}]"),
                due_utc,
                escape(c["due_local"] or c["due_text"]),
                styles.get(c["state"], escape(c["state"])),
                escape(c["section"]),
            )
    return table
