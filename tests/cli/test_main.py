"""The root command: version, help, and usage errors."""

from __future__ import annotations

import subprocess
import sys

from amends import __version__


def test_version(cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"amends {__version__}"


def test_help_lists_commands(cli) -> None:
    result = cli("--help")
    assert result.code == 0
    assert "Usage" in result.out


def test_unknown_option_is_a_usage_error_without_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "amends", "--no-such-option"], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "No such option" in proc.stderr
    assert "Traceback" not in proc.stderr
