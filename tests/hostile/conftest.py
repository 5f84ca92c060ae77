"""Hostile-input fixtures: a scratch folder as the working directory, the good record and impact
folder to spoil, and `rejected` (run the CLI, assert exit 2, one line, no traceback)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.hostile.helpers import DATA, assert_rejected

from amends.store.testing import store_url  # noqa: F401  (a SQLite file and a PG schema)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch folder as the current directory, with its own default database."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AMENDS_DB_URL", f"sqlite:///{tmp_path / 'default.db'}")
    monkeypatch.delenv("AMENDS_TOKEN", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


@pytest.fixture
def db(store_url: str) -> str:  # noqa: F811
    """A created store on each backend (only `amends db upgrade` creates one)."""
    from amends.store.testing import create_store

    return create_store(store_url)


@pytest.fixture
def good_incident() -> str:
    """The text of a complete incident record (the demo's), to mutate into bad ones."""
    return (DATA / "incident.yaml").read_text(encoding="utf-8")


@pytest.fixture
def impact_dir(work: Path) -> Path:
    """A folder as `amends impact` writes it (impact.json + subscribers.parquet), matching
    the incident record in data/incident.yaml."""
    target = work / "impact"
    shutil.copytree(DATA / "impact", target)
    return target


@pytest.fixture
def rejected(cli: Callable[..., object]) -> Callable[..., str]:
    """Run `amends ARGS` and assert it rejected the input cleanly; `names=` the line must name."""

    def run(*args: object, names: tuple[str, ...] = ()) -> str:
        return assert_rejected(cli(*args), *names)

    return run
