"""A watcher incident out of the store: its record as the YAML `amends incident init` writes
(for a person to complete and `amends publish`), and its ready drafts as files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amends.compose.draft import draft_name
from amends.files import write_text_atomic
from amends.incident.io import dump_incident
from amends.incident.model import Incident
from amends.incident.prefill import TODO_NOTES


def export(
    record: Incident, drafts: list[dict[str, Any]], output: Path, folder: Path | None, header: str
) -> list[Path]:
    """Write the record (with the TODO notes) and, given a folder, every ready draft."""
    written = [dump_incident(record, output, header=header, notes=TODO_NOTES)]
    if folder is None:
        return written
    for d in drafts:
        if "text" not in d:
            continue
        name = draft_name(d["stage"], d["channel"], d["locale"], d["audience"])
        suffix = ".md" if d["channel"] == "web" else ".txt"
        written.append(write_text_atomic(folder / f"{name}{suffix}", d["text"]))
    return written
