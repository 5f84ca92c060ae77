"""`amends draft`: one checked statement per channel and locale for a stage, into a folder."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from amends.cli.eta import HISTORY_DB_OPTION, HISTORY_OPTION
from amends.cli.options import parse_time
from amends.errors import InputError

if TYPE_CHECKING:
    from amends.compose import Draft

console = Console()


def register(app: typer.Typer) -> None:
    """Add the `draft` command."""
    app.command("draft")(draft_command)


def _split(values: list[str] | None) -> list[str]:
    return [p.strip() for v in values or [] for p in v.split(",") if p.strip()]


def write_draft(d: Draft, folder: Path) -> list[Path]:
    """Write a draft's files atomically: web .md + .html, email .eml (text + HTML), .txt, named
    `STAGE.CHANNEL.LOCALE[.AUDIENCE]` (the audience only when it is not the default, customers)."""
    from amends.compose.draft import draft_name
    from amends.files import write_text_atomic

    base = folder / draft_name(d.stage, d.channel, d.locale, d.audience)
    paths: list[Path] = []
    if d.channel == "web":
        paths.append(write_text_atomic(base.with_name(base.name + ".md"), d.text))
        if d.html:
            paths.append(write_text_atomic(base.with_name(base.name + ".html"), d.html))
    elif d.channel == "email":
        msg = EmailMessage()
        msg["Subject"] = d.subject or ""
        msg["Content-Language"] = d.locale
        msg.set_content(d.text)
        if d.html:
            msg.add_alternative(d.html, subtype="html")
        paths.append(write_text_atomic(base.with_name(base.name + ".eml"), msg.as_string()))
    else:
        paths.append(write_text_atomic(base.with_name(base.name + ".txt"), d.text))
    return paths


def draft_command(
    incident: Path = typer.Argument(..., help="Incident YAML file."),
    stage: str = typer.Option(
        ..., "--stage", help="acknowledge, update, resolve, explain or follow_up."
    ),
    channel: list[str] = typer.Option(
        ["web,email,sms,social"], "--channel", help="Channels, comma-separated."
    ),
    locale: list[str] | None = typer.Option(
        None, "--locale", help="Locales, comma-separated (default: the record's locales)."
    ),
    audience: list[str] | None = typer.Option(
        None,
        "--audience",
        help="Audiences, comma-separated: public, customers (default: the record's audiences).",
    ),
    output: Path = typer.Option(..., "-o", "--output", help="Folder for the drafts."),
    templates: Path | None = typer.Option(
        None, "--templates", help="Your template folder (overrides ours file by file)."
    ),
    now: str | None = typer.Option(
        None, "--now", help="Draft as of this time (ISO, with offset); default: now."
    ),
    history: list[Path] = HISTORY_OPTION,
    history_db: str | None = HISTORY_DB_OPTION,
) -> None:
    """Draft a stage's statements from the incident record, check them and write them.

    With --history or --history-db, an acknowledgement or update is re-estimated first (as
    `amends eta` would), so every update carries the estimate as of now, with its basis.
    """
    from amends.compose import AUDIENCES, CHANNELS, STAGES, MissingFacts, draft
    from amends.errors import prepare_output
    from amends.incident import load_incident

    if stage not in STAGES:
        raise InputError(f"--stage: unknown stage {stage!r}; use one of {', '.join(STAGES)}")
    channels = _split(channel)
    for ch in channels:
        if ch not in CHANNELS:
            raise InputError(f"--channel: unknown channel {ch!r}; use {', '.join(CHANNELS)}")
    wanted = _split(audience)
    for au in wanted:
        if au not in AUDIENCES:
            raise InputError(f"--audience: unknown audience {au!r}; use {', '.join(AUDIENCES)}")
    record = load_incident(incident)
    locales = _split(locale) or record.locales
    audiences = wanted or record.audiences
    for au in audiences:
        if au not in AUDIENCES:
            raise InputError(
                f"audiences: unknown audience {au!r}; use {', '.join(AUDIENCES)} in the record "
                "or pass --audience",
                path=str(incident),
            )
    moment = parse_time(now) if now is not None else None
    prepare_output(output, kind="folder", create=False)
    if history or history_db:
        from datetime import UTC, datetime

        from amends.cli.eta import re_estimated

        record = re_estimated(record, stage, history, history_db, moment or datetime.now(UTC))
    drafts = []
    missing: list[str] = []
    for au in audiences:
        for ch in channels:
            for loc in locales:
                try:
                    drafts.append(
                        draft(record, stage, ch, loc, now=moment, templates=templates, audience=au)
                    )
                except MissingFacts as exc:
                    missing += exc.fields
    if missing:
        raise MissingFacts(list(dict.fromkeys(missing)), stage=stage, path=str(incident))
    table = Table(title=f"{stage}: drafts and their check", title_justify="left")
    for col in ("channel", "locale", "file", "score", "errors", "warnings", "note"):
        # file names carry the audience (`.public`): fold them rather than cut them
        table.add_column(col, overflow="fold" if col == "file" else "ellipsis")
    errors = 0
    written = 0
    for d in drafts:
        paths = write_draft(d, output)
        written += len(paths)
        n_err = sum(1 for f in d.check.findings if f.severity == "error")
        n_warn = sum(1 for f in d.check.findings if f.severity == "warning")
        errors += n_err
        note = f"{d.segments} segment(s), {d.encoding}" if d.segments else ""
        table.add_row(
            d.channel,
            d.locale,
            paths[0].name,
            str(d.check.score),
            str(n_err),
            str(n_warn),
            note,
        )
        for f in d.check.findings:
            console.print(f"  {paths[0]}:{f.line}:{f.column} {f.severity} {f.rule} {f.message}")
    console.print(table)
    console.print(f"wrote {written} files to {output}")
    if errors:
        console.print(f"[red]{errors} error finding(s): fix the record or the template first[/]")
        raise typer.Exit(1)
