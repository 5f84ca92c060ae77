"""Fixtures for the console tests: the site on a real server over SQLite and PostgreSQL with a
clock the test moves, one account per role, and a browser that keeps the console's cookies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from typing import Any

import httpx
import pytest
from tests.web.conftest import settings_for_tests, start_server

from amends.store import Store
from amends.store.login_throttle import Limits
from amends.store.testing import store, store_url  # noqa: F401
from amends.web.console import ConsoleSettings

PASSWORD = "correct horse battery staple"
ROLES = ("viewer", "author", "approver", "admin")
LIMITS = Limits(per_account=3, per_address=6, window=timedelta(minutes=15))


class Clock:
    """The console's clock: stands still until the test moves it."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Console:
    """The running site: its URL, store, clock and console settings."""

    url: str
    store: Store
    clock: Clock
    settings: ConsoleSettings

    def browser(self) -> Browser:
        """A new browser with no cookies."""
        return Browser(self.url)


#: Seconds a request may take before the test gives up: a guard against a hung server, long
#: enough for a password check on a loaded machine (httpx's default of 5 s is not).
TIMEOUT = 60.0


@dataclass
class Browser:
    """A client that keeps cookies itself: the console's are Secure, and a cookie jar would not
    send them back over the tests' plain HTTP (browsers do, to localhost)."""

    url: str
    cookies: dict[str, str] = field(default_factory=dict)
    last_set: list[str] = field(default_factory=list)

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}))
        if self.cookies:
            headers["cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        kwargs.setdefault("timeout", TIMEOUT)
        r = httpx.request(
            method, self.url + path, headers=headers, follow_redirects=False, **kwargs
        )
        self.last_set = r.headers.get_list("set-cookie")
        for raw in self.last_set:
            jar: SimpleCookie = SimpleCookie()
            jar.load(raw)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return r

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def csrf(self, path: str = "/console/") -> str:
        """The CSRF token in the forms of the page at `path`."""
        page = self.get(path)
        found = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert found, f"no CSRF token on {path} ({page.status_code})"
        return found.group(1)

    def login(self, name: str, password: str = PASSWORD) -> httpx.Response:
        """Fill and send the login form as a person would."""
        token = self.csrf("/console/login")
        return self.post("/console/login", data={"name": name, "password": password, "csrf": token})

    @property
    def session_id(self) -> str | None:
        return next((v for k, v in self.cookies.items() if k.endswith("amends-console")), None)


@pytest.fixture(autouse=True)
def quick_hashes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with small costs, so logging in many times stays fast (a test that asks for
    `real_hasher` gets the defaults)."""
    from argon2 import PasswordHasher, Type

    import amends.store.users as users

    if "real_hasher" in request.fixturenames:
        return
    quick = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)
    monkeypatch.setattr(users, "hasher", lambda: quick)
    users._dummy_hash.cache_clear()


@pytest.fixture
def real_hasher() -> object:
    """The production hasher (Argon2id at argon2-cffi's default cost)."""
    from amends.store.users import hasher

    return hasher()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def people(store: Store) -> dict[str, str]:  # noqa: F811
    """One active account per role, named after it; returns role -> name."""
    from amends.store.users import add_user

    with store.begin() as conn:
        for role in ROLES:
            add_user(conn, role, role, PASSWORD, by="tests")
    return {role: role for role in ROLES}


@pytest.fixture
def console(store: Store, clock: Clock, people: dict[str, str]) -> Iterator[Console]:  # noqa: F811
    """The whole site on a real server with the console's clock under the test's control."""
    from amends.web.app import create_app

    settings = ConsoleSettings(limits=LIMITS, clock=clock)
    app = create_app(store, settings=settings_for_tests(), console=settings)
    url, server, thread = start_server(app)
    try:
        yield Console(url, store, clock, settings)
    finally:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(10)
