"""Render reports as text (linter lines), JSON, or SARIF 2.1.0 for GitHub code scanning."""

from __future__ import annotations

import json
from typing import Any

import amends
from amends.check.model import FileReport, Severity
from amends.check.rule import Rule

_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/amends/amends/blob/main/docs/rules.md"


def render_text(reports: list[FileReport], *, markup: bool = False) -> str:
    """`path:line:col: severity rule message` lines grouped per file, then stage and score.

    With `markup`, severities and headers carry Rich markup for a colour terminal.
    """
    from rich.markup import escape

    def esc(s: str) -> str:
        return escape(s) if markup else s

    out: list[str] = []
    for rep in reports:
        for f in rep.findings:
            sev = f.severity.value
            if markup:
                sev = f"[{_COLOUR[f.severity]}]{sev}[/]"
            out.append(f"{esc(f.path)}:{f.line}:{f.column}: {sev} {f.rule} {esc(f.message)}")
        for w in rep.withheld:
            words = ", ".join(repr(e) for e in w.evidence) or "the statement as a whole"
            note = (
                f"{rep.path}: held back {w.rule}: no pattern found it, but a learned reading "
                f"finds it stated ({w.likely} likely missing; {words}), so read it and judge"
            )
            out.append(f"[dim]{esc(note)}[/]" if markup else note)
        how = "inferred" if rep.stage_reason != "given" else "given"
        reason = f": {rep.stage_reason}" if how == "inferred" else ""
        head = f"{rep.path}: score {rep.score}/100, stage {rep.stage.value} ({how}{reason})"
        if rep.channel:
            head += f", channel {rep.channel.value}"
        counts = {s: sum(1 for f in rep.findings if f.severity is s) for s in Severity}
        head += f"; {counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings"
        out.append(f"[bold]{esc(head)}[/]" if markup else head)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_json(reports: list[FileReport]) -> str:
    """`{"findings": [...], "files": [...]}` as the issue specifies."""
    doc = {
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "rule": f.rule,
                "severity": f.severity.value,
                "message": f.message,
                "suggestion": f.suggestion,
                "replacements": [x.model_dump() for x in f.replacements],
            }
            for rep in reports
            for f in rep.findings
        ],
        "files": [
            {
                "path": rep.path,
                "stage": rep.stage.value,
                "stage_reason": rep.stage_reason,
                "score": rep.score,
                "withheld": [w.model_dump() for w in rep.withheld],
            }
            for rep in reports
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _uri(path: str) -> str:
    return "stdin" if path in ("-", "") else path.replace("\\", "/").removeprefix("./")


def render_sarif(reports: list[FileReport], rules: list[Rule]) -> str:
    """A SARIF 2.1.0 log with one run, the rule catalogue as the driver's rules."""
    index = {r.id: i for i, r in enumerate(rules)}
    driver: dict[str, Any] = {
        "name": "amends-check",
        "version": amends.__version__,
        "informationUri": INFO_URI,
        "rules": [
            {
                "id": r.id,
                "name": r.id.replace("-", "_"),
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.message},
                "help": {"text": f"{r.suggestion}\nSource: {r.citation}"},
                "helpUri": f"{INFO_URI}#{r.id}",
                "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
                "properties": {"stages": sorted(s.value for s in r.stages)},
            }
            for r in rules
        ],
    }
    results = []
    for rep in reports:
        for f in rep.findings:
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f"{f.message}. {f.suggestion}".strip()},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(f.path)},
                            "region": {"startLine": f.line, "startColumn": f.column},
                        }
                    }
                ],
                "properties": {"stage": rep.stage.value, "score": rep.score},
            }
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
