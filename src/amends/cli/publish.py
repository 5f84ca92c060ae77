"""`amends publish incident.yaml --stage S`: put an incident on the status site and publish a
checked statement, into a local store (--db) or through a remote server's admin API (--server)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer

from amends.cli.db import DB_OPTION
from amends.cli.eta import HISTORY_DB_OPTION, HISTORY_OPTION
from amends.errors import InputError, read_text

STAGES = ("acknowledge", "update", "resolve", "explain", "follow_up")


def register(app: typer.Typer) -> None:
    """Add the `publish` command."""
    app.command("publish")(publish)


def publish(
    incident_file: Path = typer.Argument(..., help="The incident YAML file."),
    stage: str | None = typer.Option(
        None,
        "--stage",
        help=f"Statement to publish: {', '.join(STAGES)} (none: only save the "
        "incident and its components).",
    ),
    channel: list[str] = typer.Option(
        ["web"], "--channel", help="web, email, sms, social; repeatable."
    ),
    locale: list[str] = typer.Option(
        [], "--locale", help="Locales to publish (default: every locale of the incident)."
    ),
    text: Path | None = typer.Option(
        None,
        "--text",
        help="Publish this statement text instead of compose's draft (one channel and locale).",
    ),
    override: str | None = typer.Option(
        None, "--override", help="Publish despite error findings; the reason is recorded."
    ),
    by: str | None = typer.Option(None, "--by", help="Who publishes (default: $USER)."),
    resolve: bool = typer.Option(False, "--resolve", help="Mark the incident resolved first."),
    component: list[str] = typer.Option(
        [],
        "--component",
        help="Set a component's status: ID=STATUS (e.g. voice:california=partial_outage); "
        "repeatable.",
    ),
    action: list[str] = typer.Option(
        [],
        "--action",
        help="Record progress on a promised fix: ACTION_ID=STATUS (planned, in_progress, done, "
        "missed); repeatable.",
    ),
    note: str | None = typer.Option(
        None, "--note", help="A note for --action (shown on the page)."
    ),
    db: str | None = DB_OPTION,
    server: str | None = typer.Option(
        None, "--server", help="Publish through this server's admin API instead of a local store."
    ),
    token: str | None = typer.Option(
        None,
        "--token",
        envvar="AMENDS_TOKEN",
        help="Admin API token for --server (env AMENDS_TOKEN).",
    ),
    history: list[Path] = HISTORY_OPTION,
    history_db: str | None = HISTORY_DB_OPTION,
) -> None:
    """Save the incident and publish a checked statement per channel and locale.

    With --history or --history-db, an acknowledgement or update is re-estimated first (as
    `amends eta` would): the statement and the saved record carry the estimate as of now.
    """
    import getpass

    from amends.cli.db import open_cli_store
    from amends.incident import load_incident
    from amends.incident.io import incident_yaml
    from amends.publish.operations import (
        Changes,
        CheckRefused,
        check_publication,
        prepare_publication,
        write_publication,
    )

    incident = load_incident(incident_file)
    if stage is not None and stage not in STAGES:
        raise InputError(f"--stage {stage!r} is not a stage; use one of {', '.join(STAGES)}")
    estimated = bool(history or history_db) and stage in ("acknowledge", "update")
    if estimated:
        from datetime import UTC, datetime

        from amends.cli.eta import re_estimated

        incident = re_estimated(incident, stage, history, history_db, datetime.now(UTC))
    locales = locale or list(incident.locales)
    body = None
    if text is not None:
        if len(channel) != 1 or len(locales) != 1:
            raise InputError("--text publishes one statement: give one --channel and one --locale")
        body = read_text(text, what="statement file")
    who = by or getpass.getuser()
    jobs = [(c, loc) for c in channel for loc in locales] if stage else []
    changes = Changes(
        components=[_pair(v, "--component") for v in component],
        actions=[_action(v) for v in action],
        note=note,
    )
    if server:
        check_publication(jobs, changes)  # the server would refuse them; say it here
        rows = _remote(
            server,
            token,
            {
                "record": (
                    incident_yaml(incident)
                    if estimated
                    else read_text(incident_file, what="incident file")
                ),
                "stage": stage,
                "channels": channel,
                "locales": locales,
                "text": body,
                "override_reason": override,
                "resolve": resolve,
                "components": [{"id": c, "status": v} for c, v in changes.components],
                "actions": [{"id": a, "status": v} for a, v in changes.actions],
                "note": note,
            },
        )
    else:
        try:
            publication = prepare_publication(
                incident,
                stage,
                jobs,
                text=body,
                override_reason=override,
                resolve=resolve,
                changes=changes,
            )
        except CheckRefused as exc:
            _findings(exc.report.findings)
            raise
        with open_cli_store(db) as store, store.begin() as conn:
            done = write_publication(conn, publication, by=who)
        pairs = zip(publication.statements, done, strict=True)
        rows = [{"channel": p.channel, "locale": p.locale, **asdict(r)} for p, r in pairs]
    _report(incident.id, stage, rows)


def _pair(value: str, option: str) -> tuple[str, str]:
    key, sep, val = value.rpartition("=")
    if not sep or not key or not val:
        raise InputError(f"{option} {value!r}: write ID=STATUS, e.g. voice:california=operational")
    return key, val


def _action(value: str) -> tuple[int, str]:
    key, val = _pair(value, "--action")
    if not key.isdigit():
        raise InputError(f"--action {value!r}: the id is a number (see the admin page)")
    return int(key), val


def _remote(server: str, token: str | None, payload: dict[str, Any]) -> list[dict]:
    """Send the publication to the server's admin API as ONE all-or-nothing request."""
    import httpx

    if not token:
        raise InputError(
            "--server needs --token (or env AMENDS_TOKEN); create one with "
            "`amends token create NAME` on the server"
        )
    headers = {"Authorization": f"Bearer {token}"}
    try:
        with httpx.Client(base_url=server.rstrip("/"), headers=headers, timeout=30) as client:
            r = client.post("/api/admin/publications", json=payload)
    except httpx.HTTPError as exc:
        raise InputError(f"cannot reach {server}: {exc}; check --server") from exc
    if r.status_code == 422 and isinstance(_detail(r), dict):
        from amends.check import Finding

        detail = _detail(r)
        _findings([Finding.model_validate(f) for f in detail.get("findings", [])])
        raise InputError(detail.get("error", "refused by the check"))
    _raise(r, server)
    return list(r.json()["statements"])


