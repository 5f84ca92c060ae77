"""A private DuckDB work session: its database file and spill space in a temp folder of its own,
removed on exit, and the folders of killed runs swept by the next session.

The bulk stages (credits, the outbox's enqueue) work here, so that a run of any size keeps its
memory under a cap and its scratch files in one place that never outlives it for long.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def _q(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


@contextmanager
def duckdb_session(memory: str = "1GB") -> Iterator[Any]:
    """A DuckDB connection on a private temp folder (its database file and spill space), removed
    on exit; `memory` caps DuckDB's memory (beyond it, joins and sorts spill to that folder).

    A SIGKILLed run cannot remove its folder: each folder holds its process id, and a session
    removes the folders of processes that are gone."""
    import duckdb

    _sweep_sessions()
    with tempfile.TemporaryDirectory(prefix=_SESSION_PREFIX) as folder:
        (Path(folder) / "pid").write_text(str(os.getpid()), encoding="ascii")
        con = duckdb.connect(str(Path(folder) / "work.duckdb"))
        try:
            con.execute(f"SET temp_directory = {_q(str(Path(folder) / 'spill'))}")
            con.execute(f"SET memory_limit = {_q(memory)}")
            con.execute("SET preserve_insertion_order = true")  # the ledger's rowid order
            yield con
        finally:
            con.close()


_SESSION_PREFIX = "amends-duckdb-"


def session_folder(con: Any) -> Path | None:
    """The temp folder of a `duckdb_session` (files put there go when a later session sweeps
    a killed run's folder); None for another connection (then the system's temp folder)."""
    spill = con.execute("SELECT current_setting('temp_directory')").fetchall()[0][0]
    folder = Path(spill).parent if spill else None
    return folder if folder is not None and folder.name.startswith(_SESSION_PREFIX) else None


def _sweep_sessions() -> None:
    """Remove the session folders of processes that no longer run (killed mid-run)."""
    import shutil

    for folder in Path(tempfile.gettempdir()).glob(f"{_SESSION_PREFIX}*"):
        try:
            pid = int((folder / "pid").read_text(encoding="ascii"))
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (OSError, ValueError):  # not ours to judge (no pid yet, another user's)
            continue
