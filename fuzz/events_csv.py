"""Fuzz the events reader on CSV files: bytes -> a canonical events table, fully read
(amends.events.load on DuckDB, as `amends events inspect` and `amends impact` use it)."""

import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["amends"]):
    import ibis

    from amends.events.load import engine_errors, load_events

from _harness import fuzz

FOLDER = Path(tempfile.mkdtemp(prefix="amends-fuzz-"))
CON = ibis.duckdb.connect()


def read(data: bytes) -> None:
    path = FOLDER / "events.csv"
    path.write_bytes(data)
    with engine_errors([path]):  # the boundary every command reads events through
        load_events(path, con=CON).count().execute()


if __name__ == "__main__":
    fuzz(read)
