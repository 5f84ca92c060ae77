"""`amends incident`: pre-fill an incident record from impact output, and print its JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

from amends.errors import InputError

console = Console(stderr=True)
out_console = Console()
incident_app = typer.Typer(help="The incident record: the facts every statement is built from.")

HEADER = (
    "# amends incident record. Measured facts come from impact.json; every line marked\n"
    "# TODO(person) is a fact only a person can supply - `amends draft` refuses until it is.\n"
    "# Schema: docs/incident.schema.json (`amends incident schema`).\n"
)


def register(app: typer.Typer) -> None:
    """Add the `incident` command group."""
    app.add_typer(incident_app, name="incident")


@incident_app.command("init")
def init(
    impact: Path = typer.Option(..., "--impact", help="Folder written by `amends impact`."),
    output: Path = typer.Option(..., "-o", "--output", help="Incident YAML to write."),
    plans: Path | None = typer.Option(
        None, "--plans", help="Subscribers/plans Parquet (default: *.subscribers.parquet nearby)."
    ),
    locale: list[str] = typer.Option(
        ["en"], "--locale", help="Locales to publish in; the first is the record's own language."
    ),
    window: list[str] = typer.Option(
        [], "--window", help="An impact window that belongs to this incident (repeat; default all)."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Pre-fill an incident record from impact.json; mark what a person must still supply."""
    from amends.errors import check_locale, prepare_output
    from amends.incident.io import dump_incident
    from amends.incident.prefill import TODO_NOTES, find_plans, prefill, read_impact

    if output.is_dir():
        prepare_output(output, kind="file")
    if output.exists() and not force:
        raise InputError("already exists; pass --force to overwrite it", path=str(output))
    locales = [p.strip() for item in locale for p in item.split(",") if p.strip()]
    for loc in locales:
        check_locale(loc)
    prepare_output(output, kind="file", create=False)
    report = read_impact(impact)
    record = prefill(
        report,
        plans=find_plans(impact, plans),
        locales=locales,
        windows=window or None,
    )
    dump_incident(record, output, header=HEADER, notes=TODO_NOTES)
    from amends.compose.draft import todo_fields

    todo = todo_fields(record.model_dump(mode="json"))
    out_console.print(
        f"wrote {output}: {len(record.windows)} windows, {record.customers_affected:,} customers; "
        f"{len(TODO_NOTES)} sections for a person to fill"
        + (f", {len(todo)} values marked TODO(person)" if todo else "")
    )


@incident_app.command("schema")
def schema(
    output: Path | None = typer.Option(None, "-o", "--output", help="Write here (default stdout)."),
) -> None:
    """Print the incident record's JSON Schema (for editors and validators)."""
    from amends.files import write_text_atomic
    from amends.incident.schema import incident_schema

    text = json.dumps(incident_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text_atomic(output, text)
        out_console.print(f"wrote {output}")


@incident_app.command("list")
def list_incidents(
    db: str | None = typer.Option(
        None,
        "--db",
        help="Database URL (default: env AMENDS_DB_URL, else sqlite:///amends.db).",
        show_default=False,
    ),
    status: str | None = typer.Option(
        None, "--status", help="Only incidents with this status (investigating, resolved, ...)."
    ),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    withdrawn: bool = typer.Option(
        False, "--withdrawn", help="Include incidents whose window detection no longer shows."
    ),
) -> None:
    """The incidents `amends watch` opened from the records (not public until published)."""
    from rich.table import Table

    from amends.cli.db import open_cli_store
    from amends.store.watch import incident_summary, list_watch_incidents

    if fmt not in ("table", "json"):
        raise InputError(f"--format {fmt!r}: use table or json")
    store = open_cli_store(db)
    try:
        with store.connect() as conn:
            items = [
                incident_summary(i)
                for i in list_watch_incidents(conn, status=status, include_withdrawn=withdrawn)
            ]
    finally:
        store.close()
    if fmt == "json":
        typer.echo(json.dumps(items, indent=2, ensure_ascii=False))
        return
    table = Table(title=f"{len(items)} incident(s) opened from the records")
    for col in ("id", "status", "start", "end", "areas", "services", "customers", "drafts"):
        table.add_column(col)
    for it in items:
        w = it["windows"][0] if it["windows"] else {}
        table.add_row(
            it["id"],
            it["status"],
            str(w.get("start") or ""),
            str(w.get("end") or "ongoing"),
            ", ".join(w.get("regions", [])),
            ", ".join(w.get("services", [])),
            f"{w.get('subscribers_affected', 0):,}",
            f"{it['drafts']['ready']} ready, {it['drafts']['blocked']} need facts",
        )
    out_console.print(table)


@incident_app.command("export")
def export_incident(
    incident_id: str = typer.Argument(..., help="The id `amends incident list` shows."),
    output: Path = typer.Option(..., "-o", "--output", help="Incident record YAML to write."),
    drafts: Path | None = typer.Option(
        None, "--drafts", help="Also write the ready drafts into this folder (as amends draft)."
    ),
    db: str | None = typer.Option(
        None,
        "--db",
        help="Database URL (default: env AMENDS_DB_URL, else sqlite:///amends.db).",
        show_default=False,
    ),
) -> None:
    """Write a watcher incident's record (to complete and publish) and its drafts."""
    from amends.cli.db import open_cli_store
    from amends.incident.model import Incident
    from amends.store.watch import get_watch_incident
    from amends.watch.export import export

    store = open_cli_store(db)
    try:
        with store.connect() as conn:
            inc = get_watch_incident(conn, incident_id)
    finally:
        store.close()
    if inc is None:
        raise InputError(f"no incident {incident_id!r}; `amends incident list` shows the ids")
    written = export(Incident.model_validate(inc.record), inc.drafts, output, drafts, HEADER)
    console.print(f"wrote {', '.join(str(p) for p in written)}")
