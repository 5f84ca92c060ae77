"""Errors a user can fix: the shells print them as one line and exit with code 2."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input (file, column, row, value or option), with a one-line message that says the fix.

    The message names the file and, where it can, the row or line and the offending value.
    """

    def __init__(self, message: str, *, path: str | None = None, row: int | None = None) -> None:
        self.path = path
        self.row = row
        where = ""
        if path is not None:
            where = f"{path}:{row}: " if row is not None else f"{path}: "
        super().__init__(f"{where}{message}")
