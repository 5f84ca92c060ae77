"""Where the packaged SAMPLE history lives (synthetic incidents, for the demo and examples)."""

from __future__ import annotations

from pathlib import Path

#: 400 synthetic past incidents (March 2024 – February 2026), labelled as sample data in every
#: row; made by `amends.eta.synthetic.generate` (see docs/eta.md). Not real incidents.
SAMPLE_HISTORY = Path(__file__).resolve().parent / "data" / "sample_history.csv"
