"""The compiled patterns kept between runs (`amends.check.compiled`): the same patterns as
`re.compile`'s, from a file a damaged or unwritable cache cannot turn into an error."""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from amends.check import compiled

SAMPLES = [
    (r"\b(?:sorry|apologi[sz]e)\b[^.!?]{0,40}?\binconvenien(?:ce|t)", re.I),
    (r"(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)\s*(?:a\.?m|p\.?m)?", re.I | re.A),
    (r"(?<!\d)(\d{1,3}(?:,\d{3})+)\s+(customers|clientes)\b(?=[.,])", 0),
    (r"hora\s+de\s+(?-i:[A-ZÁÉÍÓÚ][\wáéíóúñ]+)", re.I),
]
TEXT = "Sorry for the inconvenience: 38,214 customers, from 9:05 a.m. to 11:40 pm, hora de Chile."


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder for this test, and the module's memory of it cleared."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("AMENDS_CACHE_DIR", str(folder))
    _fresh_process(monkeypatch)
    return folder


def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process compiled, as a new process would."""
    monkeypatch.setattr(compiled, "_entries", None)
    monkeypatch.setattr(compiled, "_built", {})
    monkeypatch.setattr(compiled, "_new", {})
    monkeypatch.setattr(compiled, "_texts", {})


def test_this_interpreter_can_rebuild_patterns() -> None:
    assert compiled.usable()


def test_patterns_from_the_file_equal_re_compile(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = [compiled.compile(p, f) for p, f in SAMPLES]
    compiled.save()
    path = compiled.cache_file()
    assert path is not None and path.parent == cache and path.is_file()
    _fresh_process(monkeypatch)
    again = [compiled.compile(p, f) for p, f in SAMPLES]
    assert not compiled._new  # every one came from the file
    for (p, f), one, two in zip(SAMPLES, first, again, strict=True):
        plain = re.compile(p, f)
        assert one == plain and two == plain  # a pattern's equality compares its code
        assert two.groupindex == plain.groupindex and two.groups == plain.groups
        assert [m.span() for m in two.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]
    assert again[1].search(TEXT).group("minute") == "05"  # type: ignore[union-attr]


def test_a_damaged_file_is_compiled_afresh(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for p, f in SAMPLES:
        compiled.compile(p, f)
    compiled.save()
    path = compiled.cache_file()
    assert path is not None
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    _fresh_process(monkeypatch)
    for p, f in SAMPLES:
        assert compiled.compile(p, f) == re.compile(p, f)
    assert len(compiled._new) == len(SAMPLES)  # nothing was taken from the damaged file
    compiled.save()
    _fresh_process(monkeypatch)
    compiled.compile(*SAMPLES[0])
    assert not compiled._new  # the file was written whole again


def test_a_cache_that_cannot_be_written_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("AMENDS_CACHE_DIR", str(blocker / "cache"))
    _fresh_process(monkeypatch)
    assert compiled.compile(*SAMPLES[0]) == re.compile(*SAMPLES[0])
    compiled.save()  # no error
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_empty_setting_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMENDS_CACHE_DIR", "")
    _fresh_process(monkeypatch)
    assert compiled.cache_file() is None
    assert compiled.compile(*SAMPLES[0]) == re.compile(*SAMPLES[0])
    compiled.save()


def test_another_version_of_the_checker_gets_a_file_of_its_own(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited or upgraded checker does not load the patterns of the one before; it gets a file
    of its own, and the folder keeps the files of the `VERSIONS` versions used last."""
    monkeypatch.setattr(compiled, "VERSIONS", 2)
    files = []
    for n, sample in enumerate(SAMPLES[:3]):
        _fresh_process(monkeypatch)
        monkeypatch.setattr(compiled, "_stamp", lambda n=n: f"content.py:{100 + n}:{n}")
        assert compiled.cache_file() not in files
        assert compiled.compile(*sample) == re.compile(*sample)
        assert (sample[0], int(sample[1])) in compiled._new  # not loaded from another's file
        compiled.save()
        files.append(compiled.cache_file())
        # each file a second apart, as runs are: the order of use is told by time
        os.utime(files[-1], ns=(n * 10**9, n * 10**9))
    # the first version, used longest ago, was removed when the third saved
    assert sorted(cache.glob("patterns-*.bin")) == sorted(files[1:])


