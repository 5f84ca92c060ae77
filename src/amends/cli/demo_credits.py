"""The demo's credits step: apply the packaged sample policy, record it, export the credits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console

#: The sample policy shipped with the package (prorata whole days vs. tiers by failed calls).
DEMO_POLICY = Path(__file__).resolve().parent.parent / "credits" / "policies" / "demo.toml"


def run(
    output: Path,
    impact_dir: Path,
    subscribers_file: Path,
    incident_id: str,
    db_url: str,
    console: Console,
    windows: list[Any] | None = None,
) -> list[tuple[str, Path]]:
    """Compute, record and export the demo's credits; returns (label, path) of what it wrote.

    `windows`: the incident's own windows (default: every window in impact.json).
    """
    from amends.cli.credits import print_summary, run_credits
    from amends.credits.run import impact_windows, prepare

    job = prepare(
        incident_id=incident_id,
        windows=windows if windows is not None else impact_windows(impact_dir),
        impact=impact_dir,
        policy_path=DEMO_POLICY,
        plans_path=subscribers_file,
        output=output / "credits.csv",
    )
    result = run_credits(job, db_url=db_url, console=console, create_store=True)  # its own store
    print_summary(result, console)
    labels = {
        ".csv": "credits per customer (CSV)",
        ".parquet": "credits per customer (Parquet)",
        ".png": "credits chart (PNG)",
        ".svg": "credits chart (SVG)",
    }
    return [(labels.get(p.suffix, "credits"), p) for p in result.paths]
