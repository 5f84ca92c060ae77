"""Fuzz the credits policy reader: TOML text -> validated Policy (amends.credits.policy)."""

import atheris

with atheris.instrument_imports(include=["amends"]):
    from amends.credits.policy import parse_policy
    from amends.errors import decode_utf8

from _harness import fuzz


def read(data: bytes) -> None:
    parse_policy(decode_utf8(data, path="fuzz.toml"), source="fuzz.toml")


if __name__ == "__main__":
    fuzz(read)
