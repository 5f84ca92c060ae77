"""The checker's compiled patterns, kept between runs: a new process loads them instead of
compiling them again.

CPython's `re` parses a pattern and writes its matching code on every `re.compile`; for the
checker's phrase tables that is about three fifths of a one-file `amends check`. Like Python's own
`__pycache__`, the code is written once to a user cache file (`cache_file`) and handed back to
`re`'s engine (`_sre.compile`, the call `re.compile` ends in) on later runs, which gives the same
pattern: equal to `re.compile`'s, code included (`usable` checks it once a process, and a file
that fails its checksum or a pattern `_sre` rejects is compiled afresh). One file is kept per
Python and version of the checker (`_stamp`), for the `VERSIONS` versions used last.
`AMENDS_CACHE_DIR` names the folder; set empty, nothing is read or written.

The same file keeps the phrase tables' pattern strings as written (`text`: the prefix trees of
`prefixes.table`, `prefix_tree` and `by_word_start`, under the same stamp, checksum and setting),
whose writing cost almost half of a one-file start with the compiled code kept (the trees and the
`re` parser's reading of each phrase; round 35, start-up: 3.03 G instructions for one statement
in a new process, 1.63 G with the strings kept). A later run reads the strings, equal to those
written cold; an entry that is missing or not of the kind asked for is written afresh. Their
keys are led by None, a pattern's by its text.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import marshal
import os
import re
import sys
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

try:  # CPython's engine and compiler; elsewhere every pattern goes to `re.compile`
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other interpreters
    _sre = None  # type: ignore[assignment]

#: Bump when the file's layout changes.
_LAYOUT = 2
#: The most patterns kept (the checker compiles about 300); past it the file starts over.
LIMIT = 1024
#: The most files kept, one per version of the checker, the ones used last: two checkouts run in
#: turn (a release and a working copy, a benchmark's baseline) each keep theirs, while a
#: developer's every edit does not leave a file behind for good.
VERSIONS = 4

#: (pattern, flags) -> (flags, code as bytes, groups, groupindex, indexgroup), as `_sre` takes
#: them: the file's entries not yet built (each is dropped once its pattern is built, so the code
#: is not held twice).
_entries: dict[tuple[Any, ...], Any] | None = None
#: The cache file `_load` read (None: caching off), worked out with `_entries`.
_file: Path | None = None
#: The patterns built in this process, and the entries it compiled that the file lacked.
_built: dict[tuple[str, int], re.Pattern[str]] = {}
_new: dict[tuple[Any, ...], Any] = {}
_usable: bool | None = None
#: The texts (`text`) worked out or read in this process.
_texts: dict[tuple[Any, ...], Any] = {}

_T = TypeVar("_T")


#: The checker's modules, whose patterns the file keeps.
_PACKAGE = Path(__file__).resolve().parent


def _stamp() -> str:
    """The checker's modules told apart as Python's bytecode cache tells sources apart (name,
    size, time of change): an edited or upgraded checker gets a file of its own, and the
    patterns it no longer compiles are not loaded on every start."""
    try:
        return "|".join(
            f"{p.name}:{st.st_size}:{st.st_mtime_ns}"
            for p in sorted(_PACKAGE.glob("*.py"))
            if (st := p.stat())
        )
    except OSError:
        return ""


def cache_file() -> Path | None:
    """The cache file for this interpreter's `re` engine and this checker's modules, or None
    when caching is off."""
    folder = os.environ.get("AMENDS_CACHE_DIR")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = str(Path(base) / "amends")
    if not folder:
        return None
    engine = f"{sys.version}|{getattr(_sre, 'MAGIC', '')}|{getattr(_sre, 'CODESIZE', '')}|{_LAYOUT}"
    tag = hashlib.sha256(f"{engine}|{_stamp()}".encode()).hexdigest()[:16]
    return Path(folder) / f"patterns-{sys.implementation.cache_tag}-{tag}.bin"


def _read(path: Path | None) -> dict[tuple[Any, ...], Any]:
    """The entries in a cache file; none when it is missing, unreadable or fails its checksum."""
    try:
        data = path.read_bytes() if path else b""
        body = memoryview(data)[32:]  # no copy of a file of some megabytes
        if body and hashlib.sha256(body).digest() == data[:32]:
            loaded = marshal.loads(body)
            if isinstance(loaded, dict):
                return loaded
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return {}


def _load() -> dict[tuple[Any, ...], Any]:
    """The cache file's entries, read once a process (`_read`)."""
    global _entries, _file
    if _entries is None:
        try:
            _file = cache_file()
        except RuntimeError:  # no home folder to keep a cache in
            _file = None
        _entries = _read(_file)
        if _entries and _file is not None:  # used now: kept before the versions used longer ago
            with contextlib.suppress(OSError):
                os.utime(_file)
    return _entries


