"""Text forms of an assessment: draft reports as Markdown, the whole assessment as plain text.

Pure string building; the CLI decides where it goes. Missing facts are named, never filled.
"""

from __future__ import annotations

from amends.regulation.assessment import Assessment, ConditionResult, DraftReport, RegimeResult
from amends.regulation.facts import fmt_time

_OP_WORDS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}


def fmt_figure(value: object) -> str:
    """A figure for people: thousands separators, yes/no, 'unknown' for a missing fact."""
    if value is None:
        return "unknown (missing fact)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def condition_line(c: ConditionResult) -> str:
    """'user_minutes 1,092,450 ≥ 900,000: yes (47 CFR 4.9(a)(1))'."""
    where = "" if not c.where else " in " + ", ".join(f"{k}={v}" for k, v in c.where.items())
    return (
        f"{c.metric}{where} {fmt_figure(c.figure)} {_OP_WORDS[c.op]} {fmt_figure(c.threshold)}: "
        f"{c.holds} ({c.section})"
    )


def draft_markdown(d: DraftReport, *, incident: str, zone: str) -> str:
    """A draft report as a reviewable Markdown document."""
    lines = [
        f"# DRAFT — {d.title}",
        "",
        f"Incident `{incident}`, window `{d.window}`; regime `{d.regime}`; {d.section}.",
        f"Times are in {zone} with UTC in brackets. Review every field before filing.",
        "",
        "| Field | Value | Source |",
        "| --- | --- | --- |",
    ]
    for f in d.fields:
        value = (f.value or "**MISSING** — supply it").replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {f.name} | {value} | {f.section} |")
    lines.append("")
    if d.missing:
        lines.append("## Missing facts")
        lines.append("")
        lines += [f"- {m}" for m in d.missing]
    else:
        lines.append("Every field is filled from the incident record and the measured impact.")
    return "\n".join(lines) + "\n"


def regime_text(r: RegimeResult, zone: str) -> list[str]:
    """One regime's assessment as plain lines."""
    verdict = {"yes": "REPORTABLE", "no": "not reportable", "unknown": "UNDETERMINED"}[r.reportable]
    head = f"{r.title} [{r.id} v{r.version}]: {verdict}"
    if r.classification:
        head += f" ({r.classification})"
    out = [head]
    for w in r.windows:
        end = fmt_time(w.end, zone) if w.end else "ongoing"
        out.append(
            f"  window {w.window}: {fmt_time(w.start, zone)} → {end}, {w.duration_minutes:,} min, "
            f"{w.users:,} users ({w.users_source}), {w.user_minutes:,} user minutes"
        )
        for t in w.tests:
            out.append(f"    test {t.id}: {t.holds} — {t.title} [{t.section}]")
            out += [f"      {condition_line(c)}" for c in t.conditions]
            if t.review:
                out.append(f"      review: {t.review}")
        if w.reportable_at:
            out.append(f"    clocks start {fmt_time(w.reportable_at, zone)} ({w.reportable_basis})")
        for c in w.clocks:
            done = f"; done {fmt_time(c.done_at, zone)} ({c.done_source})" if c.done_at else ""
            out.append(
                f"    [{c.state.upper()}] {c.title} → {c.to}: {c.due_text}{done} [{c.section}]"
            )
            for s in c.slots:
                sent = f", sent {fmt_time(s.sent, zone)}" if s.sent else ""
                out.append(f"        update due {s.due_text}: {s.state}{sent}")
        for d in w.drafts:
            miss = f"; missing: {', '.join(d.missing)}" if d.missing else "; complete"
            out.append(f"    draft {d.id}{miss}")
    if r.missing_facts:
        out.append("  missing facts: " + "; ".join(r.missing_facts))
    if r.overdue:
        out.append("  OVERDUE: " + "; ".join(r.overdue))
    return out


def assessment_text(a: Assessment) -> str:
    """The whole assessment as plain text."""
    lines = [
        f"Incident {a.incident}: discovered {fmt_time(a.discovered_at, a.time_zone)}; "
        f"assessed at {fmt_time(a.now, a.time_zone)}",
    ]
    for r in a.regimes:
        verdict = {"yes": "reportable", "no": "not reportable", "unknown": "undetermined"}
        line = f"  {r.id}: {verdict[r.reportable]}"
        if r.classification:
            line += f" ({r.classification})"
        if r.overdue:
            line += f"; {len(r.overdue)} overdue"
        if r.missing_facts:
            line += f"; {len(r.missing_facts)} missing fact(s)"
        lines.append(line)
    lines.append("")
    for r in a.regimes:
        lines += regime_text(r, a.time_zone)
        lines.append("")
    return "\n".join(lines)
