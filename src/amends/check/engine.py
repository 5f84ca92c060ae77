"""Check one statement against the rubric (plus a profile and config): findings and a score."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from functools import lru_cache

from amends.check import fix, learned, lowercase
from amends.check.config import CheckConfig, CustomRule
from amends.check.model import (
    SEVERITY_WEIGHT,
    Channel,
    FileReport,
    Finding,
    Severity,
    Stage,
    StageGuess,
    Withheld,
)
from amends.check.profiles import Profile, load_profile
from amends.check.registry import builtin_rules
from amends.check.rule import Context, Example, Rule
from amends.check.source import Doc, Format, parse
from amends.check.stage import infer_stage


def _custom(spec: CustomRule) -> Rule:
    rx = re.compile(
        "|".join([*(r"\b" + re.escape(p) + r"\b" for p in spec.phrases), *spec.patterns])
        or r"(?!)",
        re.I,
    )

    def forbid(doc: Doc, ctx: Context) -> Iterator[tuple[int, int, str]]:
        for m in rx.finditer(doc.text):
            yield m.start(), m.end(), m.group(0)

    def require(doc: Doc, ctx: Context) -> str | None:
        return None if rx.search(doc.text) else ""

    return Rule(
        id=spec.id,
        kind=spec.kind,
        severity=spec.severity,
        stages=frozenset(spec.stages),
        summary=spec.message,
        message=spec.message,
        suggestion=spec.suggestion,
        citation=spec.citation,
        good=(),
        bad=(),
        require=require if spec.kind == "require" else None,
        forbid=forbid if spec.kind == "forbid" else None,
    )


def effective_rules(config: CheckConfig | None, profile: Profile | None) -> list[Rule]:
    """The rules to run: built-ins, minus disabled, plus config rules, with overrides applied."""
    rules = builtin_rules()
    if profile is not None:
        for rule_id, items in profile.by_rule().items():
            rule = rules[rule_id]
            stages = set(rule.stages)
            sev = rule.severity
            for it in items:
                stages |= set(it.stages or ())
                if it.severity is Severity.ERROR:
                    sev = Severity.ERROR
            rules[rule_id] = replace(
                rule,
                severity=sev,
                stages=frozenset(stages),
                message="; ".join(it.message for it in items),
                citation=f"{rule.citation}; "
                + "; ".join(f"{profile.profile.title}, {it.section}" for it in items),
            )
    if config is not None:
        for spec in config.rules:
            rules[spec.id] = _custom(spec)
        for rule_id, sev in config.severity.items():
            if rule_id in rules:
                rules[rule_id] = replace(rules[rule_id], severity=sev)
        for rule_id in config.disable:
            if rule_id == "all":
                rules.clear()
            rules.pop(rule_id, None)
    return list(rules.values())


@lru_cache(maxsize=64)
def _rules_for(config_json: str, profile: str | None) -> list[Rule]:
    config = CheckConfig.model_validate_json(config_json) if config_json else None
    return effective_rules(config, load_profile(profile) if profile else None)


@lru_cache(maxsize=256)
def _applying(
    config_json: str, profile: str | None, stage: Stage, chan: Channel | None
) -> tuple[Rule, ...]:
    """The rules of `_rules_for` that apply at this stage on this channel, in order: asked once
    per combination instead of once per rule and statement (the rules are never changed)."""
    return tuple(r for r in _rules_for(config_json, profile) if r.applies(stage, chan))


def score(findings: list[Finding]) -> int:
    """100 minus a weight per finding (error 15, warning 6, info 2), never below 0."""
    return max(0, 100 - sum(SEVERITY_WEIGHT[f.severity] for f in findings))


def check_text(
    text: str,
    *,
    stage: Stage | str | None = None,
    fmt: Format = "text",
    profile: str | None = None,
    config: CheckConfig | None = None,
    locale: str = "en",
    channel: Channel | str | None = None,
    path: str = "-",
    zone: str | None = None,
) -> FileReport:
    """Check one statement; the stage is inferred (with the reason) when not given.

    Findings that can be fixed mechanically carry their replacements; `zone` (from the incident
    record) is the zone a bare time is given, else `[check.fix] zone`.
    """
    lowercase.forget()
    doc = parse(text, fmt)
    if stage is None:
        guess = infer_stage(doc.text)
    else:
        guess = StageGuess(stage=Stage(stage), reason="given")
    chan = Channel(channel) if channel is not None else None
    profile = profile or (config.profile if config else None)
    prof = load_profile(profile) if profile else None
    extra = dict(config.phrases) if config else {}
    ctx = Context(stage=guess.stage, channel=chan, locale=locale, extra=extra)
    if config is not None:
        ctx.grade_max = config.readability.grade_max
        ctx.sentence_words_max = config.readability.sentence_words_max
    if prof is not None:
        opts = prof.options
        ctx.next_update_max_hours = (
            opts.next_update_max_hours
            if guess.stage is Stage.ACKNOWLEDGE
            else opts.next_update_max_hours_after_24h or opts.next_update_max_hours
        )
    config_json = config.model_dump_json() if config else ""
    rules = _rules_for(config_json, profile)
    findings: list[Finding] = []
    fix_opts: fix.FixOptions | None = None  # built at the first fixable finding
    for rule in _applying(config_json, profile, guess.stage, chan):
        if rule.require is not None:
            msg = rule.require(doc, ctx)
            if msg is None or doc.suppressed(rule.id, None):
                continue
            message = rule.message if not msg or (prof and rule.id in prof.by_rule()) else msg
            finding = _finding(rule, path, 1, 1, message)
            if rule.id == "when":
                fix_opts = fix_opts or _fix_options(config, zone)
                finding.replacements = fix.zones(doc, fix_opts)
            findings.append(finding)
        elif rule.forbid is not None:
            seen: set[int] = set()
            for start, end, note in rule.forbid(doc, ctx):
                if start in seen or doc.suppressed(rule.id, start):
                    continue
                seen.add(start)
                line, col = doc.position(start)
                finding = _finding(rule, path, line, col, f"{rule.message}: {note!r}")
                if rule.id in _FIXERS:
                    fix_opts = fix_opts or _fix_options(config, zone)
                    finding.replacements = _FIXERS[rule.id](doc, start, end, locale, fix_opts)
                findings.append(finding)
    withheld: list[Withheld] = []
    if config is None or config.learned:
        read_as = learned.Grams(doc.text)  # read once for both readings
        findings, withheld = _withhold(doc, findings, guess.stage, locale, prof, read_as)
        findings.extend(_learned(doc, rules, findings, guess.stage, chan, locale, path, read_as))
    findings.sort(key=lambda f: (f.line, f.column, f.rule))
    from amends.check.readability import grade

    g, n_words, _ = grade(doc)
    return FileReport(
        path=path,
        stage=guess.stage,
        stage_reason=guess.reason,
        channel=chan,
        locale=locale,
        score=score(findings),
        findings=findings,
        withheld=withheld,
        words=n_words,
        grade=g if n_words else None,
    )


_FIXERS = {
    "generic-apology": fix.generic_apology,
    "placeholder": fix.placeholder,
    "jargon": fix.jargon,
}


def _fix_options(config: CheckConfig | None, zone: str | None) -> fix.FixOptions:
    """The record's zone, else the configured one (an IANA name becomes today's abbreviation)."""
    cfg = config.fix if config is not None else None
    chosen = zone or (cfg.zone if cfg else None)
    if chosen and "/" in chosen:
        chosen = fix.zone_of(chosen, datetime.now(UTC))
    return fix.FixOptions(
        zone=chosen,
        values=tuple(cfg.values.items()) if cfg else (),
        glossary=tuple(cfg.glossary.items()) if cfg else (),
    )


def _learned(
    doc: Doc,
    rules: list[Rule],
    found: list[Finding],
    stage: Stage,
    chan: Channel | None,
    locale: str,
    path: str,
    read_as: learned.Grams,
) -> list[Finding]:
    """The learned reading's warnings for enabled rules the patterns did not fire."""
    fired = {f.rule for f in found}
    covered = learned.model().rules
    wanted = {
        r.id: r for r in rules if r.id in covered and r.id not in fired and r.applies(stage, chan)
    }
    if not wanted:
        return []
    out = []
    for reading in learned.read(doc.text, str(stage), locale, list(wanted), read_as):
        rule = wanted[reading.rule]
        if doc.suppressed(rule.id, reading.start):
            continue
        line, col = doc.position(reading.start)
        words = ", ".join(repr(learned.shown(w)) for w in reading.evidence) or "the statement"
        # a required element's pattern did match: the statement only reads like those that lack it
        why = (
            "a pattern found one, but it reads like the statements without"
            if rule.require is not None
            else "no pattern matched"
        )
        message = (
            f"{rule.message} (a learned reading, {reading.score:.0%} likely: {words}; "
            f"{why}, so read it and judge)"
        )
        finding = _finding(rule, path, line, col, message)
        finding.severity = Severity.WARNING
        out.append(finding)
    return out


