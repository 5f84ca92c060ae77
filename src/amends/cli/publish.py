"""`amends publish incident.yaml --stage S`: put an incident on the status site and publish a
checked statement, into a local store (--db) or through a remote server's admin API (--server)."""

from __future__ import annotations

from dataclasses import dataclass
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

    from amends.incident import load_incident

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
        _check_values(jobs, changes)  # the server would refuse them after saving the incident
        rows = _remote(
            server,
            token,
            _record_bytes(incident) if estimated else incident_file.read_bytes(),
            incident.id,
            stage,
            jobs,
            body,
            override,
            resolve,
            changes,
        )
    else:
        rows = _local(db, incident, stage, jobs, body, override, who, resolve, changes)
    _report(incident.id, stage, rows)


@dataclass
class Changes:
    """Component statuses and action-item progress to record along with the incident."""

    components: list[tuple[str, str]]
    actions: list[tuple[int, str]]
    note: str | None


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


def _check_values(jobs: list[tuple[str, str]], changes: Changes) -> None:
    """Refuse an unknown channel, locale, component status or action status before anything
    is written (locally or on a server)."""
    from amends.publish import operations as ops

    for _comp, status in changes.components:
        ops.check_component_status(status)
    for _action_id, status in changes.actions:
        ops.check_action_status(status)
    for chan, loc in jobs:
        if chan not in ops.CHANNELS:
            raise InputError(
                f"--channel {chan!r} is not a channel; use one of {', '.join(ops.CHANNELS)}"
            )
        ops.check_locale(loc)


def _local(
    db: str | None,
    incident: Any,
    stage: str | None,
    jobs: list[tuple[str, str]],
    body: str | None,
    override: str | None,
    who: str,
    resolve: bool,
    changes: Changes,
) -> list[dict]:
    """Validate everything and prepare (draft + check) every statement first, then write it all
    in ONE transaction: a refusal anywhere leaves the store as it was."""
    from datetime import UTC, datetime

    from amends.cli.db import open_cli_store
    from amends.publish import operations as ops

    now = datetime.now(UTC)
    _check_values(jobs, changes)
    ops.check_storable(incident)
    current = ops.resolved_record(incident, now=now) if resolve else incident
    prepared = []
    for chan, loc in jobs:
        try:
            p = ops.prepare_statement(
                current, stage or "", chan, loc, override_reason=override, text=body, now=now
            )
        except ops.CheckRefused as exc:
            _findings(exc.report.findings)
            raise
        prepared.append(p)
        current = p.incident
    rows = []
    with open_cli_store(db) as store, store.begin() as conn:
        ops.save_incident_in(conn, incident, now=now)
        if resolve:
            ops.resolve_incident_in(conn, incident, now=now)
        for comp, status in changes.components:
            ops.set_component_status_in(conn, comp, status, now=now)
        for action_id, status in changes.actions:
            ops.record_action_progress_in(conn, action_id, status, note=changes.note, now=now)
        for p in prepared:
            res = ops.write_statement(conn, p, by=who)
            rows.append(
                {
                    "channel": p.channel,
                    "locale": p.locale,
                    "statement_id": res.statement_id,
                    "check_errors": res.check_errors,
                    "queued": res.queued,
                    "unchanged": res.unchanged,
                }
            )
    return rows


def _record_bytes(incident: Any) -> bytes:
    """The (re-estimated) record as the YAML the admin API takes."""
    from amends.incident.io import incident_yaml

    return incident_yaml(incident).encode("utf-8")


def _remote(
    server: str,
    token: str | None,
    record: bytes,
    incident_id: str,
    stage: str | None,
    jobs: list[tuple[str, str]],
    body: str | None,
    override: str | None,
    resolve: bool,
    changes: Changes,
) -> list[dict]:
    import httpx

    if not token:
        raise InputError(
            "--server needs --token (or env AMENDS_TOKEN); create one with "
            "`amends token create NAME` on the server"
        )
    base = server.rstrip("/")
    headers = {"Authorization": f"Bearer {token}"}
    rows = []
    try:
        with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
            r = client.post(
                "/api/admin/incidents",
                content=record,
                headers={"Content-Type": "application/yaml"},
            )
            _raise(r, server)
            if resolve:
                _raise(client.post(f"/api/admin/incidents/{incident_id}/resolve", json={}), server)
            for comp, status in changes.components:
                r = client.post(f"/api/admin/components/{comp}/status", json={"status": status})
                _raise(r, server)
            for action_id, status in changes.actions:
                body_ = {"status": status, "note": changes.note}
                _raise(client.post(f"/api/admin/action-items/{action_id}", json=body_), server)
            for chan, loc in jobs:
                payload = {
                    "stage": stage,
                    "channel": chan,
                    "locale": loc,
                    "text": body,
                    "override_reason": override,
                }
                r = client.post(f"/api/admin/incidents/{incident_id}/statements", json=payload)
                if r.status_code == 422 and isinstance(r.json().get("detail"), dict):
                    detail = r.json()["detail"]
                    from amends.check import Finding

                    _findings([Finding.model_validate(f) for f in detail.get("findings", [])])
                    raise InputError(detail.get("error", "refused by the check"))
                _raise(r, server)
                data = r.json()
                rows.append({"channel": chan, "locale": loc, **data})
    except httpx.HTTPError as exc:
        raise InputError(f"cannot reach {server}: {exc}; check --server") from exc
    return rows


def _raise(response: Any, server: str) -> None:
    if response.status_code == 401:
        raise InputError(f"{server} rejected the token; check --token (needs the publish scope)")
    if response.status_code >= 400:
        detail = (
            response.json().get("detail")
            if response.headers.get("content-type", "").startswith("application/json")
            else response.text
        )
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