def test_two_versions_used_in_turn_keep_their_files(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release and a working copy run in turn: each start loads its own file (and marks it used),
    so a third version saving removes neither."""
    monkeypatch.setattr(compiled, "VERSIONS", 2)
    stamps = ["content.py:100:1", "content.py:120:2"]
    for n, stamp in enumerate(stamps):
        _fresh_process(monkeypatch)
        monkeypatch.setattr(compiled, "_stamp", lambda stamp=stamp: stamp)
        compiled.compile(*SAMPLES[n])
        compiled.save()
        os.utime(compiled.cache_file(), ns=(n * 10**9, n * 10**9))
    _fresh_process(monkeypatch)  # the first version starts again: its file is read and marked
    monkeypatch.setattr(compiled, "_stamp", lambda: stamps[0])
    first = compiled.cache_file()
    assert compiled.compile(*SAMPLES[0]) == re.compile(*SAMPLES[0])
    assert not compiled._new  # loaded, not compiled
    _fresh_process(monkeypatch)
    monkeypatch.setattr(compiled, "_stamp", lambda: "content.py:140:3")
    compiled.compile(*SAMPLES[2])
    compiled.save()
    left = set(cache.glob("patterns-*.bin"))
    assert first in left and compiled.cache_file() in left and len(left) == 2


def test_the_cache_holds_a_bounded_number_of_patterns(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiled, "LIMIT", 3)
    for n in range(10):
        assert compiled.compile(rf"\bword{n}\b", re.I).search(f"a WORD{n} here")
        compiled.save()
        assert len(compiled._read(compiled.cache_file())) <= 3
    assert (r"\bword9\b", int(re.I)) in compiled._read(compiled.cache_file())  # the newest


def test_every_checker_pattern_rebuilt_from_the_file_equals_re_compile(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole checker's patterns as a real run keeps them (a new process: `amends check`
    writes the file at exit), each rebuilt and compared with `re.compile`'s, code included."""
    env = {**os.environ, "AMENDS_CACHE_DIR": str(cache)}
    statement = cache.parent / "ack.txt"
    statement.write_text(
        "Lo sentimos: desde las 9:10 (hora de Chile) muchos clientes no pueden hacer llamadas.\n"
        "We are sorry. Calls failed in Reno from 9:10 a.m. to 11 a.m. PT; a supplier's update.\n",
        encoding="utf-8",
    )
    runs = [
        subprocess.run(
            [sys.executable, "-m", "amends", "check", str(statement), "--format", "json"],
            env=env,
            capture_output=True,
            text=True,
        )
        for _ in range(2)
    ]
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout.strip()
    _fresh_process(monkeypatch)
    entries = compiled._load()
    assert len(entries) > 100
    for key, parts in entries.items():
        if key[0] is None:  # a table's text (`compiled.text`), not a pattern
            continue
        pattern, flags = key
        assert compiled._build(pattern, parts) == re.compile(pattern, flags), pattern[:80]


#: Written in a new process: every table's pattern text and the trees written at import, as
#: (key, text) pairs, and how many of them that process wrote rather than read.
_TEXTS_SCRIPT = """
import json
from amends.check import compiled, content, style
from amends.check.prefixes import TABLES, by_word_start, prefix_tree, table
for phrases, space, whole in list(TABLES):
    table(phrases, space=space, whole_words=whole).pattern
kept = dict(compiled._texts)
written = sum(1 for k in compiled._new if k[0] is None)
compiled.save()
compiled._file, compiled._texts = None, {}  # caching off: each one written afresh
make = {"table": lambda *a: table(a[0], space=a[1], whole_words=a[2]).pattern,
        "prefix_tree": lambda *a: prefix_tree(a[0], a[1], cased=a[2]),
        "by_word_start": by_word_start}
fresh = {k: make[k[1]](*k[2:]) for k in kept}
print(json.dumps([sorted((repr(k), repr(v)) for k, v in kept.items()), written, fresh == kept]))
"""


def _texts_run(env: dict[str, str]) -> tuple[list[list[str]], int]:
    run = subprocess.run(
        [sys.executable, "-c", _TEXTS_SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    texts, written, as_written_afresh = json.loads(run.stdout)
    assert as_written_afresh  # each equal to what a process with the cache off writes
    return texts, written


def test_table_texts_read_warm_equal_those_written_cold(cache: Path) -> None:
    """A second process reads every table's pattern text from the file, equal to what the first
    wrote, and to what a process with the cache off writes."""
    cold, written = _texts_run({**os.environ, "AMENDS_CACHE_DIR": str(cache)})
    assert written == len(cold) and written > 50
    warm, written = _texts_run({**os.environ, "AMENDS_CACHE_DIR": str(cache)})
    assert written == 0  # every one read from the file
    assert warm == cold


def test_a_wrong_or_missing_text_is_written_afresh(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def make(value: str) -> Callable[[], str]:
        return lambda: calls.append(value) or value

    assert compiled.text(("a",), make("one"), lambda v: isinstance(v, str)) == "one"
    assert compiled.text(("b",), make("two"), lambda v: isinstance(v, str)) == "two"
    compiled.save()
    path = compiled.cache_file()
    assert path is not None
    entries = compiled._read(path)
    entries[(None, "a")] = 17  # the wrong kind of value
    del entries[(None, "b")]
    body = marshal.dumps(entries)
    path.write_bytes(hashlib.sha256(body).digest() + body)  # a good checksum
    _fresh_process(monkeypatch)
    calls.clear()
    assert compiled.text(("a",), make("one"), lambda v: isinstance(v, str)) == "one"
    assert compiled.text(("b",), make("two"), lambda v: isinstance(v, str)) == "two"
    assert calls == ["one", "two"]
    compiled.save()
    _fresh_process(monkeypatch)
    calls.clear()
    assert compiled.text(("a",), make("one"), lambda v: isinstance(v, str)) == "one"
    assert calls == []  # read from the file written again


def test_texts_are_made_each_time_with_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMENDS_CACHE_DIR", "")
    _fresh_process(monkeypatch)
    calls: list[int] = []
    for _ in range(2):
        assert compiled.text(("a",), lambda: calls.append(1) or "x", bool) == "x"
    assert len(calls) == 2 and not compiled._new
