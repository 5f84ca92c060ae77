"""Run one command as users run it and measure it: wall time, CPU time and peak memory of that
command and everything it starts. Every benchmark that times a whole command goes through here,
so each figure in docs/benchmarks.md is measured the same way."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measured:
    """One run of a command: what it took and what it printed."""

    seconds: float  # wall time
    cpu_seconds: float  # user + system of the command and its children (not a database server's)
    peak_bytes: int  # the largest resident set of the command or any child it waited for
    code: int
    stdout: str
    stderr: str

    @property
    def peak_mib(self) -> float:
        """Peak RSS in MiB."""
        return self.peak_bytes / 2**20

    def figures(self) -> tuple[float, float, float]:
        """(wall seconds, peak MiB, CPU seconds)."""
        return self.seconds, self.peak_mib, self.cpu_seconds

    def as_dict(self) -> dict[str, float]:
        """The figures, keyed as the benchmarks' JSON lines print them."""
        return {"seconds": self.seconds, "peak_bytes": self.peak_bytes, "cpu": self.cpu_seconds}


def bench_env() -> dict[str, str]:
    """The environment of a measured command: compiled bytecode cached outside the tree.

    This machine sets PYTHONDONTWRITEBYTECODE, which makes every run compile ibis, pandas and
    matplotlib from source (over a second); an installed package has its .pyc files.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "amends-bench-pycache")
    return env


#: Runs the command and writes its wall time, exit code, CPU time and peak RSS as JSON to the file
#: named first. The command is measured from this small, fresh process rather than from the
#: benchmark: Linux starts a child's peak RSS at the peak of the memory it was forked from (Python
#: forks with vfork), so a benchmark that built its inputs in-process, a few GB, saw its own peak
#: in every command's figure. From here the floor is this process's own, about 10 MB.
_RUNNER = """
import json, os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    json.dump([wall, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime,
               usage.ru_maxrss], out)
"""


def measure(
    argv: list[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    check: bool = True,
) -> Measured:
    """Run `argv` to its end. The figures come from os.wait4 on this one command, in a small
    runner process (see `_RUNNER`), so runs in one benchmark never mix and the benchmark's own
    memory is not counted. With `check`, a failing command stops the benchmark with its output."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as tmp,
    ):
        figures = Path(tmp) / "figures.json"
        runner = [sys.executable, "-c", _RUNNER, str(figures), *argv]
        ran = subprocess.run(runner, env=env or bench_env(), cwd=cwd, stdout=out, stderr=err)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
        if ran.returncode != 0 or not figures.exists():  # the command could not even start
            raise SystemExit(f"{' '.join(argv[:4])} … could not be run:\n{stderr[-3000:]}")
        wall, code, cpu, maxrss_kib = json.loads(figures.read_text())
    if check and code != 0:
        tail = stdout[-2000:] + stderr[-3000:]
        raise SystemExit(f"{' '.join(argv[:4])} … failed ({code}):\n{tail}")
    return Measured(
        seconds=wall,
        cpu_seconds=cpu,
        peak_bytes=maxrss_kib * 1024,
        code=code,
        stdout=stdout,
        stderr=stderr,
    )


def revision_env(rev: str, folder: Path) -> dict[str, str]:
    """An environment running the `amends` of git revision `rev` (its src/ unpacked under
    `folder`) with this checkout's virtualenv: a named baseline measured in the same run."""
    root = Path(__file__).resolve().parent.parent
    src = folder / f"amends-{rev}"
    if not src.exists():
        src.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(root), "archive", rev, "src"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    return dict(bench_env(), PYTHONPATH=str(src / "src"))


def tree_env(folder: Path) -> dict[str, str]:
    """An environment running the `amends` of this working tree as it is now (its src/ copied
    under `folder`): a measurement of several minutes is not changed by an edit made meanwhile."""
    src = folder / "amends-tree"
    if not src.exists():
        shutil.copytree(Path(__file__).resolve().parent.parent / "src", src / "src")
    return dict(bench_env(), PYTHONPATH=str(src / "src"))
