"""The demo's last step: assess the simulated outage under every built-in regime; draft reports."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console


def run(
    output: Path, incident_path: Path, impact_dir: Path, console: Console
) -> list[tuple[str, Path]]:
    """Assess the demo incident as of the end of its data; write the assessment and the drafts."""
    from amends.files import write_text_atomic
    from amends.impact.outputs import affected_counts, read_report
    from amends.incident import load_incident
    from amends.regulation import assess, assessment_text, available_regimes, load_regime
    from amends.regulation.files import write_outputs

    incident = load_incident(incident_path)
    report, region_users = read_report(impact_dir), affected_counts(impact_dir)
    now = report.events.end or incident.discovered_at  # the end of the demo's data
    regimes = [load_regime(n) for n in available_regimes()]
    result = assess(incident, report, regimes, now=now, region_users=region_users)
    folder = output / "regulation"
    paths = write_outputs(result, folder)
    # The verdict per regime (the text's first paragraph) on screen; the whole reasoning in a file.
    text = assessment_text(result)
    full = write_text_atomic(folder / "assessment.txt", text + "\n")
    console.print(text.split("\n\n", 1)[0], markup=False, highlight=False)
    console.print(f"  each figure against its threshold, and the clocks: {full}")
    rows: list[tuple[str, Path]] = [("regulatory assessment", paths[0]), ("the reasoning", full)]
    rows += [(f"draft report {p.stem}", p) for p in paths[1:] if p.suffix == ".md"]
    rows += [("regulatory clocks chart", p) for p in paths if p.suffix == ".png"]
    return rows
