"""Fuzz the column-mapping reader: TOML text -> validated Mapping (amends.events.mapping)."""

import atheris

with atheris.instrument_imports(include=["amends"]):
    from amends.errors import decode_utf8
    from amends.events.mapping import Mapping

from _harness import fuzz


def read(data: bytes) -> None:
    Mapping.from_toml(decode_utf8(data, path="fuzz.toml"), source="fuzz.toml")


if __name__ == "__main__":
    fuzz(read)
