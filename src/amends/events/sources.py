"""Input files: expand paths and globs, tell Parquet from CSV and logs, refuse empty files."""

from __future__ import annotations

import glob
import gzip
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from amends.errors import InputError

Format = Literal["csv", "parquet", "clf"]

_EXTENSIONS: dict[str, Format] = {
    ".parquet": "parquet",
    ".pq": "parquet",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
}


def expand_sources(sources: str | Path | Sequence[str | Path]) -> list[Path]:
    """One path, many, or globs → existing, non-empty files, in the order given (globs sorted)."""
    items = [sources] if isinstance(sources, str | Path) else list(sources)
    if not items:
        raise InputError("no input files given")
    out: list[Path] = []
    for item in items:
        text = str(item)
        if glob.has_magic(text):
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                raise InputError(
                    "the pattern matches no files: check the path and quoting", path=text
                )
            out += files
        else:
            path = Path(text)
            if path.is_dir():
                raise InputError(
                    "is a directory: give files or a glob such as dir/*.parquet", path=text
                )
            if not path.exists():
                raise InputError("no such file", path=text)
            out.append(path)
    for path in out:
        if path.stat().st_size == 0:
            raise InputError("the file is empty (0 bytes): give a file with events", path=str(path))
    return list(dict.fromkeys(out))


def detect_format(paths: list[Path]) -> Format:
    """The one format of all files, by extension (`.csv.gz` is CSV)."""
    formats: set[Format] = set()
    for path in paths:
        suffixes = [s.lower() for s in path.suffixes if s.lower() not in (".gz", ".zst")]
        fmt = _EXTENSIONS.get(suffixes[-1]) if suffixes else None
        if fmt is None:
            raise InputError(
                "cannot tell the format from the extension: use .parquet or .csv, or pass "
                "--map (e.g. --map clf for web server access logs, --map asterisk for Master.csv)",
                path=str(path),
            )
        formats.add(fmt)
    if len(formats) > 1:
        raise InputError(f"mixed formats ({', '.join(sorted(formats))}): load them separately")
    return formats.pop()


def open_text(path: Path) -> gzip.GzipFile | object:
    """Open a text file for reading, transparently gunzipping `.gz`."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="")
    return path.open("r", encoding="utf-8", errors="replace", newline="")
