"""An assessment's inputs and outputs as files: the --facts YAML read, assessment.json, the
draft reports (Markdown and JSON) and the clocks chart written (each atomically)."""

from __future__ import annotations

import json
from pathlib import Path

from amends.errors import InputError
from amends.regulation.assessment import Assessment
from amends.regulation.facts import ExtraFacts


def load_facts(path: Path | None) -> ExtraFacts:
    """The --facts YAML (what only people know); errors name the file and the field."""
    import yaml
    from pydantic import ValidationError

    if path is None:
        return ExtraFacts()
    from amends.errors import read_text
    from amends.incident.io import safe_load_unique, yaml_problem

    text = read_text(path, what="facts file")
    try:
        data = safe_load_unique(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"not valid YAML: {yaml_problem(exc)}; fix the syntax",
            path=str(path),
            row=mark.line + 1 if mark else None,
        ) from None
    if not isinstance(data, dict):
        raise InputError("the facts file must be a YAML mapping (key: value)", path=str(path))
    try:
        return ExtraFacts.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        raise InputError(f"field {where}: {msg}; fix it and run again", path=str(path)) from None


def write_outputs(result: Assessment, folder: Path) -> list[Path]:
    """assessment.json and every draft as Markdown and JSON, each written atomically."""
    from amends.files import write_text_atomic
    from amends.regulation import draft_markdown

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder ({exc.strerror})", path=str(folder)) from None
    paths = [write_text_atomic(folder / "assessment.json", result.model_dump_json(indent=2) + "\n")]
    for r in result.regimes:
        for w in r.windows:
            for d in w.drafts:
                stem = f"{d.regime}.{d.id}.{d.window}"
                md = draft_markdown(d, incident=result.incident, zone=result.time_zone)
                paths.append(write_text_atomic(folder / f"{stem}.md", md))
                data = json.dumps(d.model_dump(mode="json"), indent=2, ensure_ascii=False)
                paths.append(write_text_atomic(folder / f"{stem}.json", data + "\n"))
    paths += write_chart(result, folder)
    return paths


def write_chart(result: Assessment, folder: Path) -> list[Path]:
    """clocks.png and clocks.svg (when anything is reportable), each written atomically."""
    from amends.files import save_figure_atomic
    from amends.regulation.chart import clocks_figure

    fig = clocks_figure(result)
    if fig is None:
        return []
    paths = []
    for ext in ("png", "svg"):
        paths.append(save_figure_atomic(fig, folder / f"clocks.{ext}"))
    return paths
