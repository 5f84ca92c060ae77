"""The demo's compose step: acknowledge, update, resolve and explain, checked and written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from amends.cli.demo_compose import DEMO_NOTE, run
from amends.incident import load_incident


def test_demo_compose_writes_checked_statements(
    impact_dir: Callable[[str], Path], tmp_path: Path
) -> None:
    console = Console(file=open(tmp_path / "log.txt", "w"), width=120)  # noqa: SIM115
    wrote = run(tmp_path, impact_dir("demo"), console)
    console.file.close()
    paths = [p for _, p in wrote]
    assert all(p.is_file() for p in paths)
    statements = [p for p in paths if p.parent.name == "statements"]
    stages = {p.name.split(".")[0] for p in statements}
    assert stages == {"acknowledge", "update", "resolve", "explain"}
    drafts = [p for p in statements if p.suffix not in (".html", ".yaml")]
    assert len(drafts) == 4 * 4 * 2
    records = sorted(p.name for p in statements if p.suffix == ".yaml")
    stages_in_order = ("acknowledge", "explain", "resolve", "update")
    assert records == [f"{s}.incident.yaml" for s in stages_in_order]
    update = load_incident(tmp_path / "statements" / "update.incident.yaml")
    assert update.eta is not None and update.eta.source == "estimate"  # from amends.eta
    assert "check errors" not in (tmp_path / "log.txt").read_text(encoding="utf-8")
    record_file = tmp_path / "incident.yaml"
    assert record_file.read_text(encoding="utf-8").startswith(DEMO_NOTE)
    assert load_incident(record_file).provider == "Example Telecom (demo)"
    sms = (tmp_path / "statements" / "acknowledge.sms.en.txt").read_text(encoding="utf-8")
    assert sms.startswith("Example Telecom (demo): Sorry:") or sms.startswith("Sorry:")
