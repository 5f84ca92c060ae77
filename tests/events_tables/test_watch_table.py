"""`amends watch` on a database table (Kamailio's acc in PostgreSQL): rows are polled by id, an
outage in one area and service opens one incident, and a restart reads no row twice."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.watch.helpers import create_store, expected_aggregates, stored_aggregates
from tests.watch.test_watch_folder import incidents

from amends.events.mapping import resolve_mapping
from amends.events.tables import read_range
from amends.impact.analysis import analyse

START = datetime(2026, 3, 10, 9, 0)  # naive UTC, as Kamailio writes `time`
OUTAGE = (START + timedelta(minutes=120), START + timedelta(minutes=150))


def calls(first: int, last: int) -> list[tuple[str, str, datetime, str, str, str]]:
    """Minutes [first, last) of INVITEs from two areas (212, 415) to local and long-distance
    numbers; during the outage every long-distance call from 415 is answered 503."""
    rows = []
    for m in range(first, last):
        at = START + timedelta(minutes=m)
        for area in ("212", "415"):
            for n in range(12):
                long_distance = n % 2 == 0
                dst = "+13125550100" if long_distance else "5550199"
                code = "486" if n == 5 else "200"
                if area == "415" and long_distance and OUTAGE[0] <= at < OUTAGE[1]:
                    code = "503"
                caller = f"+1{area}555{(n * 37 + m) % 10000:04d}"
                rows.append(
                    ("INVITE", code, at + timedelta(seconds=n * 4), caller, dst, "10.0.0.1")
                )
    return rows


def watch(url: str, table_url: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "amends",
            "watch",
            f"{table_url}&map=kamailio-acc",
            "--db",
            url,
            "--exit-when-idle",
            "2",
            "--dead-letters",
            str(tmp / "dead.jsonl"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_watching_acc_opens_the_outage_once_and_reads_each_row_once(acc_table, tmp_path) -> None:
    acc_table.insert(calls(0, 170))
    url = f"sqlite:///{tmp_path / 'w.db'}"
    create_store(url)
    first = watch(url, acc_table.url, tmp_path)
    assert first.returncode == 0, first.stderr
    (inc,) = incidents(url)
    w = inc["windows"][0]
    assert w["regions"] == ["415"] and w["services"] == ["long_distance"]
    assert w["start"] == OUTAGE[0].replace(tzinfo=UTC).isoformat().replace("+00:00", "Z")
    assert w["end"] == OUTAGE[1].replace(tzinfo=UTC).isoformat().replace("+00:00", "Z")
    # more rows arrive; the restarted watcher reads only those
    acc_table.insert(calls(170, 200))
    again = watch(url, acc_table.url, tmp_path)
    assert again.returncode == 0, again.stderr
    assert len(incidents(url)) == 1
    events = read_range(acc_table.url, resolve_mapping("kamailio-acc")).to_pyarrow()
    assert stored_aggregates(url) == expected_aggregates(events)
    batch = analyse(read_range(acc_table.url, resolve_mapping("kamailio-acc"))).report.windows
    assert [(b.start, b.end, b.regions, b.services) for b in batch] == [
        (OUTAGE[0].replace(tzinfo=UTC), OUTAGE[1].replace(tzinfo=UTC), ["415"], ["long_distance"])
    ]
