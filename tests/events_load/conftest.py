"""Fixtures for the loader tests: the sample files written for the project in each real layout."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).with_name("data")


@pytest.fixture
def data() -> Path:
    """The folder of sample inputs (read only: tests write to tmp_path)."""
    return DATA
