"""Fuzz the regulation regime reader: TOML text -> validated Regime (amends.regulation)."""

import atheris

with atheris.instrument_imports(include=["amends"]):
    from amends.errors import decode_utf8
    from amends.regulation.regime import parse_regime

from _harness import fuzz


def read(data: bytes) -> None:
    parse_regime(decode_utf8(data, path="fuzz.toml"), source="fuzz.toml")


if __name__ == "__main__":
    fuzz(read)
