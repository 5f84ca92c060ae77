"""`amends serve`: run the live status site, its Statuspage-compatible API, feeds and the admin
API (uvicorn) over the store."""

from __future__ import annotations

import os
import socket
from dataclasses import replace

import typer

from amends.cli.db import DB_OPTION
from amends.errors import InputError


def register(app: typer.Typer) -> None:
    """Add the `serve` command."""
    app.command("serve")(serve)


def serve(
    db: str | None = DB_OPTION,
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, min=0, max=65535, help="Port (0: any free port)."),
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
    from amends.web.settings import Settings, check_site_settings

    settings = Settings.from_env(name=name, url=url, time_zone=tz, locale=locale)
    check_site_settings(settings)
    from amends.publish.notifyconfig import load_settings

    load_settings()  # the site checks unsubscribe links: a bad [notify] is refused now, not then
    store = open_cli_store(db)  # migrates the database once, before any worker starts
    try:
        sock = listen(host, port)
    except BaseException:
        store.close()
        raise
    port = sock.getsockname()[1]  # the bound port, also when --port 0 asked for any
    shown = f"http://{_url_host(host)}:{port}/"
    if url is None and "AMENDS_SITE_URL" not in os.environ:
        settings = replace(settings, url=shown.rstrip("/"))  # feed and API links point here
    if not settings.secret:
        typer.echo(
            "note: AMENDS_SECRET is not set; 'was I affected?' links last until restart", err=True
        )
        if workers > 1:
            settings = settings.with_secret()
    typer.echo(f"serving {settings.name} at {shown} (admin API docs: {shown}docs)", err=True)
    if workers == 1:
        from amends.web.app import create_app, settle_heap, warm_up

        app = create_app(store, settings=settings)
        warm_up(app)
        settle_heap()
        config = uvicorn.Config(
            app, host=host, port=port, log_level="warning", access_log=False, proxy_headers=False
        )
        with sock:
            uvicorn.Server(config).run(sockets=[sock])
        return
    sock.close()  # the workers bind the same port themselves
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


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free port); InputError when the address
    cannot be used (unknown host, port taken, no permission)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError, OverflowError) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        raise InputError(
            f"--host {host!r}: cannot listen there ({why}); use an address of this machine, "
            "e.g. 127.0.0.1 or 0.0.0.0"
        ) from None
    family, kind, proto, _name, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise InputError(
            f"--host {host!r} --port {port}: cannot listen there ({exc.strerror}); "
            "use another port, or an address of this machine"
        ) from None
    sock.set_inheritable(True)
    return sock


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
