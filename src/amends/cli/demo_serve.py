"""The demo's publishing step: load the incident into the store, publish compose's checked web
statements in every locale, export the static site and say where to open it."""

from __future__ import annotations

import os
import secrets
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape


def _stages(incident: Any) -> list[tuple[str, datetime]]:
    """The stages the record supports, each with a publication time derived from its facts
    (the demo replays the incident: 15 minutes after discovery, and after restoration)."""
    first = incident.discovered_at + timedelta(minutes=15)
    out = [("acknowledge", first)]
    end = incident.ended_at
    if incident.status == "resolved" and end is not None:
        out.append(("resolve", max(end, first) + timedelta(minutes=15)))
        out.append(("explain", max(end, first) + timedelta(days=1)))
    return out


def run(output: Path, db_url: str, incident_path: Path, console: Console) -> list[tuple[str, Path]]:
    """Publish the incident to the store at `db_url` and build the static site into
    output/site; returns (label, path) of what it wrote."""
    from amends.errors import InputError
    from amends.incident import load_incident
    from amends.publish import operations as ops
    from amends.publish.signing import affected_url
    from amends.publish.static import build_site
    from amends.store import open_store
    from amends.store.ledger import credited_subscriber
    from amends.web.settings import Settings

    incident = load_incident(incident_path)
    site_dir = Path(output) / "site"
    published: list[tuple[str, str, str, int]] = []
    with open_store(db_url, create=True) as store:
        ops.save_incident(store, incident)
        done = ops.published_keys(store, incident.id)
        # The status page (web) and the subscribers' inbox (email) get every stage.
        stages = _stages(incident)
        for stage, at in stages:
            for locale in incident.locales:
                for channel in ("web", "email"):
                    if (stage, locale, channel) in done:  # a second run publishes nothing twice
                        continue
                    current = ops.load_incident_record(store, incident.id)
                    try:
                        res = ops.publish_statement(
                            store, current, stage, channel, locale, by="amends demo", now=at
                        )
                    except InputError as exc:  # refused by the check, or facts missing
                        why = escape(str(exc))
                        what = f"{stage} {channel} ({locale})"
                        console.print(f"[yellow]not published[/] {what}: {why}")
                        continue
                    published.append((stage, locale, channel, res.statement_id))
        settings = Settings.from_env(feedback_action=None)
        # The page as it stood after the last statement: the 90-day uptime bars show the outage.
        as_of = max(at for _, at in stages)
        written = build_site(store, site_dir, settings, now=as_of)
        someone = credited_subscriber(store, incident.id)
    console.print(
        f"published {len(published)} statement(s): "
        + (", ".join(f"{s} {ch} ({loc})" for s, loc, ch, _ in published) or "none")
    )
    index = site_dir / "index.html"
    console.print(f"[bold]Status page:[/] open {index.resolve().as_uri()}")
    secret = os.environ.get("AMENDS_SECRET") or secrets.token_urlsafe(18)
    prefix = "" if os.environ.get("AMENDS_SECRET") else f"AMENDS_SECRET={secret} "
    console.print(
        f"[bold]Live site:[/] run `{prefix}amends serve --db {escape(db_url)}` and open "
        "http://127.0.0.1:8000/ (admin API docs at /docs)"
    )
    if someone is not None:
        link = affected_url("http://127.0.0.1:8000", secret, incident.id, someone)
        console.print(
            f"[bold]Was I affected?[/] one affected customer's signed personal link (valid with "
            f"that secret; not part of the public site): {link}"
        )
    rows: list[tuple[str, Path]] = [("status site (static export)", index)]
    page = site_dir / "incidents" / incident.id / "index.html"
    rows.append(("status page of the incident", page))
    rows.append(("Statuspage-compatible API", site_dir / "api" / "v2" / "summary.json"))
    rows.append(("incident feed (Atom)", site_dir / "history.atom"))
    rows.append((f"site files ({len(written)})", site_dir))
    return rows
