"""`amends eta incident.yaml`: estimate when service will be back, from past incidents, print the
estimate and its basis, and draw the survival curve (PNG + SVG)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from amends.cli.options import parse_now
from amends.errors import InputError

if TYPE_CHECKING:
    from datetime import datetime

    from amends.eta import Estimate
    from amends.eta.history import PastCase
    from amends.incident import Incident

console = Console()
err_console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    """Add the `eta` command."""
    app.command("eta")(eta)


def eta(
    incident: Path = typer.Argument(..., help="The incident YAML file.", show_default=False),
    history: list[Path] = typer.Option(
        [], "--history", help="History CSV file(s) of past incidents (repeatable)."
    ),
    db: str | None = typer.Option(
        None, "--db", help="Also read past incidents from this store (database URL)."
    ),
    now: str | None = typer.Option(
        None, "--now", help="Estimate as of this time (ISO 8601 with offset; default: now)."
    ),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Survival-curve chart: PNG here, and SVG beside it."
    ),
    locale: str = typer.Option(
        "en", "--locale", help="Locale of the estimate (times via Babel; words en or es)."
    ),
    write: bool = typer.Option(
        False, "--write", help="Store the estimate as the incident's `eta` in the YAML file."
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Print the whole estimate as JSON (for scripts) instead of text."
    ),
) -> None:
    """Estimate restoration for an ongoing incident from the provider's own past incidents."""
    from amends.eta import fit
    from amends.incident import load_incident

    record = load_incident(incident)
    if not history and db is None:
        raise InputError(
            "no past incidents: give --history FILE.csv and/or --db URL "
            "(try src/amends/eta/data/sample_history.csv, synthetic sample data)"
        )
    when = parse_now(now)
    _check_locale(locale)
    charts = chart_paths(output) if output is not None else []
    cases = load_cases(history, db)
    result = fit(record, cases, when, locale=locale)
    est = result.estimate
    if as_json:
        typer.echo(est.model_dump_json(indent=2))
    else:
        console.print(estimate_table(est))
        console.print(f"[bold]Estimate:[/] {escape(est.said)}")
        console.print(f"[bold]Basis:[/] {escape(est.basis)}")
        for loc, texts in est.translations.items():
            said, basis = escape(texts["said"]), escape(texts["basis"])
            console.print(f"[bold]{escape(loc)}:[/] {said}. {basis}")
    out = err_console if as_json else console
    if charts:
        from amends.eta.chart import render

        fig = render(est, result.survival)
        for path in charts:
            save_atomic(fig, path)
            out.print(f"wrote {escape(str(path))}")
    if write:
        from amends.eta import with_estimate
        from amends.incident import dump_incident

        updated, _ = with_estimate(record, cases, when, locale=locale)
        dump_incident(updated, incident)
        out.print(f"wrote the estimate into {escape(str(incident))}")


def _check_locale(locale: str) -> None:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        raise InputError(f"--locale: unknown locale {locale!r}; use e.g. en, en_AU, es") from None


#: `--history` and `--history-db` of the commands that re-estimate before they write a statement.
HISTORY_OPTION = typer.Option(
    [],
    "--history",
    help="Past incidents (CSV, repeatable): re-estimate restoration before an acknowledgement "
    "or update.",
)
HISTORY_DB_OPTION = typer.Option(
    None, "--history-db", help="Also take past incidents from this store (database URL)."
)


def re_estimated(
    incident: Incident, stage: str | None, files: list[Path], db: str | None, now: datetime
) -> Incident:
    """The incident re-estimated as of `now` for an acknowledgement or update, when history is
    given (`with_estimate`); says the estimate on stderr. Otherwise the incident as it is."""
    if not (files or db) or stage not in ("acknowledge", "update"):
        return incident
    from amends.eta import with_estimate

    record, est = with_estimate(incident, load_cases(files, db), now)
    err_console.print(f"estimated restoration: {est.said} ({est.basis})", highlight=False)
    return record


def load_cases(files: list[Path], db: str | None) -> list[PastCase]:
    """Past incidents from the CSV files and the store at `db` (`amends.store.history`)."""
    from amends.store.history import past_cases

    if db is None:
        return past_cases(files)
    from amends.cli.history import open_db

    with open_db(db) as store:
        return past_cases(files, store)


def chart_paths(output: Path) -> list[Path]:
    """The PNG and SVG paths for -o (a folder gets eta.png/.svg inside it)."""
    if output.is_dir():
        output = output / "eta.png"
    if output.suffix.lower() not in (".png", ".svg"):
        raise InputError(
            "the chart name must end in .png (an .svg is written beside it)", path=str(output)
        )
    return [output.with_suffix(".png"), output.with_suffix(".svg")]


def save_atomic(fig: object, path: Path) -> None:
    """Save a matplotlib figure via a temp file and a rename (never half-written)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder ({exc.strerror})", path=str(path)) from None
    from amends.files import save_figure_atomic

    save_figure_atomic(fig, path, dpi=110)


def estimate_table(est: Estimate) -> Table:
    """Which selections of past incidents were tried, and which one the estimate used."""
    table = Table(
        title=f"Past incidents looked at (need ≥ {est.min_restored} restored after "
        f"{est.elapsed_hours:.1f} h)",
        title_justify="left",
    )
    for col in ("level", "selection"):
        table.add_column(col)
    for col in ("cases", "restored after", "used"):
        table.add_column(col, justify="right")
    for t in est.tried:
        used = "yes" if t.used else ""
        table.add_row(t.kind, escape(t.name), str(t.n_cases), str(t.n_restored_after), used)
    return table
