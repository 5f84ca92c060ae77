"""Shared fixtures: run the CLI in-process and capture its output and exit code."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from amends.cli.main import main


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `amends ARGS...` in-process; returns exit code, stdout and stderr."""

    def run(*args: object) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The PostgreSQL of this machine, from AMENDS_TEST_POSTGRES_URL (set by .ci/run)."""
    url = os.environ.get("AMENDS_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("AMENDS_TEST_POSTGRES_URL is not set: no PostgreSQL to test against")
    return url
