"""Following a folder as a switch writes into it: appends, partial lines, rotation, truncation,
writers' temporary files, and restarts from the stored position."""

from __future__ import annotations

import os
from pathlib import Path

from amends.events.mapping import resolve_mapping
from amends.watch.folder import Chunk, FolderFollower, load_chunk

HEADER = b"ts,subscriber,region,service,cause\n"


def line(minute: int, sub: str = "S1", cause: int = 16) -> bytes:
    return f"2026-03-10T10:{minute:02d}:00Z,{sub},CA,local,{cause}\n".encode()


def read(f: FolderFollower) -> list[Chunk]:
    chunks = f.poll()
    for c in chunks:
        f.advance(c)
    return chunks


def test_appends_are_read_once_and_partial_lines_wait(tmp_path: Path) -> None:
    log = tmp_path / "calls.csv"
    log.write_bytes(HEADER + line(0) + line(1))
    f = FolderFollower(tmp_path, None)
    first = read(f)
    assert [c.data for c in first] == [line(0) + line(1)] and first[0].header == HEADER
    with log.open("ab") as fh:
        fh.write(line(2) + b"2026-03-10T10:03:00Z,S1,CA")  # the last line is still being written
    assert [c.data for c in read(f)] == [line(2)]
    assert read(f) == []
    with log.open("ab") as fh:
        fh.write(b",local,16\n")
    assert [c.data for c in read(f)] == [line(3)]


def test_a_rotated_file_is_followed_and_the_new_one_read_from_its_start(tmp_path: Path) -> None:
    log = tmp_path / "Master.csv"
    log.write_bytes(HEADER + line(0))
    f = FolderFollower(tmp_path, None)
    read(f)
    with log.open("ab") as fh:
        fh.write(line(1))  # written just before rotation, not yet read
    os.rename(log, tmp_path / "Master.csv.1")
    log.write_bytes(HEADER + line(2))
    got = sorted(c.data for c in read(f))
    assert got == sorted([line(1), line(2)])
    assert read(f) == []


def test_a_truncated_file_is_read_anew_not_from_the_old_offset(tmp_path: Path) -> None:
    log = tmp_path / "calls.csv"
    log.write_bytes(HEADER + line(0) + line(1) + line(2))
    f = FolderFollower(tmp_path, None)
    read(f)
    log.write_bytes(HEADER + line(5))  # copytruncate: same inode, shorter
    got = read(f)
    assert [c.data for c in got] == [line(5)]


def test_dot_files_wait_until_renamed(tmp_path: Path) -> None:
    tmp = tmp_path / ".calls.csv.part"
    tmp.write_bytes(HEADER + line(0))
    f = FolderFollower(tmp_path, None)
    assert read(f) == []
    os.rename(tmp, tmp_path / "calls.csv")
    assert [c.data for c in read(f)] == [line(0)]


def test_a_restart_resumes_from_the_stored_position(tmp_path: Path) -> None:
    log = tmp_path / "calls.csv"
    log.write_bytes(HEADER + line(0))
    f = FolderFollower(tmp_path, None)
    read(f)
    position = f.position()
    with log.open("ab") as fh:
        fh.write(line(1))
    again = FolderFollower.restore(tmp_path, None, position)
    assert [c.data for c in read(again)] == [line(1)]


def test_headerless_asterisk_lines_are_read_with_the_mapping(tmp_path: Path) -> None:
    mapping = resolve_mapping("asterisk")
    rows = [
        '"","5551000","15559990","from-internal","","SIP/ca-trunk-0000a1","","Dial","",'
        '"2026-03-10 10:00:00","2026-03-10 10:00:05","2026-03-10 10:01:00",60,55,"ANSWERED",'
        '"DOCUMENTATION","1.1",""\n',
        '"","5551001","5559991","from-internal","","SIP/ca-trunk-0000a2","","Dial","",'
        '"2026-03-10 10:00:10","","2026-03-10 10:00:12",2,0,"CONGESTION","DOCUMENTATION",'
        '"1.2",""\n',
    ]
    (tmp_path / "Master.csv").write_text("".join(rows))
    f = FolderFollower(tmp_path, mapping)
    chunks = read(f)
    assert chunks[0].header is None
    loaded = load_chunk(chunks[0], mapping, "UTC", tmp_path)
    table = loaded.events
    assert loaded.rejected == []
    assert table.column("region").to_pylist() == ["ca-trunk", "ca-trunk"]
    assert table.column("service").to_pylist() == ["long_distance", "local"]
    assert table.column("cause").to_pylist() == [16, 34]


def test_bad_lines_are_set_aside_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "calls.csv").write_bytes(
        HEADER
        + line(0)
        + b"not a time,S2,CA,local,16\n"
        + line(1)
        + b"2026-03-10T10:02:00Z,,CA,local,16\n"
    )
    f = FolderFollower(tmp_path, None)
    chunk = read(f)[0]
    loaded = load_chunk(chunk, None, None, tmp_path)
    assert loaded.events.num_rows == 2
    assert [d["line_in_chunk"] for d in loaded.rejected] == [2, 4]
    assert all(d["reason"] and d["file"].endswith("calls.csv") for d in loaded.rejected)
    assert loaded.rejected[0]["raw"].startswith("not a time")
