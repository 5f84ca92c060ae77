"""`amends serve`: run the live status site, its Statuspage-compatible API, feeds and the admin
API (uvicorn) over the store."""

from __future__ import annotations

import os

import typer

from amends.cli.db import DB_OPTION


def register(app: typer.Typer) -> None:
    """Add the `serve` command."""
    app.command("serve")(serve)


def serve(
    db: str | None = DB_OPTION,
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port (0: any free port)."),
    name: str | None = typer.Option(None, help="The page's name (env AMENDS_SITE_NAME)."),
    url: str | None = typer.Option(
        None, help="The page's public URL, for links in feeds and the API (env AMENDS_SITE_URL)."
    ),
    tz: str | None = typer.Option(None, "--tz", help="The page's time zone (IANA)."),
    locale: str | None = typer.Option(None, help="The page's default locale, e.g. en."),
    workers: int = typer.Option(1, min=1, help="Worker processes (uvicorn)."),
) -> None:
    """Serve the status page, /api/v2, feeds, feedback and the admin API (OpenAPI at /docs)."""
    import uvicorn

    from amends.cli.db import open_cli_store
    from amends.web.settings import Settings

    store = open_cli_store(db)  # migrates the database once, before any worker starts
    if url is None and "AMENDS_SITE_URL" not in os.environ and port:
        url = f"http://{host}:{port}"  # links in feeds and the API point at this server
    settings = Settings.from_env(name=name, url=url, time_zone=tz, locale=locale)
    if not settings.secret:
        typer.echo(
            "note: AMENDS_SECRET is not set; 'was I affected?' links last until restart", err=True
        )
        if workers > 1:
            settings = settings.with_secret()
    shown = f"http://{host}:{port}/" if port else f"http://{host}:<port>/"
    typer.echo(f"serving {settings.name} at {shown} (admin API docs: {shown}docs)", err=True)
    if workers == 1:
        from amends.web.app import create_app

        app = create_app(store, settings=settings)
        settle_heap()
        uvicorn.run(
            app, host=host, port=port, log_level="warning", access_log=False, proxy_headers=False
        )
        return
    store.close()
    os.environ["AMENDS_DB_URL"] = store.url
    for key, value in (
        ("AMENDS_SITE_NAME", settings.name),
        ("AMENDS_SITE_URL", settings.url),
        ("AMENDS_SITE_TZ", settings.time_zone),
        ("AMENDS_SITE_LOCALE", settings.locale),
        ("AMENDS_SECRET", settings.secret),
    ):
        os.environ[key] = value
    uvicorn.run(
        "amends.web.asgi:app_from_env",
        factory=True,
        access_log=False,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=False,
    )


def settle_heap() -> None:
    """Collect once and freeze what start-up allocated, so garbage collection during requests
    only walks what requests allocate (shorter pauses: a better p99)."""
    import gc

    gc.collect()
    gc.freeze()
