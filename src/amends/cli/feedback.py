"""`amends feedback INCIDENT`: summarise the answers to "Did this answer your questions?"."""

from __future__ import annotations

import typer

from amends.cli.db import DB_OPTION


def register(app: typer.Typer) -> None:
    """Add the `feedback` command."""
    app.command("feedback")(feedback)


def feedback(
    incident: str = typer.Argument(..., help="The incident id (slug)."),
    db: str | None = DB_OPTION,
    comments: int = typer.Option(20, min=0, help="How many of the newest comments to show."),
) -> None:
    """How many answered, the share who said yes, per locale, and the newest comments."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from amends.cli.db import open_cli_store
    from amends.errors import InputError
    from amends.publish.feedback import summarise_feedback
    from amends.publish.operations import load_incident_record

    with open_cli_store(db) as store:
        try:
            load_incident_record(store, incident)
        except InputError:
            raise InputError(f"no incident {incident!r} in the store; check the id") from None
        s = summarise_feedback(store, incident)
    console = Console()
    if not console.is_terminal:  # pipes and files: one row per line, never wrapped
        console = Console(width=200)
    share = f"{s.helpful_share:.0%}" if s.helpful_share is not None else "-"
    console.print(
        f"[bold]{escape(incident)}[/]: {s.total} answers; yes {s.helpful}, "
        f"no {s.not_helpful}, no choice {s.no_answer}; helpful {share}"
    )
    if s.by_locale:
        table = Table("locale", "yes", "no", title="By locale", title_justify="left")
        for loc, (yes, no) in sorted(s.by_locale.items()):
            table.add_row(loc, str(yes), str(no))
        console.print(table)
    if s.comments:
        table = Table(
            "when (UTC)",
            "locale",
            "helpful",
            "comment",
            title="Newest comments",
            title_justify="left",
        )
        for at, loc, helpful, text in s.comments[:comments]:
            answer = {True: "yes", False: "no", None: "-"}[helpful]
            table.add_row(at.strftime("%Y-%m-%d %H:%M"), loc, answer, escape(text))
        console.print(table)