def _detail(response: Any) -> Any:
    """The `detail` of a JSON error answer, else None."""
    if not response.headers.get("content-type", "").startswith("application/json"):
        return None
    return response.json().get("detail")


def _raise(response: Any, server: str) -> None:
    if response.status_code == 401:
        raise InputError(f"{server} rejected the token; check --token (needs the publish scope)")
    if response.status_code >= 400:
        detail = _detail(response) or response.text
        raise InputError(f"{server} answered {response.status_code}: {detail}")


def _findings(findings: list[Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        "line", "rule", "severity", "message", title="Check findings", title_justify="left"
    )
    for f in findings:
        table.add_row(str(f.line), f.rule, str(f.severity), f.message)
    Console(stderr=True).print(table)


def _report(incident_id: str, stage: str | None, rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:  # pipes and files: one row per line, never wrapped
        console = Console(width=200)
    if not rows:
        console.print(f"saved incident {incident_id} (no statement published)")
        return
    same = [r for r in rows if r.get("unchanged")]
    for r in same:
        console.print(
            f"unchanged: the same {stage} text for {incident_id} on {r['channel']} "
            f"({r['locale']}) was already published (statement {r['statement_id']}); "
            "nothing was sent again"
        )
    rows = [r for r in rows if not r.get("unchanged")]
    if not rows:
        return
    table = Table(
        "channel",
        "locale",
        "statement",
        "check errors",
        "notifications queued",
        title=f"Published {stage} for {incident_id}",
        title_justify="left",
    )
    for r in rows:
        table.add_row(
            r["channel"],
            r["locale"],
            str(r["statement_id"]),
            str(r["check_errors"]),
            str(r["queued"]),
        )
    console.print(table)
