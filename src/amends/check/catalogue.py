"""The rule catalogue (`docs/rules.md`), generated from the registry so it cannot drift.

Run `python -m amends.check.catalogue > docs/rules.md` (or `amends check --list-rules --format
markdown`).
"""

from __future__ import annotations

import sys
from importlib import resources

from amends.check.fix import FIXES
from amends.check.model import Stage
from amends.check.out_of_sample import out_of_sample
from amends.check.profiles import available_profiles, load_profile
from amends.check.registry import builtin_rules
from amends.check.rule import Example, Rule

_ORDER = list(Stage)
#: The evaluation notes (why a rule is below the floor on a corpus): prose kept as data.
EVALUATION = resources.files("amends.check").joinpath("evaluation.md")


def _stages(rule: Rule) -> str:
    if set(rule.stages) == set(Stage):
        return "all"
    return ", ".join(s.value for s in _ORDER if s in rule.stages)


def _example(ex: Example) -> str:
    where = f" ({ex.stage.value}" + (f", {ex.channel.value}" if ex.channel else "") + ")"
    text = ex.text.replace("\n", " ").replace("|", "\\|")
    return f"`{text}`{where}" if "`" not in text else f"{text}{where}"


def _standing(rules: list[Rule]) -> list[str]:
    """Every rule's record on the sets nobody tuned on, as one table (`out_of_sample`)."""
    record = out_of_sample()
    at = sum(not record.below(r.id) for r in rules)
    lines = [
        "# Standing on the sets nobody tuned on",
        "",
        f"Round {record.round}, measured once at {record.measured} on {', '.join(record.sets)} "
        f"({record.statements} statements, {record.exact} exactly right; "
        "`amends/check/out_of_sample.toml`). "
        f"{at} of {len(rules)} rules reach the 0.95 floor on both measures; each other rule's "
        "section above says why it does not.",
        "",
        "| rule | precision | recall | found | false alarms | missed |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rules:
        s = record.rules[r.id]
        mark = " (under the floor)" if record.below(r.id) else ""
        lines.append(
            f"| [`{r.id}`](#{r.id}){mark} | {s.precision:.3f} | {s.recall:.3f} | {s.tp} | {s.fp} "
            f"| {s.fn} |"
        )
    return [*lines, ""]


def catalogue_markdown() -> str:
    """The whole catalogue as Markdown: a summary table, then one section per rule."""
    rules = list(builtin_rules().values())
    standing = out_of_sample()
    lines = [
        "# Rules of `amends check`",
        "",
        "Generated from the registry by `python -m amends.check.catalogue`; do not edit by hand",
        "(a test fails if this file differs from the generated one). Every example is a test.",
        "",
        "| id | severity | stages | what it checks |",
        "| --- | --- | --- | --- |",
    ]
    for r in rules:
        lines.append(f"| [`{r.id}`](#{r.id}) | {r.severity.value} | {_stages(r)} | {r.summary} |")
    lines.append("")
    for r in rules:
        kind = "must contain" if r.kind == "require" else "must not contain"
        chans = ""
        if r.channels is not None:
            chans = f" Channels: {', '.join(c.value for c in sorted(r.channels))} (not sms/social)."
        lines += [
            f"## {r.id}",
            "",
            f"*{r.severity.value}, {kind}; stages: {_stages(r)}.*{chans}",
            "",
            r.summary,
            "",
            f"- **Message:** {r.message}",
            f"- **Suggestion:** {r.suggestion}",
            f"- **Source:** {r.citation}",
            "- **Good:** " + "; ".join(_example(e) for e in r.good),
            "- **Bad:** " + "; ".join(_example(e) for e in r.bad),
            *([f"- **Fix (`--fix`):** {FIXES[r.id]}"] if r.id in FIXES else []),
            f"- **Out of sample:** {standing.line(r.id)}",
            "",
        ]
    lines += _standing(rules)
    lines += [EVALUATION.read_text(encoding="utf-8").rstrip("\n"), ""]
    lines += ["# Profiles", ""]
    for name in available_profiles():
        prof = load_profile(name)
        lines += [
            f"## {name}",
            "",
            prof.profile.title,
            "",
            f"Instrument: {prof.profile.instrument}.",
            "",
        ]
        lines += ["| rule | requirement | section | message |", "| --- | --- | --- | --- |"]
        for it in prof.item:
            lines.append(f"| `{it.rule}` | {it.requirement} | {it.section} | {it.message} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> int:
    """Print the catalogue to stdout."""
    sys.stdout.write(catalogue_markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
