"""A folder a switch writes into: follow appends to growing files and new files as they appear.

Each file is known by its device, inode and the hash of its first bytes, so a rotated file
(renamed, same inode) is followed under its new name from where reading stopped, a new file under
the old name is read from its start, and a truncated or rewritten file is detected and read anew
(not re-read from the old offset). Names beginning with a dot are writers' temporary files and
are ignored until renamed; compressed rotations (.gz, .zst, ...) are ignored (they were read
before compression). Only complete lines are read: a line still being written waits.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amends.errors import InputError
from amends.events.mapping import Mapping

#: Bytes hashed to recognise a file whatever its name.
FINGERPRINT_BYTES = 256
#: Most bytes read from one file in one poll (complete lines only).
MAX_CHUNK_BYTES = 16 * 1024 * 1024
_SKIP_SUFFIXES = (".gz", ".zst", ".bz2", ".xz", ".zip", ".tmp", ".part")


@dataclass
class Chunk:
    """Complete lines read from one file: the bytes, and the offset just after them."""

    key: str
    path: Path
    data: bytes
    start: int
    end: int
    header: bytes | None = None  # canonical CSV: the file's header line, to put before `data`
    whole_parquet: bool = False


@dataclass
class FileState:
    """Where one file was left: its name when last seen, identity and offset."""

    path: str
    dev: int
    ino: int
    fp_len: int
    fp: str
    offset: int
    header: str | None = None
    done: bool = False

    def as_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


def _fingerprint(path: Path, length: int) -> str:
    with path.open("rb") as fh:
        return hashlib.sha256(fh.read(length)).hexdigest()[:32]


@dataclass
class FolderFollower:
    """The files of one folder and how far each has been read (the position kept in the store)."""

    folder: Path
    mapping: Mapping | None
    files: dict[str, FileState] = field(default_factory=dict)

    @classmethod
    def restore(
        cls, folder: Path, mapping: Mapping | None, position: dict[str, Any] | None
    ) -> FolderFollower:
        """A follower resuming from a stored position (None: from the start of every file)."""
        files = {k: FileState(**v) for k, v in ((position or {}).get("files") or {}).items()}
        return cls(folder, mapping, files)

    def position(self) -> dict[str, Any]:
        """The position to store (files that vanished are forgotten once fully read)."""
        return {"files": {k: v.as_json() for k, v in self.files.items()}}

    def _candidates(self) -> list[Path]:
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            raise InputError("no such folder", path=str(self.folder)) from None
        except NotADirectoryError:
            raise InputError(
                "is a file, not a folder; give the folder", path=str(self.folder)
            ) from None
        out = []
        for e in entries:
            if e.name.startswith(".") or e.name.lower().endswith(_SKIP_SUFFIXES):
                continue
            if e.is_file(follow_symlinks=False):
                out.append(Path(e.path))
        # oldest first: a rotated file's tail is read before the new file's lines
        return sorted(out, key=lambda p: (p.stat().st_mtime_ns, p.name))

    def _state_for(self, path: Path, st: os.stat_result) -> tuple[str, FileState]:
        """The known state of this file (same inode and first bytes), or a new one at 0."""
        same_inode = [k for k, v in self.files.items() if (v.dev, v.ino) == (st.st_dev, st.st_ino)]
        for key in same_inode:
            state = self.files[key]
            if st.st_size < max(state.fp_len, state.offset):
                continue  # truncated below what was read: what is there now is new
            if _fingerprint(path, state.fp_len) != state.fp:
                continue  # the inode was reused or the file rewritten: a new file
            if state.fp_len < FINGERPRINT_BYTES and st.st_size > state.fp_len:
                state.fp_len = min(st.st_size, FINGERPRINT_BYTES)  # a surer identity
                state.fp = _fingerprint(path, state.fp_len)
            state.path = str(path)
            return key, state
        for key in same_inode:  # states of a file that no longer exists
            del self.files[key]
        fp_len = min(st.st_size, FINGERPRINT_BYTES)
        fp = _fingerprint(path, fp_len)
        key = f"{st.st_dev}:{st.st_ino}:{fp}"
        state = FileState(str(path), st.st_dev, st.st_ino, fp_len, fp, 0)
        self.files[key] = state
        return key, state

    @property
    def has_header(self) -> bool:
        """Canonical CSV and mapped CSV with a header line: each chunk gets the header back."""
        if self.mapping is None:
            return True
        return self.mapping.format == "csv" and bool(self.mapping.csv.header)

    def poll(self, max_bytes: int = MAX_CHUNK_BYTES) -> list[Chunk]:
        """The complete lines added to every file since the last poll (at most `max_bytes` per
        file); call `advance` with each chunk once its events are stored."""
        chunks: list[Chunk] = []
        seen: set[str] = set()
        for path in self._candidates():
            try:
                st = path.stat()
            except FileNotFoundError:
                continue
            if st.st_size == 0:
                continue
            key, state = self._state_for(path, st)
            seen.add(key)
            if state.done:
                continue
            if path.suffix.lower() in (".parquet", ".pq"):
                chunks.append(Chunk(key, path, b"", 0, st.st_size, whole_parquet=True))
                continue
            if st.st_size <= state.offset:
                continue
            with path.open("rb") as fh:
                fh.seek(state.offset)
                data = fh.read(min(st.st_size - state.offset, max_bytes))
            cut = data.rfind(b"\n")
            if cut < 0:
                continue  # no complete line yet
            data = data[: cut + 1]
            start = state.offset
            header = None
            if self.has_header:
                if state.header is None:
                    nl = data.find(b"\n")
                    state.header = data[: nl + 1].decode("utf-8", "replace")
                    data = data[nl + 1 :]
                    start += nl + 1
                header = state.header.encode("utf-8")
            chunks.append(Chunk(key, path, data, start, state.offset + cut + 1, header=header))
        # states of files that are gone and were read to their end can be forgotten
        for key in [k for k in self.files if k not in seen]:
            if not Path(self.files[key].path).exists():
                del self.files[key]
        return chunks

    def advance(self, chunk: Chunk) -> None:
        """Record that `chunk` has been stored."""
        state = self.files.get(chunk.key)
        if state is None:
            return
        state.offset = max(state.offset, chunk.end)
        if chunk.whole_parquet:
            state.done = True


def chunk_file(chunk: Chunk, workdir: Path, suffix: str) -> Path:
    """The chunk's lines (after its header, if any) in a temporary file the loaders can read."""
    fd, name = tempfile.mkstemp(prefix="chunk-", suffix=suffix, dir=workdir)
    with os.fdopen(fd, "wb") as fh:
        if chunk.header:
            fh.write(chunk.header)
        fh.write(chunk.data)
    return Path(name)


