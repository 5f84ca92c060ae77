"""The console: the web workspace of the people on duty (login, their roles, the audit trail).

`install_console` adds its routes and its security headers to the site's FastAPI app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from amends.web.console.settings import ConsoleSettings

if TYPE_CHECKING:
    from fastapi import FastAPI

    from amends.store import Store
    from amends.web.settings import Settings

__all__ = ["ConsoleSettings", "install_console"]


def install_console(
    app: FastAPI, store: Store, settings: Settings, console: ConsoleSettings | None = None
) -> None:
    """Serve the console under `<base>console/` on `app` (settings from the environment unless
    given)."""
    from amends.web.console.maintenance import maintenance_router
    from amends.web.console.routes import console_router
    from amends.web.console.security import ConsoleHeaders
    from amends.web.console.subscribers import subscribers_router

    console = console or ConsoleSettings.from_env()
    base = settings.base_path.rstrip("/") + "/"
    app.state.console = console
    app.include_router(console_router(store, settings, console))
    app.include_router(subscribers_router(store, settings, console))
    app.include_router(maintenance_router(store, settings, console))
    app.add_middleware(
        ConsoleHeaders, prefix=f"{base}console", https=settings.url.startswith("https://")
    )
