"""`amends notify`: subscriptions (subscribe, confirm, unsubscribe, import, list), the outbox's
status per channel (with a progress bar while a fan-out runs) and bulk notice enqueueing."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from amends.errors import InputError

if TYPE_CHECKING:
    from amends.publish.notifyconfig import NotifySettings
    from amends.store import Store

console = Console()
err_console = Console(stderr=True)

notify_app = typer.Typer(
    name="notify",
    help="Subscribers and the notification outbox: subscribe, import, status.",
    no_args_is_help=True,
)

DB_OPTION = typer.Option(
    None,
    "--db",
    help="Database URL (default: env AMENDS_DB_URL, else sqlite:///amends.db).",
    show_default=False,
)
CONFIG_OPTION = typer.Option(
    None, "--config", help="amends.toml with a \\[notify] table (default: ./amends.toml)."
)


class Kind(StrEnum):
    """Subscription kinds."""

    EMAIL = "email"
    WEBHOOK = "webhook"
    SMS = "sms"


def register(app: typer.Typer) -> None:
    """Add the `notify` command group."""
    app.add_typer(notify_app, name="notify")


def _open(db: str | None) -> Store:
    from amends.cli.db import open_cli_store

    return open_cli_store(db)


def _settings(config: Path | None) -> NotifySettings:
    from amends.publish.notifyconfig import load_settings

    return load_settings(config)


@notify_app.command("subscribe")
def subscribe_cmd(
    kind: Kind = typer.Argument(..., help="email, webhook or sms."),
    address: str = typer.Argument(..., help="Email address, https:// URL or +E.164 number."),
    component: str | None = typer.Option(None, "--component", help="Only this component."),
    region: str | None = typer.Option(None, "--region", help="Only this region."),
    locale: str = typer.Option("en", "--locale", help="Language of the messages."),
    confirmed: bool = typer.Option(
        False, "--confirmed", help="Email: consent already given; skip the confirmation message."
    ),
    phone_region: str | None = typer.Option(
        None, "--phone-region", help="SMS: country (e.g. US) for numbers without +country."
    ),
    db: str | None = DB_OPTION,
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Subscribe an address to status updates (email gets a confirmation link first)."""
    from amends.publish.subscriptions import AddressError, subscribe

    settings = _settings(config)
    store = _open(db)
    try:
        with store.begin() as conn:
            sub = subscribe(
                conn,
                settings,
                kind.value,
                address,
                component_id=component,
                region=region,
                locale=locale,
                confirmed=confirmed,
                default_region=phone_region,
            )
    except AddressError as exc:
        raise InputError(f"{kind.value} address: {exc}") from None
    finally:
        store.close()
    state = "confirmed" if sub.confirmed else "waiting for confirmation (message queued)"
    verb = "subscribed" if sub.created else "already subscribed"
    console.print(f"{verb}: #{sub.id} {sub.kind} {sub.address} - {state}", highlight=False)
    if sub.secret:
        console.print(f"signing secret (shown once): {sub.secret}", highlight=False)


@notify_app.command("confirm")
def confirm_cmd(
    token: str = typer.Argument(..., help="The token from the confirmation link."),
    db: str | None = DB_OPTION,
) -> None:
    """Confirm an email subscription (what the confirmation link does)."""
    from amends.publish.subscriptions import confirm

    store = _open(db)
    try:
        with store.begin() as conn:
            sub_id = confirm(conn, token)
    finally:
        store.close()
    if sub_id is None:
        raise InputError("unknown or already used confirmation token; subscribe again")
    console.print(f"confirmed subscription #{sub_id}")


