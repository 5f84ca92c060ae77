"""The demo's estimate step: what `amends eta` would have said when the demo incident was
acknowledged, from the packaged *sample* history (synthetic data, not real incidents)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from amends.incident import Eta, Incident


def run(output: Path, incident: Incident, console: Console) -> Eta | None:
    """Estimate restoration as of the incident's discovery; write eta.png/.svg into `output`.

    Returns the incident's `eta` (None when the incident was over before it was discovered).
    The basis in the incident's other locales is `estimate.incident_translations()`; the demo
    prints them.
    """
    from amends.cli.eta import save_atomic
    from amends.eta import fit, load_history_csv
    from amends.eta.chart import render
    from amends.eta.demo_data import SAMPLE_HISTORY

    cases = load_history_csv(SAMPLE_HISTORY)
    now = max(incident.discovered_at, incident.started_at or incident.discovered_at)
    ended = incident.ended_at
    if ended is not None and ended <= now:
        console.print("[yellow]eta:[/] the incident was over before it was discovered; skipped")
        return None
    result = fit(incident, cases, now)
    est = result.estimate
    output.mkdir(parents=True, exist_ok=True)
    for ext in ("png", "svg"):
        save_atomic(render(est, result.survival), output / f"eta.{ext}")
    console.print(
        f"[bold]Estimated restoration[/] (as of discovery, from {len(cases)} incidents of "
        f"SAMPLE history): {escape(est.said)}"
    )
    console.print(f"  basis: {escape(est.basis)}")
    for loc, texts in est.translations.items():
        console.print(f"  {loc}: {escape(texts['said'])}. {escape(texts['basis'])}")
    if ended is not None and est.enough and est.low_at is not None:
        from zoneinfo import ZoneInfo

        from amends.eta.words import say_time

        inside = est.low_at <= ended and (est.high_at is None or ended <= est.high_at)
        back = say_time(ended, now, ZoneInfo(est.time_zone))
        console.print(
            f"  service came back at {back}: {'inside' if inside else 'outside'} the "
            f"{round(est.level * 100)}% interval"
        )
    return est.to_incident_eta()