def _withhold(
    doc: Doc,
    findings: list[Finding],
    stage: Stage,
    locale: str,
    prof: Profile | None,
    read_as: learned.Grams,
) -> tuple[list[Finding], list[Withheld]]:
    """The findings without the missing-element errors the learned reading holds back, and those.

    An element a profile requires is never held back: a regulator's list is not read by guess.
    """
    named = set(prof.by_rule()) if prof is not None else set()
    covered = learned.absence().rules
    missing = [f.rule for f in findings if f.rule in covered and f.rule not in named]
    if not missing:
        return findings, []
    readings = {r.rule: r for r in learned.held(doc.text, str(stage), locale, missing, read_as)}
    if not readings:
        return findings, []
    kept = [f for f in findings if f.rule not in readings]
    held = [
        Withheld(
            rule=r.rule, score=round(r.score, 4), evidence=[learned.shown(w) for w in r.evidence]
        )
        for r in readings.values()
    ]
    return kept, held


def _finding(rule: Rule, path: str, line: int, col: int, message: str) -> Finding:
    return Finding(
        path=path,
        line=line,
        column=col,
        rule=rule.id,
        severity=rule.severity,
        message=message,
        suggestion=rule.suggestion,
        citation=rule.citation,
    )


def check_example(rule_id: str, example: Example) -> set[str]:
    """The rule ids that fire on a catalogue example (used by the tests and the catalogue)."""
    report = check_text(example.text, stage=example.stage, fmt=example.fmt, channel=example.channel)
    return report.rule_ids()
