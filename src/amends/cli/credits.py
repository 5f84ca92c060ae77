"""`amends credits`: apply a compensation policy to an incident's impact, record the credits in
the ledger (exactly once) and export them as CSV and Parquet; the run is `amends.credits.run`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.table import Table

from amends.impact.engines import Engine

if TYPE_CHECKING:
    from amends.credits.run import CreditsJob, CreditsRun, Summary

console = Console(stderr=True)
out_console = Console()


def register(app: typer.Typer) -> None:
    """Add the `credits` command."""
    app.command("credits")(credits)


def credits(
    incident: Path = typer.Argument(
        ..., help="The incident file (incident.yaml).", show_default=False
    ),
    impact: Path = typer.Option(
        ...,
        "--impact",
        help="Folder written by `amends impact` (impact.json, subscribers.parquet).",
    ),
    policy: Path | None = typer.Option(
        None,
        "--policy",
        help="The compensation policy (TOML); default: the incident's compensation.policy.",
    ),
    plans: Path | None = typer.Option(
        None, "--plans", help="Subscriber file (CSV/Parquet): plan, monthly_fee, home_region, ..."
    ),
    db: str | None = typer.Option(
        None,
        "--db",
        help="Ledger database URL (default: $AMENDS_DB_URL, else sqlite:///amends.db).",
    ),
    output: Path = typer.Option(
        ..., "-o", "--output", help="credits.csv to write (a .parquet twin is written beside it)."
    ),
    chart: bool = typer.Option(
        True, "--chart/--no-chart", help="Draw credits.png and .svg beside the CSV."
    ),
    engine: Engine = typer.Option(
        Engine.DUCKDB, "--engine", help="Compute on duckdb (embedded) or spark."
    ),
    spark_master: str | None = typer.Option(
        None,
        "--spark-master",
        help="With --engine spark: local[*] (default), spark://HOST:PORT, yarn or k8s://URL "
        "(or $AMENDS_SPARK_MASTER).",
    ),
) -> None:
    """Compute each affected customer's credit, record it once in the ledger, export it."""
    from amends.credits.run import incident_inputs, incident_policy, prepare

    incident_id, windows = incident_inputs(incident, impact)
    job = prepare(
        incident_id=incident_id,
        windows=windows,
        impact=impact,
        policy_path=policy if policy is not None else incident_policy(incident),
        plans_path=plans,
        output=output,
        chart=chart,
        engine=engine,
        master=spark_master,
    )
    print_summary(run_credits(job, db_url=db, console=console), out_console)


def run_credits(
    job: CreditsJob, *, db_url: str | None, console: Console, create_store: bool = False
) -> CreditsRun:
    """Open the store and run a prepared job (`amends.credits.run`) behind a progress bar.

    `create_store`: the ledger's store may be created (the demo); otherwise it must exist."""
    from amends.cli.db import open_cli_store
    from amends.cli.progress import step_progress
    from amends.credits.run import run

    store = open_cli_store(db_url, create=create_store)
    try:
        with step_progress(console, f"computing credits ({job.policy.id})") as show:
            return run(job, store, show)
    finally:
        store.close()


def _fmt(amount: Any, unit: str, currency: str, digits: int) -> str:
    text = f"{amount:,.{digits}f}"
    return f"{text} {currency}" if unit == "cash" else f"{text} {unit}"


def summary_tables(summary: Summary, policy: Any) -> list[Table]:
    """Total cost per currency/unit, the count per amount, and the count and cost per region
    (formatting the aggregates `amends.credits.run.summarize` computed)."""

    def digits(unit: str) -> int:
        return policy.digits if unit == "cash" else policy.unit_digits(unit)

    cost = Table(title=f"Total cost ({policy.id})", title_justify="left")
    cost.add_column("unit")
    cost.add_column("credits", justify="right")
    cost.add_column("total", justify="right")
    for cur, unit, count, total in summary.totals:
        cost.add_row(
            unit if unit != "cash" else cur, f"{count:,}", _fmt(total, unit, cur, digits(unit))
        )
    per_amount = Table(title="Credits per amount", title_justify="left")
    per_amount.add_column("amount", justify="right")
    per_amount.add_column("subscribers", justify="right")
    for amount, unit, cur, count in summary.per_amount:
        per_amount.add_row(_fmt(amount, unit, cur, digits(unit)), f"{count:,}")
    per_region = Table(title="Credits per region", title_justify="left")
    per_region.add_column("region")
    per_region.add_column("subscribers", justify="right")
    per_region.add_column(f"cash ({policy.currency})", justify="right")
    for region, subscribers, cash, _rows in summary.per_region:
        per_region.add_row(region, f"{subscribers:,}", f"{cash:,.{policy.digits}f}")
    return [cost, per_amount, per_region]


def print_summary(run: CreditsRun, console: Console) -> None:
    """Print the summary tables and one line on what the ledger did."""
    for table in summary_tables(run.summary, run.policy):
        console.print(table)
    r = run.recorded
    what = (
        "already recorded: nothing to do"
        if r.written == 0
        else f"{r.inserted:,} new credits, {r.adjusted:,} adjustments (run {r.run_id})"
    )
    console.print(
        f"ledger: {what}; {r.unchanged:,} unchanged. policy {run.policy.id} version "
        f"{run.policy.version}; wrote " + ", ".join(str(p) for p in run.paths)
    )
