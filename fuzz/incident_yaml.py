"""Fuzz the incident record reader: YAML text -> validated Incident (amends.incident.io)."""

import atheris

with atheris.instrument_imports(include=["amends"]):
    from amends.errors import decode_utf8
    from amends.incident.io import parse_incident

from _harness import fuzz


def read(data: bytes) -> None:
    parse_incident(decode_utf8(data, path="fuzz.yaml"), source="fuzz.yaml")


if __name__ == "__main__":
    fuzz(read)