def save() -> None:
    """Add the entries this process compiled to the file as it is now (another process may have
    written it since), at exit; a folder that cannot be written leaves the cache as it was."""
    path = _file
    if not _new or path is None:
        return
    from amends.files import atomic_path  # only a process that compiled something new pays

    kept = _read(path)
    kept.update(_new)
    if len(kept) > LIMIT:  # full of patterns no run asks for: start over with the newest
        kept = dict(list(_new.items())[-LIMIT:])
    body = marshal.dumps(kept)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp:
            tmp.write_bytes(hashlib.sha256(body).digest() + body)
        _new.clear()
        _prune(path)
    except OSError:
        pass


def _prune(path: Path) -> None:
    """Remove this Python's files but those of the `VERSIONS` versions used last (`path`, just
    written, is one)."""
    found = []
    for other in path.parent.glob(f"patterns-{sys.implementation.cache_tag}-*.bin"):
        try:
            found.append((other.stat().st_mtime_ns, other))
        except OSError:  # removed by another process meanwhile
            continue
    found.sort(reverse=True)
    for _, older in found[VERSIONS:]:
        if older != path:
            older.unlink(missing_ok=True)


def _parts(pattern: str, flags: int) -> tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]:
    """What `re._compiler.compile` hands `_sre.compile`, with the code packed as bytes."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    state = parsed.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    packed = array("I", code).tobytes()
    return (
        int(flags | state.flags),
        packed,
        state.groups - 1,
        dict(state.groupdict),
        tuple(indexgroup),
    )


def _build(pattern: str, parts: tuple[Any, ...]) -> re.Pattern[str]:
    flags, packed, groups, groupindex, indexgroup = parts
    return _sre.compile(pattern, flags, array("I", packed).tolist(), groups, groupindex, indexgroup)


def usable() -> bool:
    """True when this interpreter's `re` builds, from the kept parts, a pattern equal to what
    `re.compile` gives (checked once a process on a pattern with groups, names and a class)."""
    global _usable
    if _usable is None:
        try:
            sample, flags = r"(?P<hour>\d{1,2})[:.](\d\d)\s*(?:a\.?m|p\.?m)?\b", re.I
            _usable = _build(sample, _parts(sample, flags)) == re.compile(sample, flags)
        except Exception:  # any change in `re`'s internals: compile as usual
            _usable = False
    return _usable


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the cache file when this pattern was compiled before."""
    flags = int(flags)
    entries = _load()
    if _file is None or _sre is None or not usable():  # caching off: nothing to pack
        return re.compile(pattern, flags)
    key = (pattern, flags)
    built = _built.get(key)
    if built is not None:  # patterns are immutable: one object serves every caller, as in `re`
        return built
    parts = entries.pop(key, None)
    if parts is not None:
        try:
            built = _built[key] = _build(pattern, parts)
            return built
        except (RuntimeError, TypeError, ValueError):  # a damaged entry: compile it afresh
            pass
    parts = _parts(pattern, flags)
    if not _new:
        atexit.register(save)
    _new[key] = parts
    built = _built[key] = _build(pattern, parts)
    return built


def text(key: tuple[Any, ...], make: Callable[[], _T], valid: Callable[[Any], bool]) -> _T:
    """`make()`, kept in the cache file under `key` (strings, numbers, booleans and tuples of
    them, naming what is made and from what): a later run reads it instead of making it again.
    An entry `valid` rejects (a damaged or stale file) is made afresh; caching off, it is always
    made. Only for values `marshal` writes and reads back equal (strings, tuples of them)."""
    _load()
    if _file is None:
        return make()
    full = (None, *key)  # a pattern's key is led by its text: never None
    value = _texts.get(full)
    if value is not None:
        return value  # type: ignore[no-any-return]
    value = _entries.pop(full, None) if _entries is not None else None
    if value is None or not valid(value):
        value = make()
        if not _new:
            atexit.register(save)
        _new[full] = value
    _texts[full] = value
    return value  # type: ignore[no-any-return]
