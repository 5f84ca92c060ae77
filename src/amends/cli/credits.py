"""`amends credits`: apply a compensation policy to an incident's impact, record the credits in
the ledger (exactly once) and export them as CSV and Parquet; the logic is `amends.credits`."""

from __future__ import annotations

import csv
import os
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.table import Table

from amends.errors import InputError, public_mode, read_text

if TYPE_CHECKING:
    import pyarrow as pa

    from amends.credits import Policy
    from amends.store.ledger import RecordResult

console = Console(stderr=True)
out_console = Console()

#: Columns of the exported credits (CSV and Parquet).
EXPORT_COLUMNS = ("subscriber", "window", "amount", "currency", "unit", "policy", "reason")


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
) -> None:
    """Compute each affected customer's credit, record it once in the ledger, export it."""
    incident_id, windows = read_incident(incident, impact)
    if policy is None:
        policy = incident_policy(incident)
    result = run_credits(
        incident_id=incident_id,
        windows=windows,
        impact=impact,
        policy_path=policy,
        plans_path=plans,
        db_url=db,
        output=output,
        console=console,
        chart=chart,
    )
    print_summary(result, out_console)


@dataclass
class CreditsRun:
    """What a credits run did: the policy, the ledger result, the export and where it went."""

    policy: Policy
    recorded: RecordResult
    export: pa.Table
    regions: pa.Table
    paths: list[Path]


def read_incident(path: Path, impact: Path) -> tuple[str, list[Any]]:
    """The incident id and windows: from the incident file, windows from impact.json if absent."""
    try:
        from amends.incident import load_incident

        record = load_incident(path)
        incident_id, windows = record.id, list(record.windows)
    except InputError:
        raise
    except Exception:  # the incident model is in flux: read just the id and windows
        incident_id, windows = _read_incident_raw(path)
    if not windows:
        windows = _impact_windows(impact)
    return incident_id, windows


def incident_policy(path: Path) -> Path:
    """The policy the incident names (compensation.policy, relative to the incident file)."""
    import yaml

    from amends.incident.io import safe_load_unique

    try:
        data = safe_load_unique(read_text(path, what="incident file"))
    except yaml.YAMLError:
        data = None
    named = (
        ((data or {}).get("compensation") or {}).get("policy") if isinstance(data, dict) else None
    )
    if not isinstance(named, str) or not named:
        raise InputError(
            "no --policy given and the incident names none (compensation.policy); pass --policy",
            path=str(path),
        )
    return path.parent / named


