"""Fixtures for the serve tests: the store on SQLite and PostgreSQL, a real uvicorn server on
port 0 in a thread, and an admin token."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from amends.store import Store
from amends.store.testing import store, store_url  # noqa: F401
from amends.web.settings import Settings


@dataclass
class Live:
    """A running server: its base URL, app and store."""

    url: str
    app: object
    store: Store
    settings: Settings


def settings_for_tests(**changes: object) -> Settings:
    """Settings with a fixed secret and a store check on every request (no stale reads)."""
    base = Settings(
        name="Example Mobile status",
        url="http://status.example.test",
        secret="test-secret-not-for-production",
        refresh_seconds=0.0,
        feedback_limit=3,
        time_zone="America/Los_Angeles",
    )
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]


def start_server(app: object) -> tuple[str, object, threading.Thread]:
    """Run uvicorn on 127.0.0.1, port 0, in a daemon thread; returns its URL."""
    import uvicorn

    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")  # type: ignore[arg-type]
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    return f"http://127.0.0.1:{port}", server, thread


def _serve(store: Store) -> Iterator[Live]:  # noqa: F811
    from amends.web.app import create_app

    settings = settings_for_tests()
    app = create_app(store, settings=settings)
    url, server, thread = start_server(app)
    try:
        yield Live(url, app, store, settings)
    finally:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(10)


@pytest.fixture
def live(store: Store) -> Iterator[Live]:  # noqa: F811
    """The whole site on a real server over the test store (SQLite and PostgreSQL)."""
    yield from _serve(store)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A migrated SQLite store, for tests whose subject does not depend on the database (the
    browser's rendering, the demo's default store)."""
    from amends.store import open_store

    with open_store(f"sqlite:///{tmp_path}/amends.db", create=True) as s:
        yield s


@pytest.fixture
def live_sqlite(sqlite_store: Store) -> Iterator[Live]:
    """The whole site on a real server over a SQLite store."""
    yield from _serve(sqlite_store)


@pytest.fixture
def token(store: Store) -> str:  # noqa: F811
    """An admin token in the test store."""
    from amends.web.auth import create_token

    return create_token(store, "tests")
