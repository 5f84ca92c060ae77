"""Notify test fixtures: both store backends, a real SMTP server and a real HTTP receiver."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from amends.store.testing import store, store_url  # noqa: F401

from .servers import HttpRecorder, HttpServer, SmtpRecorder, SmtpServer


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A plain aiosmtpd server on 127.0.0.1:<free port>."""
    with SmtpServer(SmtpRecorder()) as server:
        yield server


@pytest.fixture
def http() -> Iterator[HttpServer]:
    """A threaded HTTP receiver on 127.0.0.1:<free port>."""
    with HttpServer(HttpRecorder()) as server:
        yield server
