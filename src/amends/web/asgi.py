"""An app factory for uvicorn's import-string mode (`--workers N`): the store and settings come
from the environment (AMENDS_DB_URL, AMENDS_SITE_*, AMENDS_SECRET)."""

from __future__ import annotations

from fastapi import FastAPI


def app_from_env() -> FastAPI:
    """The site over the store named by AMENDS_DB_URL (migrations are run by `amends serve`)."""
    from amends.store import open_store
    from amends.web.app import create_app, settle_heap, warm_up
    from amends.web.settings import Settings

    app = create_app(open_store(migrate=False), settings=Settings.from_env())
    warm_up(app)
    settle_heap()
    return app