@notify_app.command("unsubscribe")
def unsubscribe_cmd(
    token: str = typer.Argument(..., help="The token from the unsubscribe link."),
    db: str | None = DB_OPTION,
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Unsubscribe (what the one-click link does); queued messages for it are cancelled."""
    from amends.publish.subscriptions import unsubscribe

    settings = _settings(config)
    store = _open(db)
    try:
        with store.begin() as conn:
            sub_id = unsubscribe(conn, settings, token)
    finally:
        store.close()
    if sub_id is None:
        raise InputError("invalid unsubscribe token; copy the whole link")
    console.print(f"unsubscribed #{sub_id}")


@notify_app.command("import")
def import_cmd(
    path: Path = typer.Argument(..., help="CSV: kind,address[,component,region,locale]."),
    confirmed: bool = typer.Option(
        False, "--confirmed", help="Consent already given: no confirmation emails."
    ),
    phone_region: str | None = typer.Option(
        None, "--phone-region", help="SMS: country (e.g. US) for numbers without +country."
    ),
    db: str | None = DB_OPTION,
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Import subscriptions from CSV: every row is checked first, then all are written at once."""
    from amends.publish.subscriptions import import_csv

    settings = _settings(config)
    store = _open(db)
    try:
        with store.begin() as conn:
            result = import_csv(
                conn, settings, path, confirmed=confirmed, default_region=phone_region
            )
    finally:
        store.close()
    console.print(
        f"{result.rows:,} rows: {result.created:,} new, {result.existing:,} already there, "
        f"{result.confirmations:,} confirmation emails queued"
    )


@notify_app.command("list")
def list_cmd(db: str | None = DB_OPTION) -> None:
    """List subscriptions (no secrets)."""
    from amends.publish.subscriber_admin import subscriptions

    store = _open(db)
    try:
        with store.connect() as conn:
            rows = subscriptions(conn)
    finally:
        store.close()
    table = Table(title=f"{len(rows)} subscriptions", title_justify="left")
    for col in ("id", "kind", "address", "component", "region", "locale", "state"):
        table.add_column(col, overflow="fold")
    for r in rows:
        state = "unconfirmed" if r["state"] == "pending" else r["state"]
        table.add_row(
            str(r["id"]),
            r["kind"],
            r["address"],
            r["component_id"] or "",
            r["region"] or "",
            r["locale"],
            state,
        )
    console.print(table)


def status_table(counts: dict[str, dict[str, int]]) -> Table:
    """queued / sending / sent / failed / dead per channel."""
    from amends.publish.outbox import STATUSES

    table = Table(title="Outbox", title_justify="left")
    table.add_column("channel")
    for status in STATUSES:
        table.add_column(status, justify="right")
    table.add_column("total", justify="right")
    for channel in sorted(counts):
        row = counts[channel]
        table.add_row(channel, *(f"{row[s]:,}" for s in STATUSES), f"{sum(row.values()):,}")
    if not counts:
        table.add_row("(empty)", *("0" for _ in STATUSES), "0")
    return table


@notify_app.command("status")
def status_cmd(
    db: str | None = DB_OPTION,
    watch: bool = typer.Option(
        False, "--watch", help="Show a progress bar until nothing is left to deliver."
    ),
    interval: float = typer.Option(0.5, "--interval", help="Seconds between refreshes (--watch)."),
) -> None:
    """Queued / sending / sent / failed / dead per channel."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from amends.publish.outbox import status_counts

    store = _open(db)
    try:
        with store.connect() as conn:
            counts = status_counts(conn)
        if watch:
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[detail]}"),
                TimeElapsedColumn(),
                console=err_console,
            ) as progress:
                tasks = {}
                while True:
                    for channel, row in sorted(counts.items()):
                        done, total = row["sent"] + row["dead"], sum(row.values())
                        detail = f"failed {row['failed']:,} dead {row['dead']:,}"
                        if channel not in tasks:
                            tasks[channel] = progress.add_task(channel, total=total, detail="")
                        progress.update(tasks[channel], completed=done, total=total, detail=detail)
                    if all(r["queued"] + r["sending"] + r["failed"] == 0 for r in counts.values()):
                        break
                    time.sleep(interval)
                    with store.connect() as conn:
                        counts = status_counts(conn)
    finally:
        store.close()
    console.print(status_table(counts))


@notify_app.command("requeue-dead")
def requeue_dead_cmd(
    channel: list[Kind] = typer.Option(None, "--channel", help="Only these channels."),
    db: str | None = DB_OPTION,
) -> None:
    """Give dead messages a fresh set of attempts (after fixing the cause)."""
    from amends.publish.outbox import requeue_dead

    store = _open(db)
    try:
        with store.begin() as conn:
            n = requeue_dead(conn, [c.value for c in channel] if channel else None)
    finally:
        store.close()
    console.print(f"requeued {n:,} dead messages")


@notify_app.command("enqueue-notices")
def enqueue_notices_cmd(
    incident: str = typer.Argument(..., help="Incident id."),
    notices: Path = typer.Argument(..., help="Parquet from `amends notices`."),
    db: str | None = DB_OPTION,
    batch_size: int = typer.Option(
        50_000, "--batch-size", min=1, help="Notices per batch (one transaction each)."
    ),
) -> None:
    """Put personal notices into the outbox in batches, one transaction each (re-running, even
    after a crash, adds none twice)."""
    from amends.cli.progress import step_progress
    from amends.publish.outbox import enqueue_notice_file

    store = _open(db)
    t0 = time.perf_counter()
    try:
        with step_progress(err_console, "checking notices") as show:
            result = enqueue_notice_file(
                store, incident, notices, batch_size=batch_size, progress=show
            )
    finally:
        store.close()
    console.print(
        f"enqueued {result.added:,} of {result.rows:,} notices in {time.perf_counter() - t0:.1f} s"
    )


@notify_app.command("audience")
def audience_cmd(
    affected: Path = typer.Argument(..., help="subscribers.parquet from `amends impact`."),
    output: Path = typer.Option(..., "-o", "--output", help="Parquet to write."),
    db: str | None = DB_OPTION,
) -> None:
    """An incident's affected customers with their contacts: the audience for personal notices."""
    from amends.errors import prepare_output
    from amends.publish.subscriptions import read_affected, write_audience

    prepare_output(output, create=False)  # before any work: a refused run leaves nothing
    table = read_affected(affected)
    store = _open(db)
    try:
        out = write_audience(store, table, output)
    finally:
        store.close()
    reachable = sum(
        1 for e, p in zip(out["email"].to_pylist(), out["phone"].to_pylist(), strict=True) if e or p
    )
    console.print(f"{out.num_rows:,} affected, {reachable:,} with a contact; wrote {output}")
