"""`amends site build -o site/`: export the whole public site as static files for any host."""

from __future__ import annotations

from pathlib import Path

import typer

from amends.cli.db import DB_OPTION

site_app = typer.Typer(
    name="site", help="The public status site as static files.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add the `site` command group."""
    app.add_typer(site_app, name="site")


@site_app.command("build")
def build(
    output: Path = typer.Option(
        Path("site"),
        "-o",
        "--output",
        help="Folder to write: new, empty, or an earlier export (replaced); anything else is "
        "refused.",
    ),
    db: str | None = DB_OPTION,
    name: str | None = typer.Option(None, help="The page's name (env AMENDS_SITE_NAME)."),
    url: str | None = typer.Option(None, help="The page's public URL (env AMENDS_SITE_URL)."),
    tz: str | None = typer.Option(None, "--tz", help="The page's time zone (IANA)."),
    base_path: str = typer.Option(
        "/", help="Path the live site runs under, e.g. /status/ (for the feedback form address)."
    ),
    feedback_url: str | None = typer.Option(
        None,
        help="The live server's URL: the feedback form posts there (default: no form, the "
        "incident's feedback address is shown instead).",
    ),
    now: str | None = typer.Option(
        None,
        "--now",
        help="Build the page as of this time (ISO 8601 with offset): the 90-day uptime bars, "
        "overdue updates and feed times are measured from it. Default: now.",
    ),
) -> None:
    """Write every page (each locale), /api/v2 JSON file, feed and the stylesheet."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    from amends.cli.db import open_cli_store
    from amends.cli.options import parse_time
    from amends.publish.static import build_site, check_output
    from amends.web.settings import Settings, check_site_settings

    check_output(output)  # before the store is opened: a refused folder costs nothing
    as_of = parse_time(now) if now is not None else None

    if not base_path.startswith("/"):
        base_path = "/" + base_path
    settings = Settings.from_env(
        name=name,
        url=url,
        time_zone=tz,
        base_path=base_path,
        feedback_action=feedback_url.rstrip("/") if feedback_url else None,
    )
    if feedback_url is None:
        from dataclasses import replace

        settings = replace(settings, feedback_action=None)
    check_site_settings(settings)
    console = Console(stderr=True)
    with (
        open_cli_store(db) as store,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            console=console,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("writing the site", total=None)
        written = build_site(
            store,
            output,
            settings,
            progress=lambda n, total: progress.update(task, completed=n, total=total),
            now=as_of,
        )
    html = sum(1 for p in written if p.suffix == ".html")
    api = sum(1 for p in written if p.suffix == ".json")
    feeds = sum(1 for p in written if p.suffix in (".atom", ".rss"))
    typer.echo(
        f"wrote {len(written)} files to {output}: {html} pages, {api} API documents, "
        f"{feeds} feeds; open {output / 'index.html'}"
    )
