"""The browser that page tests drive: Debian's Chromium through Playwright (skipped where there
is none), one per test module, and where the screenshot of every page goes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("AMENDS_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"

#: The marks of a module of browser tests (`pytestmark = BROWSER_MARKS`).
BROWSER_MARKS = [
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (set AMENDS_CHROMIUM)"
    ),
    pytest.mark.slow,
]


def launched() -> Iterator[Any]:
    """A headless Chromium, closed afterwards (the body of each module's `browser` fixture)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


def screenshot(page: Any, name: str) -> Path:
    """Save the whole page as build/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
