"""`amends assess`: is the outage reportable under each regime, why, which clocks run, what is
overdue, and drafts of the reports; the judging itself is `amends.regulation` (pure)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from amends.cli.options import parse_now
from amends.errors import InputError

if TYPE_CHECKING:
    from amends.impact.model import ImpactReport
    from amends.regulation import Assessment, ExtraFacts

out_console = Console(soft_wrap=True)


class Format(StrEnum):
    """Output format."""

    TEXT = "text"
    JSON = "json"


def register(app: typer.Typer) -> None:
    """Add the `assess` command."""
    app.command("assess")(assess_command)


def assess_command(
    incident: Path = typer.Argument(..., help="The incident YAML file.", show_default=False),
    impact: Path = typer.Option(
        ..., "--impact", help="Folder with impact.json (+ subscribers.parquet) from amends impact."
    ),
    regime: list[str] = typer.Option(
        [], "--regime", help="Regime name or .toml path (repeat); default: every built-in regime."
    ),
    now: str | None = typer.Option(
        None, "--now", help="Assess as of this time (ISO 8601 with offset); default: now."
    ),
    fmt: Format = typer.Option(Format.TEXT, "--format", help="text or json."),
    facts: Path | None = typer.Option(
        None, "--facts", help="YAML with facts only people know (contacts, remoteness, filings)."
    ),
    write_major: bool = typer.Option(
        False,
        "--write-major",
        help="Record the verdict in the incident file's `major` field (rewrites the file).",
    ),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Folder for assessment.json, the drafts and clocks.png/.svg."
    ),
) -> None:
    """Is the outage reportable, to whom, by when; what is overdue; draft the reports."""
    from amends.incident import load_incident
    from amends.regulation import assess, assessment_text, available_regimes, load_regime

    record = load_incident(incident)
    report, region_users = load_impact(impact)
    extra = load_facts(facts)
    regimes = [load_regime(r) for r in (regime or available_regimes())]
    when = parse_now(now)
    result = assess(record, report, regimes, now=when, region_users=region_users, extra=extra)
    written = write_outputs(result, output) if output is not None else []
    if write_major and result.major is not None and result.major != record.major:
        from amends.incident import dump_incident

        dump_incident(record.model_copy(update={"major": result.major}), incident)
        written.append(incident)
    if fmt is Format.JSON:
        out_console.print_json(result.model_dump_json())
    else:
        out_console.print(assessment_text(result), markup=False, highlight=False)
        for path in written:
            out_console.print(f"wrote {path}", markup=False, highlight=False)


def load_impact(folder: Path) -> tuple[ImpactReport, dict[str, dict[str, int]] | None]:
    """impact.json, and distinct affected subscribers per (window, region) when the table exists."""
    from pydantic import ValidationError

    from amends.impact.model import ImpactReport

    path = folder / "impact.json"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise InputError(
            "no impact.json here; run `amends impact EVENTS -o DIR` first", path=str(path)
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (byte {exc.start}); pass the impact.json that `amends impact` wrote",
            path=str(path),
        ) from None
    try:
        report = ImpactReport.model_validate_json(text)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InputError(
            f"not a valid impact report at {where}: {err['msg']}; regenerate it with amends impact",
            path=str(path),
        ) from None
    table_path = folder / "subscribers.parquet"
    if not table_path.exists():
        return report, None
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(table_path, columns=["window", "subscriber", "region"])
    except Exception as exc:  # any reader error is the user's file
        raise InputError(
            f"cannot read the subscribers table ({str(exc).splitlines()[0]})", path=str(table_path)
        ) from None
    pairs = table.group_by(["window", "region"]).aggregate([("subscriber", "count_distinct")])
    counts: dict[str, dict[str, int]] = {}
    for w, r, n in zip(
        pairs["window"].to_pylist(),
        pairs["region"].to_pylist(),
        pc.cast(pairs["subscriber_count_distinct"], "int64").to_pylist(),
        strict=True,
    ):
        counts.setdefault(w, {})[r] = n
    return report, counts


def load_facts(path: Path | None) -> ExtraFacts:
    """The --facts YAML (what only people know); errors name the file and the field."""
    import yaml
    from pydantic import ValidationError

    from amends.regulation import ExtraFacts

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
    from amends.incident.io import write_text_atomic
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
    import os
    import tempfile

    from amends.errors import public_mode
    from amends.regulation.chart import clocks_figure

    fig = clocks_figure(result)
    if fig is None:
        return []
    paths = []
    for ext in ("png", "svg"):
        path = folder / f"clocks.{ext}"
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".clocks.", suffix=f".{ext}")
        os.close(fd)
        try:
            fig.savefig(tmp, format=ext)
            public_mode(tmp)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        paths.append(path)
    return paths