@dataclass(frozen=True)
class Loaded:
    """A chunk's events (Arrow, canonical) and the lines that could not be read."""

    events: Any  # pa.Table
    rejected: list[dict[str, Any]]


#: At most this many bad lines are set aside one by one in a chunk; past it, the rest of the
#: chunk goes to the dead letters whole (a file that is not what the mapping says).
MAX_BAD_LINES = 50


def load_chunk(chunk: Chunk, mapping: Mapping | None, tz: str | None, workdir: Path) -> Loaded:
    """Read a chunk with the source's mapping, as `amends impact` reads a file; a bad line is set
    aside with its reason (the rest is read), never a reason to stop."""
    from amends.events.load import load_events

    if chunk.whole_parquet:
        try:
            return Loaded(load_events(chunk.path).to_pyarrow(), [])
        except InputError as exc:
            return Loaded(None, [_dead(chunk, 0, str(exc), b"")])
    lines = chunk.data.split(b"\n")[:-1]  # complete lines: the data ends with a newline
    offset = 1 if chunk.header else 0  # the header is line 1 of the file the loader reads
    rejected: list[dict[str, Any]] = []
    suffix = ".log" if mapping is not None and mapping.format == "clf" else ".csv"
    keep = list(range(len(lines)))
    while keep:
        piece = Chunk(
            chunk.key,
            chunk.path,
            b"".join(lines[i] + b"\n" for i in keep),
            0,
            0,
            header=chunk.header,
        )
        path = chunk_file(piece, workdir, suffix)
        try:
            table = load_events(path, mapping=mapping, tz=tz).to_pyarrow()
            return Loaded(table, rejected)
        except InputError as exc:
            row = exc.row
            if (
                row is None
                or not (offset < row <= offset + len(keep))
                or len(rejected) >= MAX_BAD_LINES
            ):
                rejected += [_dead(chunk, i + 1, str(exc), lines[i]) for i in keep]
                return Loaded(None, rejected)
            bad = keep.pop(row - offset - 1)
            rejected.append(_dead(chunk, bad + 1, str(exc), lines[bad]))
        finally:
            path.unlink(missing_ok=True)
    return Loaded(None, rejected)


def _dead(chunk: Chunk, line: int, reason: str, raw: bytes) -> dict[str, Any]:
    """A dead letter: where the line was (file, byte offset of the chunk, line in the chunk)."""
    return {
        "file": str(chunk.path),
        "offset": chunk.start,
        "line_in_chunk": line,
        "reason": " ".join(reason.split())[:500],
        "raw": raw.decode("utf-8", "replace")[:4096],
    }
