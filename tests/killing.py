"""A child process killed where it chose to stop: how the crash tests kill a load mid-way without
racing it (the child writes how far it got to a marker file and holds still at its point)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

#: The repository root, for a child script's imports.
ROOT = Path(__file__).resolve().parents[1]


def kill_when_marked(script: Path, args: list[str], marker: Path, at: int) -> None:
    """Run `script` with `args`; once it has written a number of at least `at` to `marker` (an
    atomic replace), SIGKILL it. The test fails if the child ends first or takes 180 s."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, str(script), *args], env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 180  # generous: the machine may be busy
        while not marker.exists() or int(marker.read_text() or "0") < at:
            if child.poll() is not None:
                err = child.stderr.read().decode() if child.stderr else ""
                pytest.fail(f"the child ended before it reached {at}: {err}")
            assert time.monotonic() < deadline, f"the child never reached {at}"
            time.sleep(0.02)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
