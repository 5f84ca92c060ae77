"""`amends assess`: is the outage reportable under each regime, why, which clocks run, what is
overdue, and drafts of the reports; the judging itself is `amends.regulation` (pure)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from amends.cli.options import parse_now

out_console = Console(soft_wrap=True)


class Format(StrEnum):
    """Output format."""

    TEXT = "text"
    JSON = "json"


def register(app: typer.Typer) -> None:
    """Add the `assess` command."""
    app.command("assess")(assess_command)


def assess_command(
    incident: Path = typer.Argument(..., help="The incident YAML file.", show_default=False),
    impact: Path = typer.Option(
        ..., "--impact", help="Folder with impact.json (+ subscribers.parquet) from amends impact."
    ),
    regime: list[str] = typer.Option(
        [], "--regime", help="Regime name or .toml path (repeat); default: every built-in regime."
    ),
    now: str | None = typer.Option(
        None, "--now", help="Assess as of this time (ISO 8601 with offset); default: now."
    ),
    fmt: Format = typer.Option(Format.TEXT, "--format", help="text or json."),
    facts: Path | None = typer.Option(
        None, "--facts", help="YAML with facts only people know (contacts, remoteness, filings)."
    ),
    write_major: bool = typer.Option(
        False,
        "--write-major",
        help="Record the verdict in the incident file's `major` field (rewrites the file).",
    ),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Folder for assessment.json, the drafts and clocks.png/.svg."
    ),
) -> None:
    """Is the outage reportable, to whom, by when; what is overdue; draft the reports."""
    from amends.impact.outputs import affected_counts, read_report
    from amends.incident import load_incident
    from amends.regulation import assess, assessment_text, available_regimes, load_regime
    from amends.regulation.files import load_facts, write_outputs

    record = load_incident(incident)
    report, region_users = read_report(impact), affected_counts(impact)
    extra = load_facts(facts)
    regimes = [load_regime(r) for r in (regime or available_regimes())]
    when = parse_now(now)
    result = assess(record, report, regimes, now=when, region_users=region_users, extra=extra)
    written = write_outputs(result, output) if output is not None else []
    if write_major and result.major is not None and result.major != record.major:
        from amends.incident import dump_incident

        dump_incident(record.model_copy(update={"major": result.major}), incident)
        written.append(incident)
    if fmt is Format.JSON:
        out_console.print_json(result.model_dump_json())
    else:
        out_console.print(assessment_text(result), markup=False, highlight=False)
        for path in written:
            out_console.print(f"wrote {path}", markup=False, highlight=False)
