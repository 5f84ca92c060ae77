"""Atomic output files: every file amends writes appears whole or not at all.

One helper for the job: `atomic_path` hands out a temp file beside the target and renames it
into place (with a plain file's mode) when the block succeeds, or removes it when it fails.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amends.errors import InputError, prepare_output, public_mode

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.csv as pcsv


@contextmanager
def atomic_path(path: Path | str, *, suffix: str = ".tmp") -> Iterator[Path]:
    """A temp file beside `path` to write to; renamed onto `path` when the block succeeds,
    removed when it fails, so readers see the old file or the whole new one."""
    target = Path(path)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=suffix)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        public_mode(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


#: Errors of a full disk or quota: `amends.cli.main` reports them as the machine's, exit 1.
_OUT_OF_SPACE = (errno.ENOSPC, errno.EDQUOT)


def write_text_atomic(path: Path | str, text: str) -> Path:
    """Write text through `atomic_path`; a folder, a path under a file or a failed write is an
    InputError (a full disk: an OSError naming the file), and nothing is changed."""
    target = prepare_output(Path(path), kind="file")
    try:
        with ExitStack() as stack:
            try:
                tmp = stack.enter_context(atomic_path(target))
            except OSError as exc:
                raise InputError(
                    f"cannot write here ({exc.strerror or exc}); give another path",
                    path=str(target),
                ) from None
            tmp.write_text(text, encoding="utf-8")
    except OSError as exc:
        if exc.errno in _OUT_OF_SPACE:  # the machine's limit, not the input's (exit 1, not 2)
            raise OSError(exc.errno, exc.strerror, str(target)) from None
        raise InputError(
            f"cannot write the file ({exc.strerror or exc}); nothing was changed",
            path=str(target),
        ) from None
    return target


def save_figure_atomic(fig: Any, path: Path | str, **savefig: Any) -> Path:
    """Save a matplotlib figure through `atomic_path` (its format from the suffix)."""
    target = Path(path)
    with atomic_path(target, suffix=target.suffix) as tmp:
        fig.savefig(tmp, format=target.suffix[1:], **savefig)
    return target


#: The formats of the admins' exports (audit trail, subscribers).
EXPORT_FORMATS = ("csv", "json")


def export_text(rows: Sequence[dict[str, Any]], fields: Sequence[str], fmt: str) -> str:
    """Rows as a JSON array (indented, UTF-8 kept) or as CSV with a header of `fields` (None as
    an empty cell), where a text cell a spreadsheet would run as a formula gets a leading
    apostrophe: addresses, names and objects in these exports are typed by strangers."""
    import csv
    import io
    import json

    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=1) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _no_formula("" if v is None else v) for k, v in row.items()})
    return out.getvalue()


def _no_formula(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_header(path: Path) -> list[str]:
    """A CSV file's header, read as CSV (quoted names and a byte-order mark are fine; one that
    is not CSV at all is left to the Arrow reader to refuse)."""
    import csv

    with path.open(encoding="utf-8-sig", newline="") as fh:
        try:
            return next(csv.reader(fh), [])
        except csv.Error:
            return []


def open_csv_text(
    path: Path, columns: Sequence[str] | None = None, *, empty_is_null: bool = True
) -> pcsv.CSVStreamingReader:
    """A streaming reader of a CSV file with every column as text, so money and ids stay exact
    (the one way amends reads a CSV data file); `columns`: only those. `empty_is_null`: an empty
    field is missing (only that: "NA" or "null" stay text), else it is the empty string."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    header = csv_header(path)
    types = {key: pa.string() for name in header for key in (name, name.strip())}
    include = [c for c in header if c in columns] if columns is not None else []
    options = pcsv.ConvertOptions(
        column_types=types,
        include_columns=include,
        strings_can_be_null=empty_is_null,
        null_values=[""] if empty_is_null else None,
    )
    return pcsv.open_csv(path, convert_options=options)


def read_csv_text(path: Path, *, empty_is_null: bool = True) -> pa.Table:
    """A whole CSV file as an Arrow table, every column as text (`open_csv_text`)."""
    with open_csv_text(path, empty_is_null=empty_is_null) as reader:
        return reader.read_all()
