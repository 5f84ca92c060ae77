"""`bench.measure` figures are the measured command's own: a benchmark holding a lot of memory
itself (inputs built in-process) must not see it in the command's peak."""

from __future__ import annotations

import sys

import pytest
from bench.measure import measure

PAGE = 4096


def test_peak_is_the_commands_not_the_benchmarks() -> None:
    held = bytearray(400 * 2**20)  # this process, like a benchmark that built its inputs
    held[::PAGE] = b"x" * len(range(0, len(held), PAGE))
    small = measure([sys.executable, "-c", "pass"])
    big = measure(
        [
            sys.executable,
            "-c",
            f"b = bytearray({200 * 2**20}); b[::{PAGE}] = b'x' * {200 * 2**20 // PAGE}",
        ]
    )
    assert small.code == 0 and small.peak_mib < 100, small.peak_mib
    assert 200 < big.peak_mib < 350, big.peak_mib
    assert held[0] == ord("x")


def test_exit_code_and_output_are_the_commands() -> None:
    run = measure([sys.executable, "-c", "print('out'); raise SystemExit(3)"], check=False)
    assert (run.code, run.stdout) == (3, "out\n")
    assert run.seconds > 0 and run.cpu_seconds > 0


def test_a_command_that_cannot_start_stops_the_benchmark_with_why(tmp_path) -> None:
    missing = str(tmp_path / "no-such-command")
    with pytest.raises(SystemExit, match="could not be run") as stopped:
        measure([missing])
    assert "no-such-command" in str(stopped.value)
