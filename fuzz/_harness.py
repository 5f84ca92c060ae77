"""Shared by the harnesses: run a reader on fuzzed bytes; a one-line InputError is the expected
outcome for bad input, anything else is a finding (atheris stops and saves the input)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import atheris


def fuzz(read: Callable[[bytes], object]) -> None:
    """Fuzz `read` with the command line's libFuzzer options (corpus folders, -runs=N, ...)."""
    from amends.errors import InputError

    def one_input(data: bytes) -> None:
        try:
            read(data)
        except InputError as exc:
            message = str(exc)
            if "\n" in message or not message:
                raise AssertionError(f"an InputError must be one line: {message!r}") from exc

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
