"""A Spark standalone cluster on this machine for tests: a master and two workers as separate
processes, started with the `spark-class` script that ships with PySpark (the classes Spark's
own sbin/start-master.sh and start-worker.sh run), stopped and cleaned up afterwards."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


@dataclass
class Cluster:
    """A running cluster: `master` is its spark:// URL, `ui` the master's web UI."""

    master: str
    ui: str
    worker_uis: list[str]

    def state(self) -> dict[str, Any]:
        """The master's JSON status (workers, running and completed applications)."""
        return _json(f"{self.ui}/json/")

    def worker_state(self, index: int) -> dict[str, Any]:
        """A worker's JSON status (its running and finished executors)."""
        return _json(f"{self.worker_uis[index]}/json/")


def _json(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=5) as answer:
        return json.load(answer)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spark_class() -> Path:
    """PySpark's bin/spark-class, or a skip naming what is missing."""
    pyspark = pytest.importorskip("pyspark", reason="the spark extra is not installed")
    script = Path(pyspark.__file__).parent / "bin" / "spark-class"
    if not script.exists():
        pytest.skip(f"PySpark ships no {script}")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java: a Spark cluster needs Java 17")
    return script


@contextmanager
def standalone_cluster(work: Path, workers: int = 2, memory: str = "2g") -> Iterator[Cluster]:
    """Start a master and `workers` workers of one core each on 127.0.0.1; yield when every
    worker has registered."""
    script = spark_class()
    env = {
        **os.environ,
        "SPARK_LOCAL_IP": "127.0.0.1",
        "SPARK_LOG_DIR": str(work / "logs"),
        "PYSPARK_PYTHON": sys.executable,
        "SPARK_NO_DAEMONIZE": "1",
    }
    port, ui = _free_port(), _free_port()
    master = f"spark://127.0.0.1:{port}"
    procs: list[subprocess.Popen[bytes]] = []
    logs = []

    def start(name: str, *args: str) -> None:
        log = open(work / f"{name}.log", "wb")  # noqa: SIM115 (closed below)
        logs.append(log)
        command = [str(script), *args]
        procs.append(
            subprocess.Popen(
                command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        )

    start(
        "master", "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", str(port), "--webui-port", str(ui),
    )  # fmt: skip
    worker_uis = []
    try:
        _wait(lambda: _json(f"http://127.0.0.1:{ui}/json/"), "the master", work / "master.log")
        for i in range(workers):
            wui = _free_port()
            worker_uis.append(f"http://127.0.0.1:{wui}")
            (work / f"worker{i}").mkdir()
            start(
                f"worker{i}", "org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--webui-port", str(wui), "--cores", "1",
                "--memory", memory, "--work-dir", str(work / f"worker{i}"), master,
            )  # fmt: skip
        cluster = Cluster(master, f"http://127.0.0.1:{ui}", worker_uis)

        def alive() -> bool:
            up = [w for w in cluster.state()["workers"] if w["state"] == "ALIVE"]
            if len(up) < workers:
                raise RuntimeError(f"{len(up)} of {workers} workers registered")
            return True

        _wait(alive, "the workers", work / "worker0.log")
        yield cluster
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, 15)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait()
        for log in logs:
            log.close()


def _wait(probe: Any, what: str, log: Path, timeout: float = 120) -> None:
    """Call `probe` until it returns without raising; fail naming `what` and its log's tail."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            probe()
            return
        except Exception as exc:  # not up yet
            if time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                pytest.fail(f"{what} did not start in {timeout:.0f} s ({exc}):\n{tail}")
            time.sleep(0.5)