def _read_incident_raw(path: Path) -> tuple[str, list[Any]]:
    import yaml

    from amends.impact.model import Window
    from amends.incident.io import safe_load_unique

    text = read_text(path, what="incident file", hint="check the path")
    try:
        data = safe_load_unique(text)
    except yaml.YAMLError as exc:
        raise InputError(f"cannot read the incident ({exc})", path=str(path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise InputError("the incident has no `id`; add one (a slug)", path=str(path))
    try:
        windows = [Window.model_validate(w) for w in data.get("windows") or []]
    except ValueError as exc:
        raise InputError(f"windows: {str(exc).splitlines()[0]}", path=str(path)) from None
    return data["id"], windows


def _impact_windows(impact: Path) -> list[Any]:
    from pydantic import ValidationError

    from amends.impact.model import ImpactReport

    path = impact / "impact.json"
    try:
        return list(ImpactReport.model_validate_json(path.read_bytes()).windows)
    except FileNotFoundError:
        raise InputError("no impact.json here; run `amends impact` first", path=str(path)) from None
    except ValidationError as exc:
        raise InputError(
            f"not an impact report ({exc.errors()[0]['msg']})", path=str(path)
        ) from None


def read_table(path: Path, what: str) -> pa.Table:
    """A CSV (every column as text, so money stays exact) or Parquet file as an Arrow table."""
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    if not path.is_file():
        raise InputError(f"no such {what} file; check the path", path=str(path))
    try:
        if path.suffix.lower() in (".csv", ".txt"):
            # the header as CSV (quoted names, BOM), so that every column is read as text
            with path.open(encoding="utf-8-sig", newline="") as fh:
                header = next(csv.reader(fh), [])
            types = {key: pa.string() for name in header for key in (name, name.strip())}
            return pcsv.read_csv(path, convert_options=pcsv.ConvertOptions(column_types=types))
        return pq.read_table(path)
    except (pa.ArrowInvalid, OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read the {what} file ({str(exc).splitlines()[0]}); give CSV or Parquet",
            path=str(path),
        ) from None


def _excluded(policy: Policy, policy_path: Path, store: Any, incident_id: str) -> pa.Table | None:
    """Who is excluded: the policy's exclusions file, and accounts `credited_by` other policies
    already credited for the same window (read from the ledger)."""
    import pyarrow as pa

    from amends.store.ledger import ledger_entries

    parts: list[pa.Table] = []
    if policy.exclude.file is not None:
        table = read_table(policy_path.parent / policy.exclude.file, "exclusions")
        if "subscriber" not in table.column_names:
            raise InputError(
                "the exclusions file needs a `subscriber` column (and optionally `window`)",
                path=str(policy_path.parent / policy.exclude.file),
            )
        window = (
            table.column("window").cast(pa.string())
            if "window" in table.column_names
            else pa.nulls(table.num_rows, pa.string())
        )
        parts.append(
            pa.table({"subscriber": table.column("subscriber").cast(pa.string()), "window": window})
        )
    for other in policy.exclude.credited_by:
        paid = ledger_entries(store, incident_id, other)
        if paid.num_rows:
            parts.append(paid.select(["subscriber", "window"]))
    return pa.concat_tables(parts) if parts else None


def run_credits(
    *,
    incident_id: str,
    windows: list[Any],
    impact: Path,
    policy_path: Path,
    plans_path: Path | None,
    db_url: str | None,
    output: Path,
    console: Console,
    chart: bool = True,
    create_store: bool = False,
) -> CreditsRun:
    """Compute, record and export (and draw): the whole command, minus its printing.

    `create_store`: the ledger's store may be created (the demo); otherwise it must exist."""
    from amends.cli.db import open_cli_store
    from amends.credits import load_policy

    policy = load_policy(policy_path)
    check_export_paths(output, create=False)  # before the ledger: refuse a bad -o up front
    affected = read_table(impact / "subscribers.parquet", "impact subscribers")
    plans = read_table(plans_path, "plans") if plans_path is not None else None
    store = open_cli_store(db_url, create=create_store)
    try:
        return _run(
            store,
            policy,
            policy_path,
            plans_path,
            affected,
            plans,
            incident_id,
            windows,
            output,
            console,
            chart,
        )
    finally:
        store.close()


def _run(
    store: Any,
    policy: Policy,
    policy_path: Path,
    plans_path: Path | None,
    affected: pa.Table,
    plans: pa.Table | None,
    incident_id: str,
    windows: list[Any],
    output: Path,
    console: Console,
    chart: bool,
) -> CreditsRun:
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from amends.credits import compute
    from amends.store.ledger import ledger_entries, record_policy

    excluded = _excluded(policy, policy_path, store, incident_id)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task(f"computing credits ({policy.id})", total=None)
        try:
            table = compute(windows, affected, plans, policy, incident_id, excluded=excluded)
        except InputError as exc:  # name the file the message is about
            if exc.path is None and plans_path is not None and "plans file" in str(exc):
                raise InputError(str(exc), path=str(plans_path)) from None
            raise
        check_export_paths(output)  # make the folder now, so the export cannot fail after
        progress.update(task, description=f"recording {table.num_rows:,} credits in the ledger")

        def advance(done: int, total: int) -> None:
            """Move the bar as the ledger's insert batches go in."""
            progress.update(task, completed=done, total=total)

        recorded = record_policy(
            store,
            incident_id,
            table,
            policy_id=policy.id,
            version=policy.version,
            on_batch=advance,
        )
        export = ledger_entries(store, incident_id, policy.id)
        progress.update(task, description="writing the export")
        paths = write_export(export, output, policy)
        regions = _region_of(table)
        if chart:
            progress.update(task, description="drawing the chart")
            paths += write_chart(export, region_map(regions), policy, paths[0])
        progress.update(task, description="done", total=1, completed=1)
    return CreditsRun(policy, recorded, export, regions, paths)


def region_map(regions: pa.Table) -> dict[tuple[str, str], str]:
    """(subscriber, window) -> region, from the computed table's regions."""
    return {
        (s, w): g
        for s, w, g in zip(
            regions.column("subscriber").to_pylist(),
            regions.column("window").to_pylist(),
            regions.column("region").to_pylist(),
            strict=True,
        )
    }


def write_chart(
    export: pa.Table, regions: dict[tuple[str, str], str], policy: Policy, csv: Path
) -> list[Path]:
    """Draw credits.png and credits.svg beside the CSV (each written to a temp file, renamed)."""
    import matplotlib

    matplotlib.use("Agg")
    from amends.credits.chart import render

    fig = render(export, regions, policy.currency, policy.digits)
    paths = []
    for ext in ("png", "svg"):
        path = csv.with_suffix(f".{ext}")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".{ext}", dir=path.parent)
        os.close(fd)
        try:
            fig.savefig(tmp, dpi=110, format=ext)
            public_mode(tmp)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        paths.append(path)
    return paths


def _region_of(table: pa.Table) -> pa.Table:
    return (
        table.select(["subscriber", "window", "region"])
        .group_by(["subscriber", "window"])
        .aggregate([("region", "min")])
        .rename_columns(["subscriber", "window", "region"])
    )


def _scale(policy: Policy) -> int:
    digits = [policy.digits] + [policy.unit_digits(u) for u in policy.allowances()]
    return max(digits)


def export_paths(output: Path) -> tuple[Path, Path]:
    """The CSV and Parquet files `-o` names (`x.csv` or `x.parquet` or `x` -> x.csv, x.parquet)."""
    stem = output.with_suffix("") if output.suffix.lower() in (".csv", ".parquet") else output
    return stem.with_suffix(".csv"), stem.with_suffix(".parquet")


def check_export_paths(output: Path, *, create: bool = True) -> None:
    """Refuse an `-o` that is a folder (or whose exports or charts would land on folders) or
    that lies under a file; with `create`, make its folder."""
    from amends.errors import prepare_output

    if output.is_dir():
        raise InputError("is a folder; give a file name like credits.csv", path=str(output))
    csv_path, parquet_path = export_paths(output)
    for path in (
        csv_path,
        parquet_path,
        csv_path.with_suffix(".png"),
        csv_path.with_suffix(".svg"),
    ):
        prepare_output(path, kind="file", create=False)
    if create:
        prepare_output(csv_path, kind="file")


def write_export(export: pa.Table, output: Path, policy: Policy) -> list[Path]:
    """Write credits CSV and Parquet atomically (temp file + rename), amounts at minor units."""
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    csv_path, parquet_path = export_paths(output)
    try:
        amounts = export.column("amount").cast(pa.decimal128(20, _scale(policy)))
    except pa.ArrowInvalid:
        amounts = export.column("amount").cast(pa.decimal128(20, 6))
    table = export.set_column(export.schema.get_field_index("amount"), "amount", amounts)
    table = table.select(list(EXPORT_COLUMNS))
    try:
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        for path, write in (
            (csv_path, lambda p: pcsv.write_csv(table, p)),
            (parquet_path, lambda p: pq.write_table(table, p)),
        ):
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            os.close(fd)
            try:
                write(tmp)
                public_mode(tmp)
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
    except OSError as exc:
        raise InputError(f"cannot write the export ({exc.strerror})", path=str(csv_path)) from None
    return [csv_path, parquet_path]


def _fmt(amount: Decimal, unit: str, currency: str, policy: Policy) -> str:
    scale = policy.digits if unit == "cash" else policy.unit_digits(unit)
    text = f"{amount:,.{scale}f}"
    return f"{text} {currency}" if unit == "cash" else f"{text} {unit}"


def summary_tables(run: CreditsRun) -> list[Table]:
    """Total cost per currency/unit, the count per amount, and the count and cost per region."""
    export = run.export
    rows = export.to_pylist()
    totals: dict[tuple[str, str], list[Any]] = {}
    amounts: dict[tuple[Decimal, str, str], int] = {}
    for r in rows:
        slot = totals.setdefault((r["currency"], r["unit"]), [0, Decimal(0)])
        slot[0] += 1
        slot[1] += r["amount"]
        amounts[(r["amount"], r["unit"], r["currency"])] = (
            amounts.get((r["amount"], r["unit"], r["currency"]), 0) + 1
        )
    cost = Table(title=f"Total cost ({run.policy.id})", title_justify="left")
    cost.add_column("unit")
    cost.add_column("credits", justify="right")
    cost.add_column("total", justify="right")
    for (cur, unit), (count, total) in sorted(totals.items()):
        cost.add_row(
            unit if unit != "cash" else cur, f"{count:,}", _fmt(total, unit, cur, run.policy)
        )
    per_amount = Table(title="Credits per amount", title_justify="left")
    per_amount.add_column("amount", justify="right")
    per_amount.add_column("subscribers", justify="right")
    for (amount, unit, cur), count in sorted(amounts.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        per_amount.add_row(_fmt(amount, unit, cur, run.policy), f"{count:,}")
    region_of = region_map(run.regions)
    regions: dict[str, list[Any]] = {}
    for r in rows:
        region = region_of.get((r["subscriber"], r["window"])) or "(unknown)"
        slot = regions.setdefault(region, [set(), Decimal(0)])
        slot[0].add(r["subscriber"])
        if r["unit"] == "cash":
            slot[1] += r["amount"]
    per_region = Table(title="Credits per region", title_justify="left")
    per_region.add_column("region")
    per_region.add_column("subscribers", justify="right")
    per_region.add_column(f"cash ({run.policy.currency})", justify="right")
    for region, (subs, cash) in sorted(regions.items()):
        per_region.add_row(region, f"{len(subs):,}", f"{cash:,.{run.policy.digits}f}")
    return [cost, per_amount, per_region]


def print_summary(run: CreditsRun, console: Console) -> None:
    """Print the summary tables and one line on what the ledger did."""
    for table in summary_tables(run):
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
